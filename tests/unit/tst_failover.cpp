#include "ManualClock.h"
#include "health/DnsActuator.h"
#include "health/FailoverPolicy.h"
#include "health/HealthTracker.h"
#include "store/Lease.h"
#include "store/Store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace kokoa;
using State = HealthTracker::State;

namespace {

Topology topology(int edges, const QStringList &hostnames)
{
    Topology t;
    for (int i = 1; i <= edges; ++i) {
        Edge e;
        e.name = QStringLiteral("e%1").arg(i);
        e.publicIpv4 = QStringLiteral("198.51.100.%1").arg(i);
        t.edges.append(e);
    }
    for (const QString &h : hostnames) {
        Route r;
        r.hostname = h;
        t.routes.append(r);
    }
    return t;
}

QSet<QString> set(std::initializer_list<const char *> names)
{
    QSet<QString> out;
    for (const char *n : names)
        out.insert(QString::fromLatin1(n));
    return out;
}

// Every edge up and serving every hostname.
HealthSnapshot healthy(const Topology &t)
{
    HealthSnapshot s;
    for (const Edge &e : t.edges) {
        s.edges.insert(e.name, State::Up);
        for (const Route &r : t.routes)
            s.routes.insert(HealthSnapshot::routeKey(e.name, r.hostname), {State::Up, false});
    }
    return s;
}

const HostnameDecision &decisionFor(const FailoverPlan &plan, const QString &host)
{
    for (const HostnameDecision &d : plan.decisions) {
        if (d.hostname == host)
            return d;
    }
    qFatal("no decision for %s", qPrintable(host));
}

} // namespace

class TestFailover : public QObject
{
    Q_OBJECT

private slots:
    void fallAndRise();
    void holdDownKeepsAFlappingTargetOut();
    void newTargetsAreTrustedAtOnce();
    void deadEdgeLeavesEveryHostname();
    void recoveredEdgeComesBack();
    void neverRemovesTheLastRecord();
    void allEdgesDownMeansOurNetwork();
    void originDownIsNotFixedByDns();
    void brokenTunnelOnOneEdgeRemovesOnlyThatEdge();
    void failureSeenOnlyFromHereIsConfirmedFirst();
    void refutedFailureKeepsTheEdge();
    void failureWithNoVantageIsActedOnFromHere();
    void addressOfARemovedEdgeIsWithdrawnButNeverTheLastRecord();
    void unknownEdgesKeepTheirPlace();
    void leaseIsExclusiveAndTakenOverWhenExpired();
    void failuresWhileDownExtendTheHoldDown();
    void repeatedFlapsBackOffExponentially();
    void suppressedComebackIsReportedOncePerHoldDown();
    void recoveringEdgesAreNotRemovedWhenTheOriginReturns();
    void recoveredEdgeIsNotRemovedWhileItsRouteIsHeldDown();
    void nothingIsRemovedUntilThePictureIsComplete();
};

void TestFailover::fallAndRise()
{
    HealthTracker tracker(3, 2, 0);
    qint64 now = 1000;
    QVERIFY(tracker.record(QStringLiteral("x"), true, now).has_value()); // unknown -> up
    QVERIFY(!tracker.record(QStringLiteral("x"), false, now += 2000));
    QVERIFY(!tracker.record(QStringLiteral("x"), false, now += 2000));
    QCOMPARE(kokoa::toString(tracker.state(QStringLiteral("x"))), kokoa::toString(State::Up));
    const auto down = tracker.record(QStringLiteral("x"), false, now += 2000);
    QVERIFY(down && down->to == State::Down);
    QVERIFY(!tracker.record(QStringLiteral("x"), true, now += 2000)); // one good is not enough
    // A bad probe in between resets the count.
    QVERIFY(!tracker.record(QStringLiteral("x"), false, now += 2000));
    QVERIFY(!tracker.record(QStringLiteral("x"), true, now += 2000));
    const auto up = tracker.record(QStringLiteral("x"), true, now += 2000);
    QVERIFY(up && up->to == State::Up);
    QCOMPARE(tracker.target(QStringLiteral("x"))->lastChangeMs, now);
}

