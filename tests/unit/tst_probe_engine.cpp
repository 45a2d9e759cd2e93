// ProbeEngine (epoll + OpenSSL) against local, scriptable edges on loopback:
// outcome per status, refused,
// timeouts, 1-byte pieces, chunked bodies, keep-alive reuse and reconnection,
// TLS with SNI, IPv6) plus many targets in one engine.
#include "FakeEdgeServer.h"
#include "health/ProbeEngine.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace kokoa;
using kokoa::test::FakeEdgeServer;
using TargetId = ProbeEngine::TargetId;

namespace {

constexpr int probeTimeoutMs = 3000;
const QString probeHost = QStringLiteral("app.example.test");

ProbeEngine::HttpTarget target(const FakeEdgeServer &server, bool tls = false,
                               const QString &path = QStringLiteral("/"))
{
    return {server.serverAddress(), server.serverPort(), tls, probeHost, path};
}

// Results per target id, in order.
class Results final
{
public:
    explicit Results(ProbeEngine &engine)
    {
        QObject::connect(
            &engine, &ProbeEngine::finished, &m_context,
            [this](int id, const ProbeResult &result) { m_results[id].append(result); });
    }
    const QList<ProbeResult> &of(TargetId id) { return m_results[id]; }
    qsizetype count(TargetId id) const { return m_results.value(id).size(); }
    qsizetype total() const
    {
        qsizetype n = 0;
        for (const auto &list : m_results)
            n += list.size();
        return n;
    }

private:
    QObject m_context;
    QHash<int, QList<ProbeResult>> m_results;
};

const ProbeResult noResult{ProbeResult::Outcome::Unreachable, -1, -1,
                           QStringLiteral("<no result>")};

// Runs one probe and returns its only result. Waits in a real event loop
// (QSignalSpy::wait), not in QTest::qWaitFor's 10 ms sleeps.
ProbeResult runProbe(ProbeEngine &engine, TargetId id, int timeoutMs = probeTimeoutMs)
{
    QSignalSpy spy(&engine, &ProbeEngine::finished);
    engine.probe(id, timeoutMs);
    QDeadlineTimer deadline(timeoutMs + 2000);
    for (;;) {
        for (const QList<QVariant> &args : std::as_const(spy)) {
            if (args.at(0).toInt() == id)
                return args.at(1).value<ProbeResult>();
        }
        if (deadline.hasExpired() || !spy.wait(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
    }
    qWarning("probe did not finish");
    return noResult;
}

// Sockets of this host in TIME_WAIT towards `port` on IPv4 (/proc/net/tcp).
int timeWaitTowards(quint16 port)
{
    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return -1;
    int count = 0;
    const QList<QByteArray> lines = table.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        // "sl local_address rem_address st …", addresses as HEXIP:HEXPORT
        const QList<QByteArray> fields = lines.at(i).simplified().split(' ');
        if (fields.size() < 4)
            continue;
        const QByteArray &remote = fields.at(2);
        bool ok = false;
        const uint remotePort = remote.mid(remote.indexOf(':') + 1).toUInt(&ok, 16);
        if (ok && remotePort == port && fields.at(3) == "06")
            ++count;
    }
    return count;
}

quint16 unusedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort(); // closed when server goes out of scope
}

const char *outcomeName(ProbeResult::Outcome outcome)
{
    switch (outcome) {
    case ProbeResult::Outcome::Serving:
        return "Serving";
    case ProbeResult::Outcome::OriginError:
        return "OriginError";
    case ProbeResult::Outcome::Unreachable:
        return "Unreachable";
    }
    return "?";
}

} // namespace

#define COMPARE_OUTCOME(result, expected)                                                          \
    do {                                                                                           \
        const ProbeResult r_ = (result);                                                           \
        QVERIFY2(r_.outcome == (expected),                                                         \
                 qPrintable(QStringLiteral("got %1 (%2), expected %3")                             \
                                .arg(QLatin1String(outcomeName(r_.outcome)), r_.detail,            \
                                     QLatin1String(outcomeName(expected)))));                      \
    } while (false)

