#include "ManualClock.h"
#include "SmallDisk.h"
#include "core/DataDirectory.h"
#include "store/AcmeAccountStore.h"
#include "store/BurnStore.h"
#include "store/CertificateStore.h"
#include "store/Schema.h"
#include "store/SecretStore.h"
#include "store/Store.h"
#include "store/TopologyJson.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace kokoa;
using namespace Qt::StringLiterals;

namespace {

Zone zone(const QString &name)
{
    Zone z;
    z.name = name;
    return z;
}

Origin origin(const QString &name)
{
    Origin o;
    o.name = name;
    o.ssh.host = QStringLiteral("192.168.1.10");
    return o;
}

Edge edge(const QString &name, const QString &ip)
{
    Edge e;
    e.name = name;
    e.ssh.host = ip;
    e.publicIpv4 = ip;
    return e;
}

Route route(const QString &hostname, const QString &originName, quint16 port)
{
    Route r;
    r.hostname = hostname;
    r.originName = originName;
    r.port = port;
    return r;
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void addListRemove();
    void duplicatesAreConflicts();
    void invalidObjectsNeverReachTheDatabase();
    void removingAnOriginInUseListsItsRoutes();
    void routeGetsTheLongestMatchingZone();
    void tunnelAddressesAreStableAndUnique();
    void releasedAddressIsNotReusedWhileReferenced();
    void allocationSkipsNetworkAndBroadcast();
    void rangeChangeThatStrandsHostsIsRefused();
    void settingsAreValidated();
    void eventLogIsAppendOnly();
    void everyChangeIsLogged();
    void replaceAllIsAllOrNothing();
    void migratesFromEveryEarlierVersion();
    void refusesNewerSchema();
    void failedMigrationLeavesDatabaseUntouched();
    void secretWriteOnAFullDiskFailsAndKeepsTheOldSecret();
    void edgesCannotShareAPublicAddressOrSshTarget();
    void importRefusesNetworkAndBroadcastTunnelAddresses();
    void importRefusesNumbersBeyondTheirRange();
    void updateEdgeKeepsTunnelAddressAndKeys();
    void updateRouteKeepsItsZone();
    void invalidUpdateLeavesStateUntouched();
    void updateOfAMissingEdgeOrRouteIsNotFound();
    void autoReplaceStoredBeforeItDidAnythingIsDropped();
    void certificatesKeepChainInTheDatabaseAndKeyAsASecret();
    void certificatesPlacedByHandAreReadToo();
    void acmeAccountKeyIsASecret();

private:
    std::unique_ptr<Store> openStore();
    // Everything a change could touch, to compare before and after.
    static QByteArray snapshot(Store &store);

    std::unique_ptr<QTemporaryDir> m_dir;
    ManualClock m_clock;
};

void TestStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestStore::cleanup()
{
    m_dir.reset();
}

std::unique_ptr<Store> TestStore::openStore()
{
    Result<std::unique_ptr<Store>> store =
        Store::open(m_dir->filePath(QStringLiteral("k.sqlite")), m_clock);
    if (!store)
        qWarning() << store.error().message();
    return store ? std::move(store).value() : nullptr;
}

void TestStore::addListRemove()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->addZone(zone(QStringLiteral("Example.COM."))).ok());
    QVERIFY(store->addOrigin(origin(QStringLiteral("home"))).ok());
    QVERIFY(store->addEdge(edge(QStringLiteral("e1"), QStringLiteral("8.8.8.8"))).ok());
    const Result<Route> r =
        store->addRoute(route(QStringLiteral("WWW.example.com"), QStringLiteral("home"), 8080));
    QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
    QCOMPARE(r->hostname, QStringLiteral("www.example.com"));

    Result<Topology> t = store->topology();
    QVERIFY(t.ok());
    QCOMPARE(t->zones.size(), 1);
    QCOMPARE(t->zones.first().name, QStringLiteral("example.com"));
    QCOMPARE(t->routes.size(), 1);
    QCOMPARE(t->routes.first().zoneName, QStringLiteral("example.com"));
    QCOMPARE(t->routes.first().originName, QStringLiteral("home"));
    QCOMPARE(t->routes.first().port, quint16(8080));

    QVERIFY(store->removeRoute(QStringLiteral("www.example.com")).ok());
    QVERIFY(store->removeOrigin(QStringLiteral("home")).ok());
    QVERIFY(store->removeEdge(QStringLiteral("e1")).ok());
    QVERIFY(store->removeZone(QStringLiteral("example.com")).ok());
    t = store->topology();
    QVERIFY(t->zones.isEmpty() && t->origins.isEmpty() && t->edges.isEmpty() &&
            t->routes.isEmpty());
    const Status missing = store->removeEdge(QStringLiteral("e1"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind(), Error::Kind::NotFound);
}

void TestStore::duplicatesAreConflicts()
{
    auto store = openStore();
    QVERIFY(store->addZone(zone(QStringLiteral("example.com"))).ok());
    const Result<Zone> again = store->addZone(zone(QStringLiteral("EXAMPLE.com")));
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind(), Error::Kind::Conflict);
    QVERIFY(store->addOrigin(origin(QStringLiteral("home"))).ok());
    QCOMPARE(store->addOrigin(origin(QStringLiteral("home"))).error().kind(),
             Error::Kind::Conflict);
    QVERIFY(
        store->addRoute(route(QStringLiteral("a.example.com"), QStringLiteral("home"), 1)).ok());
    QCOMPARE(store->addRoute(route(QStringLiteral("a.example.com"), QStringLiteral("home"), 2))
                 .error()
                 .kind(),
             Error::Kind::Conflict);
}

