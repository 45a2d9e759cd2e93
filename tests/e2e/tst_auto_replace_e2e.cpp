// Automatic replacement (edges.auto_replace) in the simulated network, with
// `kokoactl monitor` holding the DNS lease in desk and world/spare-host as
// the provider: an edge whose link goes down leaves DNS and, once down from
// every vantage for edges.replace_after_s, is burned and replaced with no
// user command; with every edge down nothing is replaced; once
// edges.max_replacements_per_day is reached an edge down stays down and the
// cap is named.
#include "KokoaInWorld.h"
#include "SpareHosts.h"

#include <QDateTime>
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

// edge1, edge2: the first two edges; edge3: the replacement; edge4: a spare
// that must stay free.
const QStringList spareHosts{s("edge1"), s("edge2"), s("edge3"), s("edge4")};
constexpr int kReplaceAfterS = 10;
const QString monitorPidFile = s("/tmp/monitor.pid");
const QString monitorLog = s("/tmp/monitor.log");

QDateTime eventTime(const QJsonObject &event)
{
    return QDateTime::fromString(event.value(s("at")).toString(), Qt::ISODateWithMs);
}

} // namespace

class TestAutoReplaceE2e : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void deadEdgeIsReplacedWithoutUserAction();
    void everyEdgeDownReplacesNothing();
    void dailyCapHolds();

private:
    NetWorld::ExecResult run(const QStringList &args, int timeoutMs = 180000)
    {
        return kokoactl(*m_world, args, {}, timeoutMs);
    }
    QString ip(const char *host) const { return m_world->address(s(host)); }
    QJsonArray events();
    // The newest event matching, or an empty object.
    QJsonObject lastEvent(const std::function<bool(const QJsonObject &)> &match);
    bool waitForAnswer(const QString &hostname, const QSet<QString> &expected,
                       int timeoutMs = 60000);
    // The acting monitor's last heartbeat (ms since the epoch), 0 if none.
    qint64 monitorHeartbeatMs();
    // Waits until the monitor has written a heartbeat at or after `atMs`:
    // it kept running (and assessing) until then.
    bool waitForMonitorPast(qint64 atMs, int timeoutMs);
    QString statusText();
    // The edges whose health `status` shows up, sorted.
    QStringList edgesUp();
    QString dumpEvents();

    std::unique_ptr<NetWorld> m_world;
    SpareHosts m_spares;
    QByteArray m_kokoaKey;
};

QJsonArray TestAutoReplaceE2e::events()
{
    return QJsonDocument::fromJson(run({s("events"), s("--limit"), s("1000"), s("--json")}).out)
        .array();
}

QJsonObject TestAutoReplaceE2e::lastEvent(const std::function<bool(const QJsonObject &)> &match)
{
    QJsonObject found;
    for (const QJsonValue &v : events()) {
        const QJsonObject e = v.toObject();
        if (match(e) && (found.isEmpty() || eventTime(e) >= eventTime(found)))
            found = e;
    }
    return found;
}

bool TestAutoReplaceE2e::waitForAnswer(const QString &hostname, const QSet<QString> &expected,
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

qint64 TestAutoReplaceE2e::monitorHeartbeatMs()
{
    const QJsonObject status =
        QJsonDocument::fromJson(run({s("status"), s("--json")}).out).object();
    qint64 latest = 0;
    for (const QJsonValue &v : status.value(s("monitors")).toArray()) {
        const QJsonObject m = v.toObject();
        if (m.value(s("alive")).toBool())
            latest = std::max(latest, qint64(m.value(s("at_ms")).toDouble()));
    }
    return latest;
}

bool TestAutoReplaceE2e::waitForMonitorPast(qint64 atMs, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (monitorHeartbeatMs() >= atMs)
            return true;
        QThread::msleep(500);
    }
    return false;
}

QString TestAutoReplaceE2e::statusText()
{
    return QString::fromUtf8(run({s("status")}).out);
}

QStringList TestAutoReplaceE2e::edgesUp()
{
    QStringList up;
    const QJsonObject status =
        QJsonDocument::fromJson(run({s("status"), s("--json")}).out).object();
    for (const QJsonValue &v : status.value(s("edges")).toArray()) {
        if (v.toObject().value(s("health")).toString() == s("up"))
            up.append(v.toObject().value(s("name")).toString());
    }
    up.sort();
    return up;
}

QString TestAutoReplaceE2e::dumpEvents()
{
    QStringList lines;
    for (const QJsonValue &v : events()) {
        const QJsonObject e = v.toObject();
        lines.append(e.value(s("at")).toString() + u' ' + e.value(s("subject")).toString() +
                     s(" | ") + e.value(s("action")).toString() + s(" | ") +
                     e.value(s("reason")).toString() + s(" | ") + e.value(s("outcome")).toString());
    }
    return lines.join(u'\n');
}