class TestProbeEngine final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void statusOutcome_data();
    void statusOutcome();
    void requestIsWellFormed();
    void connectionRefused();
    void timeoutWhenEdgeNeverAnswers();
    void shorterTimeoutAfterLongerOne();
    void oneBytePieces();
    void chunkedBody();
    void keepAliveReuse();
    void resultsCollectedOnDemand();
    void serverClosesAfterEachResponse_data();
    void serverClosesAfterEachResponse();
    void idleConnectionClosedByEdge();
    void bodyUntilClose();
    void malformedResponse();
    void ipv6Loopback();
    void probeWhileRunning();
    void removeWhileRunning();
    void manyTargets();

    void tlsWithSni();
    void tlsHandshakeFailure();
    void manyTlsTargets();

    void tcpProbe();
    void silenceIsReportedOnlyWithoutSignOfLife();
    void lateCollectionIsNoSilence();

private:
    bool makeTlsServer(FakeEdgeServer &server);

    QTemporaryDir m_dir;
    QSslCertificate m_cert;
    QSslKey m_key;
};

void TestProbeEngine::initTestCase()
{
    qRegisterMetaType<ProbeResult>();
    QVERIFY(m_dir.isValid());
    if (!QSslSocket::supportsSsl())
        return;
    const QString keyPath = m_dir.filePath(QStringLiteral("key.pem"));
    const QString certPath = m_dir.filePath(QStringLiteral("cert.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath,
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=") + probeHost, QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=DNS:") + probeHost});
    if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
        return; // TLS tests skip
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    m_cert = QSslCertificate(&certFile, QSsl::Pem);
    m_key = QSslKey(&keyFile, QSsl::Ec, QSsl::Pem);
    QVERIFY(!m_cert.isNull());
    QVERIFY(!m_key.isNull());
}

bool TestProbeEngine::makeTlsServer(FakeEdgeServer &server)
{
    server.tls = true;
    server.certificate = m_cert;
    server.privateKey = m_key;
    return server.start();
}

void TestProbeEngine::statusOutcome_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<ProbeResult::Outcome>("outcome");
    QTest::newRow("200") << 200 << ProbeResult::Outcome::Serving;
    QTest::newRow("404") << 404 << ProbeResult::Outcome::Serving;
    QTest::newRow("500") << 500 << ProbeResult::Outcome::Serving;
    QTest::newRow("502") << 502 << ProbeResult::Outcome::OriginError;
    QTest::newRow("503") << 503 << ProbeResult::Outcome::OriginError;
    QTest::newRow("504") << 504 << ProbeResult::Outcome::OriginError;
}

void TestProbeEngine::statusOutcome()
{
    QFETCH(int, status);
    QFETCH(ProbeResult::Outcome, outcome);
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.response = FakeEdgeServer::httpResponse(status, "body of the answer");
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server));
    const ProbeResult result = runProbe(engine, id);
    COMPARE_OUTCOME(result, outcome);
    QCOMPARE(result.httpStatus, status);
    QCOMPARE(result.detail, QStringLiteral("HTTP %1").arg(status));
    QVERIFY(result.latencyMs >= 0 && result.latencyMs < probeTimeoutMs);
    QVERIFY(engine.isConnected(id)); // kept alive for the next probe
}

void TestProbeEngine::requestIsWellFormed()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server, false, QStringLiteral("/health check?x=1")));
    COMPARE_OUTCOME(runProbe(engine, id), ProbeResult::Outcome::Serving);
    QCOMPARE(server.requestHeads.size(), 1);
    QCOMPARE(server.requestHeads.first(),
             QByteArray("GET /health%20check?x=1 HTTP/1.1\r\nHost: app.example.test\r\n"
                        "User-Agent: kokoa-health\r\nConnection: keep-alive\r\n\r\n"));
}

void TestProbeEngine::connectionRefused()
{
    const quint16 port = unusedPort();
    QVERIFY(port != 0);
    ProbeEngine engine;
    const TargetId id =
        engine.addHttp({QHostAddress::LocalHost, port, false, probeHost, QStringLiteral("/")});
    QSignalSpy spy(&engine, &ProbeEngine::finished);
    engine.probe(id, probeTimeoutMs);
    QCOMPARE(spy.size(), 0); // never from inside probe()
    QVERIFY(spy.wait(probeTimeoutMs));
    QCOMPARE(spy.at(0).at(0).toInt(), id);
    const auto result = spy.at(0).at(1).value<ProbeResult>();
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Unreachable);
    QCOMPARE(result.httpStatus, 0);
    QCOMPARE(result.detail, QStringLiteral("connection refused"));
    QVERIFY(result.latencyMs < 1000);
    QVERIFY(!engine.isRunning(id));
}

