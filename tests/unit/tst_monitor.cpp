// The monitor on the injected clock, with scripted probes, a fake DNS
// provider and fake vantage edges: configuration reload, DNS back-off,
// periodic DNS reads, the all-down freeze, vantage quorum, bounded stop.
#include "FakeDnsActuator.h"
#include "FakeProber.h"
#include "core/DataDirectory.h"
#include "health/DnsActuator.h"
#include "health/DnsDriver.h"
#include "health/EventRecorder.h"
#include "health/Monitor.h"
#include "health/Prober.h"
#include "health/VantageChecker.h"
#include "store/Lease.h"
#include "store/StatusStore.h"
#include "store/Store.h"

#include <QDir>
#include <QFile>
#include <QMutex>
#include <QScopeGuard>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>

using namespace kokoa;
using namespace kokoa::test;

namespace {

const QString kHost = QStringLiteral("a.example.com");
// Public addresses the fake prober stands in for: nothing is ever sent to them.
QString addressOf(int edge)
{
    return QStringLiteral("8.8.8.%1").arg(edge);
}
const QString kHostKey = QStringLiteral("SHA256:") + QString(43, QLatin1Char('A'));

Edge edge(int i)
{
    Edge e;
    e.name = QStringLiteral("e%1").arg(i);
    e.ssh.host = addressOf(i);
    e.publicIpv4 = addressOf(i);
    return e;
}

Route route(const QString &hostname)
{
    Route r;
    r.hostname = hostname;
    r.originName = QStringLiteral("home");
    r.port = 8080;
    return r;
}

QStringList addresses(std::initializer_list<int> edges)
{
    QStringList out;
    for (int e : edges)
        out.append(addressOf(e));
    out.sort();
    return out;
}

QList<Event> eventsOf(Store &store, int limit = 100000)
{
    Result<QList<Event>> events = store.events(limit);
    if (!events)
        return {};
    return std::move(events).value();
}

int eventCount(Store &store, const QString &category, const QString &action)
{
    int n = 0;
    for (const Event &e : eventsOf(store)) {
        if (e.category == category && e.action == action)
            ++n;
    }
    return n;
}

} // namespace

class TestMonitor : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void removedEdgeIsNeverPublishedAgain();
    void removedEdgeIsWithdrawnWithoutASync();
    void changeDecidedBeforeAReloadIsNotWritten();
    void addedRouteIsMonitored();
    void unreadHostnameIsLeftAlone();
    void conflictingDnsChangeIsReadAgainAndRetried();
    void failureIsActedOnWhenNoEdgeCanConfirmIt();
    void resultsForARemovedRouteAreIgnored();
    void changedSettingsAndSecretsAreApplied();
    void refusedDnsChangeIsNotResent();
    void retryableDnsErrorBacksOffExponentially();
    void repeatedFailuresAreCountedAndOldEventsPruned();
    void recoveringEdgesStayAfterAnOriginOutage();
    void uplinkBackWaitsForTheWholePicture();
    void oneLyingVantageCannotVetoAFailover();
    void refutationHoldsOnlyForABoundedTime();
    void destroyedCheckerIgnoresLateAnswers();
    void allVantagesAreAskedAtOnceOnASmallPool();
    void dnsIsReadAgainAndRepaired();
    void stopWaitsForTheDnsWriteThenReleasesTheLease();
    void stopIsBoundedWhenTheDnsWriteHangs();
    void readOnlyDatabaseFailsTheStart();
    void databaseThatStopsTakingWritesStopsTheMonitor();

private:
    void startMonitor(int edges = 3);
    void round(int n = 1);
    // Rounds until `done` holds (at most `limit` rounds).
    template <typename Fn> bool roundsUntil(Fn done, int limit = 20)
    {
        for (int i = 0; i < limit && !done(); ++i)
            round();
        return done();
    }
    QStringList recordsOf(const QString &host)
    {
        QMutexLocker lock(&m_dns->mutex);
        return m_dns->records.value(host);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<ProbeWorld> m_world;
    std::shared_ptr<FakeDnsState> m_dns;
    std::unique_ptr<Monitor> m_monitor;
    int m_interval = 1000;
};

