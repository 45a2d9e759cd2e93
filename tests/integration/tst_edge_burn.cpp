// edge burn against the Hetzner and Cloudflare emulators, every new server
// played by a scripted host (FakeShell) that presents the host key its
// user-data carried: the order of the steps, DNS before and after, resuming
// after an interruption at each step with exactly one replacement and no
// leaked server, the last edge of a hostname, a hand-added edge, bad input.
#include "CliRunner.h"
#include "CloudflareEmulator.h"
#include "HetznerEmulator.h"
#include "ManualClock.h"
#include "ScriptedEdgeServers.h"
#include "app/AutoReplacement.h"
#include "app/EdgeBurn.h"
#include "app/EdgeCreation.h"
#include "app/HostKeyRotation.h"
#include "app/ProviderService.h"
#include "app/ReplacementProbe.h"
#include "app/ZoneService.h"
#include "cloud/GeneratedHostKey.h"
#include "core/DataDirectory.h"
#include "deploy/HostDeployment.h"
#include "render/WireGuardRenderer.h"
#include "store/BurnStore.h"
#include "store/CertificateStore.h"
#include "store/Lease.h"
#include "store/ProviderStore.h"
#include "store/StatusStore.h"
#include "store/Store.h"

#include <QMutex>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace kokoa;
using namespace kokoa::app;
using namespace kokoa::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray hzToken = "hz-token-0123456789";
const QByteArray cfToken = "cf-burn-token-8d2f0c4b9a7e6d5c";
const QString originIp = u"192.168.1.10"_s;
const QString originPin = u"SHA256:"_s + QString(43, u'A');
const QStringList hostnames{u"www.example.com"_s, u"api.example.com"_s};

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

EdgeBurn::Request burnOf(const QString &edge)
{
    EdgeBurn::Request request;
    request.edge = edge;
    return request;
}

} // namespace

class TestEdgeBurn : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void burnLeavesDnsFirstThenReplaces();
    void interruptedAfterEachStepResumesWithOneReplacement_data();
    void interruptedAfterEachStepResumesWithOneReplacement();
    void failedDestroyAndLostCreateAnswerResume();
    void lastEdgeIsReplacedBeforeItLeaves();
    void handAddedEdgeIsReplacedAndLeftToTheUser();
    void leaseHoldersVerdictsAreKept();
    void noReplaceOnlyRemoves();
    void badInputIsAClearErrorAndChangesNothing();
    void probeWaitsForEveryHostnameToBeServed();
    void commandLineBurnsAHandAddedEdge();
    void automaticReplacementBurnsAnEdgeDownEverywhere();
    void replacementServesTheExistingCertificates();
    void keepIpGivesTheReplacementTheSameAddress();
    void keepIpIsRefusedWhereItCannotWork();

private:
    EdgeCreation creation();
    EdgeBurn burner();
    Status probeScripted(const Edge &edge, const QList<Route> &routes);
    Result<std::unique_ptr<RemoteShell>> connectTo(const SshSession::Options &options);
    FakeShell &hostAt(const QString &ip);
    void createEdge(const QString &name);
    QStringList dnsAddresses(const QString &hostname) const;
    QString ipOf(const QString &edge) const;
    QStringList burnSteps(const QString &edge) const;
    void verifyOneReplacementAndNoLeak(const QString &replacement, const QString &survivor);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<HetznerEmulator> m_api;
    std::unique_ptr<CloudflareEmulator> m_cf;
    std::unique_ptr<FakeShell> m_origin;
    std::map<QString, std::unique_ptr<FakeShell>> m_edges; // by address
    // Hosts whose address a new server took (--keep-ip): checked in cleanup.
    std::vector<std::unique_ptr<FakeShell>> m_formerHosts;
    GeneratedHostKey m_hostMade;
    QMutex m_mutex;
    QHash<QString, QString> m_presents; // address -> host key fingerprint
    QStringList m_probed;
};

void TestEdgeBurn::initTestCase()
{
    qputenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES", "1");
}

void TestEdgeBurn::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(DataDirectory::ensure(m_dir->path()));
    auto store = Store::open(DataDirectory::databasePath(m_dir->path()));
    QVERIFY(store.ok());
    m_store = std::move(store).value();
    m_edges.clear();
    m_formerHosts.clear();
    m_presents.clear();
    m_probed.clear();
    const Result<GeneratedHostKey> made = GeneratedHostKey::generate();
    QVERIFY(made.ok());
    m_hostMade = *made;

    m_cf = std::make_unique<CloudflareEmulator>(cfToken);
    QVERIFY(m_cf->startOnOwnThread());
    m_cf->addZone(u"example.com"_s);
    ZoneService::Description zd;
    zd.name = u"example.com"_s;
    zd.provider = DnsProvider::Cloudflare;
    zd.apiBase = m_cf->baseUrl();
    const Result<Zone> zone = ZoneService::zoneFrom(zd);
    QVERIFY(zone.ok());
    QVERIFY(ZoneService(*m_store, m_dir->path()).add(*zone, cfToken, false).ok());

    Origin home;
    home.name = u"home"_s;
    home.ssh.host = originIp;
    QVERIFY(m_store->addOrigin(home));
    QVERIFY(m_store->setSshHostKey(Store::HostKind::Origin, u"home"_s, originPin));
    for (const QString &h : hostnames) {
        Route r;
        r.hostname = h;
        r.zoneName = u"example.com"_s;
        r.originName = u"home"_s;
        r.port = 8080;
        QVERIFY(m_store->addRoute(r));
    }
    m_origin = scriptedOrigin();

    m_api = std::make_unique<HetznerEmulator>(hzToken);
    QVERIFY(m_api->start());
    m_api->onCreate([this](const HetznerEmulator::Server &s) {
        QMutexLocker lock(&m_mutex);
        m_presents.insert(s.ipv4, givenFingerprint(s.userData));
        // A new machine at an address an old one had (--keep-ip).
        if (auto it = m_edges.find(s.ipv4); it != m_edges.end()) {
            m_formerHosts.push_back(std::move(it->second));
            m_edges.erase(it);
        }
    });
    const Status added =
        addHetznerProvider(*m_store, m_dir->path(), m_api->baseUrl(), hzToken, u"debian-12"_s);
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message()));
}

