#include "SshdFixture.h"
#include "ssh/SshIdentity.h"
#include "ssh/SshSession.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace kokoa;

class TestSsh : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void unknownHostKeyIsRefusedWithItsFingerprint();
    void acceptedFingerprintMustMatch();
    void keyAuthentication();
    void wrongKeyIsRefused();
    void passwordOnceInstallsKokoasKey();
    void execReportsExitCodeOutputAndErrors();
    void argumentsAreNeverInterpretedByTheShell();
    void execTimesOut();
    void execCanBeCancelled();
    void endlessOutputIsCutOff();
    void largeOutputStaysBounded();
    void uploadToAStoppedServerFailsWithinItsDeadline();
    void execOnAStoppedServerTimesOut();
    void uploadIsAtomicAndSetsTheMode();
    void nonRootUserWritesThroughSudo();
    void downloadTellsMissingFromEmpty();
    void killedSshdLeavesNoPartialFile();
    void changedHostKeyStopsAllWork();
    void serverWordsInErrorsCarryNoControls();

private:
    SshSession::Options rootOptions() const;
    std::unique_ptr<SshSession> connectRoot();

    std::unique_ptr<SshdFixture> m_sshd;
    QTemporaryDir m_work;
};

void TestSsh::initTestCase()
{
    QString why;
    m_sshd = SshdFixture::start(&why);
    if (!m_sshd)
        QSKIP(qPrintable(why));
}

void TestSsh::cleanupTestCase()
{
    m_sshd.reset();
}

SshSession::Options TestSsh::rootOptions() const
{
    SshSession::Options o;
    o.target.user = QStringLiteral("root");
    o.target.host = QStringLiteral("127.0.0.1");
    o.target.port = m_sshd->port();
    o.identityFile = m_sshd->clientKey();
    o.hostKey.pinned = m_sshd->hostKeyFingerprint();
    return o;
}

std::unique_ptr<SshSession> TestSsh::connectRoot()
{
    auto s = SshSession::connect(rootOptions());
    if (!s)
        qWarning() << s.error().message();
    return s ? std::move(s).value() : nullptr;
}

void TestSsh::unknownHostKeyIsRefusedWithItsFingerprint()
{
    SshSession::Options o = rootOptions();
    o.hostKey = {};
    const auto s = SshSession::connect(o);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind(), Error::Kind::HostKey);
    QVERIFY2(s.error().message().contains(m_sshd->hostKeyFingerprint()),
             qPrintable(s.error().message()));
    // The fingerprint is data for the shell to show; the message names no
    // command-line option (that is the shell's to add).
    QCOMPARE(s.error().value(), m_sshd->hostKeyFingerprint());
    QCOMPARE(s.error().field(), QString::fromLatin1(hostKeyField::unknown));
    QVERIFY2(!s.error().message().contains(QStringLiteral("--")), qPrintable(s.error().message()));

    o.hostKey.trustOnFirstUse = true;
    const auto tofu = SshSession::connect(o);
    QVERIFY(tofu.ok());
    QCOMPARE((*tofu)->hostKeyFingerprint(), m_sshd->hostKeyFingerprint());
}

void TestSsh::acceptedFingerprintMustMatch()
{
    SshSession::Options o = rootOptions();
    o.hostKey = {};
    o.hostKey.acceptFingerprint =
        QStringLiteral("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const auto wrong = SshSession::connect(o);
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().kind(), Error::Kind::HostKey);
    o.hostKey.acceptFingerprint = m_sshd->hostKeyFingerprint();
    QVERIFY(SshSession::connect(o).ok());
}

void TestSsh::keyAuthentication()
{
    auto s = connectRoot();
    QVERIFY(s);
    const auto r = s->exec({QStringLiteral("id"), QStringLiteral("-u")});
    QVERIFY(r.ok());
    QCOMPARE(r->standardOutput.trimmed(), QByteArray("0"));
}