void TestStore::invalidObjectsNeverReachTheDatabase()
{
    auto store = openStore();
    QVERIFY(store->addZone(zone(QStringLiteral("example.com"))).ok());
    QVERIFY(!store->addZone(zone(QStringLiteral("bad;zone.com"))).ok());
    QVERIFY(!store->addOrigin(origin(QStringLiteral("Home Server"))).ok());
    QVERIFY(!store->addEdge(edge(QStringLiteral("e1"), QStringLiteral("10.0.0.1"))).ok());
    QVERIFY(store->addOrigin(origin(QStringLiteral("home"))).ok());
    QVERIFY(
        !store->addRoute(route(QStringLiteral("x{.example.com"), QStringLiteral("home"), 80)).ok());
    QVERIFY(
        !store->addRoute(route(QStringLiteral("x.example.com"), QStringLiteral("home"), 0)).ok());
    QVERIFY(
        !store->addRoute(route(QStringLiteral("x.example.net"), QStringLiteral("home"), 80)).ok());
    QVERIFY(!store->addRoute(route(QStringLiteral("x.example.com"), QStringLiteral("nobody"), 80))
                 .ok());
    Route badPath = route(QStringLiteral("x.example.com"), QStringLiteral("home"), 80);
    badPath.healthPath = QStringLiteral("/a;b");
    QVERIFY(!store->addRoute(badPath).ok());
    const Result<Topology> t = store->topology();
    QCOMPARE(t->zones.size(), 1);
    QCOMPARE(t->origins.size(), 1);
    QCOMPARE(t->edges.size(), 0);
    QCOMPARE(t->routes.size(), 0);
}

void TestStore::removingAnOriginInUseListsItsRoutes()
{
    auto store = openStore();
    QVERIFY(store->addZone(zone(QStringLiteral("example.com"))).ok());
    QVERIFY(store->addOrigin(origin(QStringLiteral("home"))).ok());
    QVERIFY(
        store->addRoute(route(QStringLiteral("b.example.com"), QStringLiteral("home"), 1)).ok());
    QVERIFY(
        store->addRoute(route(QStringLiteral("a.example.com"), QStringLiteral("home"), 2)).ok());
    const Status s = store->removeOrigin(QStringLiteral("home"));
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind(), Error::Kind::Conflict);
    QVERIFY2(s.error().message().contains(QStringLiteral("a.example.com, b.example.com")),
             qPrintable(s.error().message()));
    QCOMPARE(store->topology()->origins.size(), 1);
    const Status z = store->removeZone(QStringLiteral("example.com"));
    QVERIFY(!z.ok());
    QVERIFY(z.error().message().contains(QStringLiteral("a.example.com")));
}

void TestStore::routeGetsTheLongestMatchingZone()
{
    auto store = openStore();
    QVERIFY(store->addZone(zone(QStringLiteral("example.com"))).ok());
    QVERIFY(store->addZone(zone(QStringLiteral("dev.example.com"))).ok());
    QVERIFY(store->addOrigin(origin(QStringLiteral("home"))).ok());
    QCOMPARE(store->addRoute(route(QStringLiteral("a.dev.example.com"), QStringLiteral("home"), 1))
                 ->zoneName,
             QStringLiteral("dev.example.com"));
    QCOMPARE(store->addRoute(route(QStringLiteral("adev.example.com"), QStringLiteral("home"), 1))
                 ->zoneName,
             QStringLiteral("example.com"));
}

void TestStore::tunnelAddressesAreStableAndUnique()
{
    QSet<QString> addresses;
    {
        auto store = openStore();
        for (int i = 0; i < 20; ++i) {
            const Result<Origin> o = store->addOrigin(origin(QStringLiteral("o%1").arg(i)));
            QVERIFY(o.ok());
            QVERIFY(!addresses.contains(o->tunnelAddress));
            addresses.insert(o->tunnelAddress);
            const Result<Edge> e = store->addEdge(
                edge(QStringLiteral("e%1").arg(i), QStringLiteral("8.8.8.%1").arg(i + 1)));
            QVERIFY(e.ok());
            QVERIFY(!addresses.contains(e->tunnelAddress));
            addresses.insert(e->tunnelAddress);
        }
        QVERIFY(addresses.contains(QStringLiteral("10.100.0.1")));
    }
    // Reopened: same addresses, and a new host gets a fresh one.
    auto store = openStore();
    const Result<Topology> t = store->topology();
    QSet<QString> reloaded;
    for (const Origin &o : t->origins)
        reloaded.insert(o.tunnelAddress);
    for (const Edge &e : t->edges)
        reloaded.insert(e.tunnelAddress);
    QCOMPARE(reloaded, addresses);
    const Result<Origin> next = store->addOrigin(origin(QStringLiteral("late")));
    QVERIFY(!addresses.contains(next->tunnelAddress));
}

void TestStore::releasedAddressIsNotReusedWhileReferenced()
{
    auto store = openStore();
    QVERIFY(store->setSetting(QStringLiteral("tunnel.range"), QStringLiteral("10.9.0.0/29")).ok());
    // /29: six usable addresses, .1 to .6.
    const QString a = store->addOrigin(origin(QStringLiteral("a")))->tunnelAddress;
    const QString e1 =
        store->addEdge(edge(QStringLiteral("e1"), QStringLiteral("8.8.8.8")))->tunnelAddress;
    QCOMPARE(a, QStringLiteral("10.9.0.1"));
    // e1's deployed WireGuard config has a peer for origin a.
    QVERIFY(
        store->recordDeployedReferences(QStringLiteral("edge"), QStringLiteral("e1"), {a}).ok());
    QVERIFY(store->removeOrigin(QStringLiteral("a")).ok());
    QStringList later;
    for (int i = 0; i < 4; ++i)
        later << store->addOrigin(origin(QStringLiteral("n%1").arg(i)))->tunnelAddress;
    QVERIFY2(!later.contains(a), qPrintable(later.join(u',')));
    // Range now full except for the referenced address.
    const Result<Origin> full = store->addOrigin(origin(QStringLiteral("full")));
    QVERIFY(!full.ok());
    QCOMPARE(full.error().kind(), Error::Kind::Conflict);
    // e1 redeployed without the peer: the address is free again.
    QVERIFY(store->recordDeployedReferences(QStringLiteral("edge"), QStringLiteral("e1"), {}).ok());
    const Result<Origin> reused = store->addOrigin(origin(QStringLiteral("full")));
    QVERIFY(reused.ok());
    QCOMPARE(reused->tunnelAddress, a);
    Q_UNUSED(e1);
}

