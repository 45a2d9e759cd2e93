// kokoactl deploys a real origin and two real edges in the simulated
// network: WireGuard tunnels dialled out from behind the home NAT, nginx on
// the edges routing each hostname to the right origin service, the
// firewall on; a second deploy changes nothing; removing an edge updates the
// origin live; a configuration nginx rejects never replaces the one serving.
#include "KokoaInWorld.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QThread>
#include <QtTest>

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

const QString dataDir = KokoaInWorld::dataDir();

} // namespace

class TestDeployE2e : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void describeAndConnect();
    void deployAllServesEveryHostnameThroughEveryEdge();
    void originIsNotReachableFromOutside();
    void originFirewallAdmitsEdgesOnlyToRoutePorts();
    void aCompromisedEdgeWideningItsTunnelGainsNothing();
    void secondDeployChangesNothing();
    void dryRunShowsADiffAndChangesNothing();
    void rejectedNginxConfigKeepsTheOldOneServing();
    void replacedOriginKeyIsAppliedAndTrafficFlowsAgain();
    void changedHostKeyIsRepinnedKeepingTheTunnelAddress();
    void removingAnEdgeUpdatesTheOriginLive();
    void certificateTurnsItsRouteToHttpsOnTheEdge();

private:
    NetWorld::ExecResult kokoactl(const QStringList &args, const QByteArray &stdinData = {},
                                  int timeoutMs = 180000);
    NetWorld::ExecResult fetch(const QString &edge, const QString &hostname,
                               const QString &path = s("/"));
    QByteArray nginxWorkers(const QString &edge);
    // Whether a TCP connection from `host` to address:port is accepted
    // within 3 s (a dropped SYN times out, a refused one fails at once).
    bool connects(const QString &host, const QString &address, int port);
    QString tunnelAddress(const char *kind, const QString &name);

    std::unique_ptr<NetWorld> m_world;
};

NetWorld::ExecResult TestDeployE2e::kokoactl(const QStringList &args, const QByteArray &stdinData,
                                             int timeoutMs)
{
    return KokoaInWorld::kokoactl(*m_world, args, stdinData, timeoutMs);
}

NetWorld::ExecResult TestDeployE2e::fetch(const QString &edge, const QString &hostname,
                                          const QString &path)
{
    return KokoaInWorld::fetch(*m_world, edge, hostname, path);
}

QByteArray TestDeployE2e::nginxWorkers(const QString &edge)
{
    // Worker pids change on every reload: equal lists mean no reload.
    const auto r = m_world->exec(
        edge, {s("sh"), s("-c"), s("ps -o pid= --ppid \"$(cat /run/nginx.pid)\" | sort")});
    return r.out;
}

bool TestDeployE2e::connects(const QString &host, const QString &address, int port)
{
    const auto r = m_world->exec(host, {s("timeout"), s("3"), s("bash"), s("-c"),
                                        s("exec 3<>\"/dev/tcp/$1/$2\""), s("probe"), address,
                                        QString::number(port)});
    return r.ok();
}

QString TestDeployE2e::tunnelAddress(const char *kind, const QString &name)
{
    const auto list = kokoactl({QString::fromLatin1(kind), s("list"), s("--json")});
    for (const QJsonValue &v : QJsonDocument::fromJson(list.out).array()) {
        if (v.toObject().value(s("name")).toString() == name)
            return v.toObject().value(s("tunnel_address")).toString();
    }
    return {};
}

void TestDeployE2e::initTestCase()
{
    QString why;
    m_world = NetWorld::create(&why, 2);
    if (!m_world)
        QSKIP(qPrintable(why));
}

void TestDeployE2e::cleanupTestCase()
{
    if (m_world) {
        QString error;
        QVERIFY2(m_world->down(&error), qPrintable(error));
    }
}

