// `edge create` and `edge burn` against real hosts in the simulated network:
// a `command` provider (world/spare-host) hands out the world's spare public
// hosts, each configured only from the user-data Kokoa sent (its SSH host
// key and Kokoa's authorized key). Two created edges serve two hostnames in
// DNS (the world's BIND, RFC 2136); burning one takes it out of DNS,
// destroys its server, and a third spare replaces it, serving both
// hostnames through the tunnel and in DNS, while a client fetching through
// the surviving edge never sees a failure. Then the Hetzner, DigitalOcean
// and Vultr API emulators, their servers real spare hosts too: a burn
// replaces an edge from Hetzner, `edge create` makes one from each of the
// others, and destroying a server takes its host down.
#include "KokoaInWorld.h"
#include "SpareHosts.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QThread>
#include <QtTest>

#include <functional>
#include <optional>

using namespace KokoaInWorld;

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// The steps of burning an edge that is not the last (EdgeBurn::stepsFor),
// in order: a burn is killed during each of them.
const QStringList killPoints{s("leave-dns"), s("destroy"), s("create"),
                             s("deploy"),    s("probe"),   s("join-dns")};

QStringList spareHosts()
{
    QStringList out;
    // e1 and e2, a replacement, one per kill point, one for each VPS API
    // (Hetzner, DigitalOcean, Vultr).
    for (qsizetype i = 1; i <= 6 + killPoints.size(); ++i)
        out.append(s("edge") + QString::number(i));
    return out;
}

const QStringList spares = spareHosts();

} // namespace

class TestEdgeBurnE2e : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void createdEdgesServeBothHostnamesInDns();
    void burnReplacesTheEdgeWithoutDisturbingTheOther();
    void killedBurnResumesAtEveryStep_data();
    void killedBurnResumesAtEveryStep();
    void hetznerApiServersAreRealHosts();
    void digitalOceanAndVultrServersAreRealHosts_data();
    void digitalOceanAndVultrServersAreRealHosts();

private:
    NetWorld::ExecResult run(const QStringList &args, int timeoutMs = 180000)
    {
        return kokoactl(*m_world, args, {}, timeoutMs);
    }
    // The provider's server list (world/spare-host's servers.json).
    QJsonArray providerServers() const;
    QString serverState(const QString &host) const;
    // The world host (edgeN) whose address the Kokoa edge `name` has.
    QString worldHostOf(const QString &name);
    bool waitForAnswer(const QString &hostname, const QSet<QString> &expected, int timeoutMs);
    // Two edges, each on a server the provider shows running, the provider's
    // list and `provider servers` agree, nothing half-created.
    void checkNoServerLeaked();
    // Drops desk's outgoing traffic to address (tcp `ports`, or everything
    // to it when empty); unblock() lifts every such block.
    bool block(const QString &address, const QString &ports = {});
    bool unblock();
    bool logShows(const QString &logFile, const QByteArray &text) const;
    bool requestPending(const char *action) const;
    void hold(const char *action, bool on);
    QString firstFreeSpare() const;
    // A token file for the API emulator of `kind`; empty on failure.
    QString writeToken(const QString &kind, const QByteArray &token);
    std::optional<QString> startProviderEmulator(const QString &kind, const QString &tokenFile,
                                                 std::function<void()> *stop);
    void checkApiServerIsRealHost(const QString &provider, const QString &edge,
                                  const QString &host);
    void checkBurnedWithoutReplacement(const QString &provider, const QString &edge,
                                       const QString &host);

    std::unique_ptr<NetWorld> m_world;
    SpareHosts m_spares;
    QByteArray m_kokoaKey;
};

QJsonArray TestEdgeBurnE2e::providerServers() const
{
    return m_spares.servers();
}

QString TestEdgeBurnE2e::serverState(const QString &host) const
{
    return m_spares.state(host);
}

QString TestEdgeBurnE2e::worldHostOf(const QString &name)
{
    const auto list = run({s("edge"), s("list"), s("--json")});
    for (const QJsonValue &v : QJsonDocument::fromJson(list.out).array()) {
        const QJsonObject e = v.toObject();
        if (e.value(s("name")).toString() != name)
            continue;
        for (const QString &host : spares) {
            if (m_world->address(host) == e.value(s("public_ipv4")).toString())
                return host;
        }
    }
    return {};
}