void TestStore::allocationSkipsNetworkAndBroadcast()
{
    auto store = openStore();
    QVERIFY(store->setSetting(QStringLiteral("tunnel.range"), QStringLiteral("10.9.0.0/29")).ok());
    QStringList got;
    for (int i = 0; i < 6; ++i)
        got << store->addOrigin(origin(QStringLiteral("o%1").arg(i)))->tunnelAddress;
    QCOMPARE(got, QStringList({QStringLiteral("10.9.0.1"), QStringLiteral("10.9.0.2"),
                               QStringLiteral("10.9.0.3"), QStringLiteral("10.9.0.4"),
                               QStringLiteral("10.9.0.5"), QStringLiteral("10.9.0.6")}));
    QVERIFY(!store->addOrigin(origin(QStringLiteral("o7"))).ok());
}

void TestStore::rangeChangeThatStrandsHostsIsRefused()
{
    auto store = openStore();
    QVERIFY(store->addOrigin(origin(QStringLiteral("a"))).ok());
    const Status s =
        store->setSetting(QStringLiteral("tunnel.range"), QStringLiteral("10.200.0.0/16"));
    QVERIFY(!s.ok());
    QVERIFY(s.error().message().contains(QStringLiteral("10.100.0.1")));
    QCOMPARE(store->settings()->tunnelRange(), QStringLiteral("10.100.0.0/16"));
    QVERIFY(
        store->setSetting(QStringLiteral("tunnel.range"), QStringLiteral("10.100.0.0/20")).ok());
}

void TestStore::settingsAreValidated()
{
    auto store = openStore();
    QCOMPARE(store->settings()->dnsTtl(), 60);
    QVERIFY(store->setSetting(QStringLiteral("dns.ttl"), QStringLiteral("120")).ok());
    QCOMPARE(store->settings()->dnsTtl(), 120);
    const Status bad = store->setSetting(QStringLiteral("dns.ttl"), QStringLiteral("5"));
    QVERIFY(!bad.ok());
    QVERIFY(bad.error().message().contains(QStringLiteral("dns.ttl")));
    QVERIFY(!store->setSetting(QStringLiteral("no.such"), QStringLiteral("1")).ok());
    QVERIFY(!store->setSetting(QStringLiteral("tunnel.range"), QStringLiteral("10.0.0.1/16")).ok());
    QCOMPARE(store->settings()->dnsTtl(), 120);
}

void TestStore::eventLogIsAppendOnly()
{
    auto store = openStore();
    QVERIFY(store->addZone(zone(QStringLiteral("example.com"))).ok());
    QVERIFY(!store->database().exec(QStringLiteral("UPDATE events SET outcome = 'x'")).ok());
    QVERIFY(!store->database().exec(QStringLiteral("DELETE FROM events")).ok());
    QCOMPARE(store->events()->size(), 1);
}

void TestStore::everyChangeIsLogged()
{
    auto store = openStore();
    m_clock.set(1'800'000'000'000);
    QVERIFY(store->addZone(zone(QStringLiteral("example.com"))).ok());
    QVERIFY(store->addOrigin(origin(QStringLiteral("home"))).ok());
    QVERIFY(!store->addOrigin(origin(QStringLiteral("home"))).ok()); // refused: no event
    QVERIFY(store->removeOrigin(QStringLiteral("home")).ok());
    const Result<QList<Event>> events = store->events();
    QCOMPARE(events->size(), 3);
    QCOMPARE(events->at(0).subject, QStringLiteral("zone example.com"));
    QCOMPARE(events->at(2).action, QStringLiteral("remove"));
    QCOMPARE(events->at(2).at.toMSecsSinceEpoch(), qint64(1'800'000'000'000));
}

void TestStore::replaceAllIsAllOrNothing()
{
    auto store = openStore();
    QVERIFY(store->addZone(zone(QStringLiteral("example.com"))).ok());
    QVERIFY(store->addOrigin(origin(QStringLiteral("home"))).ok());
    QVERIFY(
        store->addRoute(route(QStringLiteral("a.example.com"), QStringLiteral("home"), 1)).ok());
    const QByteArray before = TopologyJson::write(*store->topology(), *store->settings());

    Topology next;
    next.zones = {zone(QStringLiteral("example.org"))};
    next.origins = {origin(QStringLiteral("o1"))};
    next.routes = {route(QStringLiteral("a.example.org"), QStringLiteral("o1"), 1),
                   route(QStringLiteral("b.example.org"), QStringLiteral("missing"), 1)};
    QVERIFY(!store->replaceAll(next, Settings()).ok());
    QCOMPARE(TopologyJson::write(*store->topology(), *store->settings()), before);

    next.routes.removeLast();
    QVERIFY(store->replaceAll(next, Settings()).ok());
    const Result<Topology> t = store->topology();
    QCOMPARE(t->zones.first().name, QStringLiteral("example.org"));
    QCOMPARE(t->routes.size(), 1);
}

