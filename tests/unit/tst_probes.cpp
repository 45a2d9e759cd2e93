// Health probes against local, scriptable edges on loopback: outcome per
// status, refused, timeouts, incremental parsing (1-byte pieces, chunked
// bodies), keep-alive reuse and reconnection, TLS with SNI, IPv6.
#include "health/HttpProbe.h"
#include "health/HttpResponseParser.h"
#include "health/TcpProbe.h"

#include "FakeEdgeServer.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace kokoa;
using kokoa::test::FakeEdgeServer;

namespace {

constexpr int probeTimeoutMs = 3000;
const QString probeHost = QStringLiteral("app.example.test");

HttpProbe::Target target(const FakeEdgeServer &server, bool tls = false,
                         const QString &path = QStringLiteral("/"))
{
    return {server.serverAddress(), server.serverPort(), tls, probeHost, path};
}

// Runs one probe and returns its only result (fails the test on none).
ProbeResult runProbe(HttpProbe &probe, int timeoutMs = probeTimeoutMs)
{
    QSignalSpy spy(&probe, &HttpProbe::finished);
    probe.probe(timeoutMs);
    if (!spy.wait(timeoutMs + 2000) || spy.size() != 1) {
        qWarning("probe did not finish exactly once (%d results)", int(spy.size()));
        return {ProbeResult::Outcome::Unreachable, -1, -1, QStringLiteral("<no result>")};
    }
    return spy.at(0).at(0).value<ProbeResult>();
}

ProbeResult runTcpProbe(TcpProbe &probe, int timeoutMs = probeTimeoutMs)
{
    QSignalSpy spy(&probe, &TcpProbe::finished);
    probe.probe(timeoutMs);
    if (!spy.wait(timeoutMs + 2000) || spy.size() != 1)
        return {ProbeResult::Outcome::Unreachable, -1, -1, QStringLiteral("<no result>")};
    return spy.at(0).at(0).value<ProbeResult>();
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

// Evaluates `result` once (it is often a whole probe run).
#define COMPARE_OUTCOME(result, expected)                                                        \
    do {                                                                                         \
        const ProbeResult r_ = (result);                                                         \
        QVERIFY2(r_.outcome == (expected),                                                       \
                 qPrintable(QStringLiteral("got %1 (%2), expected %3")                           \
                                .arg(QLatin1String(outcomeName(r_.outcome)), r_.detail,          \
                                     QLatin1String(outcomeName(expected)))));                    \
    } while (false)

class TestProbes final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    // Parser
    void parserEverySplit_data();
    void parserEverySplit();
    void parserRejects_data();
    void parserRejects();

    // HttpProbe over plain HTTP
    void statusOutcome_data();
    void statusOutcome();
    void requestIsWellFormed();
    void connectionRefused();
    void timeoutWhenEdgeNeverAnswers();
    void oneBytePieces();
    void chunkedBody();
    void keepAliveReuse();
    void serverClosesAfterEachResponse_data();
    void serverClosesAfterEachResponse();
    void idleConnectionClosedByEdge();
    void bodyUntilClose();
    void malformedResponse();
    void interimResponseSkipped();
    void ipv6Loopback();
    void probeWhileRunning();
    void deleteWhileRunning();

    // TLS
    void tlsWithSni();
    void tlsHandshakeFailure();

    // TcpProbe
    void tcpProbe();

private:
    QTemporaryDir m_dir;
    QSslCertificate m_cert;
    QSslKey m_key;
};

void TestProbes::initTestCase()
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

// ---------------------------------------------------------------- parser

void TestProbes::parserEverySplit_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("keepAlive");

