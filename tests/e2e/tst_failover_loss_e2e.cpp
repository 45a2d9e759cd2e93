// Random packet loss must not move DNS, a real outage must. In the simulated
// network with a real BIND9 (RFC 2136) and kokoa-watchdog acting with the
// default health settings: 10 % of edge2's packets, in and out, are dropped
// at random by nftables (`numgen random`, inside edge2's namespace) for
// 5 minutes: no DNS change is tried and the answer never loses edge2. Then
// edge2's link is cut as well: its record is gone within the failover bound.
#include "KokoaInWorld.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>
#include <QtTest>

using namespace KokoaInWorld;

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// Every packet in and out of the host (its loopback aside): one in ten dropped.
const char *const kLossRules = "table inet kokoa_loss {\n"
                               "  chain in { type filter hook input priority -200;\n"
                               "    iifname != \"lo\" numgen random mod 10 == 0 counter drop\n  }\n"
                               "  chain out { type filter hook output priority -200;\n"
                               "    oifname != \"lo\" numgen random mod 10 == 0 counter drop\n  }\n"
                               "}\n";

constexpr int kLossMinutes = 5;
// The failover bound this test holds a real outage to: the requirement's
// (a dead edge leaves DNS within 30 s). How fast is bench_failover's to
// say; a removal slower than its target (4 s) is logged here with what the
// monitor saw, so a slow one can be understood from CI's output.
constexpr double kFailoverBoundS = 30.0;
constexpr double kFailoverTargetS = 4.0;

} // namespace

class TestFailoverLossE2e : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void randomLossMovesNothing();
    void linkCutIsStillFailedOver();

private:
    // The acting monitor's log and the last events (CI keeps nothing else).
    void printMonitorState();
    QSet<QString> both() const { return {ip("edge1"), ip("edge2")}; }
    QString ip(const char *edge) const { return m_world->address(s(edge)); }
    QJsonArray events();
    qint64 lastEventId();
    // dns "update" events (every change tried) after event `afterId`.
    QStringList dnsUpdatesAfter(qint64 afterId);

    std::unique_ptr<NetWorld> m_world;
    qint64 m_lossStartedId = 0;
};

QJsonArray TestFailoverLossE2e::events()
{
    return QJsonDocument::fromJson(
               kokoactl(*m_world, {s("events"), s("--limit"), s("100000"), s("--json")}).out)
        .array();
}

qint64 TestFailoverLossE2e::lastEventId()
{
    qint64 last = 0;
    for (const QJsonValue &v : events())
        last = std::max(last, qint64(v.toObject().value(s("id")).toDouble()));
    return last;
}

QStringList TestFailoverLossE2e::dnsUpdatesAfter(qint64 afterId)
{
    QStringList out;
    for (const QJsonValue &v : events()) {
        const QJsonObject o = v.toObject();
        if (qint64(o.value(s("id")).toDouble()) > afterId &&
            o.value(s("category")).toString() == s("dns") &&
            o.value(s("action")).toString() == s("update")) {
            out.append(o.value(s("subject")).toString() + s(": ") +
                       o.value(s("reason")).toString());
        }
    }
    return out;
}

void TestFailoverLossE2e::initTestCase()
{
    QString why;
    m_world = NetWorld::create(&why, 2);
    if (!m_world)
        QSKIP(qPrintable(why));
    QByteArray b64;
    const QString dnsError = startAuthoritativeDns(*m_world, {s("example.com")}, &b64);
    QVERIFY2(dnsError.isEmpty(), qPrintable(dnsError));
    const QString error = initAndAddHosts(*m_world);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(writePrivateHostFile(*m_world, s("desk"), s("/tmp/tsig.key"), b64 + '\n'));
    for (const QStringList &command :
         {QStringList{s("zone"), s("add"), s("example.com"), s("--provider"), s("rfc2136"),
                      s("--server"), dnsAddress(), s("--tsig-name"), s("kokoa-key"),
                      s("--tsig-secret-file"), s("/tmp/tsig.key")},
          QStringList{s("route"), s("add"), s("a.example.com"), s("--origin"), s("home"),
                      s("--port"), s("8081")},
          QStringList{s("route"), s("add"), s("b.example.com"), s("--origin"), s("home"),
                      s("--port"), s("8082")}}) {
        const auto r = kokoactl(*m_world, command);
        QVERIFY2(r.ok(), qPrintable(command.join(u' ') + r.describe()));
    }
    const auto deploy = kokoactl(*m_world, {s("deploy"), s("--all")});
    QVERIFY2(deploy.ok(), qPrintable(deploy.describe()));
    for (const QString &edge : m_world->edges()) {
        QVERIFY(waitUntilServed(*m_world, edge, s("a.example.com"), "service-a")
                    .out.contains("service-a"));
    }
    const auto sync = kokoactl(*m_world, {s("dns"), s("sync")});
    QVERIFY2(sync.ok(), qPrintable(sync.describe() + QString::fromUtf8(sync.out)));
    const QString started = startInDesk(*m_world, "kokoa-watchdog", {}, s("/tmp/watchdog.log"));
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const QString holder = waitForLeaseHolder(*m_world, s("watchdog:"));
    QVERIFY2(holder.startsWith(s("watchdog:")), qPrintable(holder));
    QCOMPARE(digA(*m_world, s("a.example.com")), both());
    QCOMPARE(digA(*m_world, s("b.example.com")), both());
}