void TestSsh::wrongKeyIsRefused()
{
    QTemporaryDir dir;
    const auto identity = SshIdentity::loadOrCreate(dir.path());
    QVERIFY(identity.ok());
    SshSession::Options o = rootOptions();
    o.identityFile = identity->privateKeyFile();
    const auto s = SshSession::connect(o);
    QVERIFY(!s.ok());
    QVERIFY(s.error().message().contains(QStringLiteral("refused the key")));
}

void TestSsh::passwordOnceInstallsKokoasKey()
{
    QTemporaryDir data;
    const auto identity = SshIdentity::loadOrCreate(data.path());
    QVERIFY(identity.ok());
    QCOMPARE(QFileInfo(identity->privateKeyFile()).permissions() & 0x0077,
             QFileDevice::Permissions());
    QVERIFY(identity->publicKeyLine().startsWith(QStringLiteral("ssh-ed25519 ")));
    // Loading again gives the same key.
    QCOMPARE(SshIdentity::loadOrCreate(data.path())->publicKeyLine(), identity->publicKeyLine());

    SshSession::Options o = rootOptions();
    o.target.user = QString::fromLatin1(SshdFixture::testUser);
    o.identityFile = identity->privateKeyFile();
    QVERIFY(!SshSession::connect(o).ok()); // key not installed yet

    SshSession::Options withPassword = o;
    withPassword.identityFile.clear();
    withPassword.password = QStringLiteral("wrong");
    QVERIFY(!SshSession::connect(withPassword).ok());
    withPassword.password = QString::fromLatin1(SshdFixture::testPassword);
    {
        auto s = SshSession::connect(withPassword);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message()));
        QVERIFY((*s)->installAuthorizedKey(identity->publicKeyLine()).ok());
        QVERIFY((*s)->installAuthorizedKey(identity->publicKeyLine()).ok()); // idempotent
    }
    auto s = SshSession::connect(o);
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message()));
    const auto keys = (*s)->exec({QStringLiteral("cat"), QStringLiteral(".ssh/authorized_keys")},
                                 {}, 10000, nullptr, false);
    QCOMPARE(keys->standardOutput.count(identity->publicKeyLine().toLatin1()), 1);
}

void TestSsh::execReportsExitCodeOutputAndErrors()
{
    auto s = connectRoot();
    QVERIFY(s);
    const auto r = s->exec(
        {QStringLiteral("sh"), QStringLiteral("-c"), QStringLiteral("cat; echo oops >&2; exit 7")},
        QByteArray("hello from stdin"));
    QVERIFY(r.ok());
    QCOMPARE(r->exitCode, 7);
    QCOMPARE(r->standardOutput, QByteArray("hello from stdin"));
    QCOMPARE(r->standardError, QByteArray("oops\n"));
    const auto failed = s->run({QStringLiteral("false")});
    QVERIFY(!failed.ok());
    QVERIFY(failed.error().message().contains(QStringLiteral("exited with status 1")));
    // Large output arrives whole.
    const auto big = s->exec({QStringLiteral("head"), QStringLiteral("-c"),
                              QStringLiteral("3000000"), QStringLiteral("/dev/zero")});
    QCOMPARE(big->standardOutput.size(), 3000000);
}

void TestSsh::argumentsAreNeverInterpretedByTheShell()
{
    auto s = connectRoot();
    const QString marker = m_work.filePath(QStringLiteral("pwned"));
    const QString hostile =
        QStringLiteral("x'; touch ") + marker + QStringLiteral("; echo '$(id)`id`");
    const auto r = s->exec({QStringLiteral("printf"), QStringLiteral("%s"), hostile});
    QVERIFY(r.ok());
    QCOMPARE(QString::fromUtf8(r->standardOutput), hostile);
    QVERIFY(!QFile::exists(marker));
    QVERIFY(!s->exec({QStringLiteral("echo"), QStringLiteral("a\nb")}).ok());
}

