// The simulated network itself: hosts, routing, NAT, isolation, sshd, the
// origin's services, wireguard-go, link failure, and a teardown that leaves
// nothing behind.  Every later end-to-end test builds on these properties.
#include "NetWorld.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QtTest>

#include <memory>

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// `ss` exits 0 when nothing matches: look at its output.
bool listening(const NetWorld &world, const QString &host, int port)
{
    const auto r = world.exec(host, {s("ss"), s("-Htln"), s("sport = :") + QString::number(port)});
    return r.ok() && !r.out.trimmed().isEmpty();
}

// Opens a TCP connection from `from` and reads the first bytes the server sends.
NetWorld::ExecResult tcpBanner(const NetWorld &world, const QString &from, const QString &address,
                               int port, int timeoutSeconds = 3)
{
    return world.exec(from, {s("timeout"), QString::number(timeoutSeconds), s("bash"), s("-c"),
                             s("exec 3<>\"/dev/tcp/$1/$2\" && head -c 7 <&3"), s("_"), address,
                             QString::number(port)});
}

NetWorld::ExecResult curl(const NetWorld &world, const QString &from, const QString &url,
                          const QString &hostHeader = {}, int maxSeconds = 5)
{
    QStringList args = {s("curl"), s("-sS"), s("--noproxy"),
                        s("*"),    s("-m"),  QString::number(maxSeconds)};
    if (!hostHeader.isEmpty())
        args += {s("-H"), s("Host: ") + hostHeader};
    args += url;
    return world.exec(from, args);
}

// "SHA256:<unpadded base64 of sha256(key blob)>", as ssh-keygen -l prints it.
QString fingerprintOf(const QString &knownHostsKey)
{
    const QStringList parts = knownHostsKey.split(u' ');
    if (parts.size() < 2)
        return {};
    const QByteArray blob = QByteArray::fromBase64(parts.at(1).toLatin1());
    QByteArray b64 = QCryptographicHash::hash(blob, QCryptographicHash::Sha256).toBase64();
    while (b64.endsWith('='))
        b64.chop(1);
    return s("SHA256:") + QString::fromLatin1(b64);
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data, QFileDevice::Permissions perms = {})
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(data) != data.size())
        return false;
    if (perms)
        f.setPermissions(perms);
    return true;
}

// Inode of a namespace link such as /proc/<pid>/ns/pid (0 when gone).
quint64 nsInode(qint64 pid, const char *kind)
{
    const QString link =
        QFileInfo(s("/proc/") + QString::number(pid) + s("/ns/") + s(kind)).symLinkTarget();
    // "pid:[4026532]" -> 4026532
    const qsizetype open = link.indexOf(u'[');
    return open < 0 ? 0 : link.mid(open + 1, link.size() - open - 2).toULongLong();
}

// Every pid of the machine whose PID namespace is one of `namespaces`.
QList<qint64> pidsIn(const QSet<quint64> &namespaces)
{
    QList<qint64> out;
    const QStringList entries = QDir(s("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &e : entries) {
        bool number = false;
        const qint64 pid = e.toLongLong(&number);
        if (number && namespaces.contains(nsInode(pid, "pid")))
            out += pid;
    }
    return out;
}

} // namespace

class TestNetWorld : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void allHostsUp();
    void clientReachesEdges();
    void originReachesInternetThroughNat();
    void nothingInbound();
    void privateFileSystems();
    void originServicesAnswerOnLan();
    void sshFromDeskToEdgeWithPinnedKey();
    void wireguardGoInEdge();
    void linkDownAndUp();
    void orphansAreReaped();
    void teardownLeavesNothing();
    void cleanupTestCase();

private:
    std::unique_ptr<NetWorld> m_world;
};

void TestNetWorld::initTestCase()
{
    QString why;
    QElapsedTimer timer;
    timer.start();
    m_world = NetWorld::create(&why);
    if (!m_world)
        QSKIP(qPrintable(why));
    qInfo("world up in %lld ms", static_cast<long long>(timer.elapsed()));
}