// Each earlier schema version has a fixture with data under
// tests/data/schema/vN.sql; opening it must migrate to the latest version
// and keep the data. Version 0 is a file that has never been opened.
void TestStore::migratesFromEveryEarlierVersion()
{
    const int latest = Database::latestVersion(Schema::migrations());
    for (int version = 0; version < latest; ++version) {
        const QString path = m_dir->filePath(QStringLiteral("v%1.sqlite").arg(version));
        {
            QList<Migration> upTo;
            for (const Migration &m : Schema::migrations()) {
                if (m.version <= version)
                    upTo.append(m);
            }
            auto db = Database::open(path, upTo);
            QVERIFY(db.ok());
            QCOMPARE((*db)->schemaVersion(), version);
            QFile fixture(QStringLiteral(KOKOA_TEST_DATA_DIR "/schema/v%1.sql").arg(version));
            if (version > 0) {
                QVERIFY2(fixture.open(QIODevice::ReadOnly),
                         "every released schema version needs a fixture");
                const QStringList statements =
                    QString::fromUtf8(fixture.readAll()).split(u';', Qt::SkipEmptyParts);
                for (const QString &sql : statements) {
                    if (!sql.trimmed().isEmpty())
                        QVERIFY((*db)->exec(sql).ok());
                }
            }
        }
        Result<std::unique_ptr<Store>> store = Store::open(path, m_clock);
        QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message()));
        QCOMPARE((*store)->database().schemaVersion(), latest);
        const Result<Topology> t = (*store)->topology();
        QVERIFY(t.ok());
        if (version > 0) {
            // The fixture's data came through every later migration.
            QCOMPARE(t->routes.size(), 1);
            QCOMPARE(t->routes.first().hostname, QStringLiteral("www.example.com"));
            QCOMPARE(t->edges.first().name, QStringLiteral("tokyo-1"));
            QCOMPARE((*store)->events()->size(), 1);
        }
        if (version >= 7) {
            // A burn in progress resumes after the upgrade, as it was.
            const auto burn = BurnStore((*store)->database()).unfinished(QStringLiteral("osaka-1"));
            QVERIFY(burn.ok() && burn->has_value());
            QCOMPARE((*burn)->done,
                     (QStringList{QStringLiteral("leave-dns"), QStringLiteral("destroy")}));
            QCOMPARE((*burn)->automatic, version >= 8);
            QVERIFY(!(*burn)->keepIp && (*burn)->keptAddress.isEmpty());
        }
    }
}

void TestStore::refusesNewerSchema()
{
    const QString path = m_dir->filePath(QStringLiteral("future.sqlite"));
    {
        auto db = Database::open(path);
        QVERIFY(db.ok());
        QVERIFY((*db)->exec(QStringLiteral("PRAGMA user_version=999")).ok());
    }
    const auto store = Store::open(path, m_clock);
    QVERIFY(!store.ok());
    QVERIFY(store.error().message().contains(QStringLiteral("999")));
    auto db = Database::open(path, {});
    QVERIFY(!db.ok());
}

void TestStore::failedMigrationLeavesDatabaseUntouched()
{
    const QString path = m_dir->filePath(QStringLiteral("m.sqlite"));
    QList<Migration> migrations = Schema::migrations();
    {
        auto db = Database::open(path, migrations);
        QVERIFY(db.ok());
    }
    const int latest = Database::latestVersion(migrations);
    migrations.append(
        {latest + 1,
         {QStringLiteral("CREATE TABLE added (x INTEGER)"), QStringLiteral("THIS IS NOT SQL")}});
    auto failed = Database::open(path, migrations);
    QVERIFY(!failed.ok());
    QVERIFY(failed.error().message().contains(QStringLiteral("schema version %1").arg(latest + 1)));
    auto db = Database::open(path);
    QVERIFY(db.ok());
    QCOMPARE((*db)->schemaVersion(), latest);
    QVERIFY(!(*db)->exec(QStringLiteral("SELECT * FROM added")).ok());
}

// Regression test: on a full disk the buffered write only failed in the final
// flush, which QSaveFile::commit() ignored: put() reported success and the
// rename left an empty secret in place of the old one.
void TestStore::secretWriteOnAFullDiskFailsAndKeepsTheOldSecret()
{
    if (!SmallDisk::available())
        QSKIP("needs root to mount a small tmpfs that can be filled");
    const QString directory = m_dir->filePath(QStringLiteral("secrets"));
    QVERIFY(QDir().mkpath(directory));
    SmallDisk disk(directory, 64);
    QVERIFY2(disk.error().isEmpty(), qPrintable(disk.error()));
    SecretStore secrets(directory);
    const QByteArray oldSecret("old-token-0123456789abcdef");
    QVERIFY(secrets.put(QStringLiteral("zone-example.com"), oldSecret).ok());
    QVERIFY(disk.fill());

    const QByteArray newSecret("new-token-" + QByteArray(200, 'n'));
    const Status s = secrets.put(QStringLiteral("zone-example.com"), newSecret);
    QVERIFY2(!s.ok(), "a write to a full disk was reported as stored");
    QCOMPARE(s.error().kind(), Error::Kind::Io);
    QVERIFY2(s.error().message().contains(QStringLiteral("zone-example.com")),
             qPrintable(s.error().message()));
    QVERIFY(!s.error().message().contains(QStringLiteral("new-token")));
    QVERIFY(!s.error().message().contains(QStringLiteral("old-token")));
    const Result<QByteArray> kept = secrets.get(QStringLiteral("zone-example.com"));
    QVERIFY(kept.ok());
    QCOMPARE(*kept, oldSecret);
    // No temporary file is left behind to fill the directory further.
    QCOMPARE(QDir(directory).entryList(QDir::Files | QDir::NoDotAndDotDot),
             QStringList({QStringLiteral("zone-example.com")}));
}