void TestEdgeBurn::cleanup()
{
    QVERIFY2(m_origin->unexpected().isEmpty(), qPrintable(m_origin->unexpected().join(u'\n')));
    for (const auto &[ip, host] : m_edges)
        QVERIFY2(host->unexpected().isEmpty(), qPrintable(host->unexpected().join(u'\n')));
    for (const auto &host : m_formerHosts)
        QVERIFY2(host->unexpected().isEmpty(), qPrintable(host->unexpected().join(u'\n')));
    m_store.reset();
    m_api.reset();
    m_cf.reset();
}

FakeShell &TestEdgeBurn::hostAt(const QString &ip)
{
    QMutexLocker lock(&m_mutex);
    std::unique_ptr<FakeShell> &host = m_edges[ip];
    if (!host) {
        host = std::make_unique<FakeShell>();
        host->installPackages(HostDeployment::packagesFor(HostDeployment::Role::Edge));
        scriptHostKeyRotation(*host, m_hostMade, [this, ip] {
            QMutexLocker inner(&m_mutex);
            m_presents.insert(ip, m_hostMade.fingerprint);
        });
    }
    return *host;
}

Result<std::unique_ptr<RemoteShell>> TestEdgeBurn::connectTo(const SshSession::Options &o)
{
    const bool origin = o.target.host == originIp;
    FakeShell &host = origin ? *m_origin : hostAt(o.target.host);
    QString presented = originPin;
    if (!origin) {
        QMutexLocker lock(&m_mutex);
        if (!m_presents.contains(o.target.host))
            return Error(Error::Kind::Remote, u"connection refused"_s); // no such server
        presented = m_presents.value(o.target.host);
    }
    return connectPresenting(o, host, presented);
}

EdgeCreation TestEdgeBurn::creation()
{
    EdgeCreation c(*m_store, m_dir->path(),
                   [this](const SshSession::Options &o) { return connectTo(o); });
    c.setProviderOpener(fastHetznerOpener(1));
    c.setTiming(fastCreationTiming());
    return c;
}

EdgeBurn TestEdgeBurn::burner()
{
    EdgeBurn b(*m_store, m_dir->path(),
               [this](const SshSession::Options &o) { return connectTo(o); });
    b.setProviderOpener(fastHetznerOpener(1));
    b.setTiming(fastCreationTiming());
    b.setProbe([this](const Edge &edge, const QList<Route> &routes) {
        return probeScripted(edge, routes);
    });
    return b;
}

Status TestEdgeBurn::probeScripted(const Edge &edge, const QList<Route> &routes)
{
    m_probed.append(edge.name);
    if (routes.size() != hostnames.size())
        return Error(Error::Kind::Internal, u"not every route probed"_s);
    // Serving means: nginx up with the tunnel, as the deploy left it.
    FakeShell &host = hostAt(edge.publicIpv4);
    if (!host.nginxRunning || !host.wireGuardUp)
        return Error(Error::Kind::Timeout, u"not serving"_s);
    return {};
}

void TestEdgeBurn::createEdge(const QString &name)
{
    const Result<Edge> edge = creation().run({name, u"hz"_s});
    QVERIFY2(edge.ok(), qPrintable(edge.ok() ? QString() : edge.error().message()));
}

QStringList TestEdgeBurn::dnsAddresses(const QString &hostname) const
{
    QStringList out;
    for (const auto &r : m_cf->recordsNamed(hostname)) {
        if (r.type == u"A"_s) // the edges' IPv6 addresses follow the same set
            out.append(r.content);
    }
    out.sort();
    return out;
}

QString TestEdgeBurn::ipOf(const QString &edge) const
{
    const Result<Topology> t = m_store->topology();
    for (const Edge &e : t->edges) {
        if (e.name == edge)
            return e.publicIpv4;
    }
    return {};
}

QStringList TestEdgeBurn::burnSteps(const QString &edge) const
{
    QStringList out;
    const auto events = m_store->events(500);
    for (const Event &e : *events) { // oldest first
        if (e.subject == u"edge "_s + edge && e.action.startsWith(u"burn "_s))
            out.append(e.action.mid(5) + (e.outcome == u"ok"_s ? QString() : u"!"_s));
    }
    return out;
}

