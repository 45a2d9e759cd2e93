// DNS failover in the simulated network with Cloudflare as the zone's
// provider: the Cloudflare API emulator runs inside the world's dns host
// (203.0.113.53:8443) and mirrors every change of its zone into the real
// BIND9 beside it (RFC 2136 + TSIG, before each API reply), so the answers
// `dig` gets from the client are what Kokoa wrote through the API.
// kokoactl and kokoa-watchdog run in desk and reach the API over the world's
// network (plain http to a non-loopback address: KOKOA_ALLOW_NONPUBLIC_ADDRESSES).
#include "KokoaInWorld.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QtTest>

#include <algorithm>

using namespace KokoaInWorld;

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

const QByteArray apiToken = "kokoa-e2e-cloudflare-token-0123456789abcdef";
constexpr int apiPort = 8443;
const char *const requestLog = "/tmp/cf-requests.log";
const char *const emulatorLog = "/tmp/cf-emulator.log";
const char *const ownershipComment = "managed-by: kokoa";

QString apiBase()
{
    return s("http://") + dnsAddress() + s(":%1/client/v4").arg(apiPort);
}

bool isBatch(const QJsonObject &request)
{
    return request.value(s("method")).toString() == s("POST") &&
           request.value(s("path")).toString().endsWith(s("/dns_records/batch"));
}

} // namespace

class TestCloudflareE2e : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void cleanupTestCase();

    void dnsStartsWithEveryEdge();
    void apiHoldsWhatDnsServes();
    void edgeLinkDown();
    void everyCreationIsDnsOnlyAndMarked();
    void foreignRecordIsNeverTouched();

private:
    // Polls dig until the answer equals `expected`; returns the seconds it took, or -1.
    double waitForAnswer(const QString &hostname, const QSet<QString> &expected,
                         int timeoutMs = 60000);
    QSet<QString> both() const { return {ip("edge1"), ip("edge2")}; }
    QString ip(const char *edge) const { return m_world->address(s(edge)); }
    // GET on the emulator's API from desk, as Kokoa sees it.
    QJsonObject api(const QString &pathAndQuery, const QByteArray &postBody = {});
    QString zoneId();
    QList<QJsonObject> requests();

    std::unique_ptr<NetWorld> m_world;
    bool m_failed = false;
};

double TestCloudflareE2e::waitForAnswer(const QString &hostname, const QSet<QString> &expected,
                                        int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (digA(*m_world, hostname) == expected)
            return double(clock.elapsed()) / 1000.0;
        QThread::msleep(100);
    }
    qWarning() << hostname << "answer" << digA(*m_world, hostname) << "expected" << expected;
    return -1;
}

QJsonObject TestCloudflareE2e::api(const QString &pathAndQuery, const QByteArray &postBody)
{
    QStringList args{s("curl"),      s("-sS"),
                     s("--noproxy"), s("*"),
                     s("-m"),        s("5"),
                     s("-H"),        s("Authorization: Bearer ") + QString::fromLatin1(apiToken)};
    if (!postBody.isEmpty())
        args += {s("-H"), s("Content-Type: application/json"), s("--data-binary"), s("@-")};
    const auto r = m_world->exec(s("desk"), args + QStringList{apiBase() + pathAndQuery}, postBody);
    return QJsonDocument::fromJson(r.out).object();
}

QString TestCloudflareE2e::zoneId()
{
    const QJsonArray zones = api(s("/zones?name=example.com")).value(s("result")).toArray();
    return zones.size() == 1 ? zones.at(0).toObject().value(s("id")).toString() : QString();
}

QList<QJsonObject> TestCloudflareE2e::requests()
{
    QFile f(m_world->hostPath(s("dns"), s(requestLog)));
    QList<QJsonObject> out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (!line.trimmed().isEmpty())
            out.append(QJsonDocument::fromJson(line).object());
    }
    return out;
}

