#include "SshdFixture.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <csignal>
#include <unistd.h>

namespace {

QByteArray runTool(const QString &program, const QStringList &args, int *exitCode = nullptr)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(30000);
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput();
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

void collectDescendants(qint64 pid, QList<qint64> &out)
{
    const QDir proc(QStringLiteral("/proc"));
    for (const QString &entry : proc.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        bool ok = false;
        const qint64 child = entry.toLongLong(&ok);
        if (!ok)
            continue;
        const QByteArray stat = readFile(QStringLiteral("/proc/%1/stat").arg(child));
        const qsizetype close = stat.lastIndexOf(')');
        if (close < 0)
            continue;
        const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toLongLong() == pid) {
            out.append(child);
            collectDescendants(child, out);
        }
    }
}

} // namespace

SshdFixture::~SshdFixture()
{
    killAll();
}

std::unique_ptr<SshdFixture> SshdFixture::start(QString *skipReason)
{
    if (::geteuid() != 0) {
        *skipReason = QStringLiteral("needs root: sshd must switch users and bind-mount a test "
                                     "user's passwd entry (CI runs as root)");
        return nullptr;
    }
    for (const char *tool : {"/usr/sbin/sshd", "/usr/bin/ssh-keygen", "/usr/bin/unshare"}) {
        if (!QFile::exists(QString::fromLatin1(tool))) {
            *skipReason = QStringLiteral("%1 is missing; installer/install-deps.sh installs it")
                              .arg(QString::fromLatin1(tool));
            return nullptr;
        }
    }
    std::unique_ptr<SshdFixture> f(new SshdFixture);
    QString why;
    if (!f->prepare(&why) || !f->launch(&why))
        qFatal("sshd fixture: %s", qPrintable(why));
    return f;
}

bool SshdFixture::makeHostKey(QString *why)
{
    const QString key = m_dir.filePath(QStringLiteral("host_key"));
    QFile::remove(key);
    QFile::remove(key + QStringLiteral(".pub"));
    int rc = 0;
    runTool(QStringLiteral("/usr/bin/ssh-keygen"),
            {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
             QStringLiteral("-N"), QString(), QStringLiteral("-f"), key},
            &rc);
    if (rc != 0) {
        *why = QStringLiteral("ssh-keygen failed");
        return false;
    }
    const QByteArray line =
        runTool(QStringLiteral("/usr/bin/ssh-keygen"),
                {QStringLiteral("-l"), QStringLiteral("-E"), QStringLiteral("sha256"),
                 QStringLiteral("-f"), key + QStringLiteral(".pub")});
    m_fingerprint = QString::fromLatin1(line.split(' ').value(1));
    return !m_fingerprint.isEmpty();
}