// The emulator's list, Kokoa's records and `provider servers` agree: the
// survivor and one replacement, no orphan.
void TestEdgeBurn::verifyOneReplacementAndNoLeak(const QString &replacement,
                                                 const QString &survivor)
{
    const QList<HetznerEmulator::Server> atProvider = m_api->servers();
    QCOMPARE(atProvider.size(), 2);
    const auto listed = ProviderService(*m_store, m_dir->path()).servers(u"hz"_s);
    QVERIFY(listed.ok());
    QCOMPARE(listed->size(), 2);
    QStringList edges;
    for (const ProviderService::ServerView &v : *listed) {
        QVERIFY2(!v.orphan, qPrintable(v.name));
        QCOMPARE(v.recorded, u"created"_s);
        edges.append(v.edge);
        bool found = false;
        for (const HetznerEmulator::Server &s : atProvider)
            found = found || s.name == v.name;
        QVERIFY(found);
    }
    edges.sort();
    QStringList expected{replacement, survivor};
    expected.sort();
    QCOMPARE(edges, expected);
    const auto burns = BurnStore(m_store->database()).unfinished(replacement);
    QVERIFY(burns.ok() && !burns->has_value());
}

void TestEdgeBurn::burnLeavesDnsFirstThenReplaces()
{
    createEdge(u"tokyo-1"_s);
    createEdge(u"osaka-1"_s);
    const QString oldIp = ipOf(u"tokyo-1"_s);
    const QString osakaIp = ipOf(u"osaka-1"_s);
    QCOMPARE(dnsAddresses(hostnames.first()), sorted({oldIp, osakaIp}));

    EdgeBurn b = burner();
    QStringList seen;
    b.setInterruption([&](const QString &step) {
        // Right after leaving: out of DNS everywhere, the survivor stays.
        if (step == u"leave-dns"_s) {
            for (const QString &h : hostnames)
                seen.append(dnsAddresses(h).join(u','));
        }
        return false;
    });
    const Result<EdgeBurn::Report> report = b.run(burnOf(u"tokyo-1"_s));
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
    QCOMPARE(seen, (QStringList{osakaIp, osakaIp}));
    QCOMPARE(report->replacement, u"tokyo-1"_s);
    QVERIFY(!report->resumed);
    const QString newIp = ipOf(u"tokyo-1"_s);
    QVERIFY(!newIp.isEmpty() && newIp != oldIp);
    for (const QString &h : hostnames)
        QCOMPARE(dnsAddresses(h), sorted({newIp, osakaIp}));
    QCOMPARE(burnSteps(u"tokyo-1"_s),
             (QStringList{u"start"_s, u"leave-dns"_s, u"destroy"_s, u"create"_s, u"deploy"_s,
                          u"probe"_s, u"join-dns"_s, u"done"_s}));
    QCOMPARE(m_probed, QStringList{u"tokyo-1"_s});
    // The replacement is a real edge: host key rotated, deployed.
    const Result<Topology> t = m_store->topology();
    for (const Edge &e : t->edges) {
        if (e.name == u"tokyo-1"_s) {
            QCOMPARE(e.sshHostKey, m_hostMade.fingerprint);
            QVERIFY(e.state == HostState::Deployed);
        }
    }
    QVERIFY(hostAt(newIp).nginxRunning);
    verifyOneReplacementAndNoLeak(u"tokyo-1"_s, u"osaka-1"_s);
}

void TestEdgeBurn::interruptedAfterEachStepResumesWithOneReplacement_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<bool>("lastEdge");
    QTest::addColumn<bool>("keepIp");
    for (const bool last : {false, true}) {
        BurnRecord burn;
        burn.lastEdge = last;
        burn.hadTunnel = true; // created edges have a tunnel
        for (const QString &step : EdgeBurn::stepsFor(burn))
            QTest::addRow("%s%s", last ? "last edge, " : "", qPrintable(step))
                << step << last << false;
    }
    BurnRecord kept;
    kept.hadTunnel = true;
    for (const QString &step : EdgeBurn::stepsFor(kept))
        QTest::addRow("keep-ip, %s", qPrintable(step)) << step << false << true;
}

void TestEdgeBurn::interruptedAfterEachStepResumesWithOneReplacement()
{
    QFETCH(QString, step);
    QFETCH(bool, lastEdge);
    QFETCH(bool, keepIp);
    createEdge(u"tokyo-1"_s);
    if (!lastEdge)
        createEdge(u"osaka-1"_s);
    const QString oldIp = ipOf(u"tokyo-1"_s);
    EdgeBurn::Request request = burnOf(u"tokyo-1"_s);
    request.keepIp = keepIp;
    {
        EdgeBurn b = burner();
        b.setInterruption([&](const QString &done) { return done == step; });
        const Result<EdgeBurn::Report> stopped = b.run(request);
        QVERIFY(!stopped.ok());
        QCOMPARE(stopped.error().kind(), Error::Kind::Cancelled);
    }
    // The rerun is a new process: nothing but the database carries over
    // (the rerun of a --keep-ip burn need not repeat the flag).
    const Result<EdgeBurn::Report> report = burner().run(burnOf(u"tokyo-1"_s));
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
    QVERIFY(report->resumed);
    const QString replacement = lastEdge ? u"tokyo-2"_s : u"tokyo-1"_s;
    QCOMPARE(report->replacement, replacement);
    if (lastEdge) {
        QCOMPARE(m_api->requestCount("POST", u"/v1/servers"_s), 2); // the edge, one replacement
        QCOMPARE(m_api->servers().size(), 1);
        const auto listed = ProviderService(*m_store, m_dir->path()).servers(u"hz"_s);
        QCOMPARE(listed->size(), 1);
        QCOMPARE(listed->first().edge, replacement);
        QVERIFY(!listed->first().orphan);
    } else {
        QCOMPARE(m_api->requestCount("POST", u"/v1/servers"_s), 3); // two edges, one replacement
        verifyOneReplacementAndNoLeak(replacement, u"osaka-1"_s);
    }
    const QString newIp = ipOf(replacement);
    if (keepIp) {
        QCOMPARE(newIp, oldIp);
        QCOMPARE(m_api->primaryIps().size(), 2); // the survivor's, the kept one
        for (const QString &h : hostnames)
            QCOMPARE(dnsAddresses(h), sorted({oldIp, ipOf(u"osaka-1"_s)}));
    } else {
        QVERIFY(newIp != oldIp);
        for (const QString &h : hostnames)
            QVERIFY(!dnsAddresses(h).contains(oldIp) && dnsAddresses(h).contains(newIp));
    }
    const QStringList steps = burnSteps(u"tokyo-1"_s);
    QCOMPARE(steps.count(step), 1); // a done step is not done again
    QCOMPARE(steps.count(u"keep-ip"_s), keepIp ? 1 : 0);
    QVERIFY(steps.contains(u"resume"_s));
}

