// kokoactl prints host-key errors with the option that resolves them; the
// layers below keep the fingerprint as data and leave the wording to it.
#include "cli/CliContext.h"
#include "ssh/HostKeyCheck.h"

#include <QTest>

using namespace kokoa;

class TestCliErrorText final : public QObject
{
    Q_OBJECT

private slots:
    void firstContactNamesTheAcceptOption()
    {
        const QString fp = QStringLiteral("SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        const Error e(Error::Kind::HostKey,
                      QStringLiteral("root@192.0.2.1:22: first connection; the host key "
                                     "fingerprint is %1. Compare it with the server's (ssh-keygen "
                                     "-lf /etc/ssh/ssh_host_ed25519_key.pub)")
                          .arg(fp),
                      QString::fromLatin1(hostKeyField::unknown), fp);
        QCOMPARE(cli::CliContext::describe(e), e.message() +
                                                   QStringLiteral(" and accept it with "
                                                                  "--accept-host-key ") +
                                                   fp);
    }

    void changedKeyNamesTheRepinCommand()
    {
        const QString fp = QStringLiteral("SHA256:abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        const Error e(Error::Kind::HostKey,
                      QStringLiteral("edge tokyo-1: the SSH host key CHANGED (pinned X, offered "
                                     "%1). Kokoa refuses to work with this host: someone may be "
                                     "intercepting the connection. If the server was reinstalled, "
                                     "check the new key on it and repin it.")
                          .arg(fp),
                      QString::fromLatin1(hostKeyField::changed), fp);
        QString expected = e.message();
        expected.chop(1);
        expected += QStringLiteral(" (kokoactl edge|origin repin NAME --accept-host-key ") + fp +
                    QStringLiteral(").");
        QCOMPARE(cli::CliContext::describe(e), expected);
    }

    void unpinnedHostNamesTheConnectCommand()
    {
        const Error e(Error::Kind::HostKey, QStringLiteral("edge a: not pinned yet"),
                      QString::fromLatin1(hostKeyField::notPinned));
        QCOMPARE(cli::CliContext::describe(e),
                 QStringLiteral("edge a: not pinned yet (kokoactl edge|origin connect NAME)"));
    }

    void otherErrorsAreTheirMessage()
    {
        const Error mismatch(Error::Kind::HostKey, QStringLiteral("not the one you accepted"),
                             QString::fromLatin1(hostKeyField::notAccepted),
                             QStringLiteral("SHA256:x"));
        QCOMPARE(cli::CliContext::describe(mismatch), mismatch.message());
        const Error unknownNoValue(Error::Kind::HostKey, QStringLiteral("unknown key"),
                                   QString::fromLatin1(hostKeyField::unknown));
        QCOMPARE(cli::CliContext::describe(unknownNoValue), unknownNoValue.message());
        const Error invalid = Error::invalid(QStringLiteral("port"), QStringLiteral("99999"),
                                             QStringLiteral("must be 1..65535"));
        QCOMPARE(invalid.value(), QStringLiteral("99999"));
        QCOMPARE(invalid.prefixed(QStringLiteral("route add")).value(), QStringLiteral("99999"));
        QCOMPARE(cli::CliContext::describe(invalid), invalid.message());
    }
};

QTEST_GUILESS_MAIN(TestCliErrorText)
#include "tst_cli_error_text.moc"
