// The edges' load: nginx's stub_status page read and turned into requests/s
// and open connections, read once per interval by the lease holder's
// monitor, published for `status` (HealthView) and never read from an edge
// Kokoa cannot trust.
#include "FakeDnsActuator.h"
#include "FakeProber.h"
#include "ManualClock.h"
#include "app/HealthView.h"
#include "core/DataDirectory.h"
#include "health/EdgeLoad.h"
#include "health/HealthKey.h"
#include "health/LoadReader.h"
#include "health/Monitor.h"
#include "health/StubStatus.h"
#include "render/NginxRenderer.h"
#include "store/Store.h"

#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace kokoa;
using namespace kokoa::test;
using namespace Qt::StringLiterals;

namespace {

QByteArray page(qint64 active, qint64 requests)
{
    return u"Active connections: %1 \nserver accepts handled requests\n %2 %2 %3 \n"
           "Reading: 0 Writing: 1 Waiting: %4 \n"_s.arg(active)
               .arg(requests / 2)
               .arg(requests)
               .arg(std::max<qint64>(0, active - 1))
               .toLatin1();
}

StubStatus reading(qint64 active, qint64 requests)
{
    const Result<StubStatus> s = StubStatus::parse(page(active, requests));
    if (!s)
        qFatal("%s", qPrintable(s.error().message()));
    return *s;
}

// Edges' counters as a test sets them; the fetch runs on the reader's pool.
struct LoadWorld
{
    QMutex mutex;
    QHash<QString, qint64> requests; // by edge name
    QHash<QString, qint64> active;
    QSet<QString> failing;
    QStringList fetched; // edge names, in order

    LoadReader::Fetch fetch()
    {
        return [this](const Edge &edge) -> Result<StubStatus> {
            QMutexLocker lock(&mutex);
            fetched.append(edge.name);
            if (failing.contains(edge.name))
                return Error(Error::Kind::Remote, u"connection refused"_s);
            return StubStatus::parse(
                page(active.value(edge.name, 1), requests.value(edge.name, 0)));
        };
    }
};

const QString kHostKey = u"SHA256:"_s + QString(43, u'A');

Edge readableEdge(const QString &name, int n)
{
    Edge e;
    e.name = name;
    e.ssh.host = u"8.8.8.%1"_s.arg(n);
    e.publicIpv4 = e.ssh.host;
    e.tunnelAddress = u"10.100.1.%1"_s.arg(n);
    e.sshHostKey = kHostKey;
    e.state = HostState::Deployed;
    return e;
}

} // namespace

class TestEdgeLoad : public QObject
{
    Q_OBJECT

private slots:
    void stubStatusPageIsParsed();
    void stubStatusRefusesOtherAnswers();
    void fetchCommandCarriesTheAddressAsAnArgument();
    void rateLeavesTheReadingsOutAndSurvivesARestart();
    void publishedFormRoundTrips();
    void readerReadsOncePerIntervalAndOnlyTrustedEdges();
    void readerKeepsTheLastNumbersWhenAReadingFails();
    void monitorPublishesTheLoadForStatus();
    void monitorWithoutAFetchReadsNothing();
};

void TestEdgeLoad::stubStatusPageIsParsed()
{
    // nginx 1.22's page, in an HTTP/1.1 response as the status server sends it.
    const QByteArray response = "HTTP/1.1 200 OK\r\nServer: nginx\r\nContent-Type: text/plain\r\n"
                                "Connection: close\r\n\r\n"
                                "Active connections: 3 \r\nserver accepts handled requests\r\n"
                                " 17 17 42 \r\nReading: 0 Writing: 1 Waiting: 2 \r\n";
    const Result<StubStatus> s = StubStatus::parse(response);
    QVERIFY2(s, qPrintable(s ? QString() : s.error().message()));
    QCOMPARE(s->active, 3);
    QCOMPARE(s->accepts, 17);
    QCOMPARE(s->handled, 17);
    QCOMPARE(s->requests, 42);
    QCOMPARE(s->writing, 1);
    QCOMPARE(s->waiting, 2);
    // The page alone parses too.
    QCOMPARE(StubStatus::parse(page(5, 100))->requests, 100);
}