void TestEdgeBurn::failedDestroyAndLostCreateAnswerResume()
{
    createEdge(u"tokyo-1"_s);
    createEdge(u"osaka-1"_s);
    m_api->failDestroys(1);
    Result<EdgeBurn::Report> report = burner().run(burnOf(u"tokyo-1"_s));
    QVERIFY(!report.ok());
    QVERIFY(report.error().message().contains(u"destroy"_s));
    QVERIFY(burnSteps(u"tokyo-1"_s).contains(u"destroy!"_s));
    QCOMPARE(m_api->servers().size(), 2); // nothing made before the old one is gone

    m_api->loseCreateAnswers(1);
    report = burner().run(burnOf(u"tokyo-1"_s));
    QVERIFY(!report.ok());
    QVERIFY(burnSteps(u"tokyo-1"_s).contains(u"create!"_s));
    report = burner().run(burnOf(u"tokyo-1"_s));
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
    QCOMPARE(m_api->requestCount("POST", u"/v1/servers"_s), 3);
    verifyOneReplacementAndNoLeak(u"tokyo-1"_s, u"osaka-1"_s);
}

void TestEdgeBurn::lastEdgeIsReplacedBeforeItLeaves()
{
    createEdge(u"tokyo-1"_s);
    const QString oldIp = ipOf(u"tokyo-1"_s);
    QCOMPARE(dnsAddresses(hostnames.first()), QStringList{oldIp});
    EdgeBurn b = burner();
    QStringList beforeLeaving;
    b.setInterruption([&](const QString &step) {
        if (step == u"join-dns"_s)
            beforeLeaving = dnsAddresses(hostnames.first());
        return false;
    });
    const Result<EdgeBurn::Report> report = b.run(burnOf(u"tokyo-1"_s));
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
    QCOMPARE(report->replacement, u"tokyo-2"_s);
    const QString newIp = ipOf(u"tokyo-2"_s);
    QStringList both{oldIp, newIp};
    both.sort();
    QCOMPARE(beforeLeaving, both); // never a moment with no edge in DNS
    for (const QString &h : hostnames)
        QCOMPARE(dnsAddresses(h), QStringList{newIp});
    QCOMPARE(burnSteps(u"tokyo-1"_s),
             (QStringList{u"start"_s, u"create"_s, u"deploy"_s, u"probe"_s, u"join-dns"_s,
                          u"leave-dns"_s, u"destroy"_s, u"origins"_s, u"done"_s}));
    QCOMPARE(m_api->servers().size(), 1);
    QVERIFY(ipOf(u"tokyo-1"_s).isEmpty());
}

