// The monitor on the injected clock, with scripted probes, a fake DNS
// provider and fake vantage edges: fall/rise/hold-down, lease loss,
// configuration reload, DNS back-off, periodic DNS reads, the all-down
// freeze, vantage quorum, stop and destruction while work is in flight, and
// the status report read back from what the monitor published.
#include "FakeDnsActuator.h"
#include "FakeProber.h"
#include "ManualClock.h"
#include "app/HealthView.h"
#include "core/DataDirectory.h"
#include "dns/CloudflareBudget.h"
#include "health/DnsActuator.h"
#include "health/DnsDriver.h"
#include "health/EventRecorder.h"
#include "health/FastInterval.h"
#include "health/HealthKey.h"
#include "health/Monitor.h"
#include "health/ProbeWheel.h"
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
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <thread>

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
    void decisionBetweenCyclesFollowsTheStoredConfiguration();
    void changeDecidedBeforeAReloadIsNotWritten();
    void addedRouteIsMonitored();
    void failoverOfManyHostnamesIsOneChangePerZone();
    void slowZoneDoesNotHoldUpAnother();
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
    void refutationBoundRestartsOnceTheEdgeAnswers();
    void deathAfterARefutedFalseAlarmIsNotHeldBack();
    void destroyedCheckerWaitsForItsChecks();
    void allVantagesAreAskedAtOnceOnASmallPool();
    void dnsIsReadAgainAndRepaired();
    void dnsWrittenElsewhereIsReadAtOnce();
    void stopWaitsForTheDnsWriteThenReleasesTheLease();
    void stopIsBoundedWhenTheDnsWriteHangs();
    void readOnlyDatabaseFailsTheStart();
    void databaseThatStopsTakingWritesStopsTheMonitor();
    void fallRiseAndHoldDownDriveDns();
    void failedEdgeIsProbedAgainAtShortIntervals();
    void oneLostProbeMovesNothing();
    void slowHostnameIsJudgedByItsPatientReprobes();
    void silentProbeStartsTheChecksBeforeItsTimeout();
    void flapsAreDampedWithEvents();
    void lostLeaseStopsActing();
    void destroyedDuringACrossCheck();
    void restartedDuringACrossCheckIgnoresTheOldAnswers();
    void edgesAreAssessedForAutomaticReplacement();
    void healthKeysRoundTrip();
    void statusReportReadsThePublishedHealth();
    void onlyChangedHealthIsWritten();
    // Last: it spends the process's Cloudflare budget.
    void cloudflareBudgetIsInTheStatus();

private:
    void startMonitor(int edges = 3, VantageChecker::Probe vantageProbe = {});
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

void TestMonitor::startMonitor(int edges, VantageChecker::Probe vantageProbe)
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
        using A = VantageChecker::Answer;
        if (world->down.contains(from.publicIpv4))
            return VantageChecker::Reply{A::NoEvidence, QStringLiteral("cannot connect")};
        if (world->liars.contains(from.publicIpv4))
            return VantageChecker::Reply{A::Reachable, {}};
        return VantageChecker::Reply{world->down.contains(address) ? A::Unreachable : A::Reachable,
                                     {}};
    };
    if (vantageProbe)
        o.vantageProbe = std::move(vantageProbe);
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

