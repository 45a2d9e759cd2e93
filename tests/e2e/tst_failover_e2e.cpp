// DNS failover in the simulated network, with a real BIND9 as the
// authoritative server (RFC 2136 + TSIG) and kokoa-watchdog acting alone:
// for each fault — an edge's link down, nginx stopped on an edge, one edge's
// tunnel broken, the origin's service stopped — the answers `dig` gets from
// the client are the ones DESIGN.md prescribes, and restoring the fault
// restores them. A second monitor beside the watchdog never acts.
#include "KokoaInWorld.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QtTest>

using namespace KokoaInWorld;

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

} // namespace

class TestFailoverE2e : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void dnsStartsWithEveryEdge();
    void edgeLinkDown();
    void nginxStoppedOnAnEdge();
    void tunnelBrokenOnOneEdge();
    void originServiceStopped();
    void secondMonitorNeverActed();
    void watchdogReleasesTheLeaseOnSigterm();
    void removedEdgeIsNeverPutBack();

private:
    QSet<QString> answer(const QString &hostname);
    // Polls dig until the answer equals `expected`; returns the seconds it took, or -1.
    double waitForAnswer(const QString &hostname, const QSet<QString> &expected,
                         int timeoutMs = 60000);
    QSet<QString> both() const;
    QString ip(const char *edge) const { return m_world->address(s(edge)); }
    QJsonArray events();

    std::unique_ptr<NetWorld> m_world;
};

QSet<QString> TestFailoverE2e::answer(const QString &hostname)
{
    return digA(*m_world, hostname);
}

double TestFailoverE2e::waitForAnswer(const QString &hostname, const QSet<QString> &expected,
                                      int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (answer(hostname) == expected)
            return double(clock.elapsed()) / 1000.0;
        QThread::msleep(100);
    }
    qWarning() << hostname << "answer" << answer(hostname) << "expected" << expected;
    return -1;
}

QSet<QString> TestFailoverE2e::both() const
{
    return {ip("edge1"), ip("edge2")};
}

QJsonArray TestFailoverE2e::events()
{
    return QJsonDocument::fromJson(
               kokoactl(*m_world, {s("events"), s("--limit"), s("1000"), s("--json")}).out)
        .array();
}