void TestSsh::execTimesOut()
{
    auto s = connectRoot();
    const auto r = s->exec({QStringLiteral("sleep"), QStringLiteral("30")}, {}, 500);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind(), Error::Kind::Timeout);
    // The session stays usable.
    QVERIFY(s->exec({QStringLiteral("true")}).ok());
}

void TestSsh::execCanBeCancelled()
{
    auto s = connectRoot();
    std::atomic_bool cancel = false;
    std::thread canceller([&cancel] {
        QThread::msleep(300); // the user presses Cancel a moment later
        cancel = true;
    });
    const auto r = s->exec({QStringLiteral("sleep"), QStringLiteral("30")}, {}, 60000, &cancel);
    canceller.join();
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind(), Error::Kind::Cancelled);
}

namespace {

// The process's peak resident memory (VmHWM) in bytes.
qint64 peakMemory()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

} // namespace

// Regression test: a host that streams without end (`yes`) grew the control
// plane until it ran out of memory.
void TestSsh::endlessOutputIsCutOff()
{
    auto s = connectRoot();
    QVERIFY(s);
    QDeadlineTimer bound(30000);
    const auto r = s->exec({QStringLiteral("yes")}, {}, 60000, nullptr, true, 1024 * 1024);
    QVERIFY(!bound.hasExpired());
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind(), Error::Kind::Remote);
    QVERIFY2(r.error().message().contains(QStringLiteral("more than 1048576 bytes of output")),
             qPrintable(r.error().message()));
    // Only the channel was closed: the session goes on.
    const auto after = s->exec({QStringLiteral("echo"), QStringLiteral("still here")});
    QVERIFY(after.ok());
    QCOMPARE(after->standardOutput, QByteArray("still here\n"));
}

void TestSsh::largeOutputStaysBounded()
{
    auto s = connectRoot();
    QVERIFY(s);
    const qint64 before = peakMemory();
    QVERIFY(before > 0);
    // 256 MB on stdout, with the default limit.
    const auto r = s->exec({QStringLiteral("head"), QStringLiteral("-c"),
                            QStringLiteral("268435456"), QStringLiteral("/dev/zero")});
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message().contains(QStringLiteral("bytes of output")),
             qPrintable(r.error().message()));
    const qint64 grown = peakMemory() - before;
    QVERIFY2(grown < 64 * 1024 * 1024,
             qPrintable(QStringLiteral("peak memory grew by %1 bytes").arg(grown)));
    // A download (configuration files) may be larger than a command's output.
    const QString file = m_work.filePath(QStringLiteral("six-megabytes"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(6 * 1024 * 1024, 'x'));
    f.close();
    const auto back = s->download(file);
    QVERIFY(back.ok() && back->has_value());
    QCOMPARE((*back)->size(), 6 * 1024 * 1024);
}

// Regression test: a host that stopped answering mid-upload blocked the
// upload (and deploy) forever.
void TestSsh::uploadToAStoppedServerFailsWithinItsDeadline()
{
    const QString target = m_work.filePath(QStringLiteral("stalled.conf"));
    SshSession::Options o = rootOptions();
    o.uploadTimeoutMs = 8000;
    o.uploadStallMs = 3000;
    auto connected = SshSession::connect(o);
    QVERIFY(connected.ok());
    std::unique_ptr<SshSession> s = std::move(connected).value();
    QVERIFY(s->upload(target, QByteArray("live content\n"), 0644).ok());

    const QByteArray payload(256 * 1024 * 1024, 's');
    Status result;
    std::atomic_bool done = false;
    QElapsedTimer elapsed;
    std::thread uploader([&] {
        result = s->upload(target, payload, 0644);
        done = true;
    });
    // Whatever happens below, the server runs again and the thread ends.
    const auto resume = qScopeGuard([&] {
        m_sshd->signalAll(SIGCONT);
        if (!done)
            m_sshd->killAll(); // unblocks an upload without a deadline
        uploader.join();
    });
    const QString staged = target + QStringLiteral(".kokoa-new");
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(staged).size() > 0 || done, 30000);
    QVERIFY2(!done, "the upload finished before the server could be stopped");
    m_sshd->signalAll(SIGSTOP);
    elapsed.start();
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    QVERIFY2(elapsed.elapsed() < 10000, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), Error::Kind::Timeout);
    QVERIFY2(result.error().message().contains(QStringLiteral("no progress for 3 s")),
             qPrintable(result.error().message()));
    QFile f(target);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("live content\n"));
}