void TestEdgeLoad::stubStatusRefusesOtherAnswers()
{
    const QList<std::pair<QByteArray, QString>> cases{
        {"HTTP/1.1 403 Forbidden\r\n\r\n<html>", u"403"_s},
        {"HTTP/1.1 404 Not Found\r\n\r\n", u"404"_s},
        {"HTTP/1.1 200 OK\r\n\r\nActive connections: 3 \nserver accepts", u"not a stub_status"_s},
        {"HTTP/1.1 200 OK\r\n\r\n<html>welcome</html>", u"not a stub_status"_s},
        {"", u"not a stub_status"_s},
        {"Active connections: 1 \nserver accepts handled requests\n 99999999999999999999 1 1 \n"
         "Reading: 0 Writing: 1 Waiting: 0 \n",
         u"too big"_s},
    };
    for (const auto &[response, why] : cases) {
        const Result<StubStatus> s = StubStatus::parse(response);
        QVERIFY2(!s, response.constData());
        QVERIFY2(s.error().message().contains(why), qPrintable(s.error().message()));
    }
    // The status line is the edge's to choose and goes to the log and to
    // `status`: a terminal escape in it arrives as text, not as a control.
    const Result<StubStatus> s = StubStatus::parse("HTTP/1.1 500 \x1b[2J\x1b]0;owned\x07\r\n\r\n");
    QVERIFY(!s);
    const QString message = s.error().message();
    QVERIFY2(message.contains(u"500"_s), qPrintable(message));
    for (const QChar c : message)
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(message));
}

void TestEdgeLoad::fetchCommandCarriesTheAddressAsAnArgument()
{
    const QStringList argv = StubStatus::fetchCommand(u"10.100.1.7"_s);
    // The script is fixed; the address, port and path come after $0.
    QVERIFY(!argv.at(4).contains(u"10.100.1.7"_s));
    QCOMPARE(argv.mid(6), (QStringList{u"10.100.1.7"_s, QString::number(NginxRenderer::statusPort),
                                       NginxRenderer::statusPath()}));
    QCOMPARE(argv.first(), u"timeout"_s);
}

void TestEdgeLoad::rateLeavesTheReadingsOutAndSurvivesARestart()
{
    // One reading: connections known, no rate yet.
    EdgeLoad first = EdgeLoad::between(std::nullopt, reading(4, 1000), 10000);
    QVERIFY(!first.rateKnown());
    QCOMPARE(first.connections, 3); // the reading's own connection left out
    QCOMPARE(first.atMs, 10000);

    // 10 s later 201 more requests: 200 from clients, one the reading.
    const EdgeLoad second =
        EdgeLoad::between(std::pair{reading(4, 1000), qint64(10000)}, reading(1, 1201), 20000);
    QVERIFY(second.rateKnown());
    QCOMPARE(second.requestsPerSecond, 20.0);
    QCOMPARE(second.connections, 0);

    // Nothing but the readings: 0, never negative.
    QCOMPARE(EdgeLoad::between(std::pair{reading(1, 50), qint64(0)}, reading(1, 51), 5000)
                 .requestsPerSecond,
             0.0);
    // nginx restarted: its counters went down, so no rate for this interval.
    QVERIFY(!EdgeLoad::between(std::pair{reading(1, 5000), qint64(0)}, reading(1, 3), 5000)
                 .rateKnown());
    // A clock that did not move gives no rate either (no division by zero).
    QVERIFY(!EdgeLoad::between(std::pair{reading(1, 10), qint64(5000)}, reading(1, 90), 5000)
                 .rateKnown());
}

void TestEdgeLoad::publishedFormRoundTrips()
{
    EdgeLoad load;
    load.requestsPerSecond = 12.345;
    load.connections = 7;
    load.error = u"ssh: timed out; retrying"_s;
    const std::optional<EdgeLoad> back = EdgeLoad::fromDetail(load.toDetail(), 1234);
    QVERIFY(back);
    QCOMPARE(back->requestsPerSecond, 12.35);
    QCOMPARE(back->connections, 7);
    QCOMPARE(back->error, load.error);
    QCOMPARE(back->atMs, 1234);

    const std::optional<EdgeLoad> unknown = EdgeLoad::fromDetail(u"rps=-;conn=0"_s, 5);
    QVERIFY(unknown && !unknown->rateKnown());
    for (const QString &bad :
         {u""_s, u"rps=x;conn=1"_s, u"rps=1;conn=-1"_s, u"conn=1;rps=1"_s, u"rps=-3;conn=1"_s}) {
        QVERIFY2(!EdgeLoad::fromDetail(bad, 0), qPrintable(bad));
    }
    const std::optional<HealthKey> key = HealthKey::parse(u"load:tokyo-1"_s);
    QVERIFY(key);
    QVERIFY(key->kind() == HealthKey::Kind::EdgeLoad);
    QCOMPARE(key->edgeName(), u"tokyo-1"_s);
    QCOMPARE(HealthKey::edgeLoad(u"tokyo-1"_s).toString(), u"load:tokyo-1"_s);
    QVERIFY(!HealthKey::parse(u"load:"_s));
    QVERIFY(!HealthKey::edgeLoad(u"x"_s).isEdge());
}