void TestMonitor::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_clock = std::make_unique<ManualClock>();
    auto store = Store::open(DataDirectory::databasePath(m_dir->path()), *m_clock);
    QVERIFY(store.ok());
    m_store = std::move(store).value();
    m_world = std::make_unique<ProbeWorld>();
    m_dns = std::make_shared<FakeDnsState>();
    Zone z;
    z.name = QStringLiteral("example.com");
    QVERIFY(m_store->addZone(z).ok());
    Origin o;
    o.name = QStringLiteral("home");
    o.ssh.host = QStringLiteral("192.168.1.10");
    QVERIFY(m_store->addOrigin(o).ok());
    QVERIFY(m_store->setSetting(QStringLiteral("health.timeout_ms"), QStringLiteral("500")).ok());
    QVERIFY(m_store->setSetting(QStringLiteral("health.interval_ms"), QStringLiteral("1000")).ok());
    QVERIFY(m_store->setSetting(QStringLiteral("health.fall"), QStringLiteral("2")).ok());
    QVERIFY(m_store->setSetting(QStringLiteral("health.rise"), QStringLiteral("2")).ok());
    QVERIFY(m_store->setSetting(QStringLiteral("health.hold_down_s"), QStringLiteral("0")).ok());
}

void TestMonitor::cleanup()
{
    m_monitor.reset();
    QThreadPool::globalInstance()->waitForDone();
    m_store.reset();
    m_dir.reset();
}

void TestMonitor::startMonitor(int edges)
{
    for (int i = 1; i <= edges; ++i) {
        const Result<Edge> added = m_store->addEdge(edge(i));
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message()));
        QVERIFY(
            m_store->setSshHostKey(Store::HostKind::Edge, QStringLiteral("e%1").arg(i), kHostKey)
                .ok());
    }
    QVERIFY(m_store->addRoute(route(kHost)).ok());
    QStringList all;
    for (int i = 1; i <= edges; ++i)
        all.append(addressOf(i));
    m_dns->records.insert(kHost, all);

    Monitor::Options o;
    o.component = QStringLiteral("test");
    o.wakeMs = 1;
    o.stopBoundMs = 1000;
    ProbeWorld *world = m_world.get();
    o.makeProber = [world] { return std::make_unique<FakeProber>(*world); };
    o.vantageProbe = [world](const Edge &from, const QString &address) {
        QMutexLocker lock(&world->mutex);
        using A = VantageChecker::Answer;
        if (world->down.contains(from.publicIpv4))
            return VantageChecker::Reply{A::NoEvidence, QStringLiteral("cannot connect")};
        if (world->liars.contains(from.publicIpv4))
            return VantageChecker::Reply{A::Reachable, {}};
        return VantageChecker::Reply{world->down.contains(address) ? A::Unreachable : A::Reachable,
                                     {}};
    };
    m_monitor = std::make_unique<Monitor>(*m_store, m_dir->path(),
                                          std::make_unique<FakeDnsActuator>(m_dns), o, *m_clock);
    QVERIFY(m_monitor->start().ok());
    round(2);
    QTRY_VERIFY(m_monitor->holdsLease());
}

void TestMonitor::round(int n)
{
    for (int i = 0; i < n; ++i) {
        const int before = m_monitor->probeRounds();
        // After a reload the probes are spread over the interval again: a
        // round may need the clock to move on once more.
        bool done = false;
        for (int step = 0; step < 3 && !done; ++step) {
            m_clock->advance(m_interval);
            done = QTest::qWaitFor([&] { return m_monitor->probeRounds() > before; },
                                   step < 2 ? 500 : 5000);
        }
        QVERIFY2(done, qPrintable(QStringLiteral("round %1 did not finish").arg(before + 1)));
        // Let the evaluations and DNS changes this round asked for finish.
        for (int settle = 0; settle < 5; ++settle) {
            QCoreApplication::processEvents();
            QTRY_VERIFY_WITH_TIMEOUT(m_monitor->dnsIdle(), 5000);
        }
    }
}

void TestMonitor::removedEdgeIsNeverPublishedAgain()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    // `edge rm e2` and a DNS sync made by hand while the monitor runs.
    QVERIFY(m_store->removeEdge(QStringLiteral("e2")).ok());
    m_dns->setRecords(kHost, addresses({1, 3}));
    QVERIFY(roundsUntil([&] { return m_monitor->topology().edges.size() == 2; }, 3));
    const qsizetype writesBefore = m_dns->allWrites().size();
    m_world->down.insert(addressOf(3));
    QVERIFY2(roundsUntil([&] { return recordsOf(kHost) == addresses({1}); }),
             qPrintable(recordsOf(kHost).join(u' ')));
    round(3);
    QCOMPARE(recordsOf(kHost), addresses({1}));
    const QList<QStringList> writes = m_dns->allWrites();
    QVERIFY(writes.size() > writesBefore);
    for (qsizetype i = writesBefore; i < writes.size(); ++i)
        QVERIFY2(!writes.at(i).contains(addressOf(2)), qPrintable(writes.at(i).join(u' ')));
}