// Seen end to end: `edge rm e2` and a hand-made DNS sync while e1 fails.
// The cross-check answers before the next cycle has reloaded, and the
// evaluation it triggers must not decide under the configuration that
// still had e2 (that wrote {e2, e3}, putting the removed edge back).
void TestMonitor::decisionBetweenCyclesFollowsTheStoredConfiguration()
{
    std::atomic<int> asked{0};
    QSemaphore release;
    ProbeWorld *world = m_world.get();
    startMonitor(3, [&asked, &release, world](const Edge &, const QString &address) {
        ++asked;
        (void)release.tryAcquire(1, 5000);
        return VantageChecker::Reply{world->down.contains(address)
                                         ? VantageChecker::Answer::Unreachable
                                         : VantageChecker::Answer::Reachable,
                                     {}};
    });
    auto releaseAll = qScopeGuard([&release] { release.release(100); });
    if (QTest::currentTestFailed())
        return;
    m_world->down.insert(addressOf(1));
    round(3); // e1 reaches fall; the cross-check it started is held
    QVERIFY(asked.load() > 0);
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));

    QVERIFY(m_store->removeEdge(QStringLiteral("e2")).ok());
    m_dns->setRecords(kHost, addresses({1, 3}));
    const qsizetype writesBefore = m_dns->allWrites().size();
    release.release(100); // the vantages answer; the clock stays: no cycle
    QTRY_VERIFY_WITH_TIMEOUT(m_monitor->topology().edges.size() == 2, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(recordsOf(kHost) == addresses({3}), 5000);
    const QList<QStringList> writes = m_dns->allWrites();
    for (qsizetype i = writesBefore; i < writes.size(); ++i)
        QVERIFY2(!writes.at(i).contains(addressOf(2)), qPrintable(writes.at(i).join(u' ')));
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
    AnswerChange change;
    change.route = r;
    change.edges = {QStringLiteral("e1"), QStringLiteral("e2")};
    driver.apply({change}, topology, 60);
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

void TestMonitor::failoverOfManyHostnamesIsOneChangePerZone()
{
    Zone other;
    other.name = QStringLiteral("example.org");
    QVERIFY(m_store->addZone(other).ok());
    const QStringList hosts{kHost,
                            QStringLiteral("b.example.com"),
                            QStringLiteral("c.example.com"),
                            QStringLiteral("d.example.com"),
                            QStringLiteral("x.example.org"),
                            QStringLiteral("y.example.org")};
    for (const QString &h : hosts)
        m_dns->setRecords(h, addresses({1, 2, 3}));
    for (const QString &h : hosts.mid(1))
        QVERIFY(m_store->addRoute(route(h)).ok());
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(roundsUntil([&] { return m_monitor->dnsAnswers().size() == hosts.size(); }, 5));
    QCOMPARE(m_dns->writesStarted.load(), 0);
    // e3 fails: every hostname in both zones loses it, decided hostname by
    // hostname and sent as one change per zone.
    m_world->down.insert(addressOf(3));
    QVERIFY(roundsUntil([&] {
        return std::all_of(hosts.cbegin(), hosts.cend(), [&](const QString &h) {
            return recordsOf(h) == addresses({1, 2});
        });
    }));
    QList<std::pair<QString, QStringList>> changes;
    {
        QMutexLocker lock(&m_dns->mutex);
        changes = m_dns->zoneChanges;
    }
    std::sort(changes.begin(), changes.end());
    const QList<std::pair<QString, QStringList>> expected{
        {QStringLiteral("example.com"), hosts.mid(0, 4)},
        {QStringLiteral("example.org"), hosts.mid(4)}};
    QCOMPARE(changes, expected);
    QCOMPARE(m_dns->writesFinished.load(), int(hosts.size()));
}

void TestMonitor::slowZoneDoesNotHoldUpAnother()
{
    Topology topology;
    topology.edges = {edge(1), edge(2)};
    QList<AnswerChange> changes;
    for (const QString &h : {QStringLiteral("a.slow.example"), QStringLiteral("b.fast.example")}) {
        Route r = route(h);
        r.zoneName = h.section(QLatin1Char('.'), 1);
        topology.routes.append(r);
        m_dns->setRecords(h, addresses({1, 2}));
        AnswerChange c;
        c.route = r;
        c.edges = {QStringLiteral("e1")};
        changes.append(c);
    }
    m_dns->heldZone = QStringLiteral("slow.example");
    m_dns->holdWrites(true);
    auto release = qScopeGuard([&] { m_dns->holdWrites(false); });
    DnsDriver driver(std::make_unique<FakeDnsActuator>(m_dns));
    QStringList applied;
    connect(&driver, &DnsDriver::applied, this,
            [&](const Route &r, const QSet<QString> &, const Result<QStringList> &) {
                applied.append(r.hostname);
            });
    driver.start();
    driver.apply(changes, topology, 60);
    // The fast zone is written while the slow one's change still waits.
    QTRY_COMPARE_WITH_TIMEOUT(recordsOf(QStringLiteral("b.fast.example")), addresses({1}), 5000);
    QCOMPARE(recordsOf(QStringLiteral("a.slow.example")), addresses({1, 2}));
    QVERIFY(driver.busy());
    m_dns->holdWrites(false);
    QTRY_COMPARE_WITH_TIMEOUT(applied.size(), 2, 5000);
    QCOMPARE(recordsOf(QStringLiteral("a.slow.example")), addresses({1}));
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
    round(1);
    // One short interval later a re-probe has failed too: two failures, down
    // with the old fall of 2, still up with 5.
    m_clock->advance(FastInterval::gapMs(m_interval));
    QTRY_VERIFY(m_monitor->tracker().target(QStringLiteral("edge:e2"))->badInRow >= 2);
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

// The bound counts one streak of failures from here. An edge that failed
// once, was vouched for and answered again gets the whole bound at its next
// failure, not what was left of the old one: that clock used to run on
// while the edge stayed up, and every later verdict on it counted as
// outlived (the edge then left DNS on this machine's word alone).
void TestMonitor::refutationBoundRestartsOnceTheEdgeAnswers()
{
    startMonitor(2);
    if (QTest::currentTestFailed())
        return;
    m_world->liars.insert(addressOf(1)); // e1 vouches for e2
    m_world->down.insert(addressOf(2));
    round(); // one lost probe: e2 is cross-checked, and vouched for
    m_world->down.remove(addressOf(2));
    QVERIFY(roundsUntil([&] {
        return eventCount(*m_store, QStringLiteral("health"), QStringLiteral("vantage check")) > 0;
    }));
    round(Monitor::kMaxRefutationIntervals + 5);
    QCOMPARE(recordsOf(kHost), addresses({1, 2}));
    m_world->down.insert(addressOf(2)); // fails for good, vouched for again
    round(5);
    QCOMPARE(recordsOf(kHost), addresses({1, 2}));
}

// A refuted false alarm (one lost probe, other edges reach the edge) must
// not hold back a real death that follows once the edge has answered again:
// that "reachable" was about failures that are over. The edge falls and is
// checked again at once, instead of after the old verdict's 5 intervals.
void TestMonitor::deathAfterARefutedFalseAlarmIsNotHeldBack()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    m_world->liars.insert(addressOf(1)); // e1 and e3 vouch for e2
    m_world->liars.insert(addressOf(3));
    m_world->down.insert(addressOf(2));
    round(); // one lost probe: e2 is cross-checked, and vouched for
    m_world->down.remove(addressOf(2));
    QVERIFY(roundsUntil([&] {
        return eventCount(*m_store, QStringLiteral("health"), QStringLiteral("vantage check")) > 0;
    }));
    round(); // e2 answers: the failures the check answered are over
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    m_world->liars.clear();
    m_world->down.insert(addressOf(2)); // now e2 dies
    // The clock in fastinter's steps: the fall takes about one interval,
    // the old verdict had 5 from the refutation.
    const int gap = FastInterval::gapMs(m_interval);
    const auto removed = [&] { return recordsOf(kHost) == addresses({1, 3}); };
    qint64 waitedMs = 0;
    while (!removed() && waitedMs < 8 * m_interval) {
        m_clock->advance(gap);
        waitedMs += gap;
        (void)QTest::qWaitFor(removed, 20); // the check runs on threads of its own
    }
    QVERIFY2(removed(), qPrintable(recordsOf(kHost).join(u',')));
    qInfo("removed %lld ms after the death (interval %d ms)", waitedMs, m_interval);
    QVERIFY2(
        waitedMs <= 2 * m_interval,
        qPrintable(
            QStringLiteral("removed after %1 ms, interval %2 ms").arg(waitedMs).arg(m_interval)));
}

void TestMonitor::destroyedCheckerWaitsForItsChecks()
{
    std::atomic<int> started{0};
    std::atomic<int> finished{0};
    QSemaphore never; // nobody releases it: each probe runs to its own bound
    auto checker = std::make_unique<VantageChecker>(
        [&](const Edge &, const QString &) {
            ++started;
            (void)never.tryAcquire(1, 300); // a vantage that does not answer
            ++finished;
            return VantageChecker::Reply{VantageChecker::Answer::Reachable, {}};
        },
        *m_clock);
    checker->check(edge(2), {edge(1), edge(3)}, 5000, 60000);
    QVERIFY(checker->running(QStringLiteral("e2")));
    QTRY_COMPARE_WITH_TIMEOUT(started.load(), 2, 5000);
    checker.reset();
    // No check outlives the checker: the state the probes use may go now.
    QCOMPARE(finished.load(), 2);
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

// `dns sync` (or a burn) writes DNS beside the monitor holding the lease
// and says so in the store: the monitor reads DNS again within a cycle, not
// at its next scheduled read, and puts back the healthy edge the write left
// out (a sync may have read the health before the edge came back).
void TestMonitor::dnsWrittenElsewhereIsReadAtOnce()
{
    QVERIFY(m_store->setSetting(QStringLiteral("dns.refresh_s"), QStringLiteral("3600")).ok());
    startMonitor(2);
    if (QTest::currentTestFailed())
        return;
    round(2);
    const int reads = m_dns->reads;
    m_dns->setRecords(kHost, addresses({2}));
    round(3);
    QCOMPARE(m_dns->reads, reads); // unannounced: only the schedule would find it
    QCOMPARE(recordsOf(kHost), addresses({2}));
    QVERIFY(m_store->noteDnsWrittenElsewhere().ok());
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2}); }, 3));
    QCOMPARE(m_dns->reads, reads + 1);
}