void TestProbeEngine::timeoutWhenEdgeNeverAnswers()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.silent = true;
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server));
    constexpr int timeoutMs = 300;
    QElapsedTimer clock;
    clock.start();
    QSignalSpy spy(&engine, &ProbeEngine::finished);
    engine.probe(id, timeoutMs);
    QVERIFY(spy.wait(timeoutMs + 1000));
    const qint64 took = clock.elapsed();
    const auto result = spy.at(0).at(1).value<ProbeResult>();
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Unreachable);
    QCOMPARE(result.detail, QStringLiteral("timeout after 300 ms (waiting for the response)"));
    QVERIFY2(took >= timeoutMs - 5 && took < timeoutMs + 400, qPrintable(QString::number(took)));
    QCOMPARE(server.requests, 1);
    QVERIFY(!engine.isConnected(id)); // reset: the next probe uses a new connection
    server.silent = false;
    COMPARE_OUTCOME(runProbe(engine, id), ProbeResult::Outcome::Serving);
    QCOMPARE(server.connections, 2);
    QTest::qWait(50);
    QCOMPARE(spy.size(), 2); // no late second result for the first probe
}

// One timer serves every deadline: a short timeout started after a long one
// still fires on time, and the long one still fires.
void TestProbeEngine::shorterTimeoutAfterLongerOne()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.silent = true;
    ProbeEngine engine;
    const TargetId slow = engine.addHttp(target(server));
    const TargetId quick = engine.addHttp(target(server));
    const TargetId tcp = engine.addTcp(QHostAddress::LocalHost, server.serverPort());
    QHash<int, qint64> took;
    QElapsedTimer clock;
    QObject context;
    connect(&engine, &ProbeEngine::finished, &context, [&](int id, const ProbeResult &r) {
        QVERIFY(!took.contains(id));
        took.insert(id, clock.elapsed());
        if (id != tcp)
            QVERIFY2(r.detail.startsWith(QStringLiteral("timeout after ")), qPrintable(r.detail));
        // A removal from inside the handler is safe.
        if (id == quick)
            engine.remove(quick);
    });
    clock.start();
    engine.probe(slow, 1200);
    engine.probe(tcp, 1200);
    engine.probe(quick, 200);
    QTRY_VERIFY_WITH_TIMEOUT(took.contains(quick), 2000);
    QVERIFY2(took.value(quick) >= 195 && took.value(quick) < 600,
             qPrintable(QString::number(took.value(quick))));
    QVERIFY(!took.contains(slow));
    QTRY_VERIFY_WITH_TIMEOUT(took.contains(slow), 3000);
    QVERIFY2(took.value(slow) >= 1195 && took.value(slow) < 1600,
             qPrintable(QString::number(took.value(slow))));
    QVERIFY(took.value(tcp) < 1000); // connected, not timed out
    QCOMPARE(took.size(), 3);
}

void TestProbeEngine::oneBytePieces()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.byteDelayMs = 1;
    server.response = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 7\r\n"
                      "Connection: keep-alive\r\n\r\nno dice";
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server));
    for (int i = 0; i < 2; ++i) {
        const auto result = runProbe(engine, id, 10000);
        COMPARE_OUTCOME(result, ProbeResult::Outcome::OriginError);
        QCOMPARE(result.httpStatus, 503);
    }
    QCOMPARE(server.connections, 1); // the body was consumed: connection reusable
}

void TestProbeEngine::chunkedBody()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "4\r\nWiki\r\n5;name=v\r\npedia\r\n0\r\nTrailer: x\r\n\r\n";
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server));
    for (int i = 0; i < 3; ++i) {
        const auto result = runProbe(engine, id);
        COMPARE_OUTCOME(result, ProbeResult::Outcome::Serving);
        QCOMPARE(result.httpStatus, 200);
    }
    QCOMPARE(server.connections, 1);
    QCOMPARE(server.requests, 3);
}

void TestProbeEngine::keepAliveReuse()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.response = FakeEdgeServer::httpResponse(200, QByteArray(40000, 'x')); // > one read
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server));
    for (int i = 0; i < 20; ++i)
        COMPARE_OUTCOME(runProbe(engine, id), ProbeResult::Outcome::Serving);
    QCOMPARE(server.requests, 20);
    QCOMPARE(server.connections, 1);
    QCOMPARE(engine.connectionsOpened(id), 1);
}