void TestMonitor::removedEdgeIsWithdrawnWithoutASync()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    // `edge rm e2` while the monitor runs, and nobody runs `dns sync`.
    QVERIFY(m_store->removeEdge(QStringLiteral("e2")).ok());
    QVERIFY2(roundsUntil(
                 [&] {
                     return recordsOf(kHost) == addresses({1, 3});
                 },
                 5),
             qPrintable(recordsOf(kHost).join(u' ')));
    QVERIFY(!m_monitor->dnsAnswers().value(kHost).contains(DnsActuator::strayName(addressOf(2))));
}

void TestMonitor::changeDecidedBeforeAReloadIsNotWritten()
{
    // The DNS thread is still reading when a change is decided, and the
    // configuration changes (an edge removed) before the change's turn comes.
    Topology topology;
    topology.edges = {edge(1), edge(2)};
    Route r = route(kHost);
    r.zoneName = QStringLiteral("example.com");
    topology.routes = {r};
    m_dns->setRecords(kHost, addresses({1}));
    m_dns->holdReads(true);
    DnsDriver driver(std::make_unique<FakeDnsActuator>(m_dns));
    std::optional<Result<QStringList>> result;
    connect(&driver, &DnsDriver::applied, this,
            [&](const Route &, const QSet<QString> &, const Result<QStringList> &changes) {
                result.emplace(changes);
            });
    driver.start();
    driver.read(topology);
    driver.apply(r, {QStringLiteral("e1"), QStringLiteral("e2")}, topology, 60);
    driver.reset();
    m_dns->holdReads(false);
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
    QVERIFY(!*result);
    QCOMPARE(int(result->error().kind()), int(Error::Kind::Cancelled));
    QCOMPARE(m_dns->writesStarted.load(), 0);
    QCOMPARE(recordsOf(kHost), addresses({1}));
}

void TestMonitor::addedRouteIsMonitored()
{
    startMonitor(2);
    if (QTest::currentTestFailed())
        return;
    const QString added = QStringLiteral("b.example.com");
    QVERIFY(m_store->addRoute(route(added)).ok());
    QVERIFY(roundsUntil([&] { return recordsOf(added) == addresses({1, 2}); }, 5));
    QVERIFY(m_monitor->tracker().target(QStringLiteral("route:e1|") + added));
    // And it fails over like any other.
    m_world->down.insert(addressOf(2));
    QVERIFY(roundsUntil([&] { return recordsOf(added) == addresses({1}); }));
}

void TestMonitor::unreadHostnameIsLeftAlone()
{
    // The provider cannot be read yet, and e3 fails from here without any
    // confirmation: an unread answer is not an empty one.
    m_dns->readFailWith = Error(Error::Kind::Timeout, QStringLiteral("no answer within 10 s"));
    m_world->down.insert(addressOf(3));
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    round(3);
    QCOMPARE(m_dns->writesStarted.load(), 0);
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    QVERIFY(!m_monitor->dnsAnswers().contains(kHost));
    // Once read, the failure is confirmed from another edge and acted on.
    m_dns->fail(std::nullopt);
    {
        QMutexLocker lock(&m_dns->mutex);
        m_dns->readFailWith.reset();
    }
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2}); }, 70));
}

void TestMonitor::conflictingDnsChangeIsReadAgainAndRetried()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    // RFC 2136 NXRRSET: the records changed between our read and our update.
    m_dns->fail(Error(Error::Kind::Conflict, QStringLiteral("NXRRSET: prerequisite failed")));
    const int readsBefore = [&] {
        QMutexLocker l(&m_dns->mutex);
        return m_dns->reads;
    }();
    m_world->down.insert(addressOf(3));
    QVERIFY(roundsUntil([&] { return m_dns->writesFinished.load() > 0; }));
    m_dns->fail(std::nullopt);
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2}); }, 10));
    QMutexLocker lock(&m_dns->mutex);
    QVERIFY(m_dns->reads > readsBefore);
}