void TestMonitor::stopWaitsForTheDnsWriteThenReleasesTheLease()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    m_dns->holdWrites(true);
    const auto unhold = qScopeGuard([&] { m_dns->holdWrites(false); });
    {
        QMutexLocker lock(&m_dns->mutex);
        m_dns->databaseToWatch = DataDirectory::databasePath(m_dir->path());
        m_dns->clock = m_clock.get();
    }
    m_world->down.insert(addressOf(3));
    // The clock moves on at each look until the write has started.
    QTRY_VERIFY_WITH_TIMEOUT((m_clock->advance(m_interval), m_dns->writesStarted.load() > 0),
                             10000);
    QCOMPARE(m_dns->writesFinished.load(), 0);
    // The write is released only once stop() is under way: stop() first
    // extends the lease to cover its wait, which another connection sees.
    const qint64 normalExpiry = m_clock->nowMs() + 6000;
    const QString database = DataDirectory::databasePath(m_dir->path());
    ManualClock *clock = m_clock.get();
    std::shared_ptr<FakeDnsState> dns = m_dns;
    std::atomic<bool> sawStop{false};
    std::thread releaser([database, clock, dns, normalExpiry, &sawStop] {
        auto store = Store::open(database, *clock);
        QDeadlineTimer bound(5000);
        while (store && !bound.hasExpired()) {
            const auto held =
                Lease((*store)->database(), Lease::dnsLeaseName(), QString(), *clock).current();
            if (held && held->second > normalExpiry) {
                sawStop = true;
                break;
            }
            QThread::msleep(5); // polling another process's view, bounded above
        }
        dns->holdWrites(false);
    });
    m_monitor->stop();
    releaser.join();
    QVERIFY(sawStop);
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
    // The change stop() waited for is in the event log like any other.
    const auto events = m_store->events(50);
    QVERIFY(events.ok());
    const bool recorded = std::any_of(events->begin(), events->end(), [](const Event &e) {
        return e.category == QStringLiteral("dns") && e.action == QStringLiteral("update") &&
               e.outcome == QStringLiteral("ok");
    });
    QVERIFY(recorded);
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

