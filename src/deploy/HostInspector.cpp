#include "deploy/HostFacts.h"

#include <QRegularExpression>

namespace kokoa {
namespace {

QString osReleaseValue(const QString &text, const QString &key)
{
    const QRegularExpression line(QStringLiteral("^%1=\"?([^\"\\n]*)\"?$").arg(key),
                                  QRegularExpression::MultilineOption);
    return line.match(text).captured(1);
}

constexpr int installTimeoutMs = 15 * 60 * 1000;

// os-release(5): ID and ID_LIKE entries are lower-case letters, digits, '.',
// '_' and '-'; VERSION_ID adds upper case and '~'. A host may send anything
// (a compromised one, terminal escapes included): what does not fit is
// never shown raw, nor stored, nor logged.
bool fitsOsRelease(const QString &value, bool version)
{
    static const QRegularExpression id(QStringLiteral("^[a-z0-9._-]{1,64}$"));
    static const QRegularExpression versionId(QStringLiteral("^[a-zA-Z0-9._~-]{1,64}$"));
    return (version ? versionId : id).match(value).hasMatch();
}

} // namespace

Result<HostFacts> HostInspector::inspect(RemoteShell &shell, const QStringList &packages)
{
    HostFacts facts;
    const Result<ExecResult> release =
        shell.run({QStringLiteral("cat"), QStringLiteral("/etc/os-release")});
    if (!release)
        return release.error();
    const QString text = QString::fromUtf8(release->standardOutput);
    const QString id = osReleaseValue(text, QStringLiteral("ID"));
    if (!id.isEmpty() && !fitsOsRelease(id, false)) {
        return Error(Error::Kind::Remote,
                     tr("%1: /etc/os-release has an invalid ID %2 (lower-case letters, digits, "
                        "'.', '_' and '-' only); Kokoa manages Debian and Ubuntu hosts only")
                         .arg(shell.where(), quoteForMessage(id)));
    }
    facts.osId = id;
    const QString version = osReleaseValue(text, QStringLiteral("VERSION_ID"));
    // A strange version does not stop a deployment; it is just not believed.
    facts.osVersion = fitsOsRelease(version, true) ? version : tr("unknown version");
    const QString like = osReleaseValue(text, QStringLiteral("ID_LIKE"));
    const bool supported = facts.osId == QLatin1String("debian") ||
                           facts.osId == QLatin1String("ubuntu") ||
                           like.split(QLatin1Char(' ')).contains(QLatin1String("debian"));
    if (!supported) {
        return Error(
            Error::Kind::Remote,
            tr("%1 runs %2, but Kokoa manages Debian and Ubuntu hosts only")
                .arg(shell.where(), facts.osId.isEmpty() ? tr("an unknown system") : facts.osId));
    }
    const Result<ExecResult> systemd = shell.exec(
        {QStringLiteral("test"), QStringLiteral("-d"), QStringLiteral("/run/systemd/system")});
    if (!systemd)
        return systemd.error();
    facts.systemd = systemd->exitCode == 0;

    if (!packages.isEmpty()) {
        // Exit status is 1 when any package is unknown: read the output instead.
        const Result<ExecResult> installed =
            shell.exec(QStringList{QStringLiteral("dpkg-query"), QStringLiteral("-W"),
                                   QStringLiteral("-f=${Package} ${db:Status-Abbrev}\\n")} +
                       packages);
        if (!installed)
            return installed.error();
        QStringList present;
        for (const QString &l : QString::fromUtf8(installed->standardOutput).split(u'\n')) {
            const QStringList parts = l.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            if (parts.size() >= 2 && parts.at(1).startsWith(QLatin1String("ii")))
                present.append(parts.at(0).section(QLatin1Char(':'), 0, 0));
        }
        for (const QString &p : packages) {
            if (!present.contains(p))
                facts.missingPackages.append(p);
        }
    }
    return facts;
}

Status HostInspector::installPackages(RemoteShell &shell, const QStringList &packages,
                                      const std::atomic_bool *cancel)
{
    if (packages.isEmpty())
        return {};
    const QStringList install = QStringList{QStringLiteral("env"),
                                            QStringLiteral("DEBIAN_FRONTEND=noninteractive"),
                                            QStringLiteral("apt-get"),
                                            QStringLiteral("-q"),
                                            QStringLiteral("-y"),
                                            QStringLiteral("install"),
                                            QStringLiteral("--no-install-recommends")} +
                                packages;
    const Result<ExecResult> first = shell.run(install, {}, installTimeoutMs, cancel);
    if (first)
        return {};
    // Stale package lists are worth a retry; a cancel or a timeout is not.
    if (first.error().kind() == Error::Kind::Cancelled ||
        first.error().kind() == Error::Kind::Timeout)
        return first.error();
    // A fresh VPS often has no package lists yet.
    if (Result<ExecResult> update =
            shell.run({QStringLiteral("apt-get"), QStringLiteral("-q"), QStringLiteral("update")},
                      {}, installTimeoutMs, cancel);
        !update) {
        return update.error();
    }
    const Result<ExecResult> retried = shell.run(install, {}, installTimeoutMs, cancel);
    if (!retried)
        return retried.error();
    return {};
}

} // namespace kokoa