void TestMonitor::failureIsActedOnWhenNoEdgeCanConfirmIt()
{
    // No edge has a pinned SSH host key: no other vantage can be asked.
    for (int i = 1; i <= 2; ++i)
        QVERIFY(m_store->addEdge(edge(i)).ok());
    startMonitor(0);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2}); }, 5));
    m_world->down.insert(addressOf(2));
    QVERIFY2(roundsUntil([&] { return recordsOf(kHost) == addresses({1}); }, 10),
             qPrintable(recordsOf(kHost).join(u' ')));
}

void TestMonitor::resultsForARemovedRouteAreIgnored()
{
    startMonitor(2);
    if (QTest::currentTestFailed())
        return;
    const QString other = QStringLiteral("b.example.com");
    QVERIFY(m_store->addRoute(route(other)).ok());
    QVERIFY(roundsUntil([&] { return m_monitor->dnsAnswers().contains(other); }, 5));
    int reloads = 0;
    connect(m_monitor.get(), &Monitor::configurationReloaded, this, [&] { ++reloads; });
    // A read of both routes is still running when the route is removed.
    m_dns->holdReads(true);
    QVERIFY(m_store->setSetting(QStringLiteral("dns.ttl"), QStringLiteral("90")).ok());
    m_clock->advance(m_interval);
    QTRY_COMPARE(reloads, 1);
    QVERIFY(m_store->removeRoute(other).ok());
    m_clock->advance(m_interval);
    QTRY_COMPARE(reloads, 2);
    QVERIFY(!m_monitor->dnsAnswers().contains(other));
    m_dns->holdReads(false);
    round(2);
    QVERIFY(!m_monitor->dnsAnswers().contains(other));
}

void TestMonitor::changedSettingsAndSecretsAreApplied()
{
    startMonitor(2);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_store->setSetting(QStringLiteral("health.fall"), QStringLiteral("5")).ok());
    QVERIFY(m_store->setSetting(QStringLiteral("dns.ttl"), QStringLiteral("120")).ok());
    round(2);
    m_world->down.insert(addressOf(2));
    round(4); // fall was 2: down long ago with the old setting
    QCOMPARE(kokoa::toString(m_monitor->tracker().state(QStringLiteral("edge:e2"))),
             kokoa::toString(HealthTracker::State::Up));
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1}); }));
    {
        QMutexLocker lock(&m_dns->mutex);
        QCOMPARE(m_dns->ttls.last(), 120);
    }
    // A new secret (zone set-secret) makes the providers anew.
    const int resets = m_dns->resets;
    QDir().mkpath(DataDirectory::secretsPath(m_dir->path()));
    QFile secret(DataDirectory::secretsPath(m_dir->path()) + QStringLiteral("/zone-example.com"));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("token");
    secret.close();
    QVERIFY(roundsUntil(
        [&] {
            QMutexLocker l(&m_dns->mutex);
            return m_dns->resets > resets;
        },
        3));
}

void TestMonitor::refusedDnsChangeIsNotResent()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    QStringList alerts;
    connect(m_monitor.get(), &Monitor::alertRaised, this,
            [&](const QString &text) { alerts.append(text); });
    m_dns->fail(Error(Error::Kind::Refused, QStringLiteral("HTTP 403: token is read-only")));
    m_world->down.insert(addressOf(3));
    QVERIFY(roundsUntil([&] { return m_dns->writesFinished.load() > 0; }));
    round(60); // a minute: the old code sent ~60 requests a second
    QCOMPARE(m_dns->writesFinished.load(), 1);
    // Failover is stuck: said once, and shown to status.
    QCOMPARE(alerts.filter(QStringLiteral("refused")).size(), 1);
    QVERIFY2(alerts.filter(QStringLiteral("refused"))
                 .first()
                 .contains(QStringLiteral("paused for 30 min")),
             qPrintable(alerts.join(u'\n')));
    bool shown = false;
    Result<QList<StatusStore::HealthRow>> published =
        StatusStore(m_store->database(), *m_clock).health();
    QVERIFY(published.ok());
    const QList<StatusStore::HealthRow> rows = std::move(published).value();
    for (const StatusStore::HealthRow &row : rows) {
        if (row.key == QLatin1String("dns-backoff:zone:example.com"))
            shown =
                row.state == QLatin1String("paused") && row.detail.contains(QStringLiteral("403"));
    }
    QVERIFY(shown);
    QVERIFY(eventCount(*m_store, QStringLiteral("dns"), QStringLiteral("update")) <= 1);
    QVERIFY(!m_monitor->dnsBackoff().mayTry(QStringLiteral("zone:example.com"), m_clock->nowMs()));
    // A configuration change (a new token) lets it try again, and it works.
    m_dns->fail(std::nullopt);
    QVERIFY(m_store->setSetting(QStringLiteral("dns.ttl"), QStringLiteral("90")).ok());
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2}); }, 5));
    QCOMPARE(m_dns->writesFinished.load(), 2);
}