// Regression test: `edge add` stored a second edge on the public address or
// the SSH target of an existing one (one machine counted twice for failover).
void TestStore::edgesCannotShareAPublicAddressOrSshTarget()
{
    auto store = openStore();
    QVERIFY(store->addEdge(edge(QStringLiteral("e1"), QStringLiteral("95.216.1.2"))).ok());

    Edge samePublic = edge(QStringLiteral("e2"), QStringLiteral("95.216.1.3"));
    samePublic.publicIpv4 = QStringLiteral("95.216.1.2");
    Result<Edge> r = store->addEdge(samePublic);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind(), Error::Kind::Conflict);
    QCOMPARE(r.error().field(), QStringLiteral("public-ip"));
    QVERIFY2(r.error().message().contains(QStringLiteral("e1")), qPrintable(r.error().message()));

    Edge sameSsh = edge(QStringLiteral("e3"), QStringLiteral("95.216.1.4"));
    sameSsh.ssh.host = QStringLiteral("95.216.1.2");
    sameSsh.ssh.user = QStringLiteral("admin");
    r = store->addEdge(sameSsh);
    QVERIFY(!r.ok());
    QCOMPARE(r.error().field(), QStringLiteral("ssh"));

    // Another SSH port on the same address is another machine behind a NAT.
    sameSsh.ssh.port = 2222;
    QVERIFY2(store->addEdge(sameSsh).ok(), "a different SSH port is a different target");
    QCOMPARE(store->topology()->edges.size(), 2);
}

// Regression test: an import could give a host the network or broadcast
// address of the tunnel range.
void TestStore::importRefusesNetworkAndBroadcastTunnelAddresses()
{
    auto store = openStore();
    const QByteArray before = TopologyJson::write(*store->topology(), *store->settings());
    for (const QString &address :
         {QStringLiteral("10.100.0.0"), QStringLiteral("10.100.255.255")}) {
        Topology next;
        next.origins = {origin(QStringLiteral("home"))};
        next.origins[0].tunnelAddress = address;
        const Status s = store->replaceAll(next, Settings());
        QVERIFY2(!s.ok(), qPrintable(address));
        QVERIFY2(s.error().message().contains(address) &&
                     s.error().message().contains(address.endsWith(QLatin1String(".0"))
                                                      ? QStringLiteral("network address")
                                                      : QStringLiteral("broadcast address")),
                 qPrintable(s.error().message()));
        QCOMPARE(s.error().field(), QStringLiteral("tunnel address"));
        QCOMPARE(TopologyJson::write(*store->topology(), *store->settings()), before);
    }
    Topology next;
    next.origins = {origin(QStringLiteral("home"))};
    next.origins[0].tunnelAddress = QStringLiteral("10.100.0.8");
    QVERIFY(store->replaceAll(next, Settings()).ok());
    // Nor can a later range change turn a host's address into one of them.
    const Status narrowed =
        store->setSetting(QStringLiteral("tunnel.range"), QStringLiteral("10.100.0.8/29"));
    QVERIFY(!narrowed.ok());
    QVERIFY2(narrowed.error().message().contains(QStringLiteral("network address")),
             qPrintable(narrowed.error().message()));
}

QByteArray TestStore::snapshot(Store &store)
{
    const Result<Topology> t = store.topology();
    const Result<Settings> settings = store.settings();
    const Result<QList<Event>> events = store.events(1000);
    const Result<qint64> version = store.configVersion();
    if (!t || !settings || !events || !version)
        return {};
    Result<QSqlQuery> addresses = store.database().exec(QStringLiteral(
        "SELECT address, owner_kind, owner_name FROM tunnel_addresses ORDER BY address"));
    QByteArray owners;
    while (addresses && addresses->next()) {
        for (int column = 0; column < 3; ++column)
            owners += addresses->value(column).toString().toUtf8() + ' ';
    }
    return TopologyJson::write(*t, *settings) + QByteArray::number(events->size()) + ' ' +
           QByteArray::number(*version) + ' ' + owners;
}

void TestStore::updateEdgeKeepsTunnelAddressAndKeys()
{
    auto store = openStore();
    QVERIFY(store);
    QVERIFY(store->addEdge(edge(QStringLiteral("e1"), QStringLiteral("95.216.1.2"))).ok());
    const QString wgKey = QStringLiteral("r+BFeQBASczOGEOkC9+euF86SDk5A3XjXQAYp/mqcMg=");
    const QString hostKey = QStringLiteral("SHA256:r+BFeQBASczOGEOkC9+euF86SDk5A3XjXQAYp/mqcMg");
    QVERIFY(store->setWireGuardKey(Store::HostKind::Edge, QStringLiteral("e1"), wgKey).ok());
    QVERIFY(store->setSshHostKey(Store::HostKind::Edge, QStringLiteral("e1"), hostKey).ok());
    QVERIFY(
        store->setHostState(Store::HostKind::Edge, QStringLiteral("e1"), HostState::Deployed).ok());
    const Edge before = *store->topology()->edge(QStringLiteral("e1"));
    QVERIFY(!before.tunnelAddress.isEmpty());
    const qint64 versionBefore = *store->configVersion();

    // The input carries no facts: the stored ones stay whatever it says.
    Edge wanted = edge(QStringLiteral("e1"), QStringLiteral("95.216.9.9"));
    wanted.profile = EdgeProfile::UnderAttack;
    wanted.provider = QStringLiteral("hetzner");
    wanted.providerId = QStringLiteral("42");
    const Result<Updated<Edge>> updated = store->updateEdge(wanted);
    QVERIFY2(updated.ok(), qPrintable(updated.ok() ? QString() : updated.error().message()));
    QCOMPARE(
        updated->changedFields,
        QStringList({QStringLiteral("ssh"), QStringLiteral("public-ip"), QStringLiteral("provider"),
                     QStringLiteral("provider-id"), QStringLiteral("profile")}));

    const Edge after = *store->topology()->edge(QStringLiteral("e1"));
    QCOMPARE(after.id, before.id);
    QCOMPARE(after.tunnelAddress, before.tunnelAddress);
    QCOMPARE(after.wgPublicKey, wgKey);
    QCOMPARE(after.sshHostKey, hostKey);
    QCOMPARE(toString(after.state), toString(HostState::Deployed));
    QCOMPARE(after.publicIpv4, QStringLiteral("95.216.9.9"));
    QCOMPARE(after.ssh.host, QStringLiteral("95.216.9.9"));
    QCOMPARE(toString(after.profile), toString(EdgeProfile::UnderAttack));
    QCOMPARE(after.provider, QStringLiteral("hetzner"));
    QCOMPARE(updated->value.tunnelAddress, before.tunnelAddress);
    QVERIFY(*store->configVersion() > versionBefore);
    QCOMPARE(store->events()->last().subject, QStringLiteral("edge e1"));
    QCOMPARE(store->events()->last().action,
             QStringLiteral("update: ssh, public-ip, provider, provider-id, profile"));

    // The same values again: nothing written, nothing logged.
    const QByteArray unchanged = snapshot(*store);
    const Result<Updated<Edge>> again = store->updateEdge(wanted);
    QVERIFY(again.ok());
    QVERIFY(!again->changed());
    QCOMPARE(snapshot(*store), unchanged);
}

