// Under attack, in the simulated network with kokoa-watchdog acting: the
// watchdog reads each edge's load over SSH from nginx's stub_status on the
// edge's tunnel address and `status` shows it; client requests through an
// edge raise its requests/s; `edge profile` redeploys that edge alone with
// the under-attack limits; above load.attack_rps the watchdog switches an
// edge by itself.
#include "KokoaInWorld.h"

#include <QDeadlineTimer>
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

class TestEdgeLoadE2e : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void statusShowsEachEdgesLoad();
    void requestsThroughAnEdgeRaiseItsRate();
    void profileSwitchRedeploysThatEdgeOnly();
    void loadAboveTheThresholdSwitchesAnEdge();

private:
    // The edge's "load" object in `status --json` (empty when none).
    QJsonObject loadOf(const QString &edge);
    // Polls (bounded) until `ready` holds for the edge's load; returns the last one.
    QJsonObject waitForLoad(const QString &edge,
                            const std::function<bool(const QJsonObject &)> &ready,
                            int timeoutMs = 30000);
    QByteArray nginxConf(const QString &edge);
    void fetchThrough(const QString &edge, int times);

    std::unique_ptr<NetWorld> m_world;
};

QJsonObject TestEdgeLoadE2e::loadOf(const QString &edge)
{
    const QJsonObject status =
        QJsonDocument::fromJson(kokoactl(*m_world, {s("status"), s("--json")}).out).object();
    for (const QJsonValue &e : status.value(s("edges")).toArray()) {
        if (e.toObject().value(s("name")).toString() == edge)
            return e.toObject().value(s("load")).toObject();
    }
    return {};
}

QJsonObject TestEdgeLoadE2e::waitForLoad(const QString &edge,
                                         const std::function<bool(const QJsonObject &)> &ready,
                                         int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QJsonObject load;
    while (!deadline.hasExpired()) {
        load = loadOf(edge);
        if (ready(load))
            return load;
        QThread::msleep(250);
    }
    return load;
}

QByteArray TestEdgeLoadE2e::nginxConf(const QString &edge)
{
    return m_world->exec(edge, {s("cat"), s("/etc/nginx/nginx.conf")}).out;
}

void TestEdgeLoadE2e::fetchThrough(const QString &edge, int times)
{
    for (int i = 0; i < times; ++i)
        QVERIFY(fetch(*m_world, edge, s("a.example.com")).out.contains("service-a"));
}

void TestEdgeLoadE2e::initTestCase()
{
    QString why;
    m_world = NetWorld::create(&why, 2);
    if (!m_world)
        QSKIP(qPrintable(why));
    const QString error = initAndAddHosts(*m_world);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    for (const QStringList &command :
         {QStringList{s("zone"), s("add"), s("example.com"), s("--provider"), s("manual")},
          QStringList{s("route"), s("add"), s("a.example.com"), s("--origin"), s("home"),
                      s("--port"), s("8081")},
          QStringList{s("settings"), s("set"), s("load.interval_s"), s("2")},
          // One client address fetching as fast as the machine allows: on
          // a quiet machine that is above the default 20 requests/s per
          // client, and nginx's 429s are not what this test is about.
          QStringList{s("settings"), s("set"), s("ratelimit.normal.rate"), s("1000")},
          QStringList{s("settings"), s("set"), s("ratelimit.normal.burst"), s("2000")}}) {
        const auto r = kokoactl(*m_world, command);
        QVERIFY2(r.ok(), qPrintable(command.join(u' ') + r.describe()));
    }
    const auto deploy = kokoactl(*m_world, {s("deploy"), s("--all")});
    QVERIFY2(deploy.ok(), qPrintable(deploy.describe() + QString::fromUtf8(deploy.out)));
    for (const QString &edge : m_world->edges()) {
        QVERIFY(waitUntilServed(*m_world, edge, s("a.example.com"), "service-a")
                    .out.contains("service-a"));
    }
    const QString started = startInDesk(*m_world, "kokoa-watchdog", {}, s("/tmp/watchdog.log"));
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const QString holder = waitForLeaseHolder(*m_world, s("watchdog:"));
    QVERIFY2(holder.startsWith(s("watchdog:")), qPrintable(holder));
}

void TestEdgeLoadE2e::cleanupTestCase()
{
    if (m_world) {
        if (QTest::currentTestFailed()) {
            const auto log = m_world->exec(s("desk"), {s("cat"), s("/tmp/watchdog.log")});
            qWarning().noquote() << "watchdog log:\n" << log.out;
        }
        QString error;
        QVERIFY2(m_world->down(&error), qPrintable(error));
    }
}