void TestFailoverE2e::initTestCase()
{
    QString why;
    m_world = NetWorld::create(&why, 2);
    if (!m_world)
        QSKIP(qPrintable(why));

    QByteArray b64;
    const QString dnsError =
        startAuthoritativeDns(*m_world, {s("example.com"), s("example.net")}, &b64);
    QVERIFY2(dnsError.isEmpty(), qPrintable(dnsError));

    // Kokoa: hosts, two zones served by that BIND, two routes, deployed.
    const QString error = initAndAddHosts(*m_world);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(writePrivateHostFile(*m_world, s("desk"), s("/tmp/tsig.key"), b64 + '\n'));
    for (const char *zone : {"example.com", "example.net"}) {
        const auto r =
            kokoactl(*m_world, {s("zone"), s("add"), QString::fromLatin1(zone), s("--provider"),
                                s("rfc2136"), s("--server"), dnsAddress(), s("--tsig-name"),
                                s("kokoa-key"), s("--tsig-secret-file"), s("/tmp/tsig.key")});
        QVERIFY2(r.ok(), qPrintable(r.describe()));
    }
    for (const QStringList &command :
         {QStringList{s("route"), s("add"), s("a.example.com"), s("--origin"), s("home"),
                      s("--port"), s("8081")},
          QStringList{s("route"), s("add"), s("b.example.net"), s("--origin"), s("home"),
                      s("--port"), s("8082")},
          // Recovery = rise x interval + hold-down; a short hold-down keeps the test quick.
          QStringList{s("settings"), s("set"), s("health.hold_down_s"), s("2")}}) {
        const auto r = kokoactl(*m_world, command);
        QVERIFY2(r.ok(), qPrintable(command.join(u' ') + r.describe()));
    }
    const auto deploy = kokoactl(*m_world, {s("deploy"), s("--all")});
    QVERIFY2(deploy.ok(), qPrintable(deploy.describe()));
    for (const QString &edge : m_world->edges()) {
        QVERIFY(waitUntilServed(*m_world, edge, s("a.example.com"), "service-a")
                    .out.contains("service-a"));
        QVERIFY(waitUntilServed(*m_world, edge, s("b.example.net"), "service-b")
                    .out.contains("service-b"));
    }
    const auto sync = kokoactl(*m_world, {s("dns"), s("sync")});
    QVERIFY2(sync.ok(), qPrintable(sync.describe() + QString::fromUtf8(sync.out)));

    // One monitoring pass in the foreground: it probes, publishes, exits and
    // leaves the lease free for the watchdog.
    const auto once = kokoactl(*m_world, {s("monitor"), s("--once")}, {}, 120000);
    QVERIFY2(once.ok(), qPrintable(once.describe() + QString::fromUtf8(once.out)));
    const QJsonObject afterOnce =
        QJsonDocument::fromJson(kokoactl(*m_world, {s("status"), s("--json")}).out).object();
    for (const QJsonValue &e : afterOnce.value(s("edges")).toArray())
        QCOMPARE(e.toObject().value(s("health")).toString(), s("up"));
    for (const QJsonValue &h : afterOnce.value(s("hostnames")).toArray())
        QCOMPARE(h.toObject().value(s("dns_edges")).toString(), s("edge1,edge2"));
    QCOMPARE(leaseHolder(*m_world), QString());

    // The watchdog acts; a second monitor beside it must only watch.
    QString started = startInDesk(*m_world, "kokoa-watchdog", {}, s("/tmp/watchdog.log"));
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const QString holder = waitForLeaseHolder(*m_world, s("watchdog:"));
    QVERIFY2(holder.startsWith(s("watchdog:")), qPrintable(holder));
    started = startInDesk(*m_world, "kokoactl", {s("monitor")}, s("/tmp/monitor2.log"));
    QVERIFY2(started.isEmpty(), qPrintable(started));
}

void TestFailoverE2e::cleanupTestCase()
{
    if (m_world) {
        QString error;
        QVERIFY2(m_world->down(&error), qPrintable(error));
    }
}

// What the monitors did, for a failure to be understood from CI's output.
void TestFailoverE2e::cleanup()
{
    if (!QTest::currentTestFailed() || !m_world)
        return;
    for (const char *log : {"/tmp/watchdog.log", "/tmp/monitor2.log"}) {
        const auto r = m_world->exec(s("desk"), {s("tail"), s("-n"), s("60"), s(log)});
        qWarning().noquote() << log << ":\n" << QString::fromUtf8(r.out);
    }
    const auto r = kokoactl(*m_world, {s("events"), s("--limit"), s("60")});
    qWarning().noquote() << "events:\n" << QString::fromUtf8(r.out);
}

void TestFailoverE2e::dnsStartsWithEveryEdge()
{
    QCOMPARE(waitForAnswer(s("a.example.com"), both(), 20000) >= 0, true);
    QCOMPARE(waitForAnswer(s("b.example.net"), both(), 20000) >= 0, true);
}