void TestStore::updateRouteKeepsItsZone()
{
    auto store = openStore();
    QVERIFY(store->addZone(zone(QStringLiteral("example.com"))).ok());
    QVERIFY(store->addOrigin(origin(QStringLiteral("home"))).ok());
    Origin other = origin(QStringLiteral("office"));
    other.ssh.host = QStringLiteral("192.168.1.11");
    QVERIFY(store->addOrigin(other).ok());
    const Result<Route> added =
        store->addRoute(route(QStringLiteral("www.example.com"), QStringLiteral("home"), 8080));
    QVERIFY(added.ok());
    const qint64 id = store->topology()->routes.first().id;

    Route wanted = *added;
    wanted.zoneName.clear();
    wanted.originName = QStringLiteral("office");
    wanted.port = 9090;
    wanted.websocket = true;
    wanted.healthPath = QStringLiteral("/healthz");
    const Result<Updated<Route>> updated = store->updateRoute(wanted);
    QVERIFY2(updated.ok(), qPrintable(updated.ok() ? QString() : updated.error().message()));
    QCOMPARE(updated->changedFields,
             QStringList({QStringLiteral("origin"), QStringLiteral("port"),
                          QStringLiteral("websocket"), QStringLiteral("health-path")}));
    const Route after = store->topology()->routes.first();
    QCOMPARE(after.id, id);
    QCOMPARE(after.zoneName, QStringLiteral("example.com"));
    QCOMPARE(after.originName, QStringLiteral("office"));
    QCOMPARE(after.port, quint16(9090));
    QVERIFY(after.websocket);
    QCOMPARE(after.healthPath, QStringLiteral("/healthz"));
    // The old origin is free again.
    QVERIFY(store->removeOrigin(QStringLiteral("home")).ok());
}

void TestStore::invalidUpdateLeavesStateUntouched()
{
    auto store = openStore();
    QVERIFY(store->addZone(zone(QStringLiteral("example.com"))).ok());
    QVERIFY(store->addOrigin(origin(QStringLiteral("home"))).ok());
    QVERIFY(store->addEdge(edge(QStringLiteral("e1"), QStringLiteral("95.216.1.2"))).ok());
    QVERIFY(store->addEdge(edge(QStringLiteral("e2"), QStringLiteral("95.216.1.3"))).ok());
    const Result<Route> added =
        store->addRoute(route(QStringLiteral("www.example.com"), QStringLiteral("home"), 8080));
    QVERIFY(added.ok());
    const QByteArray before = snapshot(*store);
    QVERIFY(!before.isEmpty());

    struct Case
    {
        const char *what;
        Error::Kind kind;
        QString field;
        std::function<Status()> run;
    };
    const Edge e1 = *store->topology()->edge(QStringLiteral("e1"));
    auto edgeWith = [&](auto change) {
        Edge e = e1;
        change(e);
        return [&store, e]() -> Status {
            const auto r = store->updateEdge(e);
            return r ? Status() : Status(r.error());
        };
    };
    auto routeWith = [&](auto change) {
        Route r = *added;
        change(r);
        return [&store, r]() -> Status {
            const auto u = store->updateRoute(r);
            return u ? Status() : Status(u.error());
        };
    };
    const QList<Case> cases{
        {"bad public address", Error::Kind::InvalidInput, QStringLiteral("edge e1 public-ip"),
         edgeWith([](Edge &e) { e.publicIpv4 = QStringLiteral("95.216.1.300"); })},
        {"no public address", Error::Kind::InvalidInput, QStringLiteral("public-ip"),
         edgeWith([](Edge &e) { e.publicIpv4.clear(); })},
        {"another edge's address", Error::Kind::Conflict, QStringLiteral("public-ip"),
         edgeWith([](Edge &e) { e.publicIpv4 = QStringLiteral("95.216.1.3"); })},
        {"another edge's ssh target", Error::Kind::Conflict, QStringLiteral("ssh"),
         edgeWith([](Edge &e) { e.ssh.host = QStringLiteral("95.216.1.3"); })},
        {"port 0", Error::Kind::InvalidInput, QStringLiteral("route www.example.com port"),
         routeWith([](Route &r) { r.port = 0; })},
        {"missing origin", Error::Kind::NotFound, QStringLiteral("origin"),
         routeWith([](Route &r) { r.originName = QStringLiteral("nowhere"); })},
        {"hostile health path", Error::Kind::InvalidInput,
         QStringLiteral("route www.example.com health-path"),
         routeWith([](Route &r) { r.healthPath = QStringLiteral("/x;\n}"); })},
    };
    for (const Case &c : cases) {
        const Status s = c.run();
        QVERIFY2(!s.ok(), c.what);
        QCOMPARE(s.error().kind(), c.kind);
        QVERIFY2(s.error().field() == c.field,
                 qPrintable(
                     QStringLiteral("%1: field %2").arg(QLatin1String(c.what), s.error().field())));
        QCOMPARE(snapshot(*store), before);
    }
}