// The monitor's wheel collects results at each turn instead of being woken
// for each. An answer waits for collect(); one that came in before the
// probe's deadline is still a result when nobody collected it, never a
// timeout.
void TestProbeEngine::resultsCollectedOnDemand()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    ProbeEngine engine;
    engine.collectOnDemand();
    const TargetId id = engine.addHttp(target(server));
    QSignalSpy spy(&engine, &ProbeEngine::finished);
    engine.probe(id, probeTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT((engine.collect(), !spy.isEmpty()), probeTimeoutMs);
    COMPARE_OUTCOME(spy.takeFirst().at(1).value<ProbeResult>(), ProbeResult::Outcome::Serving);
    QVERIFY(engine.isConnected(id));

    // Kept alive: the request goes out at once and the edge answers, but
    // nothing collects until the deadline.
    constexpr int deadlineMs = 400;
    engine.probe(id, deadlineMs);
    QTRY_COMPARE_WITH_TIMEOUT(server.requests, 2, deadlineMs);
    QVERIFY(spy.wait(deadlineMs + 2000));
    const ProbeResult result = spy.takeFirst().at(1).value<ProbeResult>();
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Serving);
    QCOMPARE(result.httpStatus, 200);
    QVERIFY2(result.latencyMs >= deadlineMs - 50, qPrintable(QString::number(result.latencyMs)));
    QCOMPARE(server.connections, 1);
}

void TestProbeEngine::serverClosesAfterEachResponse_data()
{
    QTest::addColumn<bool>("announced");
    QTest::newRow("Connection: close") << true;
    QTest::newRow("silent close") << false;
}

void TestProbeEngine::serverClosesAfterEachResponse()
{
    QFETCH(bool, announced);
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.closeAfterResponse = true;
    server.response =
        FakeEdgeServer::httpResponse(200, "ok", announced ? "Connection: close\r\n" : "");
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server));
    for (int i = 0; i < 5; ++i) {
        const auto result = runProbe(engine, id);
        COMPARE_OUTCOME(result, ProbeResult::Outcome::Serving);
        QCOMPARE(result.httpStatus, 200);
        if (announced)
            QVERIFY(!engine.isConnected(id));
    }
    QCOMPARE(server.requests, 5);
    QCOMPARE(server.connections, 5);
}

void TestProbeEngine::idleConnectionClosedByEdge()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.closeIdleAfterResponse = true;
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server));
    COMPARE_OUTCOME(runProbe(engine, id), ProbeResult::Outcome::Serving);
    QTRY_VERIFY(!engine.isConnected(id));
    COMPARE_OUTCOME(runProbe(engine, id), ProbeResult::Outcome::Serving);
    QCOMPARE(server.connections, 2);

    // Closed just as the next request goes out: hidden by one retry.
    server.closeIdleAfterResponse = false;
    COMPARE_OUTCOME(runProbe(engine, id), ProbeResult::Outcome::Serving);
    QCOMPARE(server.connections, 2);
    const auto sockets = server.findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets)
        socket->abort(); // the edge drops it; the engine has not noticed yet
    QVERIFY(engine.isConnected(id));
    Results results(engine);
    engine.probe(id, probeTimeoutMs);
    QTRY_COMPARE(results.count(id), 1);
    COMPARE_OUTCOME(results.of(id).first(), ProbeResult::Outcome::Serving);
    QCOMPARE(server.connections, 3);
    QCOMPARE(engine.connectionsOpened(id), 3);
}

void TestProbeEngine::bodyUntilClose()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.response = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\nnot here";
    server.closeAfterResponse = true;
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server));
    for (int i = 0; i < 2; ++i) {
        const auto result = runProbe(engine, id);
        COMPARE_OUTCOME(result, ProbeResult::Outcome::Serving);
        QCOMPARE(result.httpStatus, 404);
    }
    QCOMPARE(server.connections, 2);

    // Until-close but the edge never closes: the status still counts.
    server.closeAfterResponse = false;
    const auto slow = runProbe(engine, id, 300);
    COMPARE_OUTCOME(slow, ProbeResult::Outcome::Serving);
    QCOMPARE(slow.detail, QStringLiteral("HTTP 404 (body incomplete after 300 ms)"));
    QVERIFY(!engine.isConnected(id));
}