void TestEdgeLoadE2e::statusShowsEachEdgesLoad()
{
    for (const QString &edge : m_world->edges()) {
        // Two readings give a rate; no reading failed.
        const QJsonObject load = waitForLoad(edge, [](const QJsonObject &l) {
            return l.value(s("requests_per_s")).isDouble() && !l.contains(s("error"));
        });
        QVERIFY2(load.value(s("requests_per_s")).isDouble() && !load.contains(s("error")),
                 qPrintable(edge + s(": ") + QString::fromUtf8(QJsonDocument(load).toJson())));
        // Present and a count (the reading's own connection is left out, so 0 is fine).
        QVERIFY2(load.value(s("connections")).isDouble() &&
                     load.value(s("connections")).toInteger() >= 0,
                 qPrintable(edge + s(": ") + QString::fromUtf8(QJsonDocument(load).toJson())));
    }
    const auto text = kokoactl(*m_world, {s("status")});
    QVERIFY(text.ok());
    QVERIFY2(text.out.contains("REQ/S") && text.out.contains("CONNS"), text.out.constData());
}

void TestEdgeLoadE2e::requestsThroughAnEdgeRaiseItsRate()
{
    const QString edge1 = m_world->edges().value(0);
    // Requests over at least one reading interval (2 s): some reading pair
    // sees them.
    QDeadlineTimer busy(5000);
    int sent = 0;
    while (!busy.hasExpired()) {
        fetchThrough(edge1, 5);
        sent += 5;
    }
    QVERIFY(sent > 0);
    const QJsonObject load = waitForLoad(
        edge1, [](const QJsonObject &l) { return l.value(s("requests_per_s")).toDouble() >= 1.0; },
        15000);
    QVERIFY2(load.value(s("requests_per_s")).toDouble() >= 1.0,
             QJsonDocument(load).toJson().constData());
}

void TestEdgeLoadE2e::profileSwitchRedeploysThatEdgeOnly()
{
    const QString edge1 = m_world->edges().value(0);
    const QString edge2 = m_world->edges().value(1);
    const QByteArray before2 = nginxConf(edge2);
    QVERIFY(!nginxConf(edge1).contains("zone=kokoa_req_attack burst"));
    const auto r = kokoactl(*m_world, {s("edge"), s("profile"), edge1, s("under-attack")});
    QVERIFY2(r.ok(), qPrintable(r.describe() + QString::fromUtf8(r.out)));
    QVERIFY2(r.out.contains("1 host(s) changed, 0 unchanged, 0 failed"), r.out.constData());
    QVERIFY(nginxConf(edge1).contains("limit_req zone=kokoa_req_attack burst="));
    QCOMPARE(nginxConf(edge2), before2);
    // Still serving, and its load still read.
    QVERIFY(waitUntilServed(*m_world, edge1, s("a.example.com"), "service-a")
                .out.contains("service-a"));
    const auto back = kokoactl(*m_world, {s("edge"), s("profile"), edge1, s("normal")});
    QVERIFY2(back.ok(), qPrintable(back.describe()));
    QVERIFY(!nginxConf(edge1).contains("zone=kokoa_req_attack burst"));
}

void TestEdgeLoadE2e::loadAboveTheThresholdSwitchesAnEdge()
{
    const QString edge2 = m_world->edges().value(1);
    const auto set = kokoactl(*m_world, {s("settings"), s("set"), s("load.attack_rps"), s("1")});
    QVERIFY2(set.ok(), qPrintable(set.describe()));
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && !nginxConf(edge2).contains("zone=kokoa_req_attack burst"))
        fetchThrough(edge2, 10);
    QVERIFY2(nginxConf(edge2).contains("limit_req zone=kokoa_req_attack burst="),
             "the watchdog did not switch edge2 within 30 s");
    const auto list = kokoactl(*m_world, {s("--json"), s("edge"), s("list")});
    QVERIFY(list.out.contains("under-attack"));
    const auto events = kokoactl(*m_world, {s("events"), s("--limit"), s("200")});
    QVERIFY2(events.out.contains("above load.attack_rps (1)"), events.out.constData());
}

QTEST_GUILESS_MAIN(TestEdgeLoadE2e)
#include "tst_edge_load_e2e.moc"