// A server that stops answering while a command is started, fed or read
// must not block the call beyond its timeout.
void TestSsh::execOnAStoppedServerTimesOut()
{
    auto s = connectRoot();
    QVERIFY(s);
    Result<ExecResult> result = Error(Error::Kind::Internal, QStringLiteral("not run"));
    std::atomic_bool done = false;
    m_sshd->signalAll(SIGSTOP);
    QElapsedTimer elapsed;
    elapsed.start();
    std::thread runner([&] {
        result = s->exec({QStringLiteral("cat")}, QByteArray(4 * 1024 * 1024, 'i'), 2000);
        done = true;
    });
    const auto resume = qScopeGuard([&] {
        m_sshd->signalAll(SIGCONT);
        if (!done)
            m_sshd->killAll();
        runner.join();
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QVERIFY2(elapsed.elapsed() < 8000, qPrintable(QString::number(elapsed.elapsed())));
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind(), Error::Kind::Timeout);
}

void TestSsh::uploadIsAtomicAndSetsTheMode()
{
    auto s = connectRoot();
    const QString target = m_work.filePath(QStringLiteral("conf/app.conf"));
    QDir().mkpath(QFileInfo(target).absolutePath());
    QVERIFY(s->upload(target, QByteArray("first\n"), 0600).ok());
    QFile f(target);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("first\n"));
    f.close();
    QCOMPARE(QFileInfo(target).permissions() & 0x0077, QFileDevice::Permissions());
    QVERIFY(s->upload(target, QByteArray("second\n"), 0644).ok());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("second\n"));
    QVERIFY(!QFile::exists(target + QStringLiteral(".kokoa-new")));
    QVERIFY(!s->upload(QStringLiteral("relative/path"), QByteArray("x"), 0644).ok());
}

void TestSsh::nonRootUserWritesThroughSudo()
{
    if (!QFile::exists(QStringLiteral("/usr/bin/sudo")))
        QFAIL("sudo is not installed; installer/install-deps.sh installs it");
    QTemporaryDir data;
    const auto identity = SshIdentity::loadOrCreate(data.path());
    SshSession::Options o = rootOptions();
    o.target.user = QString::fromLatin1(SshdFixture::testUser);
    o.identityFile.clear();
    o.password = QString::fromLatin1(SshdFixture::testPassword);
    auto s = SshSession::connect(o);
    QVERIFY(s.ok());
    QVERIFY(!(*s)->isRoot());
    const auto who = (*s)->exec({QStringLiteral("id"), QStringLiteral("-u")});
    QVERIFY2(who.ok() && who->exitCode == 0, who.ok() ? who->standardError.constData() : "");
    QCOMPARE(who->standardOutput.trimmed(), QByteArray("0"));
    const QString target = m_work.filePath(QStringLiteral("root-only.conf"));
    QVERIFY((*s)->upload(target, QByteArray("via sudo\n"), 0640).ok());
    QCOMPARE(QFileInfo(target).ownerId(), uint(0));
    const auto back = (*s)->download(target);
    QVERIFY(back.ok() && back->has_value());
    QCOMPARE(**back, QByteArray("via sudo\n"));
}