void TestStore::updateOfAMissingEdgeOrRouteIsNotFound()
{
    auto store = openStore();
    QVERIFY(store->addZone(zone(QStringLiteral("example.com"))).ok());
    QVERIFY(store->addOrigin(origin(QStringLiteral("home"))).ok());
    const QByteArray before = snapshot(*store);
    const Result<Updated<Edge>> e =
        store->updateEdge(edge(QStringLiteral("ghost"), QStringLiteral("95.216.1.2")));
    QVERIFY(!e.ok());
    QCOMPARE(e.error().kind(), Error::Kind::NotFound);
    QVERIFY(e.error().message().contains(QStringLiteral("ghost")));
    const Result<Updated<Route>> r =
        store->updateRoute(route(QStringLiteral("www.example.com"), QStringLiteral("home"), 80));
    QVERIFY(!r.ok());
    QCOMPARE(r.error().kind(), Error::Kind::NotFound);
    QVERIFY(r.error().message().contains(QStringLiteral("www.example.com")));
    QCOMPARE(snapshot(*store), before);
}

// edges.auto_replace was accepted before it did anything: a value stored
// then goes with the migration to version 8 (automatic replacement starts
// only when chosen knowing what it does), and burns learn who started them.
void TestStore::autoReplaceStoredBeforeItDidAnythingIsDropped()
{
    const QString path = m_dir->filePath(QStringLiteral("v7-auto.sqlite"));
    {
        QList<Migration> upTo;
        for (const Migration &m : Schema::migrations()) {
            if (m.version <= 7)
                upTo.append(m);
        }
        auto db = Database::open(path, upTo);
        QVERIFY(db.ok());
        QFile fixture(QStringLiteral(KOKOA_TEST_DATA_DIR "/schema/v7.sql"));
        QVERIFY(fixture.open(QIODevice::ReadOnly));
        for (const QString &sql : QString::fromUtf8(fixture.readAll()).split(u';')) {
            if (!sql.trimmed().isEmpty())
                QVERIFY((*db)->exec(sql).ok());
        }
    }
    auto store = Store::open(path, m_clock);
    QVERIFY(store.ok());
    Result<Settings> settings = (*store)->settings();
    QVERIFY(settings.ok());
    QVERIFY(!settings->explicitValues().contains(QStringLiteral("edges.auto_replace")));
    QVERIFY(!settings->autoReplaceEdges());
    const auto burn = BurnStore((*store)->database()).unfinished(QStringLiteral("osaka-1"));
    QVERIFY(burn.ok() && burn->has_value());
    QVERIFY(!(*burn)->automatic);
    QCOMPARE((*burn)->done, QStringList({QStringLiteral("leave-dns"), QStringLiteral("destroy")}));

    const Status refused =
        (*store)->setSetting(QStringLiteral("edges.auto_replace"), QStringLiteral("yes"));
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().field(), QStringLiteral("setting edges.auto_replace"));
    QVERIFY((*store)->setSetting(QStringLiteral("edges.auto_replace"), QStringLiteral("true")));
    settings = (*store)->settings();
    QVERIFY(settings->autoReplaceEdges());
    QCOMPARE(settings->replaceAfterSeconds(), 300);
    QCOMPARE(settings->maxReplacementsPerDay(), 3);
}

QTEST_GUILESS_MAIN(TestStore)
// Numbers far outside qint64 (found by fuzzing) are refused by range, never
// converted first: the conversion itself is undefined behaviour.
void TestStore::importRefusesNumbersBeyondTheirRange()
{
    for (const char *number : {"1e300", "-1e300", "9.3e18", "1.5"}) {
        const QByteArray json = QByteArray(R"({"format":"kokoa","version":)") + number + '}';
        const Result<Configuration> read = TopologyJson::read(json);
        QVERIFY2(!read.ok(), number);
        QVERIFY2(read.error().message().contains(QLatin1String("whole number")),
                 qPrintable(read.error().message()));
    }
}