bool TestEdgeBurnE2e::waitForAnswer(const QString &hostname, const QSet<QString> &expected,
                                    int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QSet<QString> last;
    while (!deadline.hasExpired()) {
        last = digA(*m_world, hostname);
        if (last == expected)
            return true;
        QThread::msleep(100);
    }
    qWarning() << hostname << "answer" << last << "expected" << expected;
    return false;
}

void TestEdgeBurnE2e::checkNoServerLeaked()
{
    QSet<QString> running;
    for (const QJsonValue &v : providerServers()) {
        const QString state = v.toObject().value(s("state")).toString();
        QVERIFY2(state == s("free") || state == s("running") || state == s("destroyed"),
                 qPrintable(v.toObject().value(s("host")).toString() + s(" is ") + state));
        if (state == s("running"))
            running.insert(v.toObject().value(s("id")).toString());
    }
    QCOMPARE(running.size(), 2);
    const auto listed = run({s("provider"), s("servers"), s("spares"), s("--json")});
    QVERIFY2(listed.ok(), qPrintable(listed.describe()));
    QSet<QString> recorded;
    for (const QJsonValue &v : QJsonDocument::fromJson(listed.out).array())
        recorded.insert(v.toObject().value(s("id")).toString());
    QCOMPARE(recorded, running);
    const auto edges =
        QJsonDocument::fromJson(run({s("edge"), s("list"), s("--json")}).out).array();
    QCOMPARE(edges.size(), 2);
    for (const QJsonValue &e : edges) {
        const QString host = worldHostOf(e.toObject().value(s("name")).toString());
        QVERIFY2(running.contains(s("srv-") + host),
                 qPrintable(e.toObject().value(s("name")).toString() + s(" on ") + host));
    }
}