void TestDeployE2e::describeAndConnect()
{
    const auto init = kokoactl({s("init"), s("--json")});
    QVERIFY2(init.ok(), qPrintable(init.describe()));
    const QByteArray publicKey =
        QJsonDocument::fromJson(init.out).object().value(s("ssh_public_key")).toString().toLatin1();
    QVERIFY(publicKey.startsWith("ssh-ed25519 "));
    for (const QString &host : {s("origin"), s("edge1"), s("edge2")})
        QVERIFY(m_world->authorizeKey(host, publicKey));

    const QList<QStringList> commands{
        {s("zone"), s("add"), s("example.com"), s("--provider"), s("manual")},
        {s("zone"), s("add"), s("example.net"), s("--provider"), s("manual")},
        {s("origin"), s("add"), s("home"), s("--ssh"), s("root@") + m_world->address(s("origin")),
         s("--accept-host-key"), m_world->hostKeyFingerprint(s("origin"))},
        {s("edge"), s("add"), s("edge1"), s("--ssh"), s("root@") + m_world->address(s("edge1")),
         s("--public-ip"), m_world->address(s("edge1")), s("--accept-host-key"),
         m_world->hostKeyFingerprint(s("edge1"))},
        {s("edge"), s("add"), s("edge2"), s("--ssh"), s("root@") + m_world->address(s("edge2")),
         s("--public-ip"), m_world->address(s("edge2")), s("--accept-host-key"),
         m_world->hostKeyFingerprint(s("edge2"))},
        {s("route"), s("add"), s("a.example.com"), s("--origin"), s("home"), s("--port"),
         s("8081")},
        {s("route"), s("add"), s("b.example.net"), s("--origin"), s("home"), s("--port"),
         s("8082")},
    };
    for (const QStringList &command : commands) {
        const auto r = kokoactl(command);
        QVERIFY2(r.ok(), qPrintable(command.join(u' ') + s(": ") + r.describe()));
    }
    // A wrong fingerprint is refused and nothing is stored (a host no edge
    // uses yet: two edges may not share one).
    const auto wrong =
        kokoactl({s("edge"), s("add"), s("edge3"), s("--ssh"),
                  s("root@") + m_world->address(s("origin")), s("--public-ip"), s("203.0.113.99"),
                  s("--accept-host-key"), m_world->hostKeyFingerprint(s("edge1"))});
    QCOMPARE(wrong.exitCode, 1);
    QVERIFY(!kokoactl({s("edge"), s("list")}).out.contains("edge3"));
}

void TestDeployE2e::deployAllServesEveryHostnameThroughEveryEdge()
{
    const auto deploy = kokoactl({s("deploy"), s("--all")});
    QVERIFY2(deploy.ok(), qPrintable(deploy.describe() + QString::fromUtf8(deploy.out)));

    // The first handshake comes from the origin (PersistentKeepalive), so
    // allow the tunnel a few seconds, polling, before judging.
    for (const QString &edge : {s("edge1"), s("edge2")}) {
        QDeadlineTimer deadline(20000);
        NetWorld::ExecResult a;
        while (!deadline.hasExpired()) {
            a = fetch(edge, s("a.example.com"));
            if (a.ok() && a.out.contains("service-a from origin"))
                break;
            QThread::msleep(200);
        }
        QVERIFY2(a.out.contains("service-a from origin"),
                 qPrintable(edge + s(": ") + a.describe() + QString::fromUtf8(a.out)));
        QVERIFY2(a.out.contains("a.example.com"), a.out.constData()); // Host header passed on
        const auto b = fetch(edge, s("b.example.net"));
        QVERIFY2(b.out.contains("service-b from origin"),
                 qPrintable(b.describe() + QString::fromUtf8(b.out)));
        // Unknown names get no answer at all (return 444).
        const auto unknown = fetch(edge, s("unknown.example.org"));
        QVERIFY(!unknown.ok());
        // The origin dialled out: its tunnel peer on the edge has no fixed endpoint
        // but a recent handshake.
        const auto wg =
            m_world->exec(edge, {s("wg"), s("show"), s("kokoa0"), s("latest-handshakes")});
        QVERIFY2(wg.ok() && !wg.out.contains("\t0\n"),
                 qPrintable(wg.describe() + QString::fromUtf8(wg.out)));
        // The firewall is in place.
        const auto nft =
            m_world->exec(edge, {s("nft"), s("list"), s("table"), s("inet"), s("kokoa")});
        QVERIFY2(nft.ok() && nft.out.contains("policy drop"), qPrintable(nft.describe()));
    }
    // What Kokoa learned is in its database.
    const auto edges =
        QJsonDocument::fromJson(kokoactl({s("edge"), s("list"), s("--json")}).out).array();
    for (const QJsonValue &e : edges) {
        QCOMPARE(e.toObject().value(s("state")).toString(), s("deployed"));
        QCOMPARE(e.toObject().value(s("wireguard_public_key")).toString().size(), 44);
    }
    // The private key never left the origin: the control plane's data holds none.
    const auto key = m_world->exec(s("origin"), {s("cat"), s("/etc/wireguard/kokoa0.key")});
    QVERIFY(key.ok());
    const auto grep = m_world->exec(
        s("desk"), {s("grep"), s("-rqF"), QString::fromLatin1(key.out.trimmed()), dataDir});
    QCOMPARE(grep.exitCode, 1);
}