// A watchdog holds the DNS lease and has found osaka-1 down: tokyo-1 is
// then the last edge serving, so its replacement serves first, and the burn
// never puts osaka-1 back into DNS.
void TestEdgeBurn::leaseHoldersVerdictsAreKept()
{
    createEdge(u"tokyo-1"_s);
    createEdge(u"osaka-1"_s);
    const QString oldIp = ipOf(u"tokyo-1"_s);
    const QString osakaIp = ipOf(u"osaka-1"_s);
    const Result<bool> held =
        Lease(m_store->database(), Lease::dnsLeaseName(), u"watchdog:4242"_s).acquire(600'000);
    QVERIFY(held.ok() && *held);
    StatusStore::HealthRow down;
    down.key = u"edge:osaka-1"_s;
    down.state = u"down"_s;
    QVERIFY(StatusStore(m_store->database()).publishHealth({down}).ok());

    EdgeBurn b = burner();
    QStringList whileJoining;
    b.setInterruption([&](const QString &step) {
        if (step == u"join-dns"_s)
            whileJoining = dnsAddresses(hostnames.first());
        return false;
    });
    const Result<EdgeBurn::Report> report = b.run(burnOf(u"tokyo-1"_s));
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
    QCOMPARE(report->replacement, u"tokyo-2"_s);
    const QString newIp = ipOf(u"tokyo-2"_s);
    QCOMPARE(whileJoining, sorted({oldIp, newIp}));
    for (const QString &h : hostnames)
        QCOMPARE(dnsAddresses(h), QStringList{newIp});
    QVERIFY(!dnsAddresses(hostnames.first()).contains(osakaIp));
}

void TestEdgeBurn::handAddedEdgeIsReplacedAndLeftToTheUser()
{
    createEdge(u"osaka-1"_s);
    Edge byHand;
    byHand.name = u"kyoto-1"_s;
    byHand.ssh.user = u"root"_s;
    byHand.ssh.host = u"198.51.100.200"_s;
    byHand.publicIpv4 = u"198.51.100.200"_s;
    QVERIFY(m_store->addEdge(byHand));
    QVERIFY(m_store->setHostState(Store::HostKind::Edge, u"kyoto-1"_s, HostState::Deployed));

    const Result<EdgeBurn::Report> noProvider = burner().run(burnOf(u"kyoto-1"_s));
    QVERIFY(!noProvider.ok());
    QCOMPARE(noProvider.error().field(), u"provider"_s);
    QVERIFY(!ipOf(u"kyoto-1"_s).isEmpty()); // nothing changed

    EdgeBurn::Request request = burnOf(u"kyoto-1"_s);
    request.provider = u"hz"_s;
    const Result<EdgeBurn::Report> report = burner().run(request);
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
    QCOMPARE(report->destroyByHand, u"root@198.51.100.200"_s);
    QCOMPARE(m_api->requestCount("DELETE", QString()), 0);
    const QString newIp = ipOf(u"kyoto-1"_s);
    QVERIFY(newIp != u"198.51.100.200"_s);
    QVERIFY(dnsAddresses(hostnames.first()).contains(newIp));
    QVERIFY(!dnsAddresses(hostnames.first()).contains(u"198.51.100.200"_s));
    verifyOneReplacementAndNoLeak(u"kyoto-1"_s, u"osaka-1"_s);
}

void TestEdgeBurn::noReplaceOnlyRemoves()
{
    createEdge(u"tokyo-1"_s);
    createEdge(u"osaka-1"_s);
    // Scripted hosts may share a key: the peer is told by its comment.
    const QString burnedPeer = u"# edge tokyo-1\n[Peer]"_s;
    const auto originTunnel = [this] {
        const auto conf = m_origin->file(WireGuardRenderer::configPath());
        return conf ? QString::fromUtf8(conf->content) : QString();
    };
    QVERIFY2(originTunnel().contains(burnedPeer), qPrintable(originTunnel()));
    EdgeBurn::Request request = burnOf(u"tokyo-1"_s);
    request.replace = false;
    const Result<EdgeBurn::Report> report = burner().run(request);
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
    QVERIFY(report->replacement.isEmpty());
    QCOMPARE(m_api->servers().size(), 1);
    QVERIFY(ipOf(u"tokyo-1"_s).isEmpty());
    QCOMPARE(dnsAddresses(hostnames.first()), QStringList{ipOf(u"osaka-1"_s)});
    QCOMPARE(burnSteps(u"tokyo-1"_s),
             (QStringList{u"start"_s, u"leave-dns"_s, u"destroy"_s, u"origins"_s, u"done"_s}));
    // The burned edge's tunnel is closed on the origin; the survivor's stays.
    QVERIFY2(!originTunnel().contains(burnedPeer), qPrintable(originTunnel()));
    QVERIFY(originTunnel().contains(u"# edge osaka-1\n[Peer]"_s));
    // The last edge is not burned without a replacement.
    request.edge = u"osaka-1"_s;
    const Result<EdgeBurn::Report> last = burner().run(request);
    QVERIFY(!last.ok());
    QCOMPARE(last.error().kind(), Error::Kind::Conflict);
    QVERIFY(last.error().message().contains(u"www.example.com"_s));
    QCOMPARE(m_api->servers().size(), 1);
}

void TestEdgeBurn::badInputIsAClearErrorAndChangesNothing()
{
    createEdge(u"tokyo-1"_s);
    createEdge(u"osaka-1"_s);
    QCOMPARE(burner().run(burnOf(u"nagoya-1"_s)).error().kind(), Error::Kind::NotFound);
    QCOMPARE(burner().run(burnOf(u"Tokyo 1"_s)).error().field(), u"edge"_s);
    EdgeBurn::Request unknownProvider = burnOf(u"tokyo-1"_s);
    unknownProvider.provider = u"nope"_s;
    QCOMPARE(burner().run(unknownProvider).error().kind(), Error::Kind::NotFound);
    QCOMPARE(m_api->servers().size(), 2);
    QCOMPARE(m_api->requestCount("DELETE", QString()), 0);
    const auto unfinished = BurnStore(m_store->database()).unfinished(u"tokyo-1"_s);
    QVERIFY(unfinished.ok() && !unfinished->has_value());

    // The command line names the field too.
    const CliResult cli = runCli(
        m_dir->path(), {u"edge"_s, u"burn"_s, u"tokyo-1"_s, u"--keep-ip"_s, u"--no-replace"_s});
    QCOMPARE(cli.code, 2);
    QVERIFY2(cli.err.contains(u"keep-ip"_s), qPrintable(cli.err));
    const CliResult both = runCli(m_dir->path(), {u"edge"_s, u"burn"_s, u"tokyo-1"_s,
                                                  u"--no-replace"_s, u"--provider"_s, u"hz"_s});
    QCOMPARE(both.code, 2);
    QVERIFY(both.err.contains(u"provider"_s));
}

// The default probe: an edge whose tunnel is not up yet answers 502; it is
// asked again until every hostname gets another answer, within the bound.
void TestEdgeBurn::probeWaitsForEveryHostnameToBeServed()
{
    QTcpServer edgeNginx;
    QVERIFY(edgeNginx.listen(QHostAddress::LocalHost));
    int answered = 0;
    QStringList hosts;
    connect(&edgeNginx, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *s = edgeNginx.nextPendingConnection()) {
            connect(s, &QTcpSocket::readyRead, s, [&, s] {
                const QByteArray request = s->readAll();
                const qsizetype at = request.indexOf("Host: ");
                hosts.append(
                    QString::fromLatin1(request.mid(at + 6, request.indexOf('\r', at) - at - 6)));
                const QByteArray status = ++answered <= 2 ? "502 Bad Gateway" : "200 OK";
                s->write("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\n\r\n");
            });
        }
    });
    Edge edge;
    edge.name = u"tokyo-9"_s;
    edge.publicIpv4 = u"127.0.0.1"_s;
    const Result<Topology> t = m_store->topology();
    QVERIFY(ReplacementProbe::serves(edge, t->routes, 10'000, edgeNginx.serverPort()).ok());
    QVERIFY(answered >= 4); // two refused with 502, asked again
    QVERIFY(hosts.contains(u"www.example.com"_s) && hosts.contains(u"api.example.com"_s));

    const quint16 port = edgeNginx.serverPort();
    edgeNginx.close();
    const Status down = ReplacementProbe::serves(edge, t->routes, 1'000, port);
    QVERIFY(!down.ok());
    QCOMPARE(down.error().kind(), Error::Kind::Timeout);
    QVERIFY(down.error().message().contains(u"tokyo-9"_s));
}

// kokoactl edge burn end to end where no SSH is needed: a hand-added edge
// without replacement leaves DNS and the user is told what to destroy.
void TestEdgeBurn::commandLineBurnsAHandAddedEdge()
{
    for (const auto &[name, ip] : {std::pair{u"kyoto-1"_s, u"198.51.100.200"_s},
                                   std::pair{u"nara-1"_s, u"198.51.100.201"_s}}) {
        Edge byHand;
        byHand.name = name;
        byHand.ssh.user = u"root"_s;
        byHand.ssh.host = ip;
        byHand.publicIpv4 = ip;
        QVERIFY(m_store->addEdge(byHand));
        QVERIFY(m_store->setHostState(Store::HostKind::Edge, name, HostState::Deployed));
    }
    const CliResult sync = runCli(m_dir->path(), {u"dns"_s, u"sync"_s});
    QCOMPARE(sync.code, 0);
    QCOMPARE(dnsAddresses(hostnames.first()), sorted({u"198.51.100.200"_s, u"198.51.100.201"_s}));
    const CliResult burned =
        runCli(m_dir->path(), {u"edge"_s, u"burn"_s, u"kyoto-1"_s, u"--no-replace"_s});
    QVERIFY2(burned.code == 0, qPrintable(burned.err));
    QVERIFY2(burned.out.contains(u"burn leave-dns"_s), qPrintable(burned.out));
    QVERIFY(burned.out.contains(u"destroy the machine at root@198.51.100.200 yourself"_s));
    QVERIFY(burned.out.contains(u"edge kyoto-1 burned"_s));
    for (const QString &h : hostnames)
        QCOMPARE(dnsAddresses(h), QStringList{u"198.51.100.201"_s});
    QVERIFY(ipOf(u"kyoto-1"_s).isEmpty());
    // Burned once: a second run finds no such edge.
    const CliResult again =
        runCli(m_dir->path(), {u"edge"_s, u"burn"_s, u"kyoto-1"_s, u"--no-replace"_s});
    QCOMPARE(again.code, 2);
    QVERIFY(again.err.contains(u"kyoto-1"_s));
}

// The monitor's verdict, as the acting monitor hands it over, starts the
// real burn: out of DNS, destroyed at the provider, a replacement created,
// deployed and in DNS, recorded as automatic (it counts against the cap).
void TestEdgeBurn::automaticReplacementBurnsAnEdgeDownEverywhere()
{
    createEdge(u"tokyo-1"_s);
    createEdge(u"osaka-1"_s);
    const QString oldIp = ipOf(u"tokyo-1"_s);
    const QString osakaIp = ipOf(u"osaka-1"_s);
    QVERIFY(m_store->setSetting(u"edges.auto_replace"_s, u"true"_s));
    QVERIFY(m_store->setSetting(u"edges.replace_after_s"_s, u"30"_s));
    ManualClock clock;
    AutoReplacement automatic(*m_store, m_dir->path(), clock);
    AutoReplacement::BurnSetup setup;
    setup.opener = fastHetznerOpener(1);
    setup.connector = [this](const SshSession::Options &o) { return connectTo(o); };
    setup.probe = [this](const Edge &edge, const QList<Route> &routes) {
        return probeScripted(edge, routes);
    };
    setup.timing = fastCreationTiming();
    automatic.setBurner(AutoReplacement::edgeBurner(setup));
    QSignalSpy replaced(&automatic, &AutoReplacement::replaced);

    automatic.onAssessment({u"tokyo-1"_s}, {u"tokyo-1"_s}, false);
    clock.advance(29'000);
    automatic.onAssessment({u"tokyo-1"_s}, {u"tokyo-1"_s}, false);
    QVERIFY(automatic.idle());
    clock.advance(1'000);
    automatic.onAssessment({u"tokyo-1"_s}, {u"tokyo-1"_s}, false);
    QVERIFY(replaced.wait(60000));
    QVERIFY2(replaced.first().at(1).toBool(), qPrintable(replaced.first().at(2).toString()));
    const QString newIp = ipOf(u"tokyo-1"_s);
    QVERIFY(!newIp.isEmpty() && newIp != oldIp);
    for (const QString &h : hostnames)
        QCOMPARE(dnsAddresses(h), sorted({newIp, osakaIp}));
    QCOMPARE(burnSteps(u"tokyo-1"_s),
             (QStringList{u"start"_s, u"leave-dns"_s, u"destroy"_s, u"create"_s, u"deploy"_s,
                          u"probe"_s, u"join-dns"_s, u"done"_s}));
    verifyOneReplacementAndNoLeak(u"tokyo-1"_s, u"osaka-1"_s);
    const Result<int> counted = BurnStore(m_store->database()).automaticSince(0);
    QCOMPARE(*counted, 1);
}

// Certificates are issued once: the replacement is deployed with the ones
// the store holds (HTTPS from its first deploy), and nothing is asked of a
// CA (there is no ACME account here; the record keeps its serial).
void TestEdgeBurn::replacementServesTheExistingCertificates()
{
    CertificateStore certificates(m_store->database(), m_dir->path());
    CertificateRecord record;
    record.name = hostnames.first();
    record.names = {hostnames.first()};
    record.serial = u"1f"_s;
    record.chainPem = "-----BEGIN CERTIFICATE-----\nleaf\n-----END CERTIFICATE-----\n";
    const QByteArray key = "-----BEGIN PRIVATE KEY-----\nk\n-----END PRIVATE KEY-----\n";
    QVERIFY(certificates.put(record, key));
    createEdge(u"tokyo-1"_s);
    createEdge(u"osaka-1"_s);
    const QString oldIp = ipOf(u"tokyo-1"_s);

    const Result<EdgeBurn::Report> report = burner().run(burnOf(u"tokyo-1"_s));
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
    const QString newIp = ipOf(u"tokyo-1"_s);
    QVERIFY(newIp != oldIp);
    const QString dir = u"/etc/kokoa/certs/"_s + hostnames.first();
    FakeShell &replacement = hostAt(newIp);
    const auto chain = replacement.file(dir + u"/fullchain.pem"_s);
    const auto privateKey = replacement.file(dir + u"/privkey.pem"_s);
    QVERIFY(chain && privateKey);
    QCOMPARE(chain->content, record.chainPem);
    QCOMPARE(privateKey->content, key);
    const auto listed = certificates.list();
    QVERIFY(listed.ok());
    QCOMPARE(listed->size(), 1);
    QCOMPARE(listed->first().serial, u"1f"_s);
    QVERIFY(certificates.holders()->value(hostnames.first()).contains(u"tokyo-1"_s));
}

// --keep-ip: the old server's primary IPv4 outlives it (auto_delete off),
// the replacement is created with it, and it goes with its new server again
// (auto_delete on): DNS ends where it began. A destroy that fails after the
// address was kept resumes with the recorded handle.
void TestEdgeBurn::keepIpGivesTheReplacementTheSameAddress()
{
    createEdge(u"tokyo-1"_s);
    createEdge(u"osaka-1"_s);
    const QString oldIp = ipOf(u"tokyo-1"_s);
    const QString osakaIp = ipOf(u"osaka-1"_s);
    qint64 oldServer = 0;
    for (const HetznerEmulator::Server &server : m_api->servers()) {
        if (server.ipv4 == oldIp)
            oldServer = server.id;
    }
    QVERIFY(oldServer != 0);
    EdgeBurn::Request request = burnOf(u"tokyo-1"_s);
    request.keepIp = true;

    m_api->failDestroys(1);
    Result<EdgeBurn::Report> report = burner().run(request);
    QVERIFY(!report.ok());
    QVERIFY(burnSteps(u"tokyo-1"_s).contains(u"destroy!"_s));
    const auto waiting = BurnStore(m_store->database()).unfinished(u"tokyo-1"_s);
    QVERIFY(waiting.ok() && waiting->has_value());
    QVERIFY(!(*waiting)->keptAddress.isEmpty());
    for (const HetznerEmulator::PrimaryIp &ip : m_api->primaryIps()) {
        if (ip.ip == oldIp)
            QVERIFY(!ip.autoDelete); // kept before the server was asked to go
    }

    EdgeBurn b = burner();
    QStringList outOfDns;
    b.setInterruption([&](const QString &step) {
        if (step == u"destroy"_s)
            outOfDns = dnsAddresses(hostnames.first());
        return false;
    });
    report = b.run(burnOf(u"tokyo-1"_s));
    QVERIFY2(report.ok(), qPrintable(report.ok() ? QString() : report.error().message()));
    QCOMPARE(outOfDns, QStringList{osakaIp});
    QCOMPARE(ipOf(u"tokyo-1"_s), oldIp);
    for (const QString &h : hostnames)
        QCOMPARE(dnsAddresses(h), sorted({oldIp, osakaIp}));
    QVERIFY(hostAt(oldIp).nginxRunning); // the new machine at the old address, deployed
    QCOMPARE(m_api->requestCount("PUT", u"/v1/primary_ips/"_s), 2); // keep, hand over
    bool found = false;
    for (const HetznerEmulator::PrimaryIp &ip : m_api->primaryIps()) {
        QVERIFY2(ip.autoDelete, qPrintable(ip.ip)); // none left to outlive its server
        QVERIFY(ip.assignee != 0 && ip.assignee != oldServer);
        found = found || ip.ip == oldIp;
    }
    QVERIFY(found);
    const QStringList steps = burnSteps(u"tokyo-1"_s);
    QCOMPARE(steps.mid(steps.indexOf(u"resume"_s)),
             (QStringList{u"resume"_s, u"destroy"_s, u"create"_s, u"deploy"_s, u"probe"_s,
                          u"join-dns"_s, u"done"_s}));
    QCOMPARE(steps.count(u"keep-ip"_s), 1);
    QVERIFY(steps.indexOf(u"keep-ip"_s) < steps.indexOf(u"destroy!"_s));
    verifyOneReplacementAndNoLeak(u"tokyo-1"_s, u"osaka-1"_s);
}

namespace {

// A Hetzner provider that, like the command kind, cannot keep an address.
class AddressLosingProvider final : public ForwardingProvider
{
public:
    using ForwardingProvider::ForwardingProvider;
    bool canKeepAddress() const override { return false; }
};

// One that can keep addresses, but not this server's (DigitalOcean, for a
// droplet whose address is its own rather than a reserved IP).
class UnkeepableAddress final : public ForwardingProvider
{
public:
    using ForwardingProvider::ForwardingProvider;
    Status checkKeepable(const QString &, const QString &address) override
    {
        return Error::invalid(u"keep-ip"_s, address, u"is the server's own address"_s);
    }
};

// The burner whose provider is `Wrapper` around the fast Hetzner one.
template <typename Wrapper> ProviderService::Opener wrappedHetznerOpener()
{
    const ProviderService::Opener fast = fastHetznerOpener(1);
    return [fast](const ProviderRecord &p, const QByteArray &t,
                  const QString &owner) -> Result<std::unique_ptr<CloudProvider>> {
        Result<std::unique_ptr<CloudProvider>> inner = fast(p, t, owner);
        if (!inner)
            return inner.error();
        return std::unique_ptr<CloudProvider>(std::make_unique<Wrapper>(std::move(inner).value()));
    };
}

} // namespace

// Where the address cannot follow, --keep-ip is refused before anything
// happens, naming the field: without a replacement, for the last edge (its
// replacement serves first), from another provider, from a provider that
// cannot keep an address, and where the provider cannot keep this server's.
void TestEdgeBurn::keepIpIsRefusedWhereItCannotWork()
{
    createEdge(u"tokyo-1"_s);
    EdgeBurn::Request request = burnOf(u"tokyo-1"_s);
    request.keepIp = true;
    Result<EdgeBurn::Report> last = burner().run(request);
    QCOMPARE(last.error().field(), u"keep-ip"_s);
    QCOMPARE(last.error().kind(), Error::Kind::Conflict);
    QVERIFY2(last.error().message().contains(u"last edge"_s), qPrintable(last.error().message()));

    createEdge(u"osaka-1"_s);
    EdgeBurn::Request noReplace = request;
    noReplace.replace = false;
    QCOMPARE(burner().run(noReplace).error().field(), u"keep-ip"_s);

    ProviderService::Description d;
    d.name = u"hz2"_s;
    d.kind = u"hetzner"_s;
    d.apiBase = m_api->baseUrl();
    d.location = u"fsn1"_s;
    d.serverType = u"cx22"_s;
    d.image = u"debian-12"_s;
    const Result<ProviderRecord> other = ProviderService::recordFrom(d);
    QVERIFY(other.ok());
    QVERIFY(ProviderService(*m_store, m_dir->path()).add(*other, hzToken, false).ok());
    EdgeBurn::Request elsewhere = request;
    elsewhere.provider = u"hz2"_s;
    const Result<EdgeBurn::Report> moved = burner().run(elsewhere);
    QCOMPARE(moved.error().field(), u"keep-ip"_s);
    QVERIFY2(moved.error().message().contains(u"hz2"_s), qPrintable(moved.error().message()));

    EdgeBurn losing = burner();
    losing.setProviderOpener(wrappedHetznerOpener<AddressLosingProvider>());
    const Result<EdgeBurn::Report> cannot = losing.run(request);
    QCOMPARE(cannot.error().field(), u"keep-ip"_s);
    QVERIFY2(cannot.error().message().contains(u"cannot"_s), qPrintable(cannot.error().message()));

    EdgeBurn unkeepable = burner();
    unkeepable.setProviderOpener(wrappedHetznerOpener<UnkeepableAddress>());
    const Result<EdgeBurn::Report> own = unkeepable.run(request);
    QCOMPARE(own.error().field(), u"keep-ip"_s);
    QVERIFY2(own.error().message().contains(u"own address"_s), qPrintable(own.error().message()));

    // Nothing happened: both servers, no burn, no address kept.
    QCOMPARE(m_api->servers().size(), 2);
    QCOMPARE(m_api->requestCount("DELETE", QString()), 0);
    QCOMPARE(m_api->requestCount("PUT", QString()), 0);
    const auto unfinished = BurnStore(m_store->database()).unfinished(u"tokyo-1"_s);
    QVERIFY(unfinished.ok() && !unfinished->has_value());
}

QTEST_GUILESS_MAIN(TestEdgeBurn)
#include "tst_edge_burn.moc"