void TestFailover::holdDownKeepsAFlappingTargetOut()
{
    HealthTracker tracker(1, 1, 30000);
    qint64 now = 0;
    tracker.record(QStringLiteral("x"), true, now);
    tracker.record(QStringLiteral("x"), false, now += 1000); // down at 1000, held until 31000
    for (int i = 0; i < 14; ++i)
        QVERIFY(!tracker.record(QStringLiteral("x"), true, now += 2000));
    QCOMPARE(kokoa::toString(tracker.state(QStringLiteral("x"))), kokoa::toString(State::Down));
    const auto up = tracker.record(QStringLiteral("x"), true, now = 31000);
    QVERIFY(up && up->to == State::Up);
}

void TestFailover::newTargetsAreTrustedAtOnce()
{
    HealthTracker tracker(3, 2, 30000);
    QVERIFY(!tracker.record(QStringLiteral("y"), false, 0)); // unknown until `fall` failures
    QCOMPARE(kokoa::toString(tracker.state(QStringLiteral("y"))), kokoa::toString(State::Unknown));
    QVERIFY(tracker.record(QStringLiteral("z"), true, 0));
    QCOMPARE(kokoa::toString(tracker.state(QStringLiteral("z"))), kokoa::toString(State::Up));
}

void TestFailover::deadEdgeLeavesEveryHostname()
{
    const Topology t =
        topology(3, {QStringLiteral("a.example.com"), QStringLiteral("b.example.com")});
    HealthSnapshot h = healthy(t);
    h.edges[QStringLiteral("e2")] = State::Down;
    h.confirmedDown.insert(QStringLiteral("e2"));
    const QHash<QString, QSet<QString>> current{
        {QStringLiteral("a.example.com"), set({"e1", "e2", "e3"})},
        {QStringLiteral("b.example.com"), set({"e1", "e2", "e3"})}};
    const FailoverPlan plan = FailoverPolicy::decide(t, h, current);
    for (const HostnameDecision &d : plan.decisions) {
        QCOMPARE(d.desired, set({"e1", "e3"}));
        QVERIFY(d.reason.contains(QStringLiteral("remove e2")));
    }
    QVERIFY(plan.alerts.isEmpty());
}

void TestFailover::recoveredEdgeComesBack()
{
    const Topology t = topology(2, {QStringLiteral("a.example.com")});
    const FailoverPlan plan =
        FailoverPolicy::decide(t, healthy(t), {{QStringLiteral("a.example.com"), set({"e1"})}});
    QCOMPARE(decisionFor(plan, QStringLiteral("a.example.com")).desired, set({"e1", "e2"}));
    QVERIFY(decisionFor(plan, QStringLiteral("a.example.com"))
                .reason.contains(QStringLiteral("add e2")));
}

void TestFailover::neverRemovesTheLastRecord()
{
    const Topology t = topology(2, {QStringLiteral("a.example.com")});
    HealthSnapshot h = healthy(t);
    // e1 is gone from DNS already; e2 now fails for this hostname only.
    h.routes[HealthSnapshot::routeKey(QStringLiteral("e1"), QStringLiteral("a.example.com"))] = {
        State::Down, false};
    h.routes[HealthSnapshot::routeKey(QStringLiteral("e2"), QStringLiteral("a.example.com"))] = {
        State::Down, false};
    const FailoverPlan plan =
        FailoverPolicy::decide(t, h, {{QStringLiteral("a.example.com"), set({"e2"})}});
    const HostnameDecision &d = decisionFor(plan, QStringLiteral("a.example.com"));
    QCOMPARE(d.desired, set({"e2"}));
    QVERIFY(!d.changes());
    QCOMPARE(plan.alerts.size(), 1);
    QVERIFY(plan.alerts.first().contains(QStringLiteral("last records")));
}

void TestFailover::allEdgesDownMeansOurNetwork()
{
    const Topology t = topology(3, {QStringLiteral("a.example.com")});
    HealthSnapshot h = healthy(t);
    for (const Edge &e : t.edges) {
        h.edges[e.name] = State::Down;
        h.confirmedDown.insert(e.name);
    }
    const FailoverPlan plan =
        FailoverPolicy::decide(t, h, {{QStringLiteral("a.example.com"), set({"e1", "e2", "e3"})}});
    QVERIFY(!decisionFor(plan, QStringLiteral("a.example.com")).changes());
    QCOMPARE(plan.alerts.size(), 1);
    QVERIFY(plan.alerts.first().contains(QStringLiteral("network")));
}