void TestEdgeBurnE2e::initTestCase()
{
    QString why;
    m_world = NetWorld::create(&why, int(spares.size()));
    if (!m_world)
        QSKIP(qPrintable(why));

    QString error = m_spares.start(*m_world, spares);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = setUpWithSpareProvider(*m_world, m_spares, &m_kokoaKey);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestEdgeBurnE2e::cleanupTestCase()
{
    m_spares.stop();
    if (m_world) {
        QString error;
        QVERIFY2(m_world->down(&error), qPrintable(error));
    }
}

void TestEdgeBurnE2e::createdEdgesServeBothHostnamesInDns()
{
    for (const char *name : {"e1", "e2"}) {
        const auto r = run({s("edge"), s("create"), s(name), s("--provider"), s("spares")});
        QVERIFY2(r.ok(), qPrintable(s(name) + s(": ") + r.describe() + QString::fromUtf8(r.out)));
    }
    QCOMPARE(worldHostOf(s("e1")), s("edge1"));
    QCOMPARE(worldHostOf(s("e2")), s("edge2"));
    QCOMPARE(serverState(s("edge1")), s("running"));
    QCOMPARE(serverState(s("edge2")), s("running"));
    QCOMPARE(serverState(s("edge3")), s("free"));
    // The hosts were set up from the user-data alone: Kokoa's key is the
    // only one authorised, and the host key is no longer the world's.
    for (const QString &host : {s("edge1"), s("edge2")}) {
        const auto keys = m_world->exec(host, {s("cat"), s("/root/.ssh/authorized_keys")});
        QVERIFY2(keys.ok(), qPrintable(keys.describe()));
        QCOMPARE(keys.out.trimmed(), m_kokoaKey.trimmed());
        const auto hostKey =
            m_world->exec(host, {s("cat"), s("/etc/ssh/ssh_host_ed25519_key.pub")});
        QVERIFY2(hostKey.ok(), qPrintable(hostKey.describe()));
        QVERIFY(!hostKey.out.startsWith(m_world->hostKey(host).toLatin1()));
    }
    for (const QString &host : {s("edge1"), s("edge2")}) {
        QVERIFY(waitUntilServed(*m_world, host, s("a.example.com"), "service-a")
                    .out.contains("service-a"));
        QVERIFY(waitUntilServed(*m_world, host, s("b.example.net"), "service-b")
                    .out.contains("service-b"));
    }
    const auto sync = run({s("dns"), s("sync")});
    QVERIFY2(sync.ok(), qPrintable(sync.describe() + QString::fromUtf8(sync.out)));
    const QSet<QString> both{m_world->address(s("edge1")), m_world->address(s("edge2"))};
    QVERIFY(waitForAnswer(s("a.example.com"), both, 20000));
    QVERIFY(waitForAnswer(s("b.example.net"), both, 20000));
}

void TestEdgeBurnE2e::burnReplacesTheEdgeWithoutDisturbingTheOther()
{
    // The client fetches both hostnames through the surviving edge until told
    // to stop; every answer is logged. Paced to at most 10 requests/s, half
    // the edge's per-client rate limit (ratelimit.normal.rate 20): faster, it
    // would rightly get 429s.
    const QString survivor = m_world->address(s("edge2"));
    const QString loop =
        s("while [ ! -e /tmp/stop-loop ]; do for h in a.example.com b.example.net; do "
          "out=$(curl -sS --noproxy '*' -m 5 --resolve \"$h:80:%1\" \"http://$h/\" 2>&1); "
          "case $out in *'from origin'*) echo \"ok $h\" ;; "
          "*) echo \"FAIL $h $(date +%T.%N) $(echo $out | head -c 200)\" ;; esac; "
          "done; sleep 0.2; done >> /tmp/loop.log 2>&1")
            .arg(survivor);
    QVERIFY(m_world->exec(s("client"), {s("setsid"), s("-f"), s("sh"), s("-c"), loop}).ok());
    QFile log(m_world->hostPath(s("client"), s("/tmp/loop.log")));
    QTRY_VERIFY_WITH_TIMEOUT(log.exists() && log.size() > 0, 10000);

    const auto burn = run({s("edge"), s("burn"), s("e1"), s("--json")});
    QVERIFY2(burn.ok(), qPrintable(burn.describe() + QString::fromUtf8(burn.out)));
    const QJsonObject report = QJsonDocument::fromJson(burn.out).object();
    QCOMPARE(report.value(s("edge")).toString(), s("e1"));
    const QString replacement = report.value(s("replacement")).toString();
    QVERIFY2(!replacement.isEmpty(), burn.out.constData());

    // The provider shows the burned server destroyed and one new one running.
    QCOMPARE(serverState(s("edge1")), s("destroyed"));
    QCOMPARE(serverState(s("edge3")), s("running"));
    QCOMPARE(serverState(s("edge4")), s("free"));
    const auto edges =
        QJsonDocument::fromJson(run({s("edge"), s("list"), s("--json")}).out).array();
    QCOMPARE(edges.size(), 2);
    // Not the last edge of its hostnames: the replacement takes its name.
    QCOMPARE(replacement, s("e1"));
    QCOMPARE(worldHostOf(replacement), s("edge3"));

    // The replacement serves both hostnames through its tunnel, and DNS holds
    // it instead of the burned edge.
    QVERIFY(waitUntilServed(*m_world, s("edge3"), s("a.example.com"), "service-a")
                .out.contains("service-a"));
    QVERIFY(waitUntilServed(*m_world, s("edge3"), s("b.example.net"), "service-b")
                .out.contains("service-b"));
    const QSet<QString> now{m_world->address(s("edge2")), m_world->address(s("edge3"))};
    QVERIFY(waitForAnswer(s("a.example.com"), now, 20000));
    QVERIFY(waitForAnswer(s("b.example.net"), now, 20000));
    // The burned server is really gone: nothing answers at its address.
    QVERIFY(!fetch(*m_world, s("edge1"), s("a.example.com")).ok());

    // Every step was an event.
    const auto events =
        QJsonDocument::fromJson(run({s("events"), s("--limit"), s("200"), s("--json")}).out)
            .array();
    QStringList steps;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        if (e.value(s("subject")).toString() == s("edge e1") &&
            e.value(s("outcome")).toString() == s("ok"))
            steps.append(e.value(s("action")).toString());
    }
    for (const char *step : {"burn leave-dns", "burn destroy", "burn create", "burn deploy",
                             "burn probe", "burn join-dns"})
        QVERIFY2(steps.contains(s(step)), qPrintable(steps.join(u',')));

    // The client loop: many answers through the surviving edge, none failed.
    QVERIFY(m_world->exec(s("client"), {s("touch"), s("/tmp/stop-loop")}).ok());
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray lines = log.readAll();
    QVERIFY2(lines.count("ok ") >= 4, lines.constData());
    QByteArrayList failures;
    for (const QByteArray &line : lines.split('\n')) {
        if (!line.isEmpty() && !line.startsWith("ok "))
            failures.append(line);
    }
    QVERIFY2(failures.isEmpty(), failures.join('\n').constData());
}