void TestDeployE2e::originIsNotReachableFromOutside()
{
    const auto direct =
        m_world->exec(s("client"), {s("curl"), s("-sS"), s("-m"), s("2"),
                                    s("http://") + m_world->address(s("origin")) + s(":8081/")});
    QVERIFY(!direct.ok());
    // Nor through the tunnel addresses: the client has no route into it.
    const auto tunnel = m_world->exec(
        s("client"), {s("curl"), s("-sS"), s("-m"), s("2"), s("http://10.100.0.1:8081/")});
    QVERIFY(!tunnel.ok());
}

// Regression test: the origin had no firewall on the tunnel, so an edge (the
// part expected to be attacked) reached SSH and every service of the home
// server, not only the routes' ports.
void TestDeployE2e::originFirewallAdmitsEdgesOnlyToRoutePorts()
{
    // A service on the home server that no route publishes.
    const QString service = m_world->value(s("KOKOA_WORLD_HOST_BIN")) + s("/e2e_http_service");
    const auto started = m_world->exec(
        s("origin"), {s("setsid"), s("-f"), service, s("8090"), s("private service")});
    QVERIFY2(started.ok(), qPrintable(started.describe()));
    QDeadlineTimer listening(10000);
    while (!listening.hasExpired() && !connects(s("origin"), s("127.0.0.1"), 8090))
        QThread::msleep(100);
    QVERIFY(connects(s("origin"), s("127.0.0.1"), 8090));
    QVERIFY(connects(s("origin"), s("127.0.0.1"), 22));

    const QString origin = tunnelAddress("origin", s("home"));
    const QString edge2 = tunnelAddress("edge", s("edge2"));
    QVERIFY(!origin.isEmpty() && !edge2.isEmpty());
    // The route ports answer through the tunnel...
    QVERIFY(connects(s("edge1"), origin, 8081));
    QVERIFY(connects(s("edge1"), origin, 8082));
    // ...nothing else does: not SSH, not the unpublished service.
    QVERIFY(!connects(s("edge1"), origin, 22));
    QVERIFY(!connects(s("edge1"), origin, 8090));
    // An edge cannot reach another edge through the tunnel (edge2's nginx
    // listens on every address, its tunnel address included).
    QVERIFY(connects(s("edge2"), edge2, 80));
    QVERIFY(!connects(s("edge1"), edge2, 80));
    QVERIFY(!connects(s("edge1"), edge2, 22));
    // The ruleset is Kokoa's own table; the origin's other traffic is not filtered.
    const auto nft =
        m_world->exec(s("origin"), {s("nft"), s("list"), s("table"), s("inet"), s("kokoa")});
    QVERIFY2(nft.ok() && nft.out.contains("jump from_edges"), qPrintable(nft.describe()));
}

// A compromised edge controls its own WireGuard peer list and routes: it can
// send into the tunnel to any address of the origin, not only to its tunnel
// address. The origin's firewall judges by interface, so nothing more gets
// through. The positive control (the table removed for a moment) shows the
// probe would otherwise succeed.
void TestDeployE2e::aCompromisedEdgeWideningItsTunnelGainsNothing()
{
    const QString lan = m_world->address(s("origin"));
    const QString tunnel = tunnelAddress("origin", s("home"));
    const auto peers = m_world->exec(s("edge1"), {s("wg"), s("show"), s("kokoa0"), s("peers")});
    const QString originKey = QString::fromLatin1(peers.out.trimmed());
    QVERIFY2(peers.ok() && originKey.size() == 44, qPrintable(peers.describe()));
    auto widen = [&](bool on) {
        const QString allowed =
            on ? QString(tunnel + s("/32,") + lan + s("/32")) : QString(tunnel + s("/32"));
        const auto set = m_world->exec(s("edge1"), {s("wg"), s("set"), s("kokoa0"), s("peer"),
                                                    originKey, s("allowed-ips"), allowed});
        const auto route =
            m_world->exec(s("edge1"), {s("ip"), s("route"), on ? s("replace") : s("del"),
                                       lan + s("/32"), s("dev"), s("kokoa0")});
        return set.ok() && route.ok();
    };
    QVERIFY(widen(true));
    const auto restoreEdge = qScopeGuard([&] { widen(false); });

    QVERIFY(!connects(s("edge1"), lan, 8090));
    QVERIFY(!connects(s("edge1"), lan, 22));
    const auto removed =
        m_world->exec(s("origin"), {s("nft"), s("delete"), s("table"), s("inet"), s("kokoa")});
    QVERIFY2(removed.ok(), qPrintable(removed.describe()));
    const bool reachedWithoutFirewall = connects(s("edge1"), lan, 8090);
    const auto restored =
        m_world->exec(s("origin"), {s("nft"), s("-f"), s("/etc/nftables.d/kokoa.nft")});
    QVERIFY2(restored.ok(), qPrintable(restored.describe()));
    QVERIFY2(reachedWithoutFirewall, "the probe does not work: it proves nothing");
    QVERIFY(!connects(s("edge1"), lan, 8090));
}