void TestAutoReplaceE2e::initTestCase()
{
    QString why;
    m_world = NetWorld::create(&why, int(spareHosts.size()));
    if (!m_world)
        QSKIP(qPrintable(why));
    QString error = m_spares.start(*m_world, spareHosts);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = setUpWithSpareProvider(*m_world, m_spares, &m_kokoaKey);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    for (const char *name : {"e1", "e2"}) {
        const auto r = run({s("edge"), s("create"), s(name), s("--provider"), s("spares")});
        QVERIFY2(r.ok(), qPrintable(s(name) + s(": ") + r.describe() + QString::fromUtf8(r.out)));
    }
    QCOMPARE(m_spares.state(s("edge1")), s("running"));
    QCOMPARE(m_spares.state(s("edge2")), s("running"));
    for (const QString &host : {s("edge1"), s("edge2")}) {
        QVERIFY(waitUntilServed(*m_world, host, s("a.example.com"), "service-a")
                    .out.contains("service-a"));
        QVERIFY(waitUntilServed(*m_world, host, s("b.example.net"), "service-b")
                    .out.contains("service-b"));
    }
    const auto sync = run({s("dns"), s("sync")});
    QVERIFY2(sync.ok(), qPrintable(sync.describe() + QString::fromUtf8(sync.out)));
    QVERIFY(waitForAnswer(s("a.example.com"), {ip("edge1"), ip("edge2")}, 20000));
    QVERIFY(waitForAnswer(s("b.example.net"), {ip("edge1"), ip("edge2")}, 20000));

    for (const QStringList &command :
         {QStringList{s("settings"), s("set"), s("edges.auto_replace"), s("true")},
          QStringList{s("settings"), s("set"), s("edges.replace_after_s"),
                      QString::number(kReplaceAfterS)},
          // Edges back from a pulled cable return quickly.
          QStringList{s("settings"), s("set"), s("health.hold_down_s"), s("2")}}) {
        const auto r = run(command);
        QVERIFY2(r.ok(), qPrintable(command.join(u' ') + r.describe()));
    }
    QVERIFY(statusText().contains(s("Automatic replacement: on, after 10 s")));

    // The monitor runs in the background, its pid kept to stop it at the end.
    const auto started = m_world->exec(
        s("desk"), {s("setsid"), s("-f"), s("sh"), s("-c"),
                    s("echo $$ > %1; exec env KOKOA_ALLOW_NONPUBLIC_ADDRESSES=1 \"$@\" > %2 2>&1")
                        .arg(monitorPidFile, monitorLog),
                    s("monitor"), binary("kokoactl"), s("--data-dir"), dataDir(), s("monitor")});
    QVERIFY2(started.ok(), qPrintable(started.describe()));
    const QString holder = waitForLeaseHolder(*m_world, s("monitor:"));
    QVERIFY2(holder.startsWith(s("monitor:")), qPrintable(holder));
}

void TestAutoReplaceE2e::cleanupTestCase()
{
    if (!m_world)
        return;
    if (QTest::currentTestFailed()) {
        qWarning().noquote() << "events:\n" << dumpEvents();
        qWarning().noquote() << "monitor log:\n"
                             << m_world->exec(s("desk"), {s("cat"), monitorLog}).out;
    }
    QFile pidIn(m_world->hostPath(s("desk"), monitorPidFile));
    if (pidIn.open(QIODevice::ReadOnly)) {
        const QString pid = QString::fromLatin1(pidIn.readAll().trimmed());
        if (!pid.isEmpty() && m_world->exec(s("desk"), {s("kill"), s("-TERM"), pid}).ok()) {
            QTRY_VERIFY_WITH_TIMEOUT(!m_world->exec(s("desk"), {s("kill"), s("-0"), pid}).ok(),
                                     15000);
        }
    }
    m_spares.stop();
    QString error;
    QVERIFY2(m_world->down(&error), qPrintable(error));
}