void TestFailover::originDownIsNotFixedByDns()
{
    const Topology t =
        topology(2, {QStringLiteral("a.example.com"), QStringLiteral("b.example.com")});
    HealthSnapshot h = healthy(t);
    for (const Edge &e : t.edges)
        h.routes[HealthSnapshot::routeKey(e.name, QStringLiteral("a.example.com"))] = {State::Down,
                                                                                       true};
    const FailoverPlan plan =
        FailoverPolicy::decide(t, h,
                               {{QStringLiteral("a.example.com"), set({"e1", "e2"})},
                                {QStringLiteral("b.example.com"), set({"e1", "e2"})}});
    QVERIFY(!decisionFor(plan, QStringLiteral("a.example.com")).changes());
    QVERIFY(!decisionFor(plan, QStringLiteral("b.example.com")).changes());
    QCOMPARE(plan.alerts.size(), 1);
    QVERIFY(plan.alerts.first().contains(QStringLiteral("origin")));
}

void TestFailover::brokenTunnelOnOneEdgeRemovesOnlyThatEdge()
{
    // e1 answers 502 for the hostname (its tunnel is down), e2 serves it:
    // the edge is reachable, so no vantage check is needed.
    const Topology t = topology(2, {QStringLiteral("a.example.com")});
    HealthSnapshot h = healthy(t);
    h.routes[HealthSnapshot::routeKey(QStringLiteral("e1"), QStringLiteral("a.example.com"))] = {
        State::Down, true, 1000, 0};
    // e2 has not served since e1 began failing: the origin may be the culprit.
    h.routes[HealthSnapshot::routeKey(QStringLiteral("e2"), QStringLiteral("a.example.com"))] = {
        State::Up, false, 0, 900};
    FailoverPlan plan =
        FailoverPolicy::decide(t, h, {{QStringLiteral("a.example.com"), set({"e1", "e2"})}});
    QCOMPARE(decisionFor(plan, QStringLiteral("a.example.com")).desired, set({"e1", "e2"}));
    QVERIFY(decisionFor(plan, QStringLiteral("a.example.com"))
                .reason.contains(QStringLiteral("waiting")));
    // e2 served after that: the origin is fine, e1's tunnel is not.
    h.routes[HealthSnapshot::routeKey(QStringLiteral("e2"), QStringLiteral("a.example.com"))] = {
        State::Up, false, 0, 2000};
    plan = FailoverPolicy::decide(t, h, {{QStringLiteral("a.example.com"), set({"e1", "e2"})}});
    QCOMPARE(decisionFor(plan, QStringLiteral("a.example.com")).desired, set({"e2"}));
    QVERIFY(plan.confirmationNeeded.isEmpty());
}

void TestFailover::failureSeenOnlyFromHereIsConfirmedFirst()
{
    const Topology t = topology(2, {QStringLiteral("a.example.com")});
    HealthSnapshot h = healthy(t);
    h.edges[QStringLiteral("e1")] = State::Down;
    const QHash<QString, QSet<QString>> current{
        {QStringLiteral("a.example.com"), set({"e1", "e2"})}};
    FailoverPlan plan = FailoverPolicy::decide(t, h, current);
    QCOMPARE(decisionFor(plan, QStringLiteral("a.example.com")).desired, set({"e1", "e2"}));
    QCOMPARE(plan.confirmationNeeded, QStringList{QStringLiteral("e1")});
    h.confirmedDown.insert(QStringLiteral("e1"));
    plan = FailoverPolicy::decide(t, h, current);
    QCOMPARE(decisionFor(plan, QStringLiteral("a.example.com")).desired, set({"e2"}));
    QVERIFY(plan.confirmationNeeded.isEmpty());
}