void TestDeployE2e::secondDeployChangesNothing()
{
    const QByteArray workersBefore = nginxWorkers(s("edge1"));
    QVERIFY(!workersBefore.trimmed().isEmpty());
    const auto again = kokoactl({s("deploy"), s("--all"), s("--json")});
    QVERIFY2(again.ok(), qPrintable(again.describe()));
    const QJsonObject report = QJsonDocument::fromJson(again.out).object();
    for (const QJsonValue &h : report.value(s("hosts")).toArray()) {
        QVERIFY2(h.toObject().value(s("changes")).toArray().isEmpty(),
                 qPrintable(QString::fromUtf8(QJsonDocument(h.toObject()).toJson())));
    }
    for (const QJsonValue &step : report.value(s("steps")).toArray()) {
        QVERIFY2(step.toObject().value(s("state")).toString() != s("changed"),
                 qPrintable(QString::fromUtf8(QJsonDocument(step.toObject()).toJson())));
    }
    QCOMPARE(nginxWorkers(s("edge1")), workersBefore);
}

void TestDeployE2e::dryRunShowsADiffAndChangesNothing()
{
    QVERIFY(kokoactl({s("route"), s("add"), s("c.example.com"), s("--origin"), s("home"),
                      s("--port"), s("8081")})
                .ok());
    const QByteArray before = QFile(m_world->hostPath(s("edge1"), s("/etc/nginx/nginx.conf"))).exists()
                                  ? [&] {
                                        QFile f(m_world->hostPath(s("edge1"), s("/etc/nginx/nginx.conf")));
                                        f.open(QIODevice::ReadOnly);
                                        return f.readAll();
                                    }()
                                  : QByteArray();
    const auto dry = kokoactl({s("deploy"), s("--edge"), s("edge1"), s("--dry-run")});
    QVERIFY2(dry.ok(), qPrintable(dry.describe()));
    QVERIFY2(dry.out.contains("+    server_name c.example.com;") ||
                 dry.out.contains("server_name c.example.com;"),
             dry.out.constData());
    QFile f(m_world->hostPath(s("edge1"), s("/etc/nginx/nginx.conf")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
    QVERIFY(!fetch(s("edge1"), s("c.example.com")).out.contains("service-a"));
}

void TestDeployE2e::rejectedNginxConfigKeepsTheOldOneServing()
{
    // Break the edge so that nginx -t fails on whatever Kokoa sends next.
    const QString mime = m_world->hostPath(s("edge1"), s("/etc/nginx/mime.types"));
    QVERIFY(QFile::rename(mime, mime + s(".hidden")));
    const auto deploy = kokoactl({s("deploy"), s("--edge"), s("edge1")});
    QCOMPARE(deploy.exitCode, 1);
    QVERIFY2(deploy.err.contains("rejected by nginx") && deploy.err.contains("keeps serving"),
             deploy.err.constData());
    // The old configuration still serves; the new hostname is not there.
    QVERIFY(fetch(s("edge1"), s("a.example.com")).out.contains("service-a from origin"));
    QVERIFY(!fetch(s("edge1"), s("c.example.com")).out.contains("service-a"));
    QVERIFY(!QFile::exists(m_world->hostPath(s("edge1"), s("/etc/nginx/nginx.conf.kokoa-staged"))));

    // Fixed: the rerun resumes and the new hostname is served.
    QVERIFY(QFile::rename(mime + s(".hidden"), mime));
    const auto rerun = kokoactl({s("deploy"), s("--edge"), s("edge1")});
    QVERIFY2(rerun.ok(), qPrintable(rerun.describe()));
    const auto c = fetch(s("edge1"), s("c.example.com"));
    if (!c.out.contains("service-a from origin")) { // diagnostics for a failure
        qWarning() << "rerun" << rerun.out;
        qWarning() << "fetch" << c.describe() << c.out;
        qWarning() << "edge1 wg" << m_world->exec(s("edge1"), {s("wg"), s("show")}).out;
        qWarning() << "origin wg" << m_world->exec(s("origin"), {s("wg"), s("show")}).out;
        qWarning() << "a" << fetch(s("edge1"), s("a.example.com")).out;
    }
    QVERIFY(c.out.contains("service-a from origin"));
}

// Regression test: a replaced key file on the origin (a reinstall, a
// restore) was pushed to the edges as the new public key while the origin's
// interface kept running the old one: deploy said all was fine and every
// edge stopped serving.
void TestDeployE2e::replacedOriginKeyIsAppliedAndTrafficFlowsAgain()
{
    const auto replaced = m_world->exec(
        s("origin"), {s("sh"), s("-c"), s("umask 077; wg genkey > /etc/wireguard/kokoa0.key")});
    QVERIFY2(replaced.ok(), qPrintable(replaced.describe()));
    const auto expected =
        m_world->exec(s("origin"), {s("sh"), s("-c"), s("wg pubkey < /etc/wireguard/kokoa0.key")});
    QVERIFY(expected.ok());
    QVERIFY(m_world->exec(s("origin"), {s("wg"), s("show"), s("kokoa0"), s("public-key")}).out !=
            expected.out);

    const auto deploy = kokoactl({s("deploy"), s("--all")});
    QVERIFY2(deploy.ok(), qPrintable(deploy.describe() + QString::fromUtf8(deploy.out)));
    QVERIFY2(deploy.out.contains("running interface"), deploy.out.constData());
    const auto running =
        m_world->exec(s("origin"), {s("wg"), s("show"), s("kokoa0"), s("public-key")});
    QCOMPARE(running.out, expected.out);
    // Every edge serves through the tunnel again: deploy waited for it.
    for (const QString &edge : {s("edge1"), s("edge2")}) {
        const auto a = fetch(edge, s("a.example.com"));
        QVERIFY2(a.out.contains("service-a from origin"),
                 qPrintable(edge + s(": ") + a.describe()));
    }
    // And the next deploy has nothing left to do.
    const auto again = kokoactl({s("deploy"), s("--all"), s("--json")});
    QVERIFY2(again.ok(), qPrintable(again.describe()));
    for (const QJsonValue &h :
         QJsonDocument::fromJson(again.out).object().value(s("hosts")).toArray())
        QVERIFY2(h.toObject().value(s("changes")).toArray().isEmpty(), again.out.constData());
}

// Regression test: a deploy stopped by a changed host key was logged as "no
// changes", and the only way to accept a reinstalled server's new key was
// remove + add, which allocated a new tunnel address.
void TestDeployE2e::changedHostKeyIsRepinnedKeepingTheTunnelAddress()
{
    const QString before = tunnelAddress("edge", s("edge1"));
    const QString oldKey = m_world->hostKeyFingerprint(s("edge1"));
    // The server is "reinstalled": a new host key, sshd re-reads it.
    const auto rekeyed = m_world->exec(
        s("edge1"), {s("sh"), s("-c"),
                     s("rm -f /etc/ssh/ssh_host_ed25519_key /etc/ssh/ssh_host_ed25519_key.pub && "
                       "ssh-keygen -q -t ed25519 -N '' -f /etc/ssh/ssh_host_ed25519_key && "
                       "kill -HUP \"$(cat /run/sshd.pid)\" && "
                       "ssh-keygen -l -E sha256 -f /etc/ssh/ssh_host_ed25519_key.pub")});
    QVERIFY2(rekeyed.ok(), qPrintable(rekeyed.describe()));
    const QString newKey = QString::fromLatin1(rekeyed.out.split(' ').value(1));
    QVERIFY(newKey.startsWith(s("SHA256:")) && newKey != oldKey);
    QDeadlineTimer listening(10000);
    while (!listening.hasExpired() && !connects(s("edge1"), m_world->address(s("edge1")), 22))
        QThread::msleep(100);

    const auto refused = kokoactl({s("deploy"), s("--edge"), s("edge1")});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("CHANGED") && refused.err.contains(newKey.toLatin1()) &&
                 refused.err.contains("repin"),
             refused.err.constData());
    const auto events = kokoactl({s("events"), s("--json")});
    bool logged = false;
    for (const QJsonValue &v : QJsonDocument::fromJson(events.out).array()) {
        const QJsonObject e = v.toObject();
        if (e.value(s("subject")).toString() == s("edge edge1") &&
            e.value(s("reason")).toString().contains(s("host key"))) {
            QVERIFY(!e.value(s("reason")).toString().contains(s("no changes")));
            logged = true;
        }
    }
    QVERIFY2(logged, events.out.constData());

    // A wrong fingerprint is refused and the old pin stays.
    const auto wrong =
        kokoactl({s("edge"), s("repin"), s("edge1"), s("--accept-host-key"), oldKey});
    QCOMPARE(wrong.exitCode, 1);
    const auto repin =
        kokoactl({s("edge"), s("repin"), s("edge1"), s("--accept-host-key"), newKey});
    QVERIFY2(repin.ok(), qPrintable(repin.describe()));
    QVERIFY2(repin.out.contains(newKey.toLatin1()) && repin.out.contains(oldKey.toLatin1()),
             repin.out.constData());
    QCOMPARE(tunnelAddress("edge", s("edge1")), before);
    const auto deploy = kokoactl({s("deploy"), s("--edge"), s("edge1")});
    QVERIFY2(deploy.ok(), qPrintable(deploy.describe()));
    QVERIFY(fetch(s("edge1"), s("a.example.com")).out.contains("service-a from origin"));
}

void TestDeployE2e::removingAnEdgeUpdatesTheOriginLive()
{
    // A client keeps fetching through edge1 while edge2 leaves the origin's
    // configuration; not one request may fail. Paced at ~10 requests/s, below
    // the edge's per-client rate limit (20 r/s).
    const QString script =
        s("i=0; ok=0; fail=0; while [ ! -e /tmp/loop.stop ] && [ $i -lt 5000 ]; do i=$((i+1)); "
          "if curl -sf --noproxy '*' -m 3 --resolve a.example.com:80:$1 http://a.example.com/ "
          ">/dev/null; then ok=$((ok+1)); else fail=$((fail+1)); fi; echo \"$ok $fail\" > "
          "/tmp/loop.count; "
          "sleep 0.1; done; echo \"$ok $fail\" > /tmp/loop.done");
    const auto started = m_world->exec(s("client"), {s("setsid"), s("-f"), s("sh"), s("-c"), script,
                                                     s("loop"), m_world->address(s("edge1"))});
    QVERIFY2(started.ok(), qPrintable(started.describe()));
    auto counts = [&](const char *file) {
        QFile f(m_world->hostPath(s("client"), s("/tmp/") + QString::fromLatin1(file)));
        return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).split(u' ')
                                           : QStringList();
    };
    QDeadlineTimer warmUp(20000);
    while (!warmUp.hasExpired() && counts("loop.count").value(0).toInt() < 10)
        QThread::msleep(50);
    QVERIFY(counts("loop.count").value(0).toInt() >= 10);

    QVERIFY(kokoactl({s("edge"), s("rm"), s("edge2")}).ok());
    const auto deploy = kokoactl({s("deploy"), s("--origin"), s("home")});
    QVERIFY2(deploy.ok(), qPrintable(deploy.describe()));
    const auto peers = m_world->exec(s("origin"), {s("wg"), s("show"), s("kokoa0"), s("peers")});
    QCOMPARE(peers.out.trimmed().split('\n').size(), 1);

    const int okBeforeStop = counts("loop.count").value(0).toInt();
    QDeadlineTimer more(20000);
    while (!more.hasExpired() && counts("loop.count").value(0).toInt() < okBeforeStop + 10)
        QThread::msleep(50);
    QFile stop(m_world->hostPath(s("client"), s("/tmp/loop.stop")));
    QVERIFY(stop.open(QIODevice::WriteOnly));
    stop.close();
    QDeadlineTimer done(20000);
    while (!done.hasExpired() && counts("loop.done").isEmpty())
        QThread::msleep(50);
    const QStringList result = counts("loop.done");
    QVERIFY2(result.size() == 2, "the client loop did not finish");
    qInfo("client loop during the change: %s ok, %s failed", qPrintable(result.at(0)),
          qPrintable(result.at(1).trimmed()));
    QVERIFY(result.at(0).toInt() >= okBeforeStop + 10);
    QCOMPARE(result.at(1).trimmed().toInt(), 0);
}