void TestNetWorld::allHostsUp()
{
    const QStringList expected = {s("router"), s("origin"), s("desk"), s("dns"),
                                  s("client"), s("edge1"),  s("edge2")};
    QCOMPARE(m_world->hosts(), expected);
    QCOMPARE(m_world->edges(), QStringList({s("edge1"), s("edge2")}));
    QCOMPARE(m_world->address(s("edge1")), s("203.0.113.11"));
    QCOMPARE(m_world->address(s("edge2")), s("203.0.113.12"));
    QCOMPARE(m_world->address(s("client")), s("203.0.113.100"));
    QCOMPARE(m_world->address(s("dns")), s("203.0.113.53"));
    QCOMPARE(m_world->address(s("router")), s("203.0.113.254"));
    QCOMPARE(m_world->address(s("origin")), s("192.168.77.10"));
    QCOMPARE(m_world->address(s("desk")), s("192.168.77.20"));
    for (const QString &host : expected) {
        const auto name = m_world->exec(host, {s("hostname")});
        QVERIFY2(name.ok(), qPrintable(host + u' ' + name.describe()));
        QCOMPARE(QString::fromUtf8(name.out.trimmed()), host);
        // PID 1 of the host is the world's init.
        const auto init = m_world->exec(host, {s("cat"), s("/proc/1/cmdline")});
        QVERIFY2(init.out.startsWith("/run/kokoa-world/e2e_init"), init.out.constData());
        QVERIFY2(listening(*m_world, host, 22), qPrintable(host));
        QVERIFY(m_world->hostKeyFingerprint(host).startsWith(s("SHA256:")));
        QCOMPARE(fingerprintOf(m_world->hostKey(host)), m_world->hostKeyFingerprint(host));
        // No systemd: Kokoa's deploy detects this as sd_booted() does.
        QVERIFY(!m_world->exec(host, {s("test"), s("-d"), s("/run/systemd/system")}).ok());
    }
}

void TestNetWorld::clientReachesEdges()
{
    for (const QString &edge : m_world->edges()) {
        const auto r = tcpBanner(*m_world, s("client"), m_world->address(edge), 22);
        QVERIFY2(r.ok(), qPrintable(edge + u' ' + r.describe()));
        QCOMPARE(r.out, QByteArray("SSH-2.0"));
    }
}

void TestNetWorld::originReachesInternetThroughNat()
{
    QVERIFY(m_world
                ->exec(s("edge1"), {s("setsid"), s("-f"), s("/run/kokoa-world/e2e_http_service"),
                                    s("8080"), s("probe on edge1")})
                .ok());
    QTRY_VERIFY_WITH_TIMEOUT(listening(*m_world, s("edge1"), 8080), 10000);
    const auto r = curl(*m_world, s("origin"), s("http://203.0.113.11:8080/nat"));
    QVERIFY2(r.ok(), qPrintable(r.describe()));
    QVERIFY2(r.out.contains("probe on edge1\n"), r.out.constData());
    // The edge sees the router's WAN address, not the origin's LAN address.
    QVERIFY2(r.out.contains("peer: 203.0.113.254\n"), r.out.constData());
}

void TestNetWorld::nothingInbound()
{
    // Without a route the client cannot even try; give it one through the
    // router (as if the ISP routed the LAN) so the router's firewall decides.
    QVERIFY(m_world
                ->exec(s("client"), {s("ip"), s("route"), s("replace"), s("192.168.77.0/24"),
                                     s("via"), s("203.0.113.254")})
                .ok());
    const auto toOrigin = curl(*m_world, s("client"), s("http://192.168.77.10:8081/"), {}, 1);
    QVERIFY2(!toOrigin.ok() && !toOrigin.out.contains("service-a"), toOrigin.out.constData());
    const auto sshOnOrigin = tcpBanner(*m_world, s("client"), s("192.168.77.10"), 22, 1);
    QVERIFY(!sshOnOrigin.ok());
    // The router runs sshd on all its addresses; the LAN reaches it, the WAN does not.
    const auto fromLan = tcpBanner(*m_world, s("desk"), s("192.168.77.1"), 22);
    QVERIFY2(fromLan.ok() && fromLan.out == "SSH-2.0", qPrintable(fromLan.describe()));
    for (int port : {22, 80, 443, 8081}) {
        const auto fromWan = tcpBanner(*m_world, s("client"), s("203.0.113.254"), port, 1);
        QVERIFY2(!fromWan.ok(), qPrintable(QString::number(port)));
    }
    QVERIFY(m_world->exec(s("client"), {s("ip"), s("route"), s("del"), s("192.168.77.0/24")}).ok());
}