void TestEdgeBurnE2e::killedBurnResumesAtEveryStep_data()
{
    QTest::addColumn<QString>("step");
    for (const QString &step : killPoints)
        QTest::newRow(qPrintable(step)) << step;
}

bool TestEdgeBurnE2e::block(const QString &address, const QString &ports)
{
    QString rule = s("ip daddr ") + address;
    if (!ports.isEmpty())
        rule += s(" tcp dport { ") + ports + s(" }");
    const QString script = s("nft add table inet kokoa_test && "
                             "nft add chain inet kokoa_test out "
                             "'{ type filter hook output priority 0; }' && "
                             "nft add rule inet kokoa_test out ") +
                           rule + s(" drop");
    return m_world->exec(s("desk"), {s("sh"), s("-c"), script}).ok();
}

bool TestEdgeBurnE2e::unblock()
{
    return m_world
        ->exec(s("desk"), {s("sh"), s("-c"),
                           s("nft delete table inet kokoa_test 2>/dev/null; "
                             "! nft list table inet kokoa_test 2>/dev/null")})
        .ok();
}

bool TestEdgeBurnE2e::logShows(const QString &logFile, const QByteArray &text) const
{
    QFile log(m_world->hostPath(s("desk"), logFile));
    return log.open(QIODevice::ReadOnly) && log.readAll().contains(text);
}

bool TestEdgeBurnE2e::requestPending(const char *action) const
{
    const QDir requests(m_spares.filePath(s("requests")));
    for (const QString &name : requests.entryList({s("*.req")}, QDir::Files)) {
        QFile f(requests.filePath(name));
        if (f.open(QIODevice::ReadOnly) &&
            QJsonDocument::fromJson(f.readAll()).object().value(s("action")).toString() ==
                QLatin1String(action))
            return true;
    }
    return false;
}

void TestEdgeBurnE2e::hold(const char *action, bool on)
{
    QFile f(m_spares.filePath(s("hold-") + QLatin1String(action)));
    if (on)
        QVERIFY(f.open(QIODevice::WriteOnly));
    else
        QVERIFY(!f.exists() || f.remove());
}