void TestMonitor::fallRiseAndHoldDownDriveDns()
{
    QVERIFY(m_store->setSetting(QStringLiteral("health.hold_down_s"), QStringLiteral("8")).ok());
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy changed(m_monitor.get(), &Monitor::targetChanged);
    QSignalSpy answers(m_monitor.get(), &Monitor::answerChanged);
    auto edgeChanges = [&] {
        QList<bool> ups;
        for (const QList<QVariant> &args : std::as_const(changed)) {
            if (args.at(0).value<HealthKey>() == HealthKey::edge(QStringLiteral("e3")))
                ups.append(args.at(1).toBool());
        }
        return ups;
    };
    m_world->down.insert(addressOf(3));
    // Fall: two failed probes take e3 down, and out of DNS.
    round(1);
    QCOMPARE(edgeChanges(), QList<bool>());
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2}); }, 4));
    QCOMPARE(edgeChanges(), QList<bool>{false});
    QVERIFY(!answers.isEmpty());
    QCOMPARE(answers.last().at(0).toString(), kHost);
    QCOMPARE(answers.last().at(1).toStringList(),
             (QStringList{QStringLiteral("e1"), QStringLiteral("e2")}));
    // Rise: two good probes would bring it back, but the hold-down keeps it out.
    m_world->down.remove(addressOf(3));
    round(3);
    QCOMPARE(edgeChanges(), QList<bool>{false});
    QCOMPARE(recordsOf(kHost), addresses({1, 2}));
    QVERIFY(eventCount(*m_store, QStringLiteral("health"), QStringLiteral("up suppressed")) >= 1);
    // Once the hold-down has passed it comes back.
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2, 3}); }, 12));
    QCOMPARE(edgeChanges(), (QList<bool>{false, true}));
}

// fastinter: after the first failure the edge is probed again at a short
// interval, so with fall = 3 it leaves DNS before its next regular probe.
void TestMonitor::failedEdgeIsProbedAgainAtShortIntervals()
{
    QVERIFY(m_store->setSetting(QStringLiteral("health.fall"), QStringLiteral("3")).ok());
    startMonitor();
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    const int reprobesBefore = m_monitor->reprobesStarted();
    m_world->down.insert(addressOf(1));
    round(); // the first failure of e1's probes
    const int rounds = m_monitor->probeRounds();
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    const int gap = FastInterval::gapMs(m_interval);
    QVERIFY(gap < m_interval / 2);
    // Each step: one re-probe of the edge and one (patient) of the hostname.
    for (int step = 0; step < 2; ++step) {
        m_clock->advance(gap);
        QTRY_COMPARE_WITH_TIMEOUT(m_monitor->reprobesStarted(), reprobesBefore + 2 * (step + 1),
                                  5000);
    }
    // Two short intervals later, before its next regular probe: gone.
    QTRY_COMPARE_WITH_TIMEOUT(recordsOf(kHost), addresses({2, 3}), 5000);
    QCOMPARE(m_monitor->probeRounds(), rounds);
    // Exactly fall - 1 re-probes of the edge and of the hostname: the
    // hostname probe's failure on the same edge did not start a second
    // burst of the edge.
    QCOMPARE(m_monitor->reprobesStarted(), reprobesBefore + 4);
    // Down targets are not re-probed: recovery keeps rise and the interval.
    round(3);
    QCOMPARE(m_monitor->reprobesStarted(), reprobesBefore + 4);
}

