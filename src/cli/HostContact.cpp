#include "cli/HostContact.h"

#include "ssh/SshIdentity.h"
#include "ssh/SshSession.h"
#include "validate/Validator.h"

#include <QFile>

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
    const Result<SshIdentity> kokoaKey = SshIdentity::loadOrCreate(context.dataDir());
    if (!kokoaKey)
        return kokoaKey.error();

    SshSession::Options first;
    first.target = target;
    first.hostKey.pinned = pinned;
    if (parser.isSet(QStringLiteral("accept-host-key"))) {
        const Result<QString> fp = Validator::hostKeyFingerprint(
            QStringLiteral("accept-host-key"), parser.value(QStringLiteral("accept-host-key")));
        if (!fp)
            return fp.error();
        first.hostKey.acceptFingerprint = *fp;
    }
    first.hostKey.trustOnFirstUse = parser.isSet(QStringLiteral("trust-on-first-use"));
    first.identityFile = parser.isSet(QStringLiteral("identity"))
                             ? parser.value(QStringLiteral("identity"))
                             : kokoaKey->privateKeyFile();
    if (parser.isSet(QStringLiteral("password-stdin"))) {
        Result<QString> password = readPasswordFromStdin();
        if (!password)
            return password.error();
        first.password = *password;
        if (!parser.isSet(QStringLiteral("identity")))
            first.identityFile.clear();
    }

    QString fingerprint;
    {
        Result<std::unique_ptr<SshSession>> session = SshSession::connect(first);
        if (!session)
            return session.error();
        fingerprint = (*session)->hostKeyFingerprint();
        if (first.identityFile != kokoaKey->privateKeyFile()) {
            if (Status s = (*session)->installAuthorizedKey(kokoaKey->publicKeyLine()); !s)
                return s.error();
        }
    }
    // From now on Kokoa logs in with its own key only: prove that works.
    SshSession::Options check;
    check.target = target;
    check.identityFile = kokoaKey->privateKeyFile();
    check.hostKey.pinned = fingerprint;
    if (Result<std::unique_ptr<SshSession>> again = SshSession::connect(check); !again)
        return again.error();
    return fingerprint;
}

} // namespace kokoa::cli