void TestMonitor::retryableDnsErrorBacksOffExponentially()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    m_dns->fail(Error(Error::Kind::Timeout, QStringLiteral("no answer within 10 s")));
    m_world->down.insert(addressOf(3));
    QVERIFY(roundsUntil([&] { return m_dns->writesFinished.load() > 0; }));
    round(62); // tries at 0, +2, +4, +8, +16, +32 s at most
    QVERIFY2(m_dns->writesFinished.load() >= 4 && m_dns->writesFinished.load() <= 6,
             qPrintable(QString::number(m_dns->writesFinished.load())));
    m_dns->fail(std::nullopt);
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2}); }, 70));
}

void TestMonitor::repeatedFailuresAreCountedAndOldEventsPruned()
{
    EventRecorder recorder(*m_store, *m_clock);
    const int before = int(eventsOf(*m_store).size());
    for (int i = 0; i < 50; ++i)
        recorder.record(QStringLiteral("dns"), kHost, QStringLiteral("update"),
                        QStringLiteral("remove e3"), QStringLiteral("HTTP 403"));
    QCOMPARE(int(eventsOf(*m_store).size()), before + 1);
    m_clock->advance(EventRecorder::kRepeatSummaryMs);
    recorder.maintain();
    const QList<Event> events = eventsOf(*m_store, 1);
    QVERIFY2(events.last().reason.contains(QStringLiteral("49")), qPrintable(events.last().reason));
    // A different outcome is written at once.
    recorder.record(QStringLiteral("dns"), kHost, QStringLiteral("update"),
                    QStringLiteral("remove e3"), QStringLiteral("ok"));
    QCOMPARE(eventsOf(*m_store, 1).last().outcome, QStringLiteral("ok"));

    // Pruning: old events go, the newest 1,000 always stay, recent ones
    // cannot be deleted by anyone.
    const int recent = int(eventsOf(*m_store).size());
    m_clock->set(m_clock->nowMs() - EventRecorder::kKeepEventsMs - 1000);
    for (int i = 0; i < 1500; ++i) {
        Event e;
        e.category = QStringLiteral("test");
        e.subject = QString::number(i);
        e.action = QStringLiteral("old");
        QVERIFY(m_store->appendEvent(e).ok());
    }
    m_clock->advance(EventRecorder::kKeepEventsMs + 1000);
    const Result<int> pruned =
        m_store->pruneEvents(EventRecorder::kKeepEventsMs, EventRecorder::kKeepEvents);
    QVERIFY(pruned.ok());
    QCOMPARE(*pruned, 500); // old, and not among the newest 1,000
    QCOMPARE(int(eventsOf(*m_store).size()),
             recent + 1000); // recent ones stay whatever their number
    QVERIFY(!m_store->database().exec(QStringLiteral("DELETE FROM events")).ok());
}

void TestMonitor::recoveringEdgesStayAfterAnOriginOutage()
{
    QVERIFY(m_store->setSetting(QStringLiteral("health.hold_down_s"), QStringLiteral("5")).ok());
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    // The origin stops.
    for (int i = 1; i <= 3; ++i)
        m_world->originErr.insert(addressOf(i));
    round(3);
    QCOMPARE(kokoa::toString(m_monitor->tracker().state(QStringLiteral("route:e3|") + kHost)),
             kokoa::toString(HealthTracker::State::Down));
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3})); // the origin is down: DNS cannot help
    // It comes back; probes are spread over the interval, so e1 sees it one
    // probe before e2 and e3 do, and its hold-down ends first.
    m_world->originErr.remove(addressOf(1));
    round();
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    m_world->originErr.clear();
    // e1 comes back first; e2 and e3 answer again but are still in their
    // hold-down: none of them may be taken out (3 -> 2 -> 1 before).
    for (int i = 0; i < 10; ++i) {
        round();
        QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    }
    QCOMPARE(kokoa::toString(m_monitor->tracker().state(QStringLiteral("route:e3|") + kHost)),
             kokoa::toString(HealthTracker::State::Up));
    QCOMPARE(m_dns->allWrites().size(), qsizetype(0));
}