// A single failed probe (a lost packet) is re-probed, the re-probe
// succeeds, and nothing moves.
void TestMonitor::oneLostProbeMovesNothing()
{
    QVERIFY(m_store->setSetting(QStringLiteral("health.fall"), QStringLiteral("3")).ok());
    startMonitor();
    const int reprobesBefore = m_monitor->reprobesStarted();
    m_world->down.insert(addressOf(1));
    round();
    m_world->down.remove(addressOf(1));
    const int gap = FastInterval::gapMs(m_interval);
    // Each step: one re-probe of the edge and one (patient) of the hostname.
    for (int step = 0; step < 2; ++step) {
        m_clock->advance(gap);
        QTRY_COMPARE_WITH_TIMEOUT(m_monitor->reprobesStarted(), reprobesBefore + 2 * (step + 1),
                                  5000);
    }
    round(3);
    QVERIFY(m_monitor->tracker().state(ProbeWheel::edgeKey(QStringLiteral("e1"))) ==
            HealthTracker::State::Up);
    QCOMPARE(m_monitor->tracker().target(ProbeWheel::edgeKey(QStringLiteral("e1")))->badInRow, 0);
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    QCOMPARE(eventCount(*m_store, QStringLiteral("health"), QStringLiteral("up → down")), 0);
    QCOMPARE(m_monitor->reprobesStarted(), reprobesBefore + 4);
}

// A hostname whose answers come late (a stalled tunnel under packet loss)
// fails its regular probe, and its patient re-probes wait for the answer.
// While they wait, the regular schedule does not run beside them: its
// short-timeout probes would reach `fall` before the patient ones answer.
void TestMonitor::slowHostnameIsJudgedByItsPatientReprobes()
{
    QVERIFY(m_store->setSetting(QStringLiteral("health.fall"), QStringLiteral("3")).ok());
    startMonitor();
    const QString route1 = ProbeWheel::routeKey(QStringLiteral("e1"), kHost);
    // The last slot of the wheel: its result comes after e1's hostname's.
    const QString lastSlot = ProbeWheel::routeKey(QStringLiteral("e3"), kHost);
    const int timeout = m_store->settings().value().healthTimeoutMs();
    QVERIFY(timeout < FastInterval::hostnameTimeoutMs(timeout));
    m_world->answerAfterMs.insert(addressOf(1), FastInterval::hostnameTimeoutMs(timeout));
    const int reprobesBefore = m_monitor->reprobesStarted();
    auto interval = [&] {
        m_clock->advance(m_interval);
        const qint64 now = m_clock->nowMs();
        QTRY_VERIFY_WITH_TIMEOUT(m_monitor->tracker().target(lastSlot)->lastGoodMs == now, 5000);
    };
    interval(); // the first probe times out: re-probes are scheduled
    QCOMPARE(m_monitor->tracker().target(route1)->badInRow, 1);
    for (int i = 0; i < 4; ++i) {
        interval();
        QVERIFY(m_monitor->tracker().state(route1) == HealthTracker::State::Up);
    }
    QCOMPARE(m_monitor->tracker().target(route1)->badInRow, 1);
    QVERIFY(m_monitor->reprobesStarted() > reprobesBefore);
    // The answers come: the target is fine, and nothing moved.
    m_world->answerAfterMs.clear();
    m_world->prober->release();
    QTRY_COMPARE_WITH_TIMEOUT(m_monitor->tracker().target(route1)->badInRow, 0, 5000);
    round(2);
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    QCOMPARE(eventCount(*m_store, QStringLiteral("health"), QStringLiteral("up → down")), 0);
}

// A probe with no sign of life from its edge (the engine: no connection, or
// nothing acknowledged) starts the edge's re-probes and the cross-check
// before its own timeout. Nothing counts as failed until results say so.
void TestMonitor::silentProbeStartsTheChecksBeforeItsTimeout()
{
    QVERIFY(m_store->setSetting(QStringLiteral("health.fall"), QStringLiteral("3")).ok());
    std::atomic<int> asked{0};
    ProbeWorld *world = m_world.get();
    startMonitor(3, [&asked, world](const Edge &, const QString &address) {
        ++asked;
        return VantageChecker::Reply{world->down.contains(address)
                                         ? VantageChecker::Answer::Unreachable
                                         : VantageChecker::Answer::Reachable,
                                     {}};
    });
    if (QTest::currentTestFailed())
        return;
    const int reprobesBefore = m_monitor->reprobesStarted();
    m_world->down.insert(addressOf(1));
    m_world->slow.insert(addressOf(1)); // e1's probes hang, silent
    m_clock->advance(m_interval);
    QTRY_VERIFY_WITH_TIMEOUT(asked.load() > 0, 5000); // the cross-check started
    const int gap = FastInterval::gapMs(m_interval);
    for (int step = 1; step <= 3; ++step) {
        m_clock->advance(gap);
        QTRY_COMPARE_WITH_TIMEOUT(m_monitor->reprobesStarted(), reprobesBefore + step, 5000);
    }
    const QString e1 = ProbeWheel::edgeKey(QStringLiteral("e1"));
    QVERIFY(m_monitor->tracker().state(e1) == HealthTracker::State::Up);
    QCOMPARE(m_monitor->tracker().target(e1)->badInRow, 0);
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));

    // The probes time out (the fake's held probes answer now): e1 goes.
    m_world->slow.remove(addressOf(1));
    m_world->prober->release();
    QTRY_COMPARE_WITH_TIMEOUT(recordsOf(kHost), addresses({2, 3}), 5000);
}