void TestCloudflareE2e::initTestCase()
{
    QString why;
    m_world = NetWorld::create(&why, 2);
    if (!m_world)
        QSKIP(qPrintable(why));
    m_failed = true; // until the end of initTestCase
    QElapsedTimer clock;
    clock.start();

    // BIND for example.com on the dns host, and the emulator beside it.
    QByteArray tsig;
    const QString dnsError = startAuthoritativeDns(*m_world, {s("example.com")}, &tsig);
    QVERIFY2(dnsError.isEmpty(), qPrintable(dnsError));
    const QString started =
        startCloudflareEmulator(*m_world, s(KOKOA_E2E_CLOUDFLARE_EMULATOR), apiPort, apiToken, tsig,
                                {s("--request-log"), s(requestLog)}, s(emulatorLog));
    QVERIFY2(started.isEmpty(), qPrintable(started));
    QDeadlineTimer listening(20000);
    bool up = false;
    while (!listening.hasExpired() && !up) {
        up = api(s("/user/tokens/verify"))
                 .value(s("result"))
                 .toObject()
                 .value(s("status"))
                 .toString() == s("active");
        if (!up)
            QThread::msleep(100);
    }
    QVERIFY2(up, m_world->exec(s("dns"), {s("cat"), s(emulatorLog)}).out.constData());
    qInfo("BIND and the Cloudflare emulator ready after %.1f s", double(clock.elapsed()) / 1000.0);

    // Kokoa: hosts, the zone on "Cloudflare", one route, deployed.
    const QString error = initAndAddHosts(*m_world);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(writePrivateHostFile(*m_world, s("desk"), s("/tmp/cf.token"), apiToken + '\n'));
    for (const QStringList &command :
         {QStringList{s("zone"), s("add"), s("example.com"), s("--provider"), s("cloudflare"),
                      s("--token-file"), s("/tmp/cf.token"), s("--api-base"), apiBase()},
          QStringList{s("route"), s("add"), s("a.example.com"), s("--origin"), s("home"),
                      s("--port"), s("8081")},
          // Recovery = rise x interval + hold-down; a short hold-down keeps the test quick.
          QStringList{s("settings"), s("set"), s("health.hold_down_s"), s("2")}}) {
        const auto r = kokoactl(*m_world, command);
        QVERIFY2(r.ok(), qPrintable(command.join(u' ') + s(": ") + r.describe()));
    }
    const auto deploy = kokoactl(*m_world, {s("deploy"), s("--all")});
    QVERIFY2(deploy.ok(), qPrintable(deploy.describe()));
    for (const QString &edge : m_world->edges())
        QVERIFY(waitUntilServed(*m_world, edge, s("a.example.com"), "service-a")
                    .out.contains("service-a"));
    const auto sync = kokoactl(*m_world, {s("dns"), s("sync")});
    QVERIFY2(sync.ok(), qPrintable(sync.describe() + QString::fromUtf8(sync.out)));
    qInfo("deployed and synced after %.1f s", double(clock.elapsed()) / 1000.0);

    // The watchdog acts on DNS alone.
    const QString watchdogStarted =
        startInDesk(*m_world, "kokoa-watchdog", {}, s("/tmp/watchdog.log"));
    QVERIFY2(watchdogStarted.isEmpty(), qPrintable(watchdogStarted));
    const QString holder = waitForLeaseHolder(*m_world, s("watchdog:"));
    QVERIFY2(holder.startsWith(s("watchdog:")), qPrintable(holder));
    m_failed = false;
}

void TestCloudflareE2e::cleanup()
{
    if (QTest::currentTestFailed())
        m_failed = true;
}

void TestCloudflareE2e::cleanupTestCase()
{
    if (!m_world)
        return;
    if (m_failed || QTest::currentTestFailed()) {
        QFile requestFile(m_world->hostPath(s("dns"), s(requestLog)));
        if (requestFile.open(QIODevice::ReadOnly))
            qWarning().noquote() << "Cloudflare API requests:\n" << requestFile.readAll();
        qWarning().noquote() << "watchdog log:\n"
                             << m_world->exec(s("desk"), {s("cat"), s("/tmp/watchdog.log")}).out;
        qWarning().noquote() << "emulator log:\n"
                             << m_world->exec(s("dns"), {s("cat"), s(emulatorLog)}).out;
    }
    QString error;
    QVERIFY2(m_world->down(&error), qPrintable(error));
}

void TestCloudflareE2e::dnsStartsWithEveryEdge()
{
    const double t = waitForAnswer(s("a.example.com"), both(), 20000);
    QVERIFY2(t >= 0, "BIND does not serve both edges");
}

void TestCloudflareE2e::apiHoldsWhatDnsServes()
{
    const QString zone = zoneId();
    QVERIFY(!zone.isEmpty());
    const QJsonArray records =
        api(s("/zones/") + zone + s("/dns_records?type=A&name=a.example.com"))
            .value(s("result"))
            .toArray();
    QSet<QString> contents;
    for (const QJsonValue &v : records) {
        const QJsonObject o = v.toObject();
        QCOMPARE(o.value(s("proxied")).toBool(true), false);
        QVERIFY2(o.value(s("comment")).toString().startsWith(s(ownershipComment) + s("; owner=")),
                 qPrintable(o.value(s("comment")).toString()));
        contents.insert(o.value(s("content")).toString());
    }
    QCOMPARE(contents, both());
    QCOMPARE(digA(*m_world, s("a.example.com")), contents);
}

void TestCloudflareE2e::edgeLinkDown()
{
    const qsizetype before = requests().size();
    QVERIFY(m_world->setLink(s("edge2"), false));
    const double gone = waitForAnswer(s("a.example.com"), {ip("edge1")});
    QVERIFY2(gone >= 0, "edge2 was not removed");
    qInfo("edge link down: record gone after %.1f s", gone);
    // Removed through the API (a DELETE), not behind its back. The emulator
    // mirrors before it replies and logs after, so the line may lag dig.
    bool deleted = false;
    QDeadlineTimer logged(5000);
    while (!deleted && !logged.hasExpired()) {
        const QList<QJsonObject> log = requests();
        for (qsizetype i = before; i < log.size(); ++i) {
            // A DELETE, or (the monitor) a batch whose deletes remove it.
            const QJsonObject &r = log.at(i);
            const bool ok = r.value(s("status")).toInt() == 200;
            if (ok && r.value(s("method")).toString() == s("DELETE"))
                deleted = true;
            if (ok && isBatch(r) &&
                !r.value(s("body")).toObject().value(s("deletes")).toArray().isEmpty())
                deleted = true;
        }
        if (!deleted)
            QThread::msleep(50);
    }
    QVERIFY(deleted);

    QVERIFY(m_world->setLink(s("edge2"), true));
    const double back = waitForAnswer(s("a.example.com"), both());
    QVERIFY2(back >= 0, "edge2 did not come back");
    qInfo("edge link restored: record back after %.1f s", back);
}