    QTest::newRow("content-length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nServer: x\r\n\r\nhello") << 200
        << true;
    QTest::newRow("chunked+trailer")
        << QByteArray("HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                      "5;ext=1\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: y\r\n\r\n")
        << 503 << true;
    QTest::newRow("connection-close") << QByteArray("HTTP/1.1 404 Not Found\r\nCONNECTION: Close\r\n"
                                                    "content-length: 0\r\n\r\n")
                                      << 404 << false;
    QTest::newRow("http10-keepalive") << QByteArray("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n"
                                                    "Content-Length: 2\r\n\r\nok")
                                      << 200 << true;
    QTest::newRow("http10-default") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")
                                    << 200 << false;
    QTest::newRow("204-no-body") << QByteArray("HTTP/1.1 204 No Content\r\n\r\n") << 204 << true;
    QTest::newRow("100-then-200")
        << QByteArray("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx")
        << 200 << true;
    QTest::newRow("bare-lf") << QByteArray("HTTP/1.1 502 Bad Gateway\nContent-Length: 1\n\nx")
                             << 502 << true;
    QTest::newRow("no-reason") << QByteArray("HTTP/1.1 301\r\nContent-Length: 0\r\n\r\n") << 301
                               << true;
}

// The same message cut at every position, and fed byte by byte, parses the
// same and ends exactly at its last byte.
void TestProbes::parserEverySplit()
{
    QFETCH(QByteArray, message);
    QFETCH(int, status);
    QFETCH(bool, keepAlive);

    for (qsizetype cut = 0; cut <= message.size(); ++cut) {
        HttpResponseParser parser;
        qsizetype used = 0;
        auto first = parser.feed(QByteArrayView(message).first(cut), &used);
        QCOMPARE(used, cut);
        if (cut < message.size())
            QCOMPARE(first, HttpResponseParser::Status::NeedMore);
        auto second = parser.feed(QByteArrayView(message).sliced(cut), &used);
        QCOMPARE(used, message.size() - cut);
        QCOMPARE(cut < message.size() ? second : first, HttpResponseParser::Status::Complete);
        QCOMPARE(parser.statusCode(), status);
        QCOMPARE(parser.keepAlive(), keepAlive);
    }

    HttpResponseParser parser;
    for (qsizetype i = 0; i < message.size(); ++i) {
        qsizetype used = 0;
        const auto s = parser.feed(QByteArrayView(message).sliced(i, 1), &used);
        QCOMPARE(used, 1);
        QCOMPARE(s, i + 1 == message.size() ? HttpResponseParser::Status::Complete
                                            : HttpResponseParser::Status::NeedMore);
    }
    QCOMPARE(parser.statusCode(), status);

    // Bytes after the message are not consumed.
    HttpResponseParser extra;
    qsizetype used = 0;
    QCOMPARE(extra.feed(QByteArray(message + "HTTP/1.1 200"), &used), HttpResponseParser::Status::Complete);
    QCOMPARE(used, message.size());
}

void TestProbes::parserRejects_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("not-http") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n");
    QTest::newRow("bad-status") << QByteArray("HTTP/1.1 2x0 OK\r\n");
    QTest::newRow("bad-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n");
    QTest::newRow("conflicting-lengths")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");
    QTest::newRow("bad-chunk") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    QTest::newRow("chunk-no-crlf")
        << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nxy\r\n");
    QTest::newRow("long-line") << QByteArray("HTTP/1.1 200 OK\r\nX: " + QByteArray(9000, 'a'));
    QTest::newRow("upgrade") << QByteArray("HTTP/1.1 101 Switching Protocols\r\n\r\n");
}

void TestProbes::parserRejects()
{
    QFETCH(QByteArray, message);
    HttpResponseParser parser;
    qsizetype used = 0;
    QCOMPARE(parser.feed(message, &used), HttpResponseParser::Status::Error);
    QVERIFY(!parser.errorString().isEmpty());
    QVERIFY(!parser.keepAlive());
}

// ---------------------------------------------------------------- HttpProbe

void TestProbes::statusOutcome_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<ProbeResult::Outcome>("outcome");
    QTest::newRow("200") << 200 << ProbeResult::Outcome::Serving;
    QTest::newRow("404") << 404 << ProbeResult::Outcome::Serving;
    QTest::newRow("401") << 401 << ProbeResult::Outcome::Serving;
    QTest::newRow("301") << 301 << ProbeResult::Outcome::Serving;
    QTest::newRow("500") << 500 << ProbeResult::Outcome::Serving;
    QTest::newRow("502") << 502 << ProbeResult::Outcome::OriginError;
    QTest::newRow("503") << 503 << ProbeResult::Outcome::OriginError;
    QTest::newRow("504") << 504 << ProbeResult::Outcome::OriginError;
}