void TestFailover::refutedFailureKeepsTheEdge()
{
    const Topology t = topology(2, {QStringLiteral("a.example.com")});
    HealthSnapshot h = healthy(t);
    h.edges[QStringLiteral("e1")] = State::Down;
    h.refuted.insert(QStringLiteral("e1"));
    const FailoverPlan plan =
        FailoverPolicy::decide(t, h, {{QStringLiteral("a.example.com"), set({"e1", "e2"})}});
    const HostnameDecision &d = decisionFor(plan, QStringLiteral("a.example.com"));
    QVERIFY(!d.changes());
    QVERIFY(d.reason.contains(QStringLiteral("from here only")));
}

void TestFailover::failureWithNoVantageIsActedOnFromHere()
{
    const Topology t = topology(2, {QStringLiteral("a.example.com")});
    HealthSnapshot h = healthy(t);
    h.edges[QStringLiteral("e1")] = State::Down;
    h.noVantage.insert(QStringLiteral("e1")); // no other edge with a pinned host key
    const FailoverPlan plan =
        FailoverPolicy::decide(t, h, {{QStringLiteral("a.example.com"), set({"e1", "e2"})}});
    const HostnameDecision &d = decisionFor(plan, QStringLiteral("a.example.com"));
    QCOMPARE(d.desired, set({"e2"}));
    QVERIFY(d.reason.contains(QStringLiteral("no other edge can confirm")));
    QVERIFY(plan.confirmationNeeded.isEmpty());
    // The all-down and last-record rules still hold without a vantage.
    h.edges[QStringLiteral("e2")] = State::Down;
    h.noVantage.insert(QStringLiteral("e2"));
    QVERIFY(!decisionFor(FailoverPolicy::decide(
                             t, h, {{QStringLiteral("a.example.com"), set({"e1", "e2"})}}),
                         QStringLiteral("a.example.com"))
                 .changes());
    h.edges[QStringLiteral("e2")] = State::Unknown;
    QVERIFY(
        !decisionFor(FailoverPolicy::decide(t, h, {{QStringLiteral("a.example.com"), set({"e1"})}}),
                     QStringLiteral("a.example.com"))
             .changes());
}

void TestFailover::addressOfARemovedEdgeIsWithdrawnButNeverTheLastRecord()
{
    const Topology t = topology(2, {QStringLiteral("a.example.com")});
    // The answer still holds an address of an edge removed since.
    const QSet<QString> now =
        DnsActuator::edgesOf({QStringLiteral("198.51.100.1"), QStringLiteral("203.0.113.9")}, t);
    const QString stray = DnsActuator::strayName(QStringLiteral("203.0.113.9"));
    QCOMPARE(now, (QSet<QString>{QStringLiteral("e1"), stray}));
    const HealthSnapshot h = healthy(t);
    HostnameDecision d =
        decisionFor(FailoverPolicy::decide(t, h, {{QStringLiteral("a.example.com"), now}}),
                    QStringLiteral("a.example.com"));
    QCOMPARE(d.desired, set({"e1", "e2"}));
    // Nothing configured is known to serve: the stray address is the last record and stays.
    d = decisionFor(
        FailoverPolicy::decide(t, HealthSnapshot{}, {{QStringLiteral("a.example.com"), {stray}}}),
        QStringLiteral("a.example.com"));
    QVERIFY(!d.changes());
}

void TestFailover::unknownEdgesKeepTheirPlace()
{
    const Topology t = topology(2, {QStringLiteral("a.example.com")});
    HealthSnapshot h;
    h.edges.insert(QStringLiteral("e1"), State::Up);
    h.routes.insert(HealthSnapshot::routeKey(QStringLiteral("e1"), QStringLiteral("a.example.com")),
                    {State::Up, false});
    // e2 not probed yet: neither added nor removed.
    FailoverPlan plan =
        FailoverPolicy::decide(t, h, {{QStringLiteral("a.example.com"), set({"e1", "e2"})}});
    QVERIFY(!decisionFor(plan, QStringLiteral("a.example.com")).changes());
    plan = FailoverPolicy::decide(t, h, {{QStringLiteral("a.example.com"), set({"e1"})}});
    QVERIFY(!decisionFor(plan, QStringLiteral("a.example.com")).changes());
}