// A certificate the control plane holds (here one placed by hand in the
// data directory) reaches the edge on the next deploy, key 0600 and owned by
// root; nginx serves it for its route, plain HTTP redirects to HTTPS except
// the ACME challenge path, and the other route stays on HTTP.
void TestDeployE2e::certificateTurnsItsRouteToHttpsOnTheEdge()
{
    const QString dir = dataDir + s("/certificates/a.example.com");
    const auto made = m_world->exec(
        s("desk"), {s("sh"), s("-c"),
                    s("mkdir -p \"$1\" && openssl req -x509 -newkey ec -pkeyopt "
                      "ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=a.example.com "
                      "-addext subjectAltName=DNS:a.example.com -keyout \"$1/privkey.pem\" "
                      "-out \"$1/fullchain.pem\" 2>&1"),
                    s("make-cert"), dir});
    QVERIFY2(made.ok(), qPrintable(made.describe() + QString::fromUtf8(made.out)));
    const auto deploy = kokoactl({s("deploy"), s("--edge"), s("edge1")});
    QVERIFY2(deploy.ok(), qPrintable(deploy.describe() + QString::fromUtf8(deploy.out)));

    const auto mode = m_world->exec(s("edge1"), {s("stat"), s("-c"), s("%a %U"),
                                                 s("/etc/kokoa/certs/a.example.com/privkey.pem")});
    QCOMPARE(mode.out.trimmed(), QByteArray("600 root"));

    // The client trusts exactly this certificate: the answer proves the edge serves it.
    QFile chain(m_world->hostPath(s("desk"), dir + s("/fullchain.pem")));
    QVERIFY(chain.open(QIODevice::ReadOnly));
    QFile trusted(m_world->hostPath(s("client"), s("/tmp/a-example-com.pem")));
    QVERIFY(trusted.open(QIODevice::WriteOnly));
    trusted.write(chain.readAll());
    trusted.close();
    const QString edge = m_world->address(s("edge1"));
    const auto https =
        m_world->exec(s("client"), {s("curl"), s("-sS"), s("--noproxy"), s("*"), s("-m"), s("5"),
                                    s("--cacert"), s("/tmp/a-example-com.pem"), s("--resolve"),
                                    s("a.example.com:443:") + edge, s("https://a.example.com/")});
    QVERIFY2(https.ok() && https.out.contains("service-a from origin"),
             qPrintable(https.describe() + QString::fromUtf8(https.out)));
    const auto redirect = m_world->exec(
        s("client"), {s("curl"), s("-sS"), s("--noproxy"), s("*"), s("-m"), s("5"), s("-o"),
                      s("/dev/null"), s("-w"), s("%{http_code} %{redirect_url}"), s("--resolve"),
                      s("a.example.com:80:") + edge, s("http://a.example.com/x?y=1")});
    QCOMPARE(redirect.out, QByteArray("301 https://a.example.com/x?y=1"));
    const auto challenge =
        m_world->exec(s("client"), {s("curl"), s("-sS"), s("--noproxy"), s("*"), s("-m"), s("5"),
                                    s("-o"), s("/dev/null"), s("-w"), s("%{http_code}"),
                                    s("--resolve"), s("a.example.com:80:") + edge,
                                    s("http://a.example.com/.well-known/acme-challenge/none")});
    QCOMPARE(challenge.out, QByteArray("404"));
    QVERIFY(fetch(s("edge1"), s("b.example.net")).out.contains("service-b from origin"));

    const auto listed = kokoactl({s("cert"), s("list"), s("--json")});
    const QJsonObject c = QJsonDocument::fromJson(listed.out).array().first().toObject();
    QCOMPARE(c.value(s("name")).toString(), s("a.example.com"));
    QCOMPARE(c.value(s("edges")).toArray(), QJsonArray{s("edge1")});
}

QTEST_GUILESS_MAIN(TestDeployE2e)
#include "tst_deploy_e2e.moc"