void TestProbes::statusOutcome()
{
    QFETCH(int, status);
    QFETCH(ProbeResult::Outcome, outcome);
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.response = FakeEdgeServer::httpResponse(status, "body of the answer");
    HttpProbe probe(target(server));
    const ProbeResult result = runProbe(probe);
    COMPARE_OUTCOME(result, outcome);
    QCOMPARE(result.httpStatus, status);
    QCOMPARE(result.detail, QStringLiteral("HTTP %1").arg(status));
    QVERIFY(result.latencyMs >= 0 && result.latencyMs < probeTimeoutMs);
    QVERIFY(probe.isConnected()); // kept alive for the next probe
}

void TestProbes::requestIsWellFormed()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    HttpProbe probe(target(server, false, QStringLiteral("/health check?x=1")));
    COMPARE_OUTCOME(runProbe(probe), ProbeResult::Outcome::Serving);
    QCOMPARE(server.requestHeads.size(), 1);
    QCOMPARE(server.requestHeads.first(),
             QByteArray("GET /health%20check?x=1 HTTP/1.1\r\nHost: app.example.test\r\n"
                        "User-Agent: kokoa-health\r\nConnection: keep-alive\r\n\r\n"));
}

void TestProbes::connectionRefused()
{
    const quint16 port = unusedPort();
    QVERIFY(port != 0);
    HttpProbe probe({QHostAddress::LocalHost, port, false, probeHost, QStringLiteral("/")});
    QSignalSpy spy(&probe, &HttpProbe::finished);
    probe.probe(probeTimeoutMs);
    QCOMPARE(spy.size(), 0); // never from inside probe()
    QVERIFY(spy.wait(probeTimeoutMs));
    const auto result = spy.at(0).at(0).value<ProbeResult>();
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Unreachable);
    QCOMPARE(result.httpStatus, 0);
    QCOMPARE(result.detail, QStringLiteral("connection refused"));
    QVERIFY(result.latencyMs < 1000);
}

void TestProbes::timeoutWhenEdgeNeverAnswers()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.silent = true;
    HttpProbe probe(target(server));
    constexpr int timeoutMs = 300;
    QElapsedTimer clock;
    clock.start();
    QSignalSpy spy(&probe, &HttpProbe::finished);
    probe.probe(timeoutMs);
    QVERIFY(spy.wait(timeoutMs + 1000));
    const qint64 took = clock.elapsed();
    const auto result = spy.at(0).at(0).value<ProbeResult>();
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Unreachable);
    QVERIFY2(result.detail.startsWith(QStringLiteral("timeout after 300 ms")),
             qPrintable(result.detail));
    QVERIFY2(took >= timeoutMs - 5 && took < timeoutMs + 400, qPrintable(QString::number(took)));
    QCOMPARE(server.requests, 1);
    // The socket was reset: the next probe uses a new connection.
    QVERIFY(!probe.isConnected());
    server.silent = false;
    COMPARE_OUTCOME(runProbe(probe), ProbeResult::Outcome::Serving);
    QCOMPARE(server.connections, 2);
    // No late second result for the first probe.
    QTest::qWait(50);
    QCOMPARE(spy.size(), 2);
}

void TestProbes::oneBytePieces()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.byteDelayMs = 1;
    server.response = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 7\r\n"
                      "Connection: keep-alive\r\n\r\nno dice";
    HttpProbe probe(target(server));
    for (int i = 0; i < 2; ++i) {
        const auto result = runProbe(probe, 10000);
        COMPARE_OUTCOME(result, ProbeResult::Outcome::OriginError);
        QCOMPARE(result.httpStatus, 503);
    }
    QCOMPARE(server.connections, 1); // the body was consumed: connection reusable
}

void TestProbes::chunkedBody()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "4\r\nWiki\r\n5;name=v\r\npedia\r\n0\r\nTrailer: x\r\n\r\n";
    HttpProbe probe(target(server));
    for (int i = 0; i < 3; ++i) {
        const auto result = runProbe(probe);
        COMPARE_OUTCOME(result, ProbeResult::Outcome::Serving);
        QCOMPARE(result.httpStatus, 200);
    }
    QCOMPARE(server.connections, 1);
    QCOMPARE(server.requests, 3);
}

void TestProbes::keepAliveReuse()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.response = FakeEdgeServer::httpResponse(200, QByteArray(3000, 'x'));
    HttpProbe probe(target(server));
    for (int i = 0; i < 20; ++i)
        COMPARE_OUTCOME(runProbe(probe), ProbeResult::Outcome::Serving);
    QCOMPARE(server.requests, 20);
    QCOMPARE(server.connections, 1);
    QCOMPARE(probe.connectionsOpened(), 1);
}

