#include "NetWorld.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <unistd.h>

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// The world needs these on the machine (the script checks more on `up`).
QString missingTool()
{
    const QStringList sbin = {s("/usr/sbin"), s("/sbin"), s("/usr/bin"), s("/bin")};
    for (const char *tool : {"ip", "nsenter", "unshare", "ss", "nft", "ssh-keygen", "sshd"}) {
        const QString name = s(tool);
        if (QStandardPaths::findExecutable(name).isEmpty() &&
            QStandardPaths::findExecutable(name, sbin).isEmpty())
            return name;
    }
    return {};
}

bool validHost(const QString &host)
{
    if (host.isEmpty())
        return false;
    for (QChar c : host) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9')))
            return false;
    }
    return true;
}

} // namespace

QString NetWorld::ExecResult::describe() const
{
    if (timedOut)
        return s("timed out; stderr: ") + QString::fromUtf8(err);
    return QString(s("exit ") + QString::number(exitCode) + s(": ") +
                   QString::fromUtf8(err).trimmed());
}

QString NetWorld::scriptPath()
{
    return qEnvironmentVariable("KOKOA_E2E_WORLD_SCRIPT", s(KOKOA_E2E_WORLD_SCRIPT));
}

std::unique_ptr<NetWorld> NetWorld::create(QString *skipReason, int edges,
                                           const QString &authorizedKeyFile)
{
    auto fail = [skipReason](const QString &why) {
        if (skipReason)
            *skipReason = why;
        return std::unique_ptr<NetWorld>();
    };
    if (::geteuid() != 0)
        return fail(
            s("the simulated network needs root (network namespaces); run as root as CI does"));
    if (const QString tool = missingTool(); !tool.isEmpty())
        return fail(s("the simulated network needs '") + tool +
                    s("' (see installer/install-deps.sh)"));
    {
        QProcess probe;
        probe.start(s("ip"), {s("netns"), s("list")});
        if (!probe.waitForFinished(10000) || probe.exitStatus() != QProcess::NormalExit ||
            probe.exitCode() != 0)
            return fail(s("`ip netns` is not usable here: ") +
                        QString::fromUtf8(probe.readAllStandardError()).trimmed());
    }
    if (!QFileInfo(scriptPath()).isExecutable())
        return fail(s("kokoa-world script not found or not executable: ") + scriptPath());

    std::unique_ptr<NetWorld> world(new NetWorld);
    if (!world->m_state.isValid())
        return fail(s("cannot create a temporary state directory: ") +
                    world->m_state.errorString());

    QString keyFile = authorizedKeyFile;
    if (keyFile.isEmpty()) {
        world->m_privateKey = world->m_state.filePath(s("id_ed25519"));
        world->m_publicKey = world->m_privateKey + s(".pub");
        QProcess keygen;
        keygen.start(s("ssh-keygen"), {s("-q"), s("-t"), s("ed25519"), s("-N"), QString(), s("-C"),
                                       s("kokoa-e2e"), s("-f"), world->m_privateKey});
        if (!keygen.waitForFinished(20000) || keygen.exitCode() != 0)
            return fail(s("ssh-keygen failed: ") +
                        QString::fromUtf8(keygen.readAllStandardError()));
        keyFile = world->m_publicKey;
    } else {
        world->m_publicKey = keyFile;
    }

    const QString stateDir = world->m_state.filePath(s("world"));
    ExecResult up = world->runScript({s("up"), stateDir, s("--edges"), QString::number(edges),
                                      s("--authorized-key"), keyFile, s("--bin-dir"),
                                      s(KOKOA_E2E_BIN_DIR), s("--share"), s(KOKOA_BUILD_DIR)},
                                     {}, 120000);
    // From here on the destructor must run `down`, even after a failed `up`.
    world->m_up = true;
    if (!up.ok())
        return fail(s("kokoa-world up failed (") + up.describe() + s(")"));
    QString error;
    if (!world->loadEnv(&error))
        return fail(error);
    return world;
}

NetWorld::~NetWorld()
{
    down();
}