void TestProbeEngine::malformedResponse()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.response = "SSH-2.0-OpenSSH_9.2p1\r\n";
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server));
    const auto result = runProbe(engine, id);
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Unreachable);
    QVERIFY2(result.detail.startsWith(QStringLiteral("invalid HTTP response")),
             qPrintable(result.detail));
    QVERIFY(!engine.isConnected(id));

    // Extra bytes after a complete response: answer counts, connection dropped.
    server.response = FakeEdgeServer::httpResponse(200) + "garbage";
    COMPARE_OUTCOME(runProbe(engine, id), ProbeResult::Outcome::Serving);
    QVERIFY(!engine.isConnected(id));
}

void TestProbeEngine::ipv6Loopback()
{
    FakeEdgeServer server;
    if (!server.start(QHostAddress::LocalHostIPv6))
        QSKIP("no IPv6 loopback here");
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server));
    COMPARE_OUTCOME(runProbe(engine, id), ProbeResult::Outcome::Serving);
    QCOMPARE(server.requestHeads.size(), 1);
    const TargetId tcp = engine.addTcp(QHostAddress::LocalHostIPv6, server.serverPort());
    COMPARE_OUTCOME(runProbe(engine, tcp), ProbeResult::Outcome::Serving);
}

void TestProbeEngine::probeWhileRunning()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.responseDelayMs = 200;
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server));
    Results results(engine);
    engine.probe(id, probeTimeoutMs);
    QVERIFY(engine.isRunning(id));
    engine.probe(id, probeTimeoutMs);
    engine.probe(id, 10); // must not shorten the running probe either
    QTRY_COMPARE(results.count(id), 1);
    QTest::qWait(300);
    QCOMPARE(results.count(id), 1);
    COMPARE_OUTCOME(results.of(id).first(), ProbeResult::Outcome::Serving);
    QCOMPARE(server.requests, 1);

    // A new probe straight from the finished() handler works.
    int chained = 0;
    QObject context;
    connect(&engine, &ProbeEngine::finished, &context, [&](int, const ProbeResult &) {
        if (++chained < 3)
            engine.probe(id, probeTimeoutMs);
    });
    server.responseDelayMs = 0;
    engine.probe(id, probeTimeoutMs);
    QTRY_COMPARE(chained, 3);
    QTest::qWait(50);
    QCOMPARE(chained, 3);
    QCOMPARE(server.requests, 4);
    QCOMPARE(server.connections, 1);
}

void TestProbeEngine::removeWhileRunning()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.silent = true;
    ProbeEngine engine;
    Results results(engine);
    const TargetId gone = engine.addHttp(target(server));
    const TargetId kept = engine.addHttp(target(server));
    engine.probe(gone, 200);
    engine.probe(kept, 200);
    QTRY_COMPARE(server.requests, 2);
    engine.remove(gone);
    QVERIFY(!engine.isRunning(gone));
    QTRY_COMPARE(results.count(kept), 1); // the timeout still works for the others
    QTest::qWait(100);
    QCOMPARE(results.count(gone), 0);
    QCOMPARE(engine.targetCount(), 1);
    engine.probe(gone, 100); // ignored
    QVERIFY(!engine.isRunning(gone));

    // Deleting the engine with a probe running: nothing fires afterwards.
    auto doomed = std::make_unique<ProbeEngine>();
    doomed->probe(doomed->addHttp(target(server)), 100);
    QTRY_COMPARE(server.requests, 3);
    doomed.reset();
    QTest::qWait(200);
}