void TestMonitor::uplinkBackWaitsForTheWholePicture()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    for (int i = 1; i <= 3; ++i)
        m_world->down.insert(addressOf(i));
    round(2); // every edge down: our own link; DNS left alone
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    // The link returns; e1 answers first, e2's and e3's answers are late.
    m_world->down.clear();
    m_world->slow = {addressOf(2), addressOf(3)};
    const QString e1 = QStringLiteral("edge:e1");
    for (int good = 1; good <= 2; ++good) {
        m_clock->advance(m_interval);
        QTRY_VERIFY(m_monitor->tracker().target(e1)->goodInRow >= good);
    }
    QCOMPARE(kokoa::toString(m_monitor->tracker().state(e1)),
             kokoa::toString(HealthTracker::State::Up));
    for (int settle = 0; settle < 5; ++settle) {
        QCoreApplication::processEvents();
        QTRY_VERIFY(m_monitor->dnsIdle());
    }
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    m_world->slow.clear();
    m_world->prober->release();
    round(3);
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    QCOMPARE(m_dns->allWrites().size(), qsizetype(0));
}

void TestMonitor::oneLyingVantageCannotVetoAFailover()
{
    startMonitor(4);
    if (QTest::currentTestFailed())
        return;
    m_world->liars.insert(addressOf(1)); // the first healthy edge says "reachable"
    m_world->down.insert(addressOf(4));
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2, 3}); }, 10));
}

void TestMonitor::refutationHoldsOnlyForABoundedTime()
{
    startMonitor(2);
    if (QTest::currentTestFailed())
        return;
    // Only e1 can vouch for e2, and it keeps saying "reachable".
    m_world->liars.insert(addressOf(1));
    m_world->down.insert(addressOf(2));
    round(5);
    QCOMPARE(recordsOf(kHost), addresses({1, 2}));
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1}); },
                        Monitor::kMaxRefutationIntervals + 5));
    QVERIFY(eventCount(*m_store, QStringLiteral("health"), QStringLiteral("vantage check")) >= 2);
}

void TestMonitor::destroyedCheckerIgnoresLateAnswers()
{
    std::atomic<bool> answered{false};
    QMutex gate;
    gate.lock();
    auto checker = std::make_unique<VantageChecker>(
        [&](const Edge &, const QString &) {
            QMutexLocker lock(&gate); // blocks until the checker is gone
            answered = true;
            return VantageChecker::Reply{VantageChecker::Answer::Reachable, {}};
        },
        *m_clock);
    checker->check(edge(2), {edge(1), edge(3)}, 5000, 60000);
    QVERIFY(checker->running(QStringLiteral("e2")));
    checker.reset();
    gate.unlock();
    QThreadPool::globalInstance()->waitForDone();
    QVERIFY(answered);
    QCoreApplication::processEvents(); // a late answer must reach nothing
}

void TestMonitor::allVantagesAreAskedAtOnceOnASmallPool()
{
    // Regression test: on a 2-core machine the thread pool ran two vantage
    // probes and queued the third, so the verdict took two probe times and
    // came after the fall, delaying every failover.
    QThreadPool *pool = QThreadPool::globalInstance();
    const int threads = pool->maxThreadCount();
    const auto restore = qScopeGuard([&] {
        pool->waitForDone();
        pool->setMaxThreadCount(threads);
    });
    pool->setMaxThreadCount(2);
    QSemaphore started;
    std::atomic<int> sawAllRunning{0};
    VantageChecker checker(
        [&](const Edge &, const QString &) {
            started.release();
            // Bounded: with a queued vantage the others give up after 3 s.
            if (started.tryAcquire(3, 3000)) {
                started.release(3);
                ++sawAllRunning;
            }
            return VantageChecker::Reply{VantageChecker::Answer::Unreachable, {}};
        },
        *m_clock);
    checker.check(edge(4), {edge(1), edge(2), edge(3)}, 5000, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(checker.confirmedDown(QStringLiteral("e4")), 15000);
    QCOMPARE(sawAllRunning.load(), 3);
}

void TestMonitor::dnsIsReadAgainAndRepaired()
{
    QVERIFY(m_store->setSetting(QStringLiteral("dns.refresh_s"), QStringLiteral("10")).ok());
    startMonitor(2);
    if (QTest::currentTestFailed())
        return;
    const int reads = m_dns->reads;
    // Someone removes e1's record by hand.
    m_dns->setRecords(kHost, addresses({2}));
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2}); }, 12));
    QVERIFY(m_dns->reads > reads);
    QVERIFY(eventCount(*m_store, QStringLiteral("dns"), QStringLiteral("changed elsewhere")) >= 1);
}