void TestEdgeLoad::readerReadsOncePerIntervalAndOnlyTrustedEdges()
{
    ManualClock clock;
    LoadWorld world;
    world.requests.insert(u"a"_s, 100);
    LoadReader reader(world.fetch(), clock);
    QSignalSpy read(&reader, &LoadReader::loadRead);

    Edge unpinned = readableEdge(u"b"_s, 2);
    unpinned.sshHostKey.clear();
    Edge undeployed = readableEdge(u"c"_s, 3);
    undeployed.state = HostState::Bootstrapped;
    Edge noTunnel = readableEdge(u"d"_s, 4);
    noTunnel.tunnelAddress.clear();
    const QList<Edge> edges{readableEdge(u"a"_s, 1), unpinned, undeployed, noTunnel};

    reader.readDue(edges, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, 5000);
    QCOMPARE(world.fetched, QStringList{u"a"_s});
    QVERIFY(!reader.loads().value(u"a"_s).rateKnown());

    // Not due yet: no second reading.
    clock.advance(9999);
    reader.readDue(edges, 10000);
    QVERIFY(reader.idle());
    QCOMPARE(world.fetched.size(), 1);

    {
        QMutexLocker lock(&world.mutex);
        world.requests.insert(u"a"_s, 100 + 1 + 50); // 50 client requests in 10 s
    }
    clock.advance(1);
    reader.readDue(edges, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(read.size(), 2, 5000);
    QCOMPARE(reader.loads().value(u"a"_s).requestsPerSecond, 5.0);
    QCOMPARE(read.last().at(0).toString(), u"a"_s);

    // An edge no longer listed is forgotten.
    clock.advance(10000);
    reader.readDue({}, 10000);
    QVERIFY(reader.loads().isEmpty());
}

void TestEdgeLoad::readerKeepsTheLastNumbersWhenAReadingFails()
{
    ManualClock clock;
    LoadWorld world;
    world.active.insert(u"a"_s, 9);
    LoadReader reader(world.fetch(), clock);
    QSignalSpy read(&reader, &LoadReader::loadRead);
    const QList<Edge> edges{readableEdge(u"a"_s, 1)};
    reader.readDue(edges, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(read.size(), 1, 5000);
    const qint64 readAt = reader.loads().value(u"a"_s).atMs;
    {
        QMutexLocker lock(&world.mutex);
        world.failing.insert(u"a"_s);
    }
    clock.advance(1000);
    reader.readDue(edges, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(read.size(), 2, 5000);
    const EdgeLoad load = reader.loads().value(u"a"_s);
    QCOMPARE(load.connections, 8);
    QCOMPARE(load.atMs, readAt);
    QVERIFY2(load.error.contains(u"connection refused"_s), qPrintable(load.error));
}

void TestEdgeLoad::monitorPublishesTheLoadForStatus()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto opened = Store::open(DataDirectory::databasePath(dir.path()), clock);
    QVERIFY(opened.ok());
    std::unique_ptr<Store> store = std::move(opened).value();
    Zone z;
    z.name = u"example.com"_s;
    QVERIFY(store->addZone(z).ok());
    Origin o;
    o.name = u"home"_s;
    o.ssh.host = u"192.168.1.10"_s;
    QVERIFY(store->addOrigin(o).ok());
    for (const QString &name : {u"e1"_s, u"e2"_s}) {
        Edge e = readableEdge(name, name == u"e1"_s ? 1 : 2);
        e.tunnelAddress.clear(); // the store hands out tunnel addresses
        QVERIFY(store->addEdge(e).ok());
        QVERIFY(store->setSshHostKey(Store::HostKind::Edge, name, kHostKey).ok());
        QVERIFY(store->setHostState(Store::HostKind::Edge, name, HostState::Deployed).ok());
    }
    Route r;
    r.hostname = u"a.example.com"_s;
    r.originName = u"home"_s;
    r.port = 8080;
    QVERIFY(store->addRoute(r).ok());
    QVERIFY(store->setSetting(u"health.timeout_ms"_s, u"500"_s).ok());
    QVERIFY(store->setSetting(u"health.interval_ms"_s, u"1000"_s).ok());
    QVERIFY(store->setSetting(u"load.interval_s"_s, u"5"_s).ok());

    ProbeWorld probes;
    LoadWorld loads;
    loads.requests.insert(u"e1"_s, 1000);
    loads.active.insert(u"e1"_s, 13);
    loads.failing.insert(u"e2"_s);
    auto dns = std::make_shared<FakeDnsState>();
    dns->records.insert(u"a.example.com"_s, {u"8.8.8.1"_s, u"8.8.8.2"_s});
    Monitor::Options options;
    options.component = u"test"_s;
    options.wakeMs = 1;
    options.makeProber = [&probes] { return std::make_unique<FakeProber>(probes); };
    options.vantageProbe = [](const Edge &, const QString &) { return VantageChecker::Reply{}; };
    options.loadFetch = loads.fetch();
    Monitor monitor(*store, dir.path(), std::make_unique<FakeDnsActuator>(dns), options, clock);
    QSignalSpy read(&monitor, &Monitor::loadRead);
    QVERIFY(monitor.start().ok());
    // The clock moves a cycle at a time until the lease is held and both
    // edges were read once (bounded: 20 cycles).
    for (int i = 0; i < 20 && !(monitor.holdsLease() && read.size() >= 2); ++i) {
        clock.advance(1000);
        (void)QTest::qWaitFor([&] { return monitor.holdsLease() && read.size() >= 2; }, 250);
    }
    QVERIFY(monitor.holdsLease());
    QCOMPARE(read.size(), 2);
    QVERIFY(!monitor.loads().value(u"e1"_s).rateKnown());

    {
        QMutexLocker lock(&loads.mutex);
        loads.requests.insert(u"e1"_s, 1000 + 1 + 150); // 150 client requests in 5 s
    }
    const qint64 firstReadAt = monitor.loads().value(u"e1"_s).atMs;
    // Due again 5 s after the first reading started.
    for (int i = 0; i < 10 && read.size() < 4; ++i) {
        clock.advance(1000);
        (void)QTest::qWaitFor([&] { return read.size() >= 4; }, 250);
    }
    QCOMPARE(read.size(), 4);
    const EdgeLoad e1 = monitor.loads().value(u"e1"_s);
    QCOMPARE(e1.requestsPerSecond, 150.0 * 1000.0 / double(e1.atMs - firstReadAt));
    QVERIFY(e1.requestsPerSecond > 0);

    // The next cycle writes it; `status` and the dashboard read it back.
    clock.advance(1000);
    HealthView view(*store, clock);
    StatusReport report;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const Result<StatusReport> published = view.report();
            if (!published)
                return false;
            report = *published;
            return report.edgeLoads.value(u"e1"_s).rateKnown();
        }(),
        5000);
    QCOMPARE(report.edgeLoads.value(u"e1"_s).requestsPerSecond,
             std::round(e1.requestsPerSecond * 100) / 100);
    QCOMPARE(report.edgeLoads.value(u"e1"_s).connections, 12);
    QVERIFY(report.edgeLoads.value(u"e1"_s).error.isEmpty());
    QVERIFY2(report.edgeLoads.value(u"e2"_s).error.contains(u"connection refused"_s),
             qPrintable(report.edgeLoads.value(u"e2"_s).error));
    monitor.stop();
}

void TestEdgeLoad::monitorWithoutAFetchReadsNothing()
{
    // Tests and shells that give no fetch get no SSH connection to any edge.
    QTemporaryDir dir;
    ManualClock clock;
    auto opened = Store::open(DataDirectory::databasePath(dir.path()), clock);
    QVERIFY(opened.ok());
    std::unique_ptr<Store> store = std::move(opened).value();
    ProbeWorld probes;
    Monitor::Options options;
    options.component = u"test"_s;
    options.makeProber = [&probes] { return std::make_unique<FakeProber>(probes); };
    Monitor monitor(*store, dir.path(),
                    std::make_unique<FakeDnsActuator>(std::make_shared<FakeDnsState>()), options,
                    clock);
    QVERIFY(monitor.loads().isEmpty());
}

QTEST_GUILESS_MAIN(TestEdgeLoad)
#include "tst_edge_load.moc"