// On a failure, what the acting monitor saw and did: CI keeps nothing else.
void TestFailoverLossE2e::cleanup()
{
    if (QTest::currentTestFailed() && m_world)
        printMonitorState();
}

void TestFailoverLossE2e::printMonitorState()
{
    const auto log =
        m_world->exec(s("desk"), {s("tail"), s("-n"), s("80"), s("/tmp/watchdog.log")});
    qWarning().noquote() << "watchdog log:\n" << QString::fromUtf8(log.out);
    const auto events = kokoactl(*m_world, {s("events"), s("--limit"), s("80")});
    qWarning().noquote() << "events:\n" << QString::fromUtf8(events.out);
}

void TestFailoverLossE2e::cleanupTestCase()
{
    if (m_world) {
        if (QTest::currentTestFailed()) {
            qWarning().noquote()
                << "watchdog log:\n"
                << m_world->exec(s("desk"), {s("cat"), s("/tmp/watchdog.log")}).out;
        }
        QString error;
        QVERIFY2(m_world->down(&error), qPrintable(error));
    }
}

void TestFailoverLossE2e::randomLossMovesNothing()
{
    m_lossStartedId = lastEventId();
    const auto loss = m_world->exec(s("edge2"), {s("nft"), s("-f"), s("-")}, kLossRules);
    QVERIFY2(loss.ok(), qPrintable(loss.describe()));
    QElapsedTimer clock;
    clock.start();
    int digs = 0;
    while (clock.elapsed() < kLossMinutes * 60'000) {
        // The answer as clients see it, once a second, for the whole period.
        for (const char *host : {"a.example.com", "b.example.com"}) {
            const QSet<QString> answer = digA(*m_world, s(host));
            QVERIFY2(answer == both(), qPrintable(QStringLiteral("%1 after %2 s: %3")
                                                      .arg(s(host))
                                                      .arg(clock.elapsed() / 1000)
                                                      .arg(answer.values().join(u','))));
        }
        ++digs;
        QThread::msleep(1000);
    }
    const QStringList updates = dnsUpdatesAfter(m_lossStartedId);
    QVERIFY2(updates.isEmpty(), qPrintable(updates.join(u'\n')));
    // The loss was real: nftables dropped packets both ways.
    const auto counters =
        m_world->exec(s("edge2"), {s("nft"), s("list"), s("table"), s("inet"), s("kokoa_loss")});
    QVERIFY2(counters.ok(), qPrintable(counters.describe()));
    const QRegularExpression dropped(s("counter packets (\\d+)"));
    auto it = dropped.globalMatch(QString::fromUtf8(counters.out));
    int chains = 0;
    while (it.hasNext()) {
        QVERIFY2(it.next().captured(1).toLongLong() > 0, counters.out.constData());
        ++chains;
    }
    QCOMPARE(chains, 2);
    qInfo("10 %% loss on edge2 for %d min: %d answers checked, no DNS change", kLossMinutes, digs);
}

void TestFailoverLossE2e::linkCutIsStillFailedOver()
{
    QVERIFY(m_world->setLink(s("edge2"), false));
    QElapsedTimer clock;
    clock.start();
    QDeadlineTimer deadline(60'000);
    bool gone = false;
    while (!gone && !deadline.hasExpired()) {
        gone = digA(*m_world, s("a.example.com")) == QSet<QString>{ip("edge1")} &&
               digA(*m_world, s("b.example.com")) == QSet<QString>{ip("edge1")};
        if (!gone)
            QThread::msleep(100);
    }
    const double seconds = double(clock.elapsed()) / 1000.0;
    QVERIFY2(gone, "edge2 was not removed after its link was cut");
    qInfo("link cut under loss: both records gone after %.1f s", seconds);
    if (seconds > kFailoverTargetS)
        printMonitorState();
    QVERIFY2(seconds <= kFailoverBoundS, qPrintable(QString::number(seconds)));
    QVERIFY(m_world->setLink(s("edge2"), true));
}

// One test function watches for 5 minutes: beyond QtTest's default limit
// of 300 s per function.
int main(int argc, char **argv)
{
    qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number((kLossMinutes + 3) * 60'000));
    QCoreApplication app(argc, argv);
    TestFailoverLossE2e test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_failover_loss_e2e.moc"