void TestNetWorld::privateFileSystems()
{
    const QByteArray marker =
        "written in edge1 " + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    for (const char *dir : {"/etc/wireguard", "/run", "/tmp", "/etc/nginx", "/var/log",
                            "/root/.ssh", "/root/.local/share/Kokoa", "/root/.config"}) {
        const QString path = s(dir) + s("/kokoa-world-probe");
        const auto w = m_world->exec(
            s("edge1"), {s("sh"), s("-c"), s("mkdir -p \"${1%/*}\" && cat > \"$1\""), s("_"), path},
            marker);
        QVERIFY2(w.ok(), qPrintable(path + u' ' + w.describe()));
        QCOMPARE(readFile(m_world->hostPath(s("edge1"), path)), marker);
        QVERIFY2(!m_world->exec(s("edge2"), {s("test"), s("-e"), path}).ok(), qPrintable(path));
        QVERIFY2(!QFileInfo::exists(path), qPrintable(s("visible on the machine: ") + path));
    }
    // Written from the machine through hostPath, seen only in that host.
    QVERIFY(writeFile(m_world->hostPath(s("edge2"), s("/etc/wireguard/from-outside")), "x"));
    QVERIFY(m_world->exec(s("edge2"), {s("test"), s("-f"), s("/etc/wireguard/from-outside")}).ok());
    QVERIFY(
        !m_world->exec(s("edge1"), {s("test"), s("-f"), s("/etc/wireguard/from-outside")}).ok());
    // apt-get in a host must not be able to change the machine.
    const auto dpkg = m_world->exec(s("edge1"), {s("touch"), s("/var/lib/dpkg/kokoa-world-probe")});
    QVERIFY(!dpkg.ok());
    QVERIFY2(dpkg.err.contains("Read-only"), dpkg.err.constData());
}

void TestNetWorld::originServicesAnswerOnLan()
{
    const auto a =
        curl(*m_world, s("desk"), s("http://192.168.77.10:8081/a"), s("app.example.test"));
    QVERIFY2(a.ok(), qPrintable(a.describe()));
    QVERIFY2(a.out.startsWith("service-a from origin\n"), a.out.constData());
    QVERIFY2(a.out.contains("host: app.example.test\n"), a.out.constData());
    QVERIFY2(a.out.contains("peer: 192.168.77.20\n"), a.out.constData());
    const auto b =
        curl(*m_world, s("desk"), s("http://192.168.77.10:8082/b"), s("other.example.test"));
    QVERIFY2(b.ok(), qPrintable(b.describe()));
    QVERIFY2(b.out.startsWith("service-b from origin\n"), b.out.constData());
    QVERIFY2(b.out.contains("host: other.example.test\n"), b.out.constData());
}