void TestAutoReplaceE2e::deadEdgeIsReplacedWithoutUserAction()
{
    QVERIFY(m_world->setLink(s("edge1"), false));
    // Out of DNS first, by the monitor's failover.
    QVERIFY(waitForAnswer(s("a.example.com"), {ip("edge2")}));
    QVERIFY(waitForAnswer(s("b.example.net"), {ip("edge2")}));

    // No command: the provider shows the old server destroyed and a new one
    // running, and the automatic burn ends with the replacement.
    QTRY_VERIFY_WITH_TIMEOUT(m_spares.state(s("edge1")) == s("destroyed") &&
                                 m_spares.state(s("edge3")) == s("running"),
                             120000);
    const auto isDone = [](const QJsonObject &e) {
        return e.value(s("subject")).toString() == s("edge e1") &&
               e.value(s("action")).toString() == s("automatic replacement") &&
               e.value(s("outcome")).toString().startsWith(s("replaced by"));
    };
    QDeadlineTimer deadline(120000);
    QJsonObject done;
    while (done.isEmpty() && !deadline.hasExpired()) {
        done = lastEvent(isDone);
        if (done.isEmpty())
            QThread::msleep(500);
    }
    QVERIFY2(!done.isEmpty(), qPrintable(dumpEvents()));
    QCOMPARE(done.value(s("outcome")).toString(), s("replaced by e1"));
    QCOMPARE(m_spares.state(s("edge2")), s("running"));
    QCOMPARE(m_spares.state(s("edge4")), s("free"));

    // When it was seen down, when the replacement started and why.
    const QJsonObject down = lastEvent([](const QJsonObject &e) {
        return e.value(s("category")).toString() == s("health") &&
               e.value(s("subject")).toString() == s("e1") &&
               e.value(s("action")).toString().endsWith(s("down"));
    });
    QVERIFY2(!down.isEmpty(), qPrintable(dumpEvents()));
    const QJsonObject start = lastEvent([](const QJsonObject &e) {
        return e.value(s("subject")).toString() == s("edge e1") &&
               e.value(s("action")).toString() == s("automatic replacement") &&
               e.value(s("outcome")).toString() ==
                   s("burning and replacing it once its provider answers");
    });
    QVERIFY2(!start.isEmpty(), qPrintable(dumpEvents()));
    QVERIFY2(start.value(s("reason")).toString().startsWith(s("down from every vantage for")),
             qPrintable(start.value(s("reason")).toString()));
    const qint64 waitedMs = eventTime(down).msecsTo(eventTime(start));
    qInfo("seen down %s, replacement started %.1f s later",
          qPrintable(down.value(s("at")).toString()), double(waitedMs) / 1000.0);
    QVERIFY2(waitedMs >= kReplaceAfterS * 1000 - 100, qPrintable(dumpEvents()));
    // Every step of the burn came after that, none before.
    for (const QJsonValue &v : events()) {
        const QJsonObject e = v.toObject();
        if (e.value(s("action")).toString().startsWith(s("burn ")))
            QVERIFY2(eventTime(e) >= eventTime(start), qPrintable(dumpEvents()));
    }

    // The replacement serves both hostnames through its tunnel; DNS holds it.
    QVERIFY(waitUntilServed(*m_world, s("edge3"), s("a.example.com"), "service-a")
                .out.contains("service-a"));
    QVERIFY(waitUntilServed(*m_world, s("edge3"), s("b.example.net"), "service-b")
                .out.contains("service-b"));
    QVERIFY(waitForAnswer(s("a.example.com"), {ip("edge2"), ip("edge3")}));
    QVERIFY(waitForAnswer(s("b.example.net"), {ip("edge2"), ip("edge3")}));

    const QString status = statusText();
    QVERIFY2(status.contains(s("Automatic replacement: on, after 10 s down from every vantage; 1 "
                               "of 3 in the last 24 hours")),
             qPrintable(status));
    QVERIFY2(!status.contains(s("unfinished")), qPrintable(status));
}

void TestAutoReplaceE2e::everyEdgeDownReplacesNothing()
{
    const QJsonArray before = m_spares.servers();
    const QJsonObject lastStart = lastEvent([](const QJsonObject &e) {
        return e.value(s("action")).toString() == s("automatic replacement") &&
               e.value(s("outcome")).toString() ==
                   s("burning and replacing it once its provider answers");
    });
    QVERIFY(m_world->setLink(s("edge2"), false));
    QVERIFY(m_world->setLink(s("edge3"), false));

    const auto isAllDown = [](const QJsonObject &e) {
        return e.value(s("subject")).toString() == s("edges") &&
               e.value(s("action")).toString() == s("automatic replacement") &&
               e.value(s("reason")).toString().startsWith(s("every edge is down"));
    };
    QJsonObject allDown;
    QDeadlineTimer deadline(60000);
    while (allDown.isEmpty() && !deadline.hasExpired()) {
        allDown = lastEvent(isAllDown);
        if (allDown.isEmpty())
            QThread::msleep(500);
    }
    QVERIFY2(!allDown.isEmpty(), qPrintable(dumpEvents()));
    QCOMPARE(allDown.value(s("outcome")).toString(), s("nothing is replaced"));

    // The monitor goes on assessing for well over replace_after_s.
    const qint64 until = eventTime(allDown).toMSecsSinceEpoch() + 2 * kReplaceAfterS * 1000;
    QVERIFY2(waitForMonitorPast(until, 60000), "the monitor stopped writing heartbeats");
    QCOMPARE(m_spares.servers(), before);
    const QJsonObject newest = lastEvent([](const QJsonObject &e) {
        return e.value(s("action")).toString() == s("automatic replacement") &&
               e.value(s("outcome")).toString() ==
                   s("burning and replacing it once its provider answers");
    });
    QCOMPARE(newest, lastStart);

    // DNS was left alone meanwhile (the suspect was our own network).
    QVERIFY(waitForAnswer(s("a.example.com"), {ip("edge2"), ip("edge3")}, 5000));

    // Links back: both edges are judged up again before the next case.
    QVERIFY(m_world->setLink(s("edge2"), true));
    QVERIFY(m_world->setLink(s("edge3"), true));
    QTRY_VERIFY_WITH_TIMEOUT(edgesUp() == QStringList({s("e1"), s("e2")}), 60000);
    QVERIFY(waitForAnswer(s("a.example.com"), {ip("edge2"), ip("edge3")}));
    QVERIFY(waitForAnswer(s("b.example.net"), {ip("edge2"), ip("edge3")}));
    QCOMPARE(m_spares.servers(), before);
}

