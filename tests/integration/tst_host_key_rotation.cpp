// The host-key staging script run for real (sh, ssh-keygen) on this machine,
// in a temporary directory: what a new edge runs before its key is pinned.
#include "app/HostKeyRotation.h"
#include "cloud/GeneratedHostKey.h"
#include "ssh/RemoteShell.h"
#include "ssh/SshSession.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kokoa;
using namespace Qt::StringLiterals;

namespace {

// Runs argv here, as the remote shell would there (no sudo: the paths are
// ours), after the check SshSession makes of every command it sends. With
// `dryRun` it only records the command.
class LocalShell final : public RemoteShell
{
public:
    bool dryRun = false;
    QList<QStringList> commands;

    QString where() const override { return u"local"_s; }
    Result<ExecResult> exec(const QStringList &argv, const QByteArray &in, int timeoutMs,
                            const std::atomic_bool *, bool, qsizetype) override
    {
        if (Result<QString> line = SshSession::commandLine(argv); !line)
            return line.error();
        commands.append(argv);
        if (dryRun)
            return ExecResult{0, {}, {}};
        QProcess p;
        p.start(argv.first(), argv.mid(1));
        p.write(in);
        p.closeWriteChannel();
        if (!p.waitForFinished(timeoutMs))
            return Error(Error::Kind::Timeout, u"timed out"_s);
        return ExecResult{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }
    Status upload(const QString &, const QByteArray &, int) override { return {}; }
    Result<std::optional<QByteArray>> download(const QString &) override
    {
        return std::optional<QByteArray>();
    }
};

} // namespace

class TestHostKeyRotation : public QObject
{
    Q_OBJECT

private slots:
    void stagingMakesAKeyOnceAndReportsItsFingerprint();
    void installSendsACommandSshCanCarry();
};

void TestHostKeyRotation::stagingMakesAKeyOnceAndReportsItsFingerprint()
{
    const QString keygen = QStandardPaths::findExecutable(u"ssh-keygen"_s);
    if (keygen.isEmpty())
        QFAIL("ssh-keygen is missing: installer/install-deps.sh installs it (openssh-client)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString staged = dir.filePath(u"ssh_host_ed25519_key.kokoa-new"_s);
    LocalShell shell;
    const Result<QString> first = app::HostKeyRotation::stage(shell, staged);
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message()));
    QVERIFY(first->startsWith(u"SHA256:"_s));
    QVERIFY(QFile::exists(staged));
    QFile pub(staged + u".pub"_s);
    QVERIFY(pub.open(QIODevice::ReadOnly));
    QCOMPARE(GeneratedHostKey::fingerprintOf(QString::fromLatin1(pub.readAll())), *first);
    pub.close();
    // OpenSSH agrees on the fingerprint of the key it made.
    QProcess fp;
    fp.start(keygen, {u"-l"_s, u"-E"_s, u"sha256"_s, u"-f"_s, staged + u".pub"_s});
    QVERIFY(fp.waitForFinished(30'000));
    QCOMPARE(QString::fromLatin1(fp.readAll()).section(u' ', 1, 1), *first);

    // Staging again (a rerun after a crash) keeps the staged key.
    const Result<QString> again = app::HostKeyRotation::stage(shell, staged);
    QVERIFY(again.ok());
    QCOMPARE(*again, *first);
    // Once it was installed (moved away), staging makes a new one.
    QVERIFY(QFile::remove(staged));
    QVERIFY(QFile::remove(staged + u".pub"_s));
    const Result<QString> fresh = app::HostKeyRotation::stage(shell, staged);
    QVERIFY(fresh.ok());
    QVERIFY(*fresh != *first);
}

void TestHostKeyRotation::installSendsACommandSshCanCarry()
{
    LocalShell shell;
    shell.dryRun = true;
    const Status installed = app::HostKeyRotation::install(shell);
    QVERIFY2(installed.ok(), qPrintable(installed.ok() ? QString() : installed.error().message()));
    QCOMPARE(shell.commands.size(), 1);
}

QTEST_GUILESS_MAIN(TestHostKeyRotation)
#include "tst_host_key_rotation.moc"