void TestMonitor::stopWaitsForTheDnsWriteThenReleasesTheLease()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    m_dns->slowWrites(300);
    {
        QMutexLocker lock(&m_dns->mutex);
        m_dns->databaseToWatch = DataDirectory::databasePath(m_dir->path());
        m_dns->clock = m_clock.get();
    }
    m_world->down.insert(addressOf(3));
    // The clock moves on at each look until the write has started.
    QTRY_VERIFY_WITH_TIMEOUT((m_clock->advance(m_interval), m_dns->writesStarted.load() > 0),
                             10000);
    m_monitor->stop();
    QCOMPARE(m_dns->writesFinished.load(), m_dns->writesStarted.load());
    {
        QMutexLocker lock(&m_dns->mutex);
        QVERIFY(!m_dns->leaseAtWriteEnd.isEmpty());
        // Still ours while the write ran: no other monitor could act meanwhile.
        QVERIFY2(m_dns->leaseAtWriteEnd.last().startsWith(QStringLiteral("test:")),
                 qPrintable(m_dns->leaseAtWriteEnd.last()));
    }
    Lease lease(m_store->database(), Lease::dnsLeaseName(), QString(), *m_clock);
    QCOMPARE(lease.current()->first, QString());
}

void TestMonitor::stopIsBoundedWhenTheDnsWriteHangs()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    m_dns->slowWrites(3000);
    m_world->down.insert(addressOf(3));
    QTRY_VERIFY_WITH_TIMEOUT((m_clock->advance(m_interval), m_dns->writesStarted.load() > 0),
                             10000);
    QElapsedTimer took;
    took.start();
    m_monitor->stop();
    QVERIFY2(took.elapsed() < 2500, qPrintable(QString::number(took.elapsed())));
    QVERIFY(m_dns->writesFinished.load() < m_dns->writesStarted.load());
    // The write may still land: nobody else may act until the lease expires.
    Lease lease(m_store->database(), Lease::dnsLeaseName(), QString(), *m_clock);
    QVERIFY(lease.current()->first.startsWith(QStringLiteral("test:")));
    m_monitor.reset(); // destruction is bounded too, and safe with the call still running
    QTRY_COMPARE_WITH_TIMEOUT(m_dns->writesFinished.load(), m_dns->writesStarted.load(), 5000);
}

void TestMonitor::readOnlyDatabaseFailsTheStart()
{
    QVERIFY(m_store->addEdge(edge(1)).ok());
    QVERIFY(m_store->database().exec(QStringLiteral("PRAGMA query_only = 1")).ok());
    Monitor::Options o;
    ProbeWorld *world = m_world.get();
    o.makeProber = [world] { return std::make_unique<FakeProber>(*world); };
    Monitor monitor(*m_store, m_dir->path(), std::make_unique<FakeDnsActuator>(m_dns), o, *m_clock);
    const Status s = monitor.start();
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message().contains(QStringLiteral("read-only")),
             qPrintable(s.error().message()));
}

void TestMonitor::databaseThatStopsTakingWritesStopsTheMonitor()
{
    startMonitor(2);
    if (QTest::currentTestFailed())
        return;
    QString fatal;
    connect(m_monitor.get(), &Monitor::fatalError, this,
            [&](const QString &text) { fatal = text; });
    QVERIFY(m_store->database().exec(QStringLiteral("PRAGMA query_only = 1")).ok());
    for (int i = 0; i < Monitor::kMaxWriteFailures + 2 && fatal.isEmpty(); ++i) {
        m_clock->advance(m_interval);
        if (QTest::qWaitFor([&] { return !fatal.isEmpty(); }, 200))
            break;
    }
    QVERIFY2(fatal.contains(QStringLiteral("cannot write to the database")), qPrintable(fatal));
    QVERIFY(!m_monitor->holdsLease());
}

QTEST_GUILESS_MAIN(TestMonitor)
#include "tst_monitor.moc"