void TestProbes::serverClosesAfterEachResponse_data()
{
    QTest::addColumn<bool>("announced");
    QTest::newRow("Connection: close") << true;
    QTest::newRow("silent close") << false;
}

void TestProbes::serverClosesAfterEachResponse()
{
    QFETCH(bool, announced);
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.closeAfterResponse = true;
    server.response = FakeEdgeServer::httpResponse(200, "ok",
                                                   announced ? "Connection: close\r\n" : "");
    HttpProbe probe(target(server));
    for (int i = 0; i < 5; ++i) {
        const auto result = runProbe(probe);
        COMPARE_OUTCOME(result, ProbeResult::Outcome::Serving);
        QCOMPARE(result.httpStatus, 200);
        if (announced)
            QVERIFY(!probe.isConnected());
    }
    QCOMPARE(server.requests, 5);
    QCOMPARE(server.connections, 5);
}

// The edge closes a kept-alive connection while it is idle; the probe
// notices or, racing, retries once on a new connection.
void TestProbes::idleConnectionClosedByEdge()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.closeIdleAfterResponse = true;
    HttpProbe probe(target(server));
    COMPARE_OUTCOME(runProbe(probe), ProbeResult::Outcome::Serving);
    QTRY_VERIFY(!probe.isConnected());
    COMPARE_OUTCOME(runProbe(probe), ProbeResult::Outcome::Serving);
    QCOMPARE(server.connections, 2);

    // Closed just as the next request goes out: hidden by one retry.
    server.closeIdleAfterResponse = false;
    server.closeAfterResponse = false;
    COMPARE_OUTCOME(runProbe(probe), ProbeResult::Outcome::Serving);
    QCOMPARE(server.connections, 2);
    const auto sockets = server.findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets)
        socket->abort(); // the edge drops it; the probe has not noticed yet
    COMPARE_OUTCOME(runProbe(probe), ProbeResult::Outcome::Serving);
    QCOMPARE(server.connections, 3);
}

void TestProbes::bodyUntilClose()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.response = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\nnot here";
    server.closeAfterResponse = true;
    HttpProbe probe(target(server));
    for (int i = 0; i < 2; ++i) {
        const auto result = runProbe(probe);
        COMPARE_OUTCOME(result, ProbeResult::Outcome::Serving);
        QCOMPARE(result.httpStatus, 404);
    }
    QCOMPARE(server.connections, 2);

    // Until-close but the edge never closes: the status still counts.
    server.closeAfterResponse = false;
    const auto slow = runProbe(probe, 300);
    COMPARE_OUTCOME(slow, ProbeResult::Outcome::Serving);
    QVERIFY2(slow.detail.contains(QStringLiteral("body incomplete")), qPrintable(slow.detail));
    QVERIFY(!probe.isConnected());
}

void TestProbes::malformedResponse()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.response = "SSH-2.0-OpenSSH_9.2p1\r\n";
    HttpProbe probe(target(server));
    const auto result = runProbe(probe);
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Unreachable);
    QVERIFY2(result.detail.startsWith(QStringLiteral("invalid HTTP response")),
             qPrintable(result.detail));
    QVERIFY(!probe.isConnected());

    // Extra bytes after a complete response: answer counts, connection dropped.
    server.response = FakeEdgeServer::httpResponse(200) + "garbage";
    COMPARE_OUTCOME(runProbe(probe), ProbeResult::Outcome::Serving);
    QVERIFY(!probe.isConnected());
}

void TestProbes::interimResponseSkipped()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.response = "HTTP/1.1 100 Continue\r\n\r\n" + FakeEdgeServer::httpResponse(504);
    HttpProbe probe(target(server));
    const auto result = runProbe(probe);
    COMPARE_OUTCOME(result, ProbeResult::Outcome::OriginError);
    QCOMPARE(result.httpStatus, 504);
}