// A renewal replaces row and key; the old key's secret goes, the chain
// lives in the database, the key never does.
void TestStore::certificatesKeepChainInTheDatabaseAndKeyAsASecret()
{
    std::unique_ptr<Store> store = openStore();
    QVERIFY(store);
    const QString dataDir = m_dir->path();
    CertificateStore certificates(store->database(), dataDir);
    QVERIFY(store->addZone(zone(u"example.com"_s)).ok());
    QVERIFY(store->addOrigin(origin(u"home"_s)).ok());
    QVERIFY(store->addRoute(route(u"www.example.com"_s, u"home"_s, 8080)).ok());
    QVERIFY(store->addRoute(route(u"api.example.com"_s, u"home"_s, 8081)).ok());

    CertificateRecord r;
    r.name = u"www.example.com"_s;
    r.names = {r.name};
    r.issuer = u"Pebble Intermediate"_s;
    r.notBefore = QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc());
    r.notAfter = r.notBefore.addDays(90);
    r.serial = u"0abc"_s;
    r.chainPem = "-----BEGIN CERTIFICATE-----\nv1\n-----END CERTIFICATE-----\n";
    const qint64 versionBefore = *store->configVersion();
    QVERIFY(certificates.put(r, "key-v1").ok());
    QVERIFY(*store->configVersion() > versionBefore); // the monitor reloads
    const Result<CertificateMaterial> m1 = certificates.material(r.name);
    QVERIFY(m1.ok());
    QCOMPARE(m1->keyPem, QByteArray("key-v1"));
    QCOMPARE(m1->chainPem, r.chainPem);
    const QString firstKey = CertificateStore::keySecretName(r.name, r.serial);
    SecretStore secrets(DataDirectory::secretsPath(dataDir));
    QVERIFY(secrets.contains(firstKey));
    QFile db(store->database().path());
    QVERIFY(db.open(QIODevice::ReadOnly));
    QVERIFY(!db.readAll().contains("key-v1"));

    r.serial = u"0def"_s;
    r.chainPem = "-----BEGIN CERTIFICATE-----\nv2\n-----END CERTIFICATE-----\n";
    QVERIFY(certificates.put(r, "key-v2").ok());
    QCOMPARE(certificates.material(r.name)->keyPem, QByteArray("key-v2"));
    QVERIFY(!secrets.contains(firstKey));
    const Result<std::optional<CertificateRecord>> found = certificates.find(r.name);
    QVERIFY(found.ok() && *found);
    QCOMPARE((*found)->notAfter, r.notAfter);
    QCOMPARE((*found)->issuer, r.issuer);
    QVERIFY(!(*found)->ariWindowStart.isValid());

    // Refused input changes nothing.
    CertificateRecord empty = r;
    empty.chainPem.clear();
    QVERIFY(!certificates.put(empty, "key-v3").ok());
    QCOMPARE(certificates.material(r.name)->keyPem, QByteArray("key-v2"));

    const Result<QSet<QString>> certified = certificates.certified(*store->topology());
    QCOMPARE(*certified, QSet<QString>{u"www.example.com"_s});
    QVERIFY(certificates.recordHolder(u"tokyo-1"_s, {{r.name, r.serial}}).ok());
    QVERIFY(certificates.recordHolder(u"osaka-1"_s, {{r.name, r.serial}}).ok());
    QVERIFY(certificates.recordHolder(u"tokyo-1"_s, {}).ok());
    QCOMPARE(certificates.holders()->value(r.name), QStringList{u"osaka-1"_s});
}

// Files in <data dir>/certificates/<name>/ (how certificates reached
// edges before) still count, and a lineage in the database wins.
void TestStore::certificatesPlacedByHandAreReadToo()
{
    std::unique_ptr<Store> store = openStore();
    QVERIFY(store);
    const QString dataDir = m_dir->path();
    QVERIFY(store->addZone(zone(u"example.com"_s)).ok());
    QVERIFY(store->addOrigin(origin(u"home"_s)).ok());
    QVERIFY(store->addRoute(route(u"www.example.com"_s, u"home"_s, 8080)).ok());
    const QString dir = DataDirectory::certificatesPath(dataDir) + u"/www.example.com"_s;
    QVERIFY(QDir().mkpath(dir));
    for (const auto &[file, content] : {std::pair{u"/fullchain.pem"_s, QByteArray("chain-file")},
                                        std::pair{u"/privkey.pem"_s, QByteArray("key-file")}}) {
        QFile f(dir + file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    CertificateStore certificates(store->database(), dataDir);
    QCOMPARE(*certificates.certified(*store->topology()), QSet<QString>{u"www.example.com"_s});
    Result<CertificateMaterial> m = certificates.material(u"www.example.com"_s);
    QVERIFY(m.ok());
    QCOMPARE(m->keyPem, QByteArray("key-file"));
    QCOMPARE(certificates.list()->size(), 1);
    QVERIFY(certificates.list()->first().fromFile);

    CertificateRecord r;
    r.name = u"www.example.com"_s;
    r.names = {r.name};
    r.serial = u"01"_s;
    r.chainPem = "chain-db";
    QVERIFY(certificates.put(r, "key-db").ok());
    m = certificates.material(u"www.example.com"_s);
    QCOMPARE(m->keyPem, QByteArray("key-db"));
    QCOMPARE(m->chainPem, QByteArray("chain-db"));
    QCOMPARE(certificates.list()->size(), 1);
    QVERIFY(!certificates.list()->first().fromFile);
    QVERIFY(QFile::exists(dir + u"/privkey.pem"_s)); // the user's files stay
}

void TestStore::acmeAccountKeyIsASecret()
{
    std::unique_ptr<Store> store = openStore();
    QVERIFY(store);
    AcmeAccountStore accounts(store->database(), m_dir->path());
    QVERIFY(accounts.get().ok() && !*accounts.get());
    AcmeAccountRecord a;
    a.directoryUrl = u"https://127.0.0.1:14000/dir"_s;
    a.email = u"me@example.com"_s;
    a.accountUrl = u"https://127.0.0.1:14000/my-account/1"_s;
    QVERIFY(accounts.put(a, "account-key").ok());
    const Result<std::optional<AcmeAccountRecord>> got = accounts.get();
    QVERIFY(got.ok() && *got);
    QCOMPARE((*got)->accountUrl, a.accountUrl);
    QCOMPARE(*accounts.key(**got), QByteArray("account-key"));
    a.email = u"other@example.com"_s;
    QVERIFY(accounts.put(a, {}).ok()); // no new key: the old one stays
    QCOMPARE((*accounts.get())->email, a.email);
    QCOMPARE(*accounts.key(**accounts.get()), QByteArray("account-key"));
    // Another CA: its own key; the first one's is not overwritten.
    AcmeAccountRecord other = a;
    other.directoryUrl = u"https://acme-staging-v02.api.letsencrypt.org/directory"_s;
    QVERIFY(accounts.put(other, "other-key").ok());
    QCOMPARE(*accounts.key(**accounts.get()), QByteArray("other-key"));
    const Result<QByteArray> first = SecretStore(DataDirectory::secretsPath(m_dir->path()))
                                         .get(AcmeAccountStore::keySecretName(a.directoryUrl));
    QCOMPARE(*first, QByteArray("account-key"));
}

#include "tst_store.moc"