// 200 targets on 4 edges, all probed at once, then again on the same
// connections.
void TestProbeEngine::manyTargets()
{
    constexpr int edges = 4;
    constexpr int perEdge = 50;
    std::vector<std::unique_ptr<FakeEdgeServer>> servers;
    ProbeEngine engine;
    Results results(engine);
    QList<TargetId> ids;
    for (int e = 0; e < edges; ++e) {
        servers.push_back(std::make_unique<FakeEdgeServer>());
        QVERIFY(servers.back()->start());
        servers.back()->response = FakeEdgeServer::httpResponse(e == 0 ? 502 : 200);
        for (int h = 0; h < perEdge; ++h) {
            ProbeEngine::HttpTarget t = target(*servers.back());
            t.hostname = QStringLiteral("h%1.e%2.example.test").arg(h).arg(e);
            ids.append(engine.addHttp(t));
        }
        ids.append(engine.addTcp(servers.back()->serverAddress(), servers.back()->serverPort()));
    }
    for (int round = 1; round <= 2; ++round) {
        for (TargetId id : std::as_const(ids))
            engine.probe(id, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(results.total(), round * ids.size(), 10000);
    }
    for (int e = 0; e < edges; ++e) {
        for (int h = 0; h < perEdge; ++h) {
            const TargetId id = ids.at(e * (perEdge + 1) + h);
            QCOMPARE(results.count(id), 2);
            for (const ProbeResult &r : results.of(id))
                COMPARE_OUTCOME(r, e == 0 ? ProbeResult::Outcome::OriginError
                                          : ProbeResult::Outcome::Serving);
            QCOMPARE(engine.connectionsOpened(id), 1);
        }
        const TargetId tcp = ids.at(e * (perEdge + 1) + perEdge);
        QCOMPARE(results.count(tcp), 2);
        COMPARE_OUTCOME(results.of(tcp).last(), ProbeResult::Outcome::Serving);
        QCOMPARE(servers[size_t(e)]->requests, 2 * perEdge);
    }
}

void TestProbeEngine::tlsWithSni()
{
    if (m_cert.isNull())
        QFAIL("no TLS support or no openssl CLI to make a certificate; installer/install-deps.sh "
              "installs openssl");
    FakeEdgeServer server;
    QVERIFY(makeTlsServer(server));
    server.response = FakeEdgeServer::httpResponse(502);

    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server, true));
    QCOMPARE(server.serverAddress(), QHostAddress(QHostAddress::LocalHost));
    for (int i = 0; i < 5; ++i) {
        const auto result = runProbe(engine, id);
        COMPARE_OUTCOME(result, ProbeResult::Outcome::OriginError);
        QCOMPARE(result.httpStatus, 502);
        // Self-signed: noted, not failed.
        QVERIFY2(result.detail.startsWith(QStringLiteral("HTTP 502; certificate not trusted: ")),
                 qPrintable(result.detail));
    }
    QCOMPARE(server.sniNames, QStringList{probeHost}); // one handshake, SNI = hostname
    QCOMPARE(server.connections, 1);
    QCOMPARE(server.requests, 5);
    QVERIFY(server.requestHeads.first().contains("\r\nHost: app.example.test\r\n"));
}

void TestProbeEngine::tlsHandshakeFailure()
{
    FakeEdgeServer server; // a plain-text service where TLS is expected
    QVERIFY(server.start());
    server.greeting = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n";
    server.silent = true;
    ProbeEngine engine;
    const TargetId id = engine.addHttp(target(server, true));
    const auto result = runProbe(engine, id, 2000);
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Unreachable);
    QVERIFY2(result.detail.startsWith(QStringLiteral("TLS handshake failed: ")),
             qPrintable(result.detail));
    QVERIFY(result.latencyMs < 1000); // failed, not timed out
}

void TestProbeEngine::manyTlsTargets()
{
    if (m_cert.isNull())
        QFAIL("no TLS support or no openssl CLI to make a certificate; installer/install-deps.sh "
              "installs openssl");
    FakeEdgeServer server;
    QVERIFY(makeTlsServer(server));
    ProbeEngine engine;
    Results results(engine);
    QList<TargetId> ids;
    for (int i = 0; i < 30; ++i)
        ids.append(engine.addHttp(target(server, true)));
    for (int round = 1; round <= 2; ++round) {
        for (TargetId id : std::as_const(ids))
            engine.probe(id, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(results.total(), round * ids.size(), 15000);
    }
    for (TargetId id : std::as_const(ids)) {
        for (const ProbeResult &r : results.of(id))
            COMPARE_OUTCOME(r, ProbeResult::Outcome::Serving);
    }
    QCOMPARE(server.connections, 30);
    QCOMPARE(server.requests, 60);
}

void TestProbeEngine::tcpProbe()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    ProbeEngine engine;
    const TargetId open = engine.addTcp(QHostAddress::LocalHost, server.serverPort());
    QSignalSpy spy(&engine, &ProbeEngine::finished);
    engine.probe(open, probeTimeoutMs);
    QCOMPARE(spy.size(), 0);
    QVERIFY(spy.wait(probeTimeoutMs));
    auto result = spy.at(0).at(1).value<ProbeResult>();
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Serving);
    QCOMPARE(result.httpStatus, 0);
    QCOMPARE(result.detail,
             QStringLiteral("TCP connect to port %1 succeeded").arg(server.serverPort()));
    QTRY_COMPARE(server.connections, 1);
    COMPARE_OUTCOME(runProbe(engine, open), ProbeResult::Outcome::Serving);
    QTRY_COMPARE(server.connections, 2);
    // Closed with a reset: no TIME_WAIT per check on the monitor's host.
    QCOMPARE(timeWaitTowards(server.serverPort()), 0);

    const TargetId closed = engine.addTcp(QHostAddress::LocalHost, unusedPort());
    result = runProbe(engine, closed);
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Unreachable);
    QCOMPARE(result.detail, QStringLiteral("connection refused"));
}