void TestEdgeBurnE2e::killedBurnResumesAtEveryStep()
{
    QFETCH(QString, step);
    // Burn e1 and e2 in turn, each time with the other one serving.
    const QString edge = killPoints.indexOf(step) % 2 == 0 ? s("e2") : s("e1");
    const QString next = spares.at(3 + killPoints.indexOf(step)); // the replacement's host
    const QString pidFile = s("/tmp/burn-") + step + s(".pid");
    const QString logFile = s("/tmp/burn-") + step + s(".log");
    auto cleanup = qScopeGuard([this] {
        hold("up", false);
        hold("down", false);
        unblock();
    });

    // The step to kill the burn in is made to stall (a blocked address, a
    // provider that does not answer yet), so the kill lands inside it.
    if (step == s("leave-dns"))
        QVERIFY(block(dnsAddress()));
    else if (step == s("destroy"))
        hold("down", true);
    else if (step == s("create"))
        hold("up", true);
    else if (step == s("deploy"))
        QVERIFY(block(m_world->address(s("origin")), s("22")));
    else if (step == s("probe"))
        QVERIFY(block(m_world->address(next), s("80, 443")));

    const auto started = m_world->exec(
        s("desk"),
        {s("setsid"), s("-f"), s("sh"), s("-c"),
         s("echo $$ > %1; exec env KOKOA_ALLOW_NONPUBLIC_ADDRESSES=1 \"$@\" > %2 2>&1")
             .arg(pidFile, logFile),
         s("burn"), binary("kokoactl"), s("--data-dir"), dataDir(), s("edge"), s("burn"), edge});
    QVERIFY2(started.ok(), qPrintable(started.describe()));

    const qsizetype index = killPoints.indexOf(step);
    const QByteArray previous = index == 0 ? QByteArray("burn start: ")
                                           : "burn " + killPoints.at(index - 1).toLatin1() + ": ";
    if (step == s("join-dns")) {
        // DNS is needed again only at the end: blocked once the edge left it.
        QTRY_VERIFY_WITH_TIMEOUT(logShows(logFile, "burn leave-dns: "), 60000);
        QVERIFY(block(dnsAddress()));
    }
    if (step == s("destroy"))
        QTRY_VERIFY_WITH_TIMEOUT(requestPending("down"), 60000);
    else if (step == s("create"))
        QTRY_VERIFY_WITH_TIMEOUT(requestPending("up"), 60000);
    else
        QTRY_VERIFY_WITH_TIMEOUT(logShows(logFile, previous), 120000);

    QFile pidIn(m_world->hostPath(s("desk"), pidFile));
    QVERIFY(pidIn.open(QIODevice::ReadOnly));
    const QString pid = QString::fromLatin1(pidIn.readAll().trimmed());
    QVERIFY(!pid.isEmpty());
    const auto killed = m_world->exec(s("desk"), {s("kill"), s("-KILL"), pid});
    QVERIFY2(killed.ok(), qPrintable(s("kokoactl had ended: ") + killed.describe()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_world->exec(s("desk"), {s("kill"), s("-0"), pid}).ok(), 10000);
    QVERIFY2(!logShows(logFile, "burn " + step.toLatin1() + ": "),
             "the step finished before the kill");
    cleanup.dismiss();
    hold("up", false);
    hold("down", false);
    QVERIFY(unblock());

    const auto rerun = run({s("edge"), s("burn"), edge, s("--json")});
    QVERIFY2(rerun.ok(), qPrintable(rerun.describe() + QString::fromUtf8(rerun.out)));
    const QJsonObject report = QJsonDocument::fromJson(rerun.out).object();
    QCOMPARE(report.value(s("replacement")).toString(), edge);
    // Killed in the first step, the burn had recorded none yet.
    QCOMPARE(report.value(s("resumed")).toBool(), index > 0);

    // One replacement, on the next spare, serving; nothing leaked.
    QTRY_VERIFY_WITH_TIMEOUT(!requestPending("up") && !requestPending("down"), 30000);
    checkNoServerLeaked();
    QCOMPARE(worldHostOf(edge), next);
    QVERIFY(
        waitUntilServed(*m_world, next, s("a.example.com"), "service-a").out.contains("service-a"));
    QVERIFY(
        waitUntilServed(*m_world, next, s("b.example.net"), "service-b").out.contains("service-b"));
    QSet<QString> inDns;
    for (const QString &name : {s("e1"), s("e2")})
        inDns.insert(m_world->address(worldHostOf(name)));
    QVERIFY(waitForAnswer(s("a.example.com"), inDns, 20000));
    QVERIFY(waitForAnswer(s("b.example.net"), inDns, 20000));
}

QString TestEdgeBurnE2e::firstFreeSpare() const
{
    for (const QString &host : spares) {
        if (serverState(host) == s("free"))
            return host;
    }
    return {};
}

// e2e_provider_emulator --kind `kind` in desk, its servers spare hosts;
// returns its port (none on failure) and sets `stop` to stop it by its pid.
std::optional<QString> TestEdgeBurnE2e::startProviderEmulator(const QString &kind,
                                                              const QString &tokenFile,
                                                              std::function<void()> *stop)
{
    const QString log = m_spares.filePath(kind + s("-emulator.log"));
    const QString pidFile = m_spares.filePath(kind + s("-emulator.pid"));
    const auto started = m_world->exec(
        s("desk"), {s("setsid"), s("-f"), s("sh"), s("-c"),
                    s("echo $$ > %1; exec \"$@\" > %2 2>&1").arg(pidFile, log), kind,
                    s(KOKOA_E2E_PROVIDER_EMULATOR), s("--kind"), kind, s("--token-file"), tokenFile,
                    s("--spare-host"), s(KOKOA_E2E_SPARE_HOST_SCRIPT), s("--spare-dir"),
                    m_spares.filePath(QString()), s("--work-dir"), m_spares.filePath(QString())});
    if (!started.ok()) {
        qWarning().noquote() << started.describe();
        return std::nullopt;
    }
    *stop = [this, pidFile] {
        QFile pid(pidFile);
        if (pid.open(QIODevice::ReadOnly))
            m_world->exec(s("desk"), {s("kill"), QString::fromLatin1(pid.readAll().trimmed())});
    };
    QString port;
    const bool listening = QTest::qWaitFor(
        [&] {
            QFile f(log);
            if (!f.open(QIODevice::ReadOnly))
                return false;
            const QByteArray first = f.readLine().trimmed();
            port = QString::fromLatin1(first.mid(int(qstrlen("listening "))));
            return first.startsWith("listening ");
        },
        10000);
    if (!listening)
        return std::nullopt;
    return port;
}

QString TestEdgeBurnE2e::writeToken(const QString &kind, const QByteArray &token)
{
    const QString path = m_spares.filePath(kind + s("-token"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
        return {}; // a secret: kokoactl refuses one others may read
    f.write(token + '\n');
    return path;
}

// The Hetzner API emulator as a provider whose servers are real hosts: it
// brings a spare host up from the user-data Kokoa sent when Kokoa creates a
// server, and takes it down when Kokoa destroys one. e2 is replaced from it
// (the whole burn against the API: create, boot, pinned key, rotation,
// deploy, probe, DNS), then burned without a replacement.
void TestEdgeBurnE2e::hetznerApiServersAreRealHosts()
{
    const QString host = firstFreeSpare();
    QVERIFY(!host.isEmpty());
    const QString token = writeToken(s("hetzner"), "hz-e2e-token-5f0c2d9e7b1a");
    QVERIFY(!token.isEmpty());
    std::function<void()> stop;
    auto stopEmulator = qScopeGuard([&] {
        if (stop)
            stop();
    });
    const std::optional<QString> port = startProviderEmulator(s("hetzner"), token, &stop);
    QVERIFY(port);

    const auto added =
        run({s("provider"), s("add"), s("hz"), s("--kind"), s("hetzner"), s("--token-file"), token,
             s("--api-base"), s("http://127.0.0.1:%1/v1").arg(*port), s("--location"), s("fsn1"),
             s("--server-type"), s("cx22"), s("--image"), s("debian-12")});
    QVERIFY2(added.ok(), qPrintable(added.describe() + QString::fromUtf8(added.out)));

    const auto burn = run({s("edge"), s("burn"), s("e2"), s("--provider"), s("hz"), s("--json")});
    QVERIFY2(burn.ok(), qPrintable(burn.describe() + QString::fromUtf8(burn.out)));
    QCOMPARE(QJsonDocument::fromJson(burn.out).object().value(s("replacement")).toString(),
             s("e2"));
    checkApiServerIsRealHost(s("hz"), s("e2"), host);
    if (QTest::currentTestFailed())
        return;
    checkBurnedWithoutReplacement(s("hz"), s("e2"), host);
}

// DigitalOcean and Vultr the same way, from `edge create` on: a droplet or
// instance Kokoa asks for is a real host serving both hostnames in DNS, and
// destroying it takes the host down.
void TestEdgeBurnE2e::digitalOceanAndVultrServersAreRealHosts_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QStringList>("template_");
    QTest::newRow("digitalocean") << s("digitalocean")
                                  << QStringList{s("--location"),    s("fra1"),
                                                 s("--server-type"), s("s-1vcpu-1gb"),
                                                 s("--image"),       s("debian-12-x64")};
    QTest::newRow("vultr") << s("vultr")
                           << QStringList{s("--location"), s("fra"),     s("--server-type"),
                                          s("vc2-1c-1gb"), s("--image"), s("2136")};
}

void TestEdgeBurnE2e::digitalOceanAndVultrServersAreRealHosts()
{
    QFETCH(QString, kind);
    QFETCH(QStringList, template_);
    const QString host = firstFreeSpare();
    QVERIFY(!host.isEmpty());
    const QString token = writeToken(kind, kind.toLatin1() + "-e2e-token-7c1e9a0b3d5f");
    QVERIFY(!token.isEmpty());
    std::function<void()> stop;
    auto stopEmulator = qScopeGuard([&] {
        if (stop)
            stop();
    });
    const std::optional<QString> port = startProviderEmulator(kind, token, &stop);
    QVERIFY(port);
    const QString provider = kind.left(2);
    const auto added =
        run(QStringList{s("provider"), s("add"), provider, s("--kind"), kind, s("--token-file"),
                        token, s("--api-base"), s("http://127.0.0.1:%1/v2").arg(*port)} +
            template_);
    QVERIFY2(added.ok(), qPrintable(added.describe() + QString::fromUtf8(added.out)));

    const QString edge = s("e-") + provider;
    const auto created = run({s("edge"), s("create"), edge, s("--provider"), provider});
    QVERIFY2(created.ok(), qPrintable(created.describe() + QString::fromUtf8(created.out)));
    checkApiServerIsRealHost(provider, edge, host);
    if (QTest::currentTestFailed())
        return;
    checkBurnedWithoutReplacement(provider, edge, host);
}

// The edge `edge` is on the API's server `host`: configured from the
// user-data alone, serving both hostnames through the tunnel, in DNS beside
// e1, and `provider servers` shows exactly it.
void TestEdgeBurnE2e::checkApiServerIsRealHost(const QString &provider, const QString &edge,
                                               const QString &host)
{
    QCOMPARE(serverState(host), s("running")); // the API's server is this host
    QCOMPARE(worldHostOf(edge), host);
    const auto keys = m_world->exec(host, {s("cat"), s("/root/.ssh/authorized_keys")});
    QCOMPARE(keys.out.trimmed(), m_kokoaKey.trimmed());
    QVERIFY(
        waitUntilServed(*m_world, host, s("a.example.com"), "service-a").out.contains("service-a"));
    QVERIFY(
        waitUntilServed(*m_world, host, s("b.example.net"), "service-b").out.contains("service-b"));
    const QSet<QString> inDns{m_world->address(worldHostOf(s("e1"))), m_world->address(host)};
    QVERIFY(waitForAnswer(s("a.example.com"), inDns, 20000));
    QVERIFY(waitForAnswer(s("b.example.net"), inDns, 20000));
    const auto listed = run({s("provider"), s("servers"), provider, s("--json")});
    QVERIFY2(listed.ok(), qPrintable(listed.describe()));
    const QJsonArray servers = QJsonDocument::fromJson(listed.out).array();
    QCOMPARE(servers.size(), 1);
    QCOMPARE(servers.first().toObject().value(s("edge")).toString(), edge);
    QVERIFY(!servers.first().toObject().value(s("orphan")).toBool());
}

// Destroyed through the API: the host goes down with the server, DNS keeps
// e1 alone, and the provider lists nothing of Kokoa's.
void TestEdgeBurnE2e::checkBurnedWithoutReplacement(const QString &provider, const QString &edge,
                                                    const QString &host)
{
    const auto gone = run({s("edge"), s("burn"), edge, s("--no-replace")});
    QVERIFY2(gone.ok(), qPrintable(gone.describe() + QString::fromUtf8(gone.out)));
    QCOMPARE(serverState(host), s("destroyed"));
    QVERIFY(!fetch(*m_world, host, s("a.example.com")).ok());
    QVERIFY(waitForAnswer(s("a.example.com"), {m_world->address(worldHostOf(s("e1")))}, 20000));
    const auto after = run({s("provider"), s("servers"), provider, s("--json")});
    QVERIFY2(after.ok(), qPrintable(after.describe()));
    QCOMPARE(QJsonDocument::fromJson(after.out).array().size(), 0);
}

QTEST_GUILESS_MAIN(TestEdgeBurnE2e)
#include "tst_edge_burn_e2e.moc"