void TestNetWorld::sshFromDeskToEdgeWithPinnedKey()
{
    // The world made the key pair; Kokoa will bring its own (authorizeKey()).
    QVERIFY(!m_world->privateKeyFile().isEmpty());
    QVERIFY(writeFile(m_world->hostPath(s("desk"), s("/root/.ssh/id_ed25519")),
                      readFile(m_world->privateKeyFile()),
                      QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const QString edge = s("edge1");
    const QString addr = m_world->address(edge);

    // Pin: the key the edge presents has the fingerprint the world reported.
    const auto scan = m_world->exec(
        s("desk"),
        {s("sh"), s("-c"),
         s("ssh-keyscan -T 5 -t ed25519 \"$1\" 2>/dev/null | ssh-keygen -l -E sha256 -f -"), s("_"),
         addr});
    QVERIFY2(scan.ok(), qPrintable(scan.describe()));
    QVERIFY2(scan.out.contains(m_world->hostKeyFingerprint(edge).toLatin1()), scan.out.constData());

    const QStringList sshArgs = {s("ssh"),
                                 s("-i"),
                                 s("/root/.ssh/id_ed25519"),
                                 s("-o"),
                                 s("BatchMode=yes"),
                                 s("-o"),
                                 s("StrictHostKeyChecking=yes"),
                                 s("-o"),
                                 s("UserKnownHostsFile=/root/.ssh/known_hosts"),
                                 s("-o"),
                                 s("ConnectTimeout=5"),
                                 s("root@") + addr,
                                 s("hostname")};
    QVERIFY(writeFile(m_world->hostPath(s("desk"), s("/root/.ssh/known_hosts")),
                      QString(addr + u' ' + m_world->hostKey(edge) + u'\n').toLatin1()));
    const auto ok = m_world->exec(s("desk"), sshArgs);
    QVERIFY2(ok.ok(), qPrintable(ok.describe()));
    QCOMPARE(ok.out.trimmed(), QByteArray("edge1"));

    // A different pinned key (edge2's) must stop the connection.
    QVERIFY(writeFile(m_world->hostPath(s("desk"), s("/root/.ssh/known_hosts")),
                      QString(addr + u' ' + m_world->hostKey(s("edge2")) + u'\n').toLatin1()));
    const auto refused = m_world->exec(s("desk"), sshArgs);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.err.contains("HOST IDENTIFICATION HAS CHANGED"), refused.err.constData());
}

void TestNetWorld::wireguardGoInEdge()
{
    const auto start = m_world->exec(s("edge1"), {s("wireguard-go"), s("wg0")});
    QVERIFY2(start.ok(), qPrintable(start.describe()));
    QTRY_VERIFY_WITH_TIMEOUT(m_world->exec(s("edge1"), {s("wg"), s("show"), s("wg0")}).ok(), 10000);
    QVERIFY(m_world->exec(s("edge1"), {s("ip"), s("link"), s("show"), s("wg0")}).ok());
    const auto pid = m_world->exec(s("edge1"), {s("pgrep"), s("-x"), s("wireguard-go")});
    QVERIFY2(pid.ok(), "wireguard-go runs inside edge1's PID namespace");
    QVERIFY(QFileInfo::exists(m_world->hostPath(s("edge1"), s("/run/wireguard/wg0.sock"))));
    // Not in the other edge: its /run and network are its own.
    QVERIFY(!m_world->exec(s("edge2"), {s("test"), s("-e"), s("/run/wireguard/wg0.sock")}).ok());
    QVERIFY(!m_world->exec(s("edge2"), {s("ip"), s("link"), s("show"), s("wg0")}).ok());
}

void TestNetWorld::linkDownAndUp()
{
    const QString addr = m_world->address(s("edge2"));
    QVERIFY(tcpBanner(*m_world, s("client"), addr, 22).ok());
    QVERIFY(m_world->setLink(s("edge2"), false));
    QVERIFY(!tcpBanner(*m_world, s("client"), addr, 22, 1).ok());
    QVERIFY(m_world->setLink(s("edge2"), true));
    QTRY_VERIFY_WITH_TIMEOUT(tcpBanner(*m_world, s("client"), addr, 22, 2).ok(), 15000);
    QVERIFY(!m_world->setLink(s("nosuchhost"), false));
}

void TestNetWorld::orphansAreReaped()
{
    // A double fork whose child exits at once: it becomes an orphan of PID 1,
    // which must reap it or it stays a zombie.
    QVERIFY(m_world->exec(s("dns"), {s("setsid"), s("-f"), s("sh"), s("-c"), s("exit 0")}).ok());
    auto zombies = [this] {
        const auto ps = m_world->exec(s("dns"), {s("ps"), s("-eo"), s("stat=")});
        return ps.ok() && !ps.out.contains('Z');
    };
    QTRY_VERIFY_WITH_TIMEOUT(zombies(), 5000);
}

void TestNetWorld::teardownLeavesNothing()
{
    const QString id = m_world->value(s("KOKOA_WORLD_ID"));
    QVERIFY(!id.isEmpty());
    QSet<quint64> pidNamespaces;
    QList<qint64> inits;
    QStringList namespaces = {s("kw-") + id + s("-hub")};
    for (const QString &host : m_world->hosts()) {
        inits += m_world->initPid(host);
        pidNamespaces.insert(nsInode(m_world->initPid(host), "pid"));
        namespaces += m_world->netns(host);
    }
    const QList<qint64> pids = pidsIn(pidNamespaces);
    QVERIFY2(pids.size() > inits.size(), "sshd, services and wireguard-go run in the hosts");

    QElapsedTimer timer;
    timer.start();
    QString error;
    QVERIFY2(m_world->down(&error), qPrintable(error));
    qInfo("world down in %lld ms", static_cast<long long>(timer.elapsed()));

    QProcess ip;
    ip.start(s("ip"), {s("netns"), s("list")});
    QVERIFY(ip.waitForFinished(10000));
    const QString list = QString::fromUtf8(ip.readAllStandardOutput());
    for (const QString &ns : namespaces)
        QVERIFY2(!list.contains(ns), qPrintable(s("namespace left: ") + ns));
    const QString mounts = QString::fromUtf8(readFile(s("/proc/mounts")));
    QVERIFY2(!mounts.contains(s("kw-") + id), qPrintable(mounts));
    QVERIFY2(!mounts.contains(m_world->stateDir()), qPrintable(mounts));
    for (qint64 pid : pids)
        QVERIFY2(!pidNamespaces.contains(nsInode(pid, "pid")),
                 qPrintable(s("process left: ") + QString::number(pid)));
    QVERIFY(pidsIn(pidNamespaces).isEmpty());
    QVERIFY(!QFileInfo::exists(m_world->stateDir() + s("/world/world.env")));
    // A second `down` is harmless.
    QVERIFY(m_world->down());
}

void TestNetWorld::cleanupTestCase()
{
    m_world.reset();
}

QTEST_GUILESS_MAIN(TestNetWorld)
#include "tst_networld.moc"