// A target falling again soon after coming back is held down twice as long
// each time, and each such suppression is an event saying for how long.
void TestMonitor::flapsAreDampedWithEvents()
{
    QVERIFY(m_store->setSetting(QStringLiteral("health.hold_down_s"), QStringLiteral("2")).ok());
    startMonitor(3);
    auto setDown = [&](bool down) {
        if (down)
            m_world->down.insert(addressOf(3));
        else
            m_world->down.remove(addressOf(3));
    };
    auto damped = [&] {
        QStringList reasons;
        for (const Event &e : eventsOf(*m_store)) {
            if (e.action == QLatin1String("flap damped") && e.subject == QLatin1String("e3"))
                reasons.append(e.reason);
        }
        return reasons;
    };
    for (int fall = 0; fall < 3; ++fall) {
        setDown(true);
        QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2}); }, 6));
        QCOMPARE(damped().size(), fall); // the first fall is no flap
        setDown(false);
        QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2, 3}); }, 40));
    }
    const QStringList reasons = damped();
    QCOMPARE(reasons.size(), 2);
    // 2 s for the first fall, then 4 s, then 8 s.
    QVERIFY2(std::any_of(reasons.begin(), reasons.end(),
                         [](const QString &r) {
                             return r.endsWith(
                                 QStringLiteral("(1 time(s) in a row): held down for 4 s"));
                         }),
             qPrintable(reasons.join(u'|')));
    QVERIFY2(std::any_of(reasons.begin(), reasons.end(),
                         [](const QString &r) {
                             return r.endsWith(
                                 QStringLiteral("(2 time(s) in a row): held down for 8 s"));
                         }),
             qPrintable(reasons.join(u'|')));
}

void TestMonitor::lostLeaseStopsActing()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy lease(m_monitor.get(), &Monitor::leaseChanged);
    // Another monitor takes the lease (ours was taken over, e.g. after a
    // stall longer than its lifetime).
    QVERIFY(m_store->database()
                .exec(QStringLiteral("UPDATE leases SET holder = 'other:1:0', expires_at_ms = ?"),
                      {m_clock->nowMs() + 3600'000})
                .ok());
    round(1);
    QTRY_VERIFY(!lease.isEmpty());
    QCOMPARE(lease.last().at(0).toBool(), false);
    QCOMPARE(lease.last().at(1).toString(), QStringLiteral("other:1:0"));
    QVERIFY(!m_monitor->holdsLease());
    const qsizetype writesBefore = m_dns->allWrites().size();
    m_world->down.insert(addressOf(3));
    round(6);
    // e3 is down and seen so, but only the lease holder changes DNS.
    QCOMPARE(toString(m_monitor->tracker().state(HealthKey::edge(QStringLiteral("e3")).toString())),
             QStringLiteral("down"));
    QCOMPARE(m_dns->allWrites().size(), writesBefore);
    QCOMPARE(recordsOf(kHost), addresses({1, 2, 3}));
    QCOMPARE(eventCount(*m_store, QStringLiteral("health"), QStringLiteral("lease lost")), 1);
    const Result<StatusReport> report = HealthView(*m_store, *m_clock).report();
    QVERIFY(report.ok());
    QCOMPARE(report->leaseHolder, QStringLiteral("other:1:0"));
    QCOMPARE(report->monitors.size(), 1);
    QCOMPARE(report->monitors.first().detail, QStringLiteral("standby"));
}

void TestMonitor::destroyedDuringACrossCheck()
{
    // What the probes use belongs to this scope; ASan reports a check that
    // outlives the monitor and touches it.
    struct ProbeState
    {
        std::atomic<int> started{0};
        std::atomic<int> finished{0};
        QSemaphore never;
    };
    auto state = std::make_unique<ProbeState>();
    ProbeState *st = state.get();
    startMonitor(3, [st](const Edge &, const QString &) {
        ++st->started;
        (void)st->never.tryAcquire(1, 500); // an SSH vantage that does not answer
        ++st->finished;
        return VantageChecker::Reply{VantageChecker::Answer::Unreachable, {}};
    });
    if (QTest::currentTestFailed())
        return;
    m_world->down.insert(addressOf(3));
    QTRY_VERIFY_WITH_TIMEOUT((m_clock->advance(m_interval), st->started.load() > 0), 10000);
    m_monitor.reset();
    QCOMPARE(st->finished.load(), st->started.load());
    state.reset();
    QCoreApplication::processEvents();
}

void TestMonitor::restartedDuringACrossCheckIgnoresTheOldAnswers()
{
    std::atomic<int> started{0};
    QSemaphore release;
    startMonitor(3, [&](const Edge &, const QString &) {
        ++started;
        (void)release.tryAcquire(1, 5000);
        return VantageChecker::Reply{VantageChecker::Answer::Reachable, {}};
    });
    if (QTest::currentTestFailed())
        return;
    m_world->down.insert(addressOf(3));
    QTRY_VERIFY_WITH_TIMEOUT((m_clock->advance(m_interval), started.load() > 0), 10000);
    const int asked = started.load();
    m_monitor->stop();
    QVERIFY(m_monitor->start().ok());
    release.release(asked);
    QTRY_COMPARE_WITH_TIMEOUT(release.available(), 0, 5000);
    QCoreApplication::processEvents();
    // The answers of the check asked before the restart decided nothing.
    QCOMPARE(eventCount(*m_store, QStringLiteral("health"), QStringLiteral("vantage check")), 0);
    release.release(100); // later checks answer at once
}

// What automatic replacement is fed: after each cycle, the edges down from
// here and those other edges confirm down; a confirmation asked for later
// (the edge long out of DNS) is answered afresh; every edge down is said.
void TestMonitor::edgesAreAssessedForAutomaticReplacement()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    QStringList downHere;
    QStringList confirmed;
    bool allDown = false;
    connect(m_monitor.get(), &Monitor::edgesAssessed, this,
            [&](const QStringList &down, const QStringList &sure, bool all) {
                downHere = down;
                confirmed = sure;
                allDown = all;
            });
    round(1);
    QVERIFY(downHere.isEmpty());
    m_world->down.insert(addressOf(3));
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2}); }, 6));
    QVERIFY(roundsUntil([&] { return !downHere.isEmpty(); }, 3));
    QCOMPARE(downHere, QStringList{QStringLiteral("e3")});
    QCOMPARE(confirmed, QStringList{QStringLiteral("e3")});
    QVERIFY(!allDown);
    // Out of DNS nobody asks again: the confirmation runs out...
    QVERIFY(roundsUntil([&] { return confirmed.isEmpty(); }, 12));
    QCOMPARE(downHere, QStringList{QStringLiteral("e3")});
    // ...until it is asked for.
    m_monitor->confirmDown(QStringLiteral("e3"));
    QVERIFY(roundsUntil([&] { return confirmed == QStringList{QStringLiteral("e3")}; }, 4));
    m_world->down.insert(addressOf(1));
    m_world->down.insert(addressOf(2));
    QVERIFY(roundsUntil([&] { return allDown; }, 8));
    QCOMPARE(downHere.size(), 3);
}