void TestAutoReplaceE2e::dailyCapHolds()
{
    const auto set = run({s("settings"), s("set"), s("edges.max_replacements_per_day"), s("1")});
    QVERIFY2(set.ok(), qPrintable(set.describe()));
    const QJsonArray before = m_spares.servers();
    QVERIFY(m_world->setLink(s("edge2"), false));
    QVERIFY(waitForAnswer(s("a.example.com"), {ip("edge3")}));
    QVERIFY(waitForAnswer(s("b.example.net"), {ip("edge3")}));

    const auto isCap = [](const QJsonObject &e) {
        return e.value(s("subject")).toString() == s("edge e2") &&
               e.value(s("action")).toString() == s("automatic replacement") &&
               e.value(s("reason")).toString().contains(s("edges.max_replacements_per_day"));
    };
    QJsonObject cap;
    QDeadlineTimer deadline(90000);
    while (cap.isEmpty() && !deadline.hasExpired()) {
        cap = lastEvent(isCap);
        if (cap.isEmpty())
            QThread::msleep(500);
    }
    QVERIFY2(!cap.isEmpty(), qPrintable(dumpEvents()));
    QVERIFY2(cap.value(s("reason")).toString().contains(s("1 automatic replacements in 24 hours")),
             qPrintable(cap.value(s("reason")).toString()));
    QVERIFY2(cap.value(s("outcome")).toString().startsWith(s("not replaced")),
             qPrintable(cap.value(s("outcome")).toString()));
    // Held back at the time a replacement was due, not before.
    const QJsonObject down = lastEvent([](const QJsonObject &e) {
        return e.value(s("category")).toString() == s("health") &&
               e.value(s("subject")).toString() == s("e2") &&
               e.value(s("action")).toString().endsWith(s("down"));
    });
    QVERIFY2(!down.isEmpty(), qPrintable(dumpEvents()));
    QVERIFY2(eventTime(down).msecsTo(eventTime(cap)) >= kReplaceAfterS * 1000 - 100,
             qPrintable(dumpEvents()));
    // The alert reached the monitor's output too.
    QFile log(m_world->hostPath(s("desk"), monitorLog));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QVERIFY2(log.readAll().contains("edges.max_replacements_per_day"), "no alert in the log");

    // It stays down and is not replaced while the monitor goes on.
    const qint64 until = eventTime(cap).toMSecsSinceEpoch() + kReplaceAfterS * 1000;
    QVERIFY2(waitForMonitorPast(until, 60000), "the monitor stopped writing heartbeats");
    QCOMPARE(m_spares.servers(), before);
    QCOMPARE(m_spares.state(s("edge2")), s("running"));
    QCOMPARE(m_spares.state(s("edge4")), s("free"));
    for (const QJsonValue &v : events()) {
        const QJsonObject e = v.toObject();
        QVERIFY2(!(e.value(s("subject")).toString() == s("edge e2") &&
                   e.value(s("action")).toString().startsWith(s("burn"))),
                 qPrintable(dumpEvents()));
    }
    QVERIFY(waitForAnswer(s("a.example.com"), {ip("edge3")}, 5000));
    const QString status = statusText();
    QVERIFY2(status.contains(s("1 of 1 in the last 24 hours")), qPrintable(status));
}

QTEST_GUILESS_MAIN(TestAutoReplaceE2e)
#include "tst_auto_replace_e2e.moc"