void TestProbes::ipv6Loopback()
{
    FakeEdgeServer server;
    if (!server.start(QHostAddress::LocalHostIPv6))
        QSKIP("no IPv6 loopback here");
    HttpProbe probe(target(server));
    QCOMPARE(probe.target().address, QHostAddress(QHostAddress::LocalHostIPv6));
    const auto result = runProbe(probe);
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Serving);
    QCOMPARE(server.requestHeads.size(), 1);

    TcpProbe tcp(QHostAddress::LocalHostIPv6, server.serverPort());
    COMPARE_OUTCOME(runTcpProbe(tcp), ProbeResult::Outcome::Serving);
}

void TestProbes::probeWhileRunning()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.responseDelayMs = 200;
    HttpProbe probe(target(server));
    QSignalSpy spy(&probe, &HttpProbe::finished);
    probe.probe(probeTimeoutMs);
    QVERIFY(probe.isRunning());
    probe.probe(probeTimeoutMs);
    probe.probe(10); // must not shorten the running probe either
    QVERIFY(spy.wait(probeTimeoutMs));
    QTest::qWait(300);
    QCOMPARE(spy.size(), 1);
    COMPARE_OUTCOME(spy.at(0).at(0).value<ProbeResult>(), ProbeResult::Outcome::Serving);
    QCOMPARE(server.requests, 1);

    // A new probe straight from the finished() handler works.
    int results = 0;
    connect(&probe, &HttpProbe::finished, this, [&](const ProbeResult &) {
        if (++results < 3)
            probe.probe(probeTimeoutMs);
    });
    server.responseDelayMs = 0;
    probe.probe(probeTimeoutMs);
    QTRY_COMPARE(results, 3);
    QTest::qWait(50);
    QCOMPARE(results, 3);
    QCOMPARE(server.requests, 4);
    QCOMPARE(server.connections, 1);
}

void TestProbes::deleteWhileRunning()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    server.silent = true;
    auto probe = std::make_unique<HttpProbe>(target(server));
    probe->probe(200);
    QTRY_COMPARE(server.requests, 1);
    probe.reset();
    QTest::qWait(300); // the timeout must not fire into a deleted object
    QVERIFY(true);
}

// ---------------------------------------------------------------- TLS

void TestProbes::tlsWithSni()
{
    if (m_cert.isNull())
        QSKIP("no TLS support or no openssl CLI to make a certificate");
    FakeEdgeServer server;
    server.tls = true;
    server.certificate = m_cert;
    server.privateKey = m_key;
    QVERIFY(server.start());
    server.response = FakeEdgeServer::httpResponse(502);

    HttpProbe probe(target(server, true));
    QCOMPARE(probe.target().address, QHostAddress(QHostAddress::LocalHost));
    for (int i = 0; i < 5; ++i) {
        const auto result = runProbe(probe);
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

void TestProbes::tlsHandshakeFailure()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("no TLS support");
    FakeEdgeServer server; // a plain-text service where TLS is expected
    QVERIFY(server.start());
    server.greeting = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n";
    server.silent = true;
    HttpProbe probe(target(server, true));
    const auto result = runProbe(probe, 2000);
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Unreachable);
    QVERIFY2(result.detail.startsWith(QStringLiteral("TLS handshake failed: ")),
             qPrintable(result.detail));
    QVERIFY(result.latencyMs < 1000); // failed, not timed out
}

// ---------------------------------------------------------------- TcpProbe

void TestProbes::tcpProbe()
{
    FakeEdgeServer server;
    QVERIFY(server.start());
    TcpProbe open(QHostAddress::LocalHost, server.serverPort());
    QSignalSpy spy(&open, &TcpProbe::finished);
    open.probe(probeTimeoutMs);
    QCOMPARE(spy.size(), 0);
    QVERIFY(spy.wait(probeTimeoutMs));
    auto result = spy.at(0).at(0).value<ProbeResult>();
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Serving);
    QCOMPARE(result.httpStatus, 0);
    QTRY_COMPARE(server.connections, 1);
    // Repeatable on the same object.
    COMPARE_OUTCOME(runTcpProbe(open), ProbeResult::Outcome::Serving);
    QTRY_COMPARE(server.connections, 2);

    TcpProbe closed(QHostAddress::LocalHost, unusedPort());
    result = runTcpProbe(closed);
    COMPARE_OUTCOME(result, ProbeResult::Outcome::Unreachable);
    QCOMPARE(result.detail, QStringLiteral("connection refused"));
    QTest::qWait(50);
}

QTEST_GUILESS_MAIN(TestProbes)
#include "tst_probes.moc"