void TestMonitor::healthKeysRoundTrip()
{
    const QList<HealthKey> keys = {
        HealthKey::edge(QStringLiteral("tokyo-1")),
        HealthKey::edgeTls(QStringLiteral("tokyo-1")),
        HealthKey::route(QStringLiteral("tokyo-1"), QStringLiteral("www.example.com")),
        HealthKey::dnsAnswer(QStringLiteral("www.example.com")),
        HealthKey::dnsHeld(QStringLiteral("zone:example.com")),
        HealthKey::dnsHeld(QStringLiteral("www.example.com")),
    };
    const QStringList stored = {
        QStringLiteral("edge:tokyo-1"),
        QStringLiteral("edge:tokyo-1:443"),
        QStringLiteral("route:tokyo-1|www.example.com"),
        QStringLiteral("dns:www.example.com"),
        QStringLiteral("dns-backoff:zone:example.com"),
        QStringLiteral("dns-backoff:www.example.com"),
    };
    for (qsizetype i = 0; i < keys.size(); ++i) {
        QCOMPARE(keys.at(i).toString(), stored.at(i));
        const std::optional<HealthKey> back = HealthKey::parse(stored.at(i));
        QVERIFY2(back.has_value(), qPrintable(stored.at(i)));
        QVERIFY(*back == keys.at(i));
    }
    QCOMPARE(HealthKey::parse(stored.at(2))->edgeName(), QStringLiteral("tokyo-1"));
    QCOMPARE(HealthKey::parse(stored.at(2))->subject(), QStringLiteral("www.example.com"));
    for (const char *bad :
         {"", "edge:", "route:e1", "route:|h", "route:e1|", "dns:", "health:x", "edge:e1:80"}) {
        QVERIFY2(!HealthKey::parse(QString::fromLatin1(bad)).has_value(), bad);
    }
}