void TestFailoverE2e::edgeLinkDown()
{
    QVERIFY(m_world->setLink(s("edge2"), false));
    const double gone = waitForAnswer(s("a.example.com"), {ip("edge1")});
    QVERIFY2(gone >= 0, "edge2 was not removed");
    QVERIFY(waitForAnswer(s("b.example.net"), {ip("edge1")}) >= 0);
    qInfo("edge link down: record gone after %.1f s", gone);
    // A manual sync keeps the verdicts the monitor has published, and it
    // publishes them once per cycle: the DNS change may come first.
    const auto publishedDown = [&] {
        const QJsonObject status =
            QJsonDocument::fromJson(kokoactl(*m_world, {s("status"), s("--json")}).out).object();
        for (const QJsonValue &e : status.value(s("edges")).toArray()) {
            if (e.toObject().value(s("name")).toString() == s("edge2"))
                return e.toObject().value(s("health")).toString() == s("down");
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(publishedDown(), 10000);
    // A manual sync now must not bring the dead edge back.
    const auto sync = kokoactl(*m_world, {s("dns"), s("sync"), s("--dry-run"), s("--json")});
    QVERIFY2(sync.ok(), qPrintable(sync.describe()));
    for (const QJsonValue &h : QJsonDocument::fromJson(sync.out).array())
        QVERIFY2(h.toObject().value(s("changes")).toArray().isEmpty(), sync.out.constData());
    QVERIFY(m_world->setLink(s("edge2"), true));
    const double back = waitForAnswer(s("a.example.com"), both());
    QVERIFY2(back >= 0, "edge2 did not come back");
    QVERIFY(waitForAnswer(s("b.example.net"), both()) >= 0);
    qInfo("edge link restored: record back after %.1f s", back);
}

void TestFailoverE2e::nginxStoppedOnAnEdge()
{
    QVERIFY(m_world->exec(s("edge1"), {s("nginx"), s("-s"), s("stop")}).ok());
    const double gone = waitForAnswer(s("a.example.com"), {ip("edge2")});
    QVERIFY2(gone >= 0, "edge1 was not removed");
    QVERIFY(waitForAnswer(s("b.example.net"), {ip("edge2")}) >= 0);
    qInfo("nginx stopped: record gone after %.1f s", gone);
    // The failure seen from here was confirmed from edge2 before it went.
    bool confirmed = false;
    for (const QJsonValue &e : events()) {
        const QJsonObject o = e.toObject();
        if (o.value(s("action")).toString() == s("vantage check") &&
            o.value(s("subject")).toString() == s("edge edge1") &&
            o.value(s("reason")).toString().contains(s("unreachable")))
            confirmed = true;
    }
    QVERIFY(confirmed);
    QVERIFY(m_world->exec(s("edge1"), {s("nginx")}).ok());
    QVERIFY(waitForAnswer(s("a.example.com"), both()) >= 0);
    QVERIFY(waitForAnswer(s("b.example.net"), both()) >= 0);
}

void TestFailoverE2e::tunnelBrokenOnOneEdge()
{
    // WireGuard packets no longer reach edge1; nginx there still answers.
    QVERIFY(m_world
                ->exec(s("edge1"), {s("nft"), s("insert"), s("rule"), s("inet"), s("kokoa"),
                                    s("input"), s("udp"), s("dport"), s("51820"), s("drop")})
                .ok());
    QVERIFY(waitForAnswer(s("a.example.com"), {ip("edge2")}) >= 0);
    QVERIFY(waitForAnswer(s("b.example.net"), {ip("edge2")}) >= 0);
    // Still reachable, so the edge itself is up: this was per hostname.
    const auto status =
        QJsonDocument::fromJson(kokoactl(*m_world, {s("status"), s("--json")}).out).object();
    for (const QJsonValue &e : status.value(s("edges")).toArray()) {
        if (e.toObject().value(s("name")).toString() == s("edge1"))
            QCOMPARE(e.toObject().value(s("health")).toString(), s("up"));
    }
    QVERIFY(m_world->exec(s("edge1"), {s("nft"), s("-f"), s("/etc/nftables.d/kokoa.nft")}).ok());
    QVERIFY(waitForAnswer(s("a.example.com"), both()) >= 0);
    QVERIFY(waitForAnswer(s("b.example.net"), both()) >= 0);
}

void TestFailoverE2e::originServiceStopped()
{
    // Stop service-a on the origin: every edge answers 502 for a.example.com.
    const auto pid = m_world->exec(
        s("origin"),
        {s("sh"), s("-c"),
         s("ss -Htlnp 'sport = :8081' | sed -n 's/.*pid=\\([0-9]*\\).*/\\1/p' | head -1")});
    QVERIFY2(pid.ok() && !pid.out.trimmed().isEmpty(), qPrintable(pid.describe()));
    QVERIFY(m_world->exec(s("origin"), {s("kill"), QString::fromLatin1(pid.out.trimmed())}).ok());
    QDeadlineTimer deadline(60000);
    bool alerted = false;
    while (!deadline.hasExpired() && !alerted) {
        for (const QJsonValue &e : events()) {
            const QJsonObject o = e.toObject();
            if (o.value(s("category")).toString() == s("alert") &&
                o.value(s("reason")).toString().startsWith(s("a.example.com")) &&
                o.value(s("reason")).toString().contains(s("origin")))
                alerted = true;
        }
        QThread::msleep(200);
    }
    QVERIFY2(alerted, "no alert about the origin");
    // DNS cannot fix a dead origin: both edges stay; the other hostname is untouched.
    QCOMPARE(answer(s("a.example.com")), both());
    QCOMPARE(answer(s("b.example.net")), both());
    QVERIFY(m_world
                ->exec(s("origin"), {s("setsid"), s("-f"), s("/run/kokoa-world/e2e_http_service"),
                                     s("8081"), s("service-a from origin")})
                .ok());
    QVERIFY(waitUntilServed(*m_world, s("edge1"), s("a.example.com"), "service-a")
                .out.contains("service-a"));
    QCOMPARE(answer(s("a.example.com")), both());
}

void TestFailoverE2e::secondMonitorNeverActed()
{
    const auto log = m_world->exec(s("desk"), {s("cat"), s("/tmp/monitor2.log")});
    QVERIFY2(log.ok() && log.out.contains("monitoring"),
             qPrintable(log.describe() + QString::fromUtf8(log.out)));
    QVERIFY2(!log.out.contains("\ndns "), log.out.constData());
    const QString holder = leaseHolder(*m_world);
    QVERIFY2(holder.startsWith(s("watchdog:")), qPrintable(holder));
}

void TestFailoverE2e::watchdogReleasesTheLeaseOnSigterm()
{
    const QJsonObject status =
        QJsonDocument::fromJson(kokoactl(*m_world, {s("status"), s("--json")}).out).object();
    qint64 pid = 0;
    for (const QJsonValue &m : status.value(s("monitors")).toArray()) {
        if (m.toObject().value(s("component")).toString() == s("watchdog"))
            pid = m.toObject().value(s("pid")).toInteger();
    }
    QVERIFY(pid > 0);
    QVERIFY(m_world->exec(s("desk"), {s("kill"), s("-TERM"), QString::number(pid)}).ok());
    // Released at once: the second monitor takes over within a cycle or two.
    const QString holder = waitForLeaseHolder(*m_world, s("monitor:"));
    QVERIFY2(holder.startsWith(s("monitor:")), qPrintable(holder));
    QVERIFY(m_world->exec(s("desk"), {s("kill"), s("-0"), QString::number(pid)}).exitCode != 0);
}

void TestFailoverE2e::removedEdgeIsNeverPutBack()
{
    // With a monitor running (the one that took over from the watchdog):
    // edge2 is removed and DNS synced; then the last edge fails. The
    // monitor must follow the removal: edge2's address never comes back.
    auto r = kokoactl(*m_world, {s("edge"), s("rm"), s("edge2")});
    QVERIFY2(r.ok(), qPrintable(r.describe()));
    r = kokoactl(*m_world, {s("dns"), s("sync")});
    QVERIFY2(r.ok(), qPrintable(r.describe() + QString::fromUtf8(r.out)));
    QVERIFY(waitForAnswer(s("a.example.com"), {ip("edge1")}, 20000) >= 0);
    QVERIFY(m_world->setLink(s("edge1"), false));
    // Every edge it knows is now down: it must say so and leave DNS alone.
    QDeadlineTimer deadline(60000);
    bool allDown = false;
    while (!deadline.hasExpired() && !allDown) {
        for (const QJsonValue &e : events()) {
            const QJsonObject o = e.toObject();
            if (o.value(s("category")).toString() == s("alert") &&
                o.value(s("reason")).toString().contains(s("every edge looks down")))
                allDown = true;
        }
        QThread::msleep(200);
    }
    QVERIFY2(allDown, "the monitor did not see its only edge down");
    QCOMPARE(answer(s("a.example.com")), QSet<QString>{ip("edge1")});
    QCOMPARE(answer(s("b.example.net")), QSet<QString>{ip("edge1")});
    QVERIFY(m_world->setLink(s("edge1"), true));
}

QTEST_GUILESS_MAIN(TestFailoverE2e)
#include "tst_failover_e2e.moc"