QTEST_GUILESS_MAIN(TestProbeEngine)
// A connect that gets no SYN-ACK (a listener whose accept queue is full
// drops SYNs) is reported silent, once, and still ends in a timeout. A
// server that takes the request and never answers has acknowledged it:
// that is no silence, only a timeout.
void TestProbeEngine::silenceIsReportedOnlyWithoutSignOfLife()
{
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    QVERIFY(listener >= 0);
    auto closeListener = qScopeGuard([listener] { ::close(listener); });
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    QVERIFY(::bind(listener, reinterpret_cast<sockaddr *>(&address), length) == 0);
    QVERIFY(::listen(listener, 0) == 0);
    QVERIFY(::getsockname(listener, reinterpret_cast<sockaddr *>(&address), &length) == 0);
    const quint16 port = ntohs(address.sin_port);
    // Connections nobody accepts fill the queue.
    QTcpSocket fillers[2];
    for (QTcpSocket &filler : fillers)
        filler.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(fillers[0].waitForConnected(2000));

    constexpr int silenceMs = 200;
    constexpr int timeoutMs = 1200;
    ProbeEngine engine;
    engine.reportSilenceAfter(silenceMs);
    QSignalSpy silent(&engine, &ProbeEngine::silent);
    QSignalSpy finished(&engine, &ProbeEngine::finished);
    QElapsedTimer clock;
    clock.start();
    const TargetId unanswered = engine.addTcp(QHostAddress::LocalHost, port);
    engine.probe(unanswered, timeoutMs);
    QVERIFY(silent.wait(timeoutMs));
    QVERIFY2(clock.elapsed() >= silenceMs - 5 && clock.elapsed() < timeoutMs,
             qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(silent.takeFirst().at(0).toInt(), unanswered);
    QVERIFY(finished.isEmpty()); // it runs on
    QVERIFY(finished.wait(timeoutMs + 1000));
    COMPARE_OUTCOME(finished.takeFirst().at(1).value<ProbeResult>(),
                    ProbeResult::Outcome::Unreachable);
    QVERIFY(silent.isEmpty()); // once

    FakeEdgeServer server;
    QVERIFY(server.start());
    server.silent = true;
    const TargetId slow = engine.addHttp(target(server));
    engine.probe(slow, timeoutMs);
    QVERIFY(finished.wait(timeoutMs + 1000));
    COMPARE_OUTCOME(finished.takeFirst().at(1).value<ProbeResult>(),
                    ProbeResult::Outcome::Unreachable);
    QCOMPARE(server.requests, 1);
    QVERIFY(silent.isEmpty());
}

// Nobody collects (the monitor's thread busy): the connection completes and
// the request goes out in the collect that comes with the silence check.
// That request was sent just now, not unanswered for the whole window.
void TestProbeEngine::lateCollectionIsNoSilence()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    ProbeEngine engine;
    engine.collectOnDemand();
    engine.reportSilenceAfter(200);
    QSignalSpy silent(&engine, &ProbeEngine::silent);
    QSignalSpy finished(&engine, &ProbeEngine::finished);
    const TargetId id = engine.addHttp(target(server));
    engine.probe(id, probeTimeoutMs);
    QVERIFY(finished.wait(probeTimeoutMs + 1000));
    COMPARE_OUTCOME(finished.takeFirst().at(1).value<ProbeResult>(), ProbeResult::Outcome::Serving);
    QVERIFY(silent.isEmpty());
}

#include "tst_probe_engine.moc"