void TestSsh::downloadTellsMissingFromEmpty()
{
    auto s = connectRoot();
    const QString empty = m_work.filePath(QStringLiteral("empty"));
    QFile(empty).open(QIODevice::WriteOnly);
    const auto e = s->download(empty);
    QVERIFY(e.ok() && e->has_value() && (*e)->isEmpty());
    const auto m = s->download(m_work.filePath(QStringLiteral("missing")));
    QVERIFY(m.ok() && !m->has_value());
}

void TestSsh::killedSshdLeavesNoPartialFile()
{
    const QString target = m_work.filePath(QStringLiteral("big.bin"));
    {
        auto s = connectRoot();
        QVERIFY(s->upload(target, QByteArray("previous content\n"), 0644).ok());
    }
    auto s = connectRoot();
    const QByteArray payload(256 * 1024 * 1024, 'k');
    Status result;
    std::thread uploader([&] { result = s->upload(target, payload, 0644); });
    // Kill once the staging file is growing but not complete.
    const QString staged = target + QStringLiteral(".kokoa-new");
    QDeadlineTimer deadline(60000);
    bool midway = false;
    while (!deadline.hasExpired()) {
        const qint64 size = QFileInfo(staged).size();
        if (size > 0 && size < payload.size()) {
            midway = true;
            break;
        }
        QThread::msleep(1);
    }
    m_sshd->killAll();
    uploader.join();
    QVERIFY2(midway, "the upload was never observed in progress");
    QVERIFY(!result.ok());
    QFile f(target);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("previous content\n"));
    s.reset();
    QString why;
    QVERIFY(m_sshd->restartWithNewHostKey());
}

void TestSsh::changedHostKeyStopsAllWork()
{
    // The server now has a new key; the old pin must refuse it.
    SshSession::Options o = rootOptions();
    o.hostKey.pinned = QStringLiteral("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const auto s = SshSession::connect(o);
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind(), Error::Kind::HostKey);
    QVERIFY(s.error().message().contains(QStringLiteral("CHANGED")));
    QVERIFY(s.error().message().contains(m_sshd->hostKeyFingerprint()));
    QCOMPARE(s.error().value(), m_sshd->hostKeyFingerprint());
    QCOMPARE(s.error().field(), QString::fromLatin1(hostKeyField::changed));
}

// Regression test: libssh quotes what the server sent in some errors
// ("Protocol mismatch: <its first line>"). Another host's words reach the
// log, the events and `status` as text: a terminal escape arrives inert.
void TestSsh::serverWordsInErrorsCarryNoControls()
{
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    QVERIFY(listener >= 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    QVERIFY(::bind(listener, reinterpret_cast<sockaddr *>(&address), length) == 0);
    QVERIFY(::listen(listener, 1) == 0);
    QVERIFY(::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) == 0);
    std::thread server([listener] {
        const int client = ::accept(listener, nullptr, nullptr);
        if (client < 0)
            return; // the listener was shut down
        const char banner[] = "SSH-9.9-\x1b]0;owned\x07\x1b[2Jnot an ssh server\r\n";
        (void)!::write(client, banner, sizeof banner - 1);
        char buffer[512];
        while (::read(client, buffer, sizeof buffer) > 0) {
        } // until the client hangs up
        ::close(client);
    });
    const auto stop = qScopeGuard([&] {
        ::shutdown(listener, SHUT_RDWR);
        server.join();
        ::close(listener);
    });

    SshSession::Options o = rootOptions();
    o.target.port = ntohs(address.sin_port);
    o.connectTimeoutMs = 5000;
    const auto s = SshSession::connect(o);
    QVERIFY(!s);
    const QString message = s.error().message();
    QVERIFY2(message.contains(QStringLiteral("not an ssh server")), qPrintable(message));
    for (const QChar c : message)
        QVERIFY2(c.category() != QChar::Other_Control, qPrintable(message));
}

QTEST_GUILESS_MAIN(TestSsh)
#include "tst_ssh.moc"