bool SshdFixture::prepare(QString *why)
{
    const QString dir = m_dir.path();
    // The test user must reach its home below this directory.
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                   QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                                   QFileDevice::ExeOther);
    if (!makeHostKey(why))
        return false;
    int rc = 0;
    runTool(QStringLiteral("/usr/bin/ssh-keygen"),
            {QStringLiteral("-q"), QStringLiteral("-t"), QStringLiteral("ed25519"),
             QStringLiteral("-N"), QString(), QStringLiteral("-f"), clientKey()},
            &rc);
    if (rc != 0) {
        *why = QStringLiteral("ssh-keygen (client key) failed");
        return false;
    }
    writeFile(dir + QStringLiteral("/authorized_keys_root"),
              readFile(clientKey() + QStringLiteral(".pub")));

    // The test user exists only inside sshd's private mount namespace.
    const QString home = dir + QStringLiteral("/home");
    QDir().mkpath(home);
    if (::chown(home.toLocal8Bit().constData(), 4242, 4242) != 0) {
        *why = QStringLiteral("chown of the test home failed");
        return false;
    }
    const QByteArray hash =
        runTool(QStringLiteral("openssl"),
                {QStringLiteral("passwd"), QStringLiteral("-6"), QString::fromLatin1(testPassword)})
            .trimmed();
    writeFile(dir + QStringLiteral("/passwd"), readFile(QStringLiteral("/etc/passwd")) +
                                                   "kokoatest:x:4242:4242::" + home.toLocal8Bit() +
                                                   ":/bin/sh\n");
    writeFile(dir + QStringLiteral("/group"),
              readFile(QStringLiteral("/etc/group")) + "kokoatest:x:4242:\n");
    writeFile(dir + QStringLiteral("/shadow"), readFile(QStringLiteral("/etc/shadow")) +
                                                   "kokoatest:" + hash + ":19000:0:99999:7:::\n");
    writeFile(dir + QStringLiteral("/sudoers"),
              "root ALL=(ALL:ALL) ALL\nkokoatest ALL=(ALL:ALL) NOPASSWD: ALL\n");
    QFile::setPermissions(dir + QStringLiteral("/sudoers"),
                          QFileDevice::ReadOwner | QFileDevice::ReadGroup);
    QFile::setPermissions(dir + QStringLiteral("/shadow"),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    m_port = freePort();
    const QByteArray config = "Port " + QByteArray::number(m_port) +
                              "\n"
                              "ListenAddress 127.0.0.1\n"
                              "HostKey " +
                              dir.toLocal8Bit() +
                              "/host_key\n"
                              "PidFile " +
                              dir.toLocal8Bit() +
                              "/sshd.pid\n"
                              "AuthorizedKeysFile " +
                              dir.toLocal8Bit() +
                              "/authorized_keys_%u .ssh/authorized_keys\n"
                              "PasswordAuthentication yes\n"
                              "KbdInteractiveAuthentication no\n"
                              "UsePAM no\n"
                              "PermitRootLogin yes\n"
                              "StrictModes no\n"
                              "Subsystem sftp internal-sftp\n"
                              "LogLevel ERROR\n";
    return writeFile(dir + QStringLiteral("/sshd_config"), config);
}

bool SshdFixture::launch(QString *why)
{
    const QString script = QStringLiteral(
        "set -e; mount --bind \"$D/passwd\" /etc/passwd; mount --bind \"$D/group\" /etc/group; "
        "mount --bind \"$D/shadow\" /etc/shadow; "
        "if [ -e /etc/sudoers ]; then mount --bind \"$D/sudoers\" /etc/sudoers; fi; "
        "mkdir -p /run/sshd; exec /usr/sbin/sshd -D -e -f \"$D/sshd_config\"");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("D"), m_dir.path());
    m_sshd.setProcessEnvironment(env);
    m_sshd.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_sshd.start(QStringLiteral("/usr/bin/unshare"),
                 {QStringLiteral("--mount"), QStringLiteral("--propagation"),
                  QStringLiteral("private"), QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                  script});
    if (!m_sshd.waitForStarted()) {
        *why = QStringLiteral("cannot start sshd");
        return false;
    }
    // Ready when the port accepts connections (bounded wait, no fixed sleep).
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired()) {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, m_port);
        if (probe.waitForConnected(200))
            return true;
        if (m_sshd.state() == QProcess::NotRunning) {
            *why = QStringLiteral("sshd exited at start");
            return false;
        }
        QThread::msleep(20);
    }
    *why = QStringLiteral("sshd did not listen within 10 s");
    return false;
}

QList<qint64> SshdFixture::sessionPids() const
{
    QList<qint64> pids;
    if (m_sshd.state() != QProcess::NotRunning)
        collectDescendants(m_sshd.processId(), pids);
    return pids;
}

void SshdFixture::signalAll(int signal)
{
    if (m_sshd.state() == QProcess::NotRunning)
        return;
    ::kill(pid_t(m_sshd.processId()), signal);
    for (const qint64 pid : sessionPids())
        ::kill(pid_t(pid), signal);
}

void SshdFixture::killAll()
{
    if (m_sshd.state() == QProcess::NotRunning)
        return;
    const QList<qint64> children = sessionPids();
    ::kill(pid_t(m_sshd.processId()), SIGKILL);
    for (const qint64 pid : children)
        ::kill(pid_t(pid), SIGKILL);
    m_sshd.waitForFinished(5000);
}

bool SshdFixture::restartWithNewHostKey()
{
    killAll();
    QString why;
    return makeHostKey(&why) && launch(&why);
}