void TestFailover::leaseIsExclusiveAndTakenOverWhenExpired()
{
    QTemporaryDir dir;
    ManualClock clock;
    auto store = Store::open(dir.filePath(QStringLiteral("k.sqlite")), clock);
    QVERIFY(store.ok());
    // Two processes: two connections to the same file.
    auto other = Store::open(dir.filePath(QStringLiteral("k.sqlite")), clock);
    QVERIFY(other.ok());
    Lease gui((*store)->database(), Lease::dnsLeaseName(), QStringLiteral("gui"), clock);
    Lease watchdog((*other)->database(), Lease::dnsLeaseName(), QStringLiteral("watchdog"), clock);
    QCOMPARE(*watchdog.acquire(6000), true);
    QCOMPARE(*gui.acquire(6000), false);
    clock.advance(5000);
    QCOMPARE(*watchdog.acquire(6000), true); // renewed
    clock.advance(5000);
    QCOMPARE(*gui.acquire(6000), false); // still within the renewed term
    clock.advance(1001);
    QCOMPARE(*gui.acquire(6000), true); // expired: taken over
    QCOMPARE(*watchdog.acquire(6000), false);
    QCOMPARE(gui.current()->first, QStringLiteral("gui"));
    QVERIFY(gui.release().ok());
    QCOMPARE(*watchdog.acquire(6000), true); // released: free at once
}

void TestFailover::failuresWhileDownExtendTheHoldDown()
{
    HealthTracker tracker(1, 1, 10000);
    const QString x = QStringLiteral("x");
    tracker.record(x, true, 0);
    tracker.record(x, false, 1000); // down, held until 11000
    tracker.record(x, false, 9000); // still failing: held until 19000
    QVERIFY(!tracker.record(x, true, 12000));
    QCOMPARE(kokoa::toString(tracker.state(x)), kokoa::toString(State::Down));
    const auto up = tracker.record(x, true, 19000);
    QVERIFY(up && up->to == State::Up);
}

void TestFailover::repeatedFlapsBackOffExponentially()
{
    // 8 s down / 4 s up, again and again: each comeback waits longer.
    HealthTracker tracker(1, 1, 10000);
    const QString x = QStringLiteral("x");
    qint64 now = 0;
    tracker.record(x, true, now);
    QList<qint64> holdDowns;
    for (int flap = 0; flap < 8; ++flap) {
        const auto down = tracker.record(x, false, now += 1000);
        QVERIFY(down && down->to == State::Down);
        holdDowns.append(tracker.target(x)->downUntilMs - now);
        while (!tracker.record(x, true, now += 1000)) {
        }
    }
    QCOMPARE(holdDowns.first(), 10000);
    for (int i = 1; i < 5; ++i)
        QCOMPARE(holdDowns.at(i), holdDowns.at(i - 1) * 2);
    QCOMPARE(holdDowns.last(), 10000 * HealthTracker::kMaxHoldDownFactor); // capped
    // Stable for long enough: the next fall starts from the base again.
    now += 10000 * HealthTracker::kFlapWindowFactor;
    tracker.record(x, false, now);
    QCOMPARE(tracker.target(x)->downUntilMs - now, 10000);
}

void TestFailover::suppressedComebackIsReportedOncePerHoldDown()
{
    HealthTracker tracker(1, 2, 10000);
    const QString x = QStringLiteral("x");
    tracker.record(x, true, 0);
    tracker.record(x, false, 1000);
    tracker.record(x, true, 2000);
    QVERIFY(!tracker.takeSuppression(x, 2000)); // one good probe is not a comeback yet
    tracker.record(x, true, 3000);
    QCOMPARE(tracker.takeSuppression(x, 3000).value_or(0), 11000);
    tracker.record(x, true, 4000);
    QVERIFY(!tracker.takeSuppression(x, 4000)); // reported already
    tracker.record(x, false, 5000);             // extends the hold-down
    tracker.record(x, true, 6000);
    tracker.record(x, true, 7000);
    QCOMPARE(tracker.takeSuppression(x, 7000).value_or(0), 15000);
}