void TestCloudflareE2e::everyCreationIsDnsOnlyAndMarked()
{
    // Both edges at first, edge2 again after it came back (the last log
    // line may trail the mirror by a moment).
    QList<QJsonObject> log;
    QDeadlineTimer logged(5000);
    // A creation is a POST of one record, or (the monitor) an item of a
    // batch's posts.
    auto createdBy = [](const QJsonObject &r) {
        QList<QJsonObject> out;
        if (r.value(s("method")).toString() != s("POST"))
            return out;
        if (!isBatch(r)) {
            out.append(r.value(s("body")).toObject());
            return out;
        }
        for (const QJsonValue &v : r.value(s("body")).toObject().value(s("posts")).toArray())
            out.append(v.toObject());
        return out;
    };
    auto posts = [&] {
        qsizetype n = 0;
        for (const QJsonObject &r : std::as_const(log))
            n += createdBy(r).size();
        return n;
    };
    for (log = requests(); posts() < 3 && !logged.hasExpired(); log = requests())
        QThread::msleep(50);
    int creations = 0;
    for (const QJsonObject &r : std::as_const(log)) {
        QVERIFY2(r.value(s("authorized")).toBool(), qPrintable(r.value(s("path")).toString()));
        if (r.value(s("method")).toString() != s("POST"))
            continue;
        QVERIFY2(r.value(s("path")).toString().endsWith(s("/dns_records")) || isBatch(r),
                 qPrintable(r.value(s("path")).toString()));
        for (const QJsonObject &body : createdBy(r)) {
            const QByteArray shown = QJsonDocument(body).toJson(QJsonDocument::Compact);
            QVERIFY2(body.contains(s("proxied")) && !body.value(s("proxied")).toBool(true),
                     shown.constData());
            QVERIFY2(
                body.value(s("comment")).toString().startsWith(s(ownershipComment) + s("; owner=")),
                shown.constData());
            ++creations;
        }
    }
    QVERIFY2(creations >= 3, qPrintable(QString::number(creations)));
}

void TestCloudflareE2e::foreignRecordIsNeverTouched()
{
    // Someone else's record at the same name (no Kokoa comment), made
    // through the API like any other: mirrored, served, never removed.
    const QString zone = zoneId();
    QVERIFY(!zone.isEmpty());
    const QString foreign = s("198.51.100.7");
    const QJsonObject created = api(s("/zones/") + zone + s("/dns_records"),
                                    QJsonDocument(QJsonObject{{s("type"), s("A")},
                                                              {s("name"), s("a.example.com")},
                                                              {s("content"), foreign},
                                                              {s("ttl"), 60},
                                                              {s("proxied"), false}})
                                        .toJson(QJsonDocument::Compact));
    QVERIFY2(created.value(s("success")).toBool(), QJsonDocument(created).toJson().constData());
    const QString foreignId = created.value(s("result")).toObject().value(s("id")).toString();
    QVERIFY(!foreignId.isEmpty());
    QSet<QString> all = both();
    all.insert(foreign);
    QVERIFY(waitForAnswer(s("a.example.com"), all, 10000) >= 0);

    const auto sync = kokoactl(*m_world, {s("dns"), s("sync")});
    QVERIFY2(sync.ok(), qPrintable(sync.describe() + QString::fromUtf8(sync.out)));
    // An edge failure takes only that edge's record; the foreign one stays.
    QVERIFY(m_world->setLink(s("edge1"), false));
    QVERIFY(waitForAnswer(s("a.example.com"), {ip("edge2"), foreign}) >= 0);
    QVERIFY(m_world->setLink(s("edge1"), true));
    QVERIFY(waitForAnswer(s("a.example.com"), all) >= 0);
    for (const QJsonObject &r : requests()) {
        if (r.value(s("method")).toString() != s("GET")) {
            QVERIFY2(!r.value(s("path")).toString().endsWith(foreignId),
                     qPrintable(r.value(s("path")).toString()));
            // Nor any item of a batch (deletes, patches, puts name ids).
            const QByteArray body =
                QJsonDocument(r.value(s("body")).toObject()).toJson(QJsonDocument::Compact);
            QVERIFY2(!body.contains(foreignId.toLatin1()), body.constData());
        }
    }
}

QTEST_GUILESS_MAIN(TestCloudflareE2e)
#include "tst_cloudflare_e2e.moc"