void TestMonitor::statusReportReadsThePublishedHealth()
{
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    m_world->down.insert(addressOf(3));
    QVERIFY(roundsUntil([&] { return recordsOf(kHost) == addresses({1, 2}); }));
    Result<StatusReport> report = Error(Error::Kind::Internal, QString());
    // Published once per cycle: the cycle after the change writes it.
    QVERIFY(roundsUntil(
        [&] {
            report = HealthView(*m_store, *m_clock).report();
            return report.ok() && !report->hostnames.isEmpty() &&
                   report->hostnames.first().dnsEdges.size() == 2;
        },
        3));
    QCOMPARE(report->edges.size(), 3);
    QCOMPARE(toString(report->edge(QStringLiteral("e1"))->health.state), QStringLiteral("up"));
    QCOMPARE(toString(report->edge(QStringLiteral("e3"))->health.state), QStringLiteral("down"));
    QVERIFY(report->edge(QStringLiteral("e3"))->health.sinceMs > 0);
    const StatusReport::HostnameStatus &host = report->hostnames.first();
    QCOMPARE(host.hostname, kHost);
    QCOMPARE(host.dnsEdges, (QStringList{QStringLiteral("e1"), QStringLiteral("e2")}));
    QCOMPARE(host.perEdge.size(), 3);
    QCOMPARE(host.perEdge.at(2).edge, QStringLiteral("e3"));
    QCOMPARE(toString(host.perEdge.at(2).health.state), QStringLiteral("down"));
    QCOMPARE(toString(host.perEdge.at(0).health.state), QStringLiteral("up"));
    QVERIFY(report->dnsHeldBack.isEmpty());
    QVERIFY(report->leaseHolder.startsWith(QStringLiteral("test:")));
    QCOMPARE(report->leaseHolder, m_monitor->holder());
    QCOMPARE(report->monitors.size(), 1);
    QCOMPARE(report->monitors.first().component, QStringLiteral("test"));
    QVERIFY(report->monitors.first().alive);
    QCOMPARE(report->monitors.first().detail, QStringLiteral("acting"));

    // A refused change is held back, and shown as such.
    m_dns->fail(Error(Error::Kind::Refused, QStringLiteral("HTTP 403: token is read-only")));
    m_world->down.remove(addressOf(3));
    QVERIFY(roundsUntil(
        [&] {
            report = HealthView(*m_store, *m_clock).report();
            return report.ok() && !report->dnsHeldBack.isEmpty();
        },
        10));
    bool hostPaused = false;
    for (const StatusReport::HeldBack &held : report->dnsHeldBack) {
        QVERIFY2(held.error.contains(QStringLiteral("token is read-only")), qPrintable(held.error));
        // A refusal is not retried soon: paused until the configuration changes.
        hostPaused = hostPaused || (held.target == kHost && held.paused &&
                                    held.state == QStringLiteral("paused"));
    }
    QVERIFY(hostPaused);

    // Once the monitor stops, its heartbeat and the lease are gone.
    m_monitor->stop();
    report = HealthView(*m_store, *m_clock).report();
    QVERIFY(report.ok());
    QVERIFY(report->monitors.isEmpty());
    QCOMPARE(report->leaseHolder, QString());
}

void TestMonitor::onlyChangedHealthIsWritten()
{
    // The monitor's write holds the database for a few statements: a change
    // of one target rewrites its row, not every row.
    startMonitor(3);
    if (QTest::currentTestFailed())
        return;
    auto rows = [&] {
        QHash<QString, StatusStore::HealthRow> out;
        const Result<QList<StatusStore::HealthRow>> health =
            StatusStore(m_store->database()).health();
        if (health) {
            for (const StatusStore::HealthRow &r : *health)
                out.insert(r.key, r);
        }
        return out;
    };
    const QString e1 = HealthKey::edge(QStringLiteral("e1")).toString();
    const QString e3 = HealthKey::edge(QStringLiteral("e3")).toString();
    QVERIFY(roundsUntil([&] { return rows().value(e3).state == QStringLiteral("up"); }, 3));
    const QHash<QString, StatusStore::HealthRow> before = rows();
    QVERIFY(before.contains(e1));
    m_world->down.insert(addressOf(3));
    QVERIFY(roundsUntil([&] { return rows().value(e3).state == QStringLiteral("down"); }, 5));
    const QHash<QString, StatusStore::HealthRow> after = rows();
    QVERIFY(after.value(e3).updatedMs > before.value(e3).updatedMs);
    QCOMPARE(after.value(e1).updatedMs, before.value(e1).updatedMs);
    QCOMPARE(after.size(), before.size());
}

// The Cloudflare request budget the acting monitor's process counts is
// published with the health and read back by `status`.
void TestMonitor::cloudflareBudgetIsInTheStatus()
{
    startMonitor(2);
    if (QTest::currentTestFailed())
        return;
    Result<StatusReport> report = HealthView(*m_store, *m_clock).report();
    QVERIFY(report.ok());
    QVERIFY(report->apiBudgets.isEmpty()); // no Cloudflare request in this process yet
    CloudflareBudget::shared().spend(CloudflareBudget::kLimit / 2 + 100);
    QVERIFY(roundsUntil(
        [&] {
            report = HealthView(*m_store, *m_clock).report();
            return report.ok() && !report->apiBudgets.isEmpty();
        },
        3));
    const StatusReport::ApiBudget &budget = report->apiBudgets.first();
    QCOMPARE(budget.provider, QStringLiteral("cloudflare"));
    QCOMPARE(budget.used, CloudflareBudget::kLimit / 2 + 100);
    QCOMPARE(budget.limit, CloudflareBudget::kLimit);
    QCOMPARE(budget.level, QStringLiteral("refreshes paused"));
}

QTEST_GUILESS_MAIN(TestMonitor)
#include "tst_monitor.moc"