void TestFailover::recoveringEdgesAreNotRemovedWhenTheOriginReturns()
{
    // After an origin outage every route target is down; they come back one
    // after the other. Before, the first one back "proved the origin up" and
    // the others, still in rise or hold-down, were removed: 3 -> 2 -> 1.
    const Topology t = topology(3, {QStringLiteral("a.example.com")});
    const QString host = QStringLiteral("a.example.com");
    const QHash<QString, QSet<QString>> current{{host, set({"e1", "e2", "e3"})}};
    HealthSnapshot h = healthy(t);
    for (const Edge &e : t.edges)
        h.routes[HealthSnapshot::routeKey(e.name, host)] = {State::Down, true, 1000, 900};
    QVERIFY(!decisionFor(FailoverPolicy::decide(t, h, current), host).changes());
    // The origin is back: every edge answers again, e1 is up first.
    for (const Edge &e : t.edges)
        h.routes[HealthSnapshot::routeKey(e.name, host)] = {State::Down, false, 1000, 5000, true};
    h.routes[HealthSnapshot::routeKey(QStringLiteral("e1"), host)] = {State::Up, false, 6000, 6000};
    FailoverPlan plan = FailoverPolicy::decide(t, h, current);
    QCOMPARE(decisionFor(plan, host).desired, set({"e1", "e2", "e3"}));
    h.routes[HealthSnapshot::routeKey(QStringLiteral("e2"), host)] = {State::Up, false, 7000, 7000};
    plan = FailoverPolicy::decide(t, h, current);
    QCOMPARE(decisionFor(plan, host).desired, set({"e1", "e2", "e3"}));
    // An edge that keeps failing on its own evidence still goes.
    h.routes[HealthSnapshot::routeKey(QStringLiteral("e3"), host)] = {State::Down, false, 1000, 900,
                                                                      false};
    plan = FailoverPolicy::decide(t, h, current);
    QCOMPARE(decisionFor(plan, host).desired, set({"e1", "e2"}));
}

void TestFailover::recoveredEdgeIsNotRemovedWhileItsRouteIsHeldDown()
{
    // The edge's TCP probe is up again, its route probe answers but is still
    // in hold-down: the edge keeps its place (it was removed and re-added
    // 0.12 s apart before) and is not added where it has none.
    const Topology t = topology(2, {QStringLiteral("a.example.com")});
    const QString host = QStringLiteral("a.example.com");
    HealthSnapshot h = healthy(t);
    h.routes[HealthSnapshot::routeKey(QStringLiteral("e2"), host)] = {State::Down, false, 1000,
                                                                      5000, true};
    FailoverPlan plan = FailoverPolicy::decide(t, h, {{host, set({"e1", "e2"})}});
    QVERIFY(!decisionFor(plan, host).changes());
    plan = FailoverPolicy::decide(t, h, {{host, set({"e1"})}});
    QVERIFY(!decisionFor(plan, host).changes());
    // Same with the edge's own probe in hold-down.
    h = healthy(t);
    h.edges[QStringLiteral("e2")] = State::Down;
    h.edgesRecovering.insert(QStringLiteral("e2"));
    h.confirmedDown.insert(QStringLiteral("e2"));
    plan = FailoverPolicy::decide(t, h, {{host, set({"e1", "e2"})}});
    QVERIFY(!decisionFor(plan, host).changes());
}

void TestFailover::nothingIsRemovedUntilThePictureIsComplete()
{
    const Topology t = topology(3, {QStringLiteral("a.example.com")});
    const QString host = QStringLiteral("a.example.com");
    HealthSnapshot h = healthy(t);
    for (const char *e : {"e2", "e3"}) {
        h.edges[QString::fromLatin1(e)] = State::Down;
        h.confirmedDown.insert(QString::fromLatin1(e));
    }
    h.settling = true;
    const QHash<QString, QSet<QString>> current{{host, set({"e1", "e2", "e3"})}};
    FailoverPlan plan = FailoverPolicy::decide(t, h, current);
    QVERIFY(!decisionFor(plan, host).changes());
    QVERIFY(decisionFor(plan, host).reason.contains(QStringLiteral("probed again")));
    h.settling = false;
    plan = FailoverPolicy::decide(t, h, current);
    QCOMPARE(decisionFor(plan, host).desired, set({"e1"}));
}

QTEST_GUILESS_MAIN(TestFailover)
#include "tst_failover.moc"