NetWorld::ExecResult NetWorld::runScript(const QStringList &args, const QByteArray &stdinData,
                                         int timeoutMs) const
{
    ExecResult result;
    QProcess process;
    process.setProgram(scriptPath());
    process.setArguments(args);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(s("KOKOA_WORLD_QUIET"), s("1"));
    process.setProcessEnvironment(env);
    process.start();
    if (!process.waitForStarted(10000)) {
        result.err = process.errorString().toUtf8();
        return result;
    }
    if (!stdinData.isEmpty())
        process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        result.timedOut = true;
        process.terminate();
        if (!process.waitForFinished(2000)) {
            process.kill();
            process.waitForFinished(2000);
        }
    } else if (process.exitStatus() == QProcess::NormalExit) {
        result.exitCode = process.exitCode();
    }
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

bool NetWorld::loadEnv(QString *error)
{
    QFile file(m_state.filePath(s("world/world.env")));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = s("cannot read ") + file.fileName() + s(": ") + file.errorString();
        return false;
    }
    m_env.clear();
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const qsizetype eq = line.indexOf(u'=');
        if (line.startsWith(u'#') || eq <= 0)
            continue;
        QString value = line.mid(eq + 1);
        if (value.size() >= 2 && value.startsWith(u'"') && value.endsWith(u'"'))
            value = value.mid(1, value.size() - 2);
        m_env.insert(line.left(eq), value);
    }
    if (m_env.value(s("KOKOA_WORLD_HOSTS")).isEmpty()) {
        *error = s("world.env lists no hosts: ") + file.fileName();
        return false;
    }
    return true;
}

QString NetWorld::hostValue(const QString &host, const char *field) const
{
    if (!validHost(host))
        return {};
    return m_env.value(QString(s("HOST_") + host + u'_' + s(field)));
}

NetWorld::ExecResult NetWorld::exec(const QString &host, const QStringList &args,
                                    const QByteArray &stdinData, int timeoutMs) const
{
    if (!hosts().contains(host)) {
        ExecResult r;
        r.err = QString(s("no such host in the world: ") + host).toUtf8();
        return r;
    }
    QStringList all = {s("exec"), m_state.filePath(s("world")), host, s("--")};
    all += args;
    return runScript(all, stdinData, timeoutMs);
}

QStringList NetWorld::hosts() const
{
    return m_env.value(s("KOKOA_WORLD_HOSTS")).split(u' ', Qt::SkipEmptyParts);
}

QStringList NetWorld::edges() const
{
    return m_env.value(s("KOKOA_WORLD_EDGES")).split(u' ', Qt::SkipEmptyParts);
}

QString NetWorld::address(const QString &host) const
{
    return hostValue(host, "ADDR");
}

QString NetWorld::hostKeyFingerprint(const QString &host) const
{
    return hostValue(host, "SSH_FINGERPRINT");
}

QString NetWorld::hostKey(const QString &host) const
{
    return hostValue(host, "SSH_HOSTKEY");
}

qint64 NetWorld::initPid(const QString &host) const
{
    return hostValue(host, "PID").toLongLong();
}

QString NetWorld::netns(const QString &host) const
{
    return hostValue(host, "NETNS");
}

QString NetWorld::hostPath(const QString &host, const QString &pathInHost) const
{
    const QString root = hostValue(host, "ROOT");
    if (root.isEmpty() || !pathInHost.startsWith(u'/'))
        return {};
    return QDir::cleanPath(root + pathInHost);
}

bool NetWorld::authorizeKey(const QString &host, const QByteArray &publicKeyLine) const
{
    QFile file(hostPath(host, s("/root/.ssh/authorized_keys")));
    if (file.fileName().isEmpty() || !file.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    QByteArray line = publicKeyLine.trimmed();
    line += '\n';
    const bool written = file.write(line) == line.size();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return written;
}

bool NetWorld::setLink(const QString &host, bool up) const
{
    if (!hosts().contains(host))
        return false;
    return runScript({s("link"), m_state.filePath(s("world")), host, up ? s("up") : s("down")}, {},
                     10000)
        .ok();
}

bool NetWorld::down(QString *error)
{
    if (!m_up)
        return true;
    const ExecResult r = runScript({s("down"), m_state.filePath(s("world"))}, {}, 60000);
    if (!r.ok()) {
        if (error)
            *error = s("kokoa-world down failed (") + r.describe() + s(")");
        return false;
    }
    m_up = false;
    return true;
}
