#include "cli/HostContact.h"

#include "app/HostOnboarding.h"
#include "validate/Validator.h"

#include <QFile>

#include <optional>

namespace kokoa::cli {
namespace {

Result<QString> readPasswordFromStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return Error(Error::Kind::InvalidInput,
                     HostContact::tr("password-stdin: cannot read stdin"),
                     QStringLiteral("password-stdin"));
    QByteArray line = in.readLine(4096);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty()) {
        return Error(Error::Kind::InvalidInput,
                     HostContact::tr("password-stdin: no password on standard input"),
                     QStringLiteral("password-stdin"));
    }
    return QString::fromUtf8(line);
}

} // namespace

void HostContact::addOptions(QCommandLineParser &parser)
{
    parser.addOption(
        QCommandLineOption(QStringLiteral("identity"), QString(), QStringLiteral("file")));
    parser.addOption(QCommandLineOption(QStringLiteral("accept-host-key"), QString(),
                                        QStringLiteral("fingerprint")));
    parser.addOption(QCommandLineOption(QStringLiteral("trust-on-first-use")));
    parser.addOption(QCommandLineOption(QStringLiteral("password-stdin")));
}

bool HostContact::requested(const QCommandLineParser &parser)
{
    for (const char *option :
         {"identity", "accept-host-key", "trust-on-first-use", "password-stdin"}) {
        if (parser.isSet(QString::fromLatin1(option)))
            return true;
    }
    return false;
}

Result<QString> HostContact::establish(CliContext &context, const SshTarget &target,
                                       const QCommandLineParser &parser, const QString &pinned)
{
    QString accepted;
    if (parser.isSet(QStringLiteral("accept-host-key"))) {
        const Result<QString> fp = Validator::hostKeyFingerprint(
            QStringLiteral("accept-host-key"), parser.value(QStringLiteral("accept-host-key")));
        if (!fp)
            return fp.error();
        accepted = *fp;
    }
    const bool trustOnFirstUse = parser.isSet(QStringLiteral("trust-on-first-use"));

    app::HostOnboarding::Request request;
    request.target = target;
    request.pinned = pinned;
    if (parser.isSet(QStringLiteral("identity")))
        request.identityFile = parser.value(QStringLiteral("identity"));
    if (parser.isSet(QStringLiteral("password-stdin"))) {
        Result<QString> password = readPasswordFromStdin();
        if (!password)
            return password.error();
        request.password = *password;
    }
    // The options answer the host-key question: a new key on first contact
    // only, never one that replaces a pin (that is `repin`).
    std::optional<HostKeyQuestion> mismatch;
    request.decideHostKey = [&](const HostKeyQuestion &q) {
        if (q.replacesPinned())
            return HostKeyDecision::Refuse;
        if (!accepted.isEmpty()) {
            if (q.fingerprint == accepted)
                return HostKeyDecision::Accept;
            mismatch = q;
            return HostKeyDecision::Refuse;
        }
        return trustOnFirstUse ? HostKeyDecision::Accept : HostKeyDecision::Refuse;
    };

    const Result<app::HostOnboarding::Outcome> outcome =
        app::HostOnboarding(context.dataDir()).establish(request);
    if (!outcome) {
        if (mismatch) {
            return Error(Error::Kind::HostKey,
                         tr("%1: the host key is %2, not the %3 you accepted; nothing was done")
                             .arg(mismatch->target, mismatch->fingerprint, accepted),
                         QString::fromLatin1(hostKeyField::notAccepted), mismatch->fingerprint);
        }
        return outcome.error();
    }
    return outcome->fingerprint;
}

} // namespace kokoa::cli
