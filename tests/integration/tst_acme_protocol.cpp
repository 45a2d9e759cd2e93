#include "AcmeTestSupport.h"
#include "FakeAcmeServer.h"
#include "acme/AcmeClient.h"
#include "acme/AcmeKey.h"
#include "acme/AcmeX509.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace kokoa;
using namespace Qt::StringLiterals;

// The protocol details Pebble 2.4.0 cannot show (profiles, ARI, rate limits,
// a badNonce on demand, Retry-After while polling), against the test's own
// small ACME server on loopback, and the key and certificate-identifier
// pieces against fixed expectations.
class TestAcmeProtocol final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void accountKeyRoundTrip();
    void renewalIdMatchesRfcExample();
    void fakeCaBadNonceThenSuccess();
    void fakeCaProfileReplacesAndRateLimit();
    void fakeCaRenewalInfo();
    void fakeCaOversizedAnswer();
    void fakeCaPollingHonoursRetryAfter();
    void silentCaIsATimeout();

private:
    std::unique_ptr<AcmeClient> fakeCaClient(FakeAcmeServer &fake);

    QTemporaryDir m_dir;
    AcmeKey m_accountKey;
    QByteArray m_chain; // RFC 9773's example identifiers, made by openssl
};

void TestAcmeProtocol::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(makeTlsFiles(m_dir.path()));
    auto key = AcmeKey::generate();
    QVERIFY(key.ok());
    m_accountKey = key.value();
    // A certificate with RFC 9773's example authority key identifier and serial.
    const QString dir = m_dir.path();
    QVERIFY(writeFile(dir + u"/ari.ext"_s, "authorityKeyIdentifier=keyid:always\n"));
    QVERIFY(runOpenSsl(
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
         u"-nodes"_s, u"-keyout"_s, u"ari-ca.key"_s, u"-out"_s, u"ari-ca.pem"_s, u"-days"_s, u"2"_s,
         u"-subj"_s, u"/CN=ARI CA"_s, u"-addext"_s,
         u"subjectKeyIdentifier=69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4"_s},
        dir));
    QVERIFY(runOpenSsl({u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                        u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s, u"ari.key"_s,
                        u"-out"_s, u"ari.csr"_s, u"-subj"_s, u"/CN=ari.example.test"_s},
                       dir));
    QVERIFY(runOpenSsl({u"x509"_s, u"-req"_s, u"-in"_s, u"ari.csr"_s, u"-CA"_s, u"ari-ca.pem"_s,
                        u"-CAkey"_s, u"ari-ca.key"_s, u"-set_serial"_s, u"0x87654321"_s, u"-days"_s,
                        u"2"_s, u"-extfile"_s, u"ari.ext"_s, u"-out"_s, u"ari.pem"_s},
                       dir));
    m_chain = readFile(dir + u"/ari.pem"_s);
    QVERIFY(m_chain.contains("BEGIN CERTIFICATE"));
}

void TestAcmeProtocol::accountKeyRoundTrip()
{
    const QByteArray pem = m_accountKey.privateKeyPem();
    QVERIFY(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
    auto again = AcmeKey::fromPem(pem);
    QVERIFY(again.ok());
    QCOMPARE(again->thumbprint(), m_accountKey.thumbprint());
    QCOMPARE(again->jwk(), m_accountKey.jwk());
    QCOMPARE(m_accountKey.thumbprint().size(), 43); // base64url of 32 bytes, unpadded
    // An RSA key is not an ACME account key here.
    const QString rsaPath = m_dir.path() + u"/rsa.key"_s;
    QVERIFY(runOpenSsl({u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s,
                        u"rsa_keygen_bits:1024"_s, u"-out"_s, rsaPath},
                       m_dir.path()));
    auto rsa = AcmeKey::fromPem(readFile(rsaPath));
    QVERIFY(!rsa.ok());
    QCOMPARE(rsa.error().field(), u"key"_s);
    QVERIFY(!AcmeKey::fromPem("not a key").ok());
    // An encrypted key is refused at once, never a passphrase prompt.
    const QString encryptedPath = m_dir.path() + u"/encrypted.key"_s;
    QVERIFY(runOpenSsl({u"pkey"_s, u"-in"_s, rsaPath, u"-aes256"_s, u"-passout"_s, u"pass:secret"_s,
                        u"-out"_s, encryptedPath},
                       m_dir.path()));
    QVERIFY(readFile(encryptedPath).contains("ENCRYPTED"));
    QVERIFY(!AcmeKey::fromPem(readFile(encryptedPath)).ok());
    // ES256 signatures are raw r||s, 64 bytes.
    auto signature = m_accountKey.signEs256("payload");
    QVERIFY(signature.ok());
    QCOMPARE(signature->size(), 64);
}

void TestAcmeProtocol::renewalIdMatchesRfcExample()
{
    // RFC 9773 4.1's example: keyIdentifier
    // 69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4 and serial 0x0087654321 give
    // "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE" (the certificate is made in initTestCase).
    auto id = AcmeX509::renewalId(m_chain);
    QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message()));
    QCOMPARE(id.value(), u"aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"_s);
    auto serial = AcmeX509::serialHex(m_chain);
    QVERIFY(serial.ok());
    QCOMPARE(serial.value(), u"87654321"_s);
    QVERIFY(!AcmeX509::renewalId("garbage").ok());
}

std::unique_ptr<AcmeClient> TestAcmeProtocol::fakeCaClient(FakeAcmeServer &fake)
{
    if (!fake.listen(m_dir.path() + u"/tls.pem"_s, m_dir.path() + u"/tls.key"_s))
        return nullptr;
    auto client = std::make_unique<AcmeClient>();
    if (!client->setDirectoryUrl(fake.directoryUrl()) ||
        !client->setCaBundle(m_dir.path() + u"/tls-ca.pem"_s))
        return nullptr;
    client->setAccount(m_accountKey);
    client->setOperationTimeout(20000);
    return client;
}

void TestAcmeProtocol::fakeCaBadNonceThenSuccess()
{
    // One badNonce, then the retry with the nonce from that answer passes.
    FakeAcmeServer fake;
    auto client = fakeCaClient(fake);
    QVERIFY(client);
    fake.rejectNonces = 1;
    const auto status = runToEnd(*client, [&] { client->registerAccount({{}, true}); });
    QVERIFY(status.has_value());
    QVERIFY2(status->ok(), status->ok() ? "" : qPrintable(status->error().message()));
    QCOMPARE(client->badNonceRetries(), 1);
    const auto posts = fake.requestsTo(u"/new-account"_s);
    QCOMPARE(posts.size(), 2);
    // Every answer's Replay-Nonce is used: the directory's for the first
    // try, the badNonce answer's for the retry, no HEAD newNonce needed.
    QCOMPARE(fake.requestsTo(u"/nonce"_s).size(), 0);
    QCOMPARE(posts.at(0).protectedHeader.value(u"nonce"_s).toString(), u"fake-nonce-1"_s);
    QCOMPARE(posts.at(1).protectedHeader.value(u"nonce"_s).toString(), u"fake-nonce-2"_s);
    // newAccount is signed with the key itself (jwk), not an account URL.
    const QJsonObject header = posts.at(1).protectedHeader;
    QCOMPARE(header.value(u"alg"_s).toString(), u"ES256"_s);
    QCOMPARE(header.value(u"jwk"_s).toObject(), m_accountKey.jwk());
    QVERIFY(!header.contains(u"kid"_s));
    QCOMPARE(header.value(u"url"_s).toString(),
             fake.directoryUrl().resolved(QUrl(u"/new-account"_s)).toString());
    QCOMPARE(client->accountUrl().path(), u"/acct/7"_s);
}

void TestAcmeProtocol::fakeCaProfileReplacesAndRateLimit()
{
    FakeAcmeServer fake;
    auto client = fakeCaClient(fake);
    QVERIFY(client);
    client->setAccount(m_accountKey, fake.directoryUrl().resolved(QUrl(u"/acct/7"_s)));
    const auto status = runToEnd(*client, [&] {
        client->issue({{u"app.example.test"_s},
                       u"http-01"_s,
                       u"shortlived"_s,
                       u"aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"_s,
                       {}});
    });
    QVERIFY(status.has_value());
    QVERIFY(!status->ok());
    QCOMPARE(status->error().kind(), Error::Kind::Refused);
    QCOMPARE(status->error().retryAfterMs(), 120000);
    QVERIFY2(status->error().message().contains(u"rateLimited"_s),
             qPrintable(status->error().message()));
    QVERIFY(status->error().message().contains(u"too many certificates"_s));
    QCOMPARE(client->lastProblem()->type, u"urn:ietf:params:acme:error:rateLimited"_s);
    QCOMPARE(client->directoryProfiles(), (QStringList{u"classic"_s, u"shortlived"_s}));
    const auto orders = fake.requestsTo(u"/new-order"_s);
    QCOMPARE(orders.size(), 1);
    QCOMPARE(orders.first().payload.value(u"profile"_s).toString(), u"shortlived"_s);
    QCOMPARE(orders.first().payload.value(u"replaces"_s).toString(),
             u"aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"_s);
    QCOMPARE(orders.first().protectedHeader.value(u"kid"_s).toString(),
             client->accountUrl().toString());
    QVERIFY(!orders.first().protectedHeader.contains(u"jwk"_s));
    // The next operation starts without the last one's problem.
    const auto next = runToEnd(*client, [&] { client->registerAccount({{}, true}); });
    QVERIFY(next.has_value() && next->ok());
    QVERIFY(!client->lastProblem().has_value());
}

void TestAcmeProtocol::fakeCaRenewalInfo()
{
    FakeAcmeServer fake;
    auto client = fakeCaClient(fake);
    QVERIFY(client);
    const auto status = runToEnd(*client, [&] { client->fetchRenewalInfo(m_chain); });
    QVERIFY(status.has_value());
    QVERIFY2(status->ok(), status->ok() ? "" : qPrintable(status->error().message()));
    const AcmeRenewalInfo &info = client->renewalInfo();
    QCOMPARE(info.windowStart, QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc()));
    QCOMPARE(info.windowEnd, QDateTime(QDate(2026, 1, 2), QTime(12, 0), QTimeZone::utc()));
    QCOMPARE(info.retryAfterMs, 3600000);
    QCOMPARE(info.explanation, QUrl(u"https://ca.test/why"_s));
    // An unauthenticated GET of renewalInfo/<certificate identifier>.
    auto id = AcmeX509::renewalId(m_chain);
    QVERIFY(id.ok());
    QCOMPARE(fake.requestsTo(u"/renewal-info/"_s + id.value()).size(), 1);
    QCOMPARE(fake.requestsTo(u"/renewal-info/"_s + id.value()).first().method, QByteArray("GET"));
}

void TestAcmeProtocol::fakeCaOversizedAnswer()
{
    FakeAcmeServer fake;
    auto client = fakeCaClient(fake);
    QVERIFY(client);
    fake.hugeDirectory = true;
    const auto status = runToEnd(*client, [&] { client->registerAccount({{}, true}); });
    QVERIFY(status.has_value());
    QVERIFY(!status->ok());
    QCOMPARE(status->error().kind(), Error::Kind::Refused);
    QVERIFY2(status->error().message().contains(u"exceeds"_s),
             qPrintable(status->error().message()));
    // A second operation while one runs is refused without a finished().
    fake.hugeDirectory = false;
    int finishes = 0;
    connect(client.get(), &AcmeClient::finished, client.get(), [&finishes] { ++finishes; });
    const auto again = runToEnd(*client, [&] {
        QVERIFY(client->registerAccount({{}, true}));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"refused: another operation"_s));
        QVERIFY(!client->fetchRenewalInfo(m_chain));
    });
    QVERIFY(again.has_value());
    QVERIFY(again->ok());
    QCOMPARE(finishes, 1);
}

void TestAcmeProtocol::fakeCaPollingHonoursRetryAfter()
{
    FakeAcmeServer fake;
    auto client = fakeCaClient(fake);
    QVERIFY(client);
    client->setAccount(m_accountKey, fake.directoryUrl().resolved(QUrl(u"/acct/7"_s)));
    fake.issueOrders = true;
    fake.chainPem = m_chain;
    fake.processingPolls = 1;
    fake.processingRetryAfterS = 1;
    client->setPollBounds({50, 50, 5000, 20});
    const auto status = runToEnd(*client, [&] {
        client->issue({{u"app.example.test"_s}, u"http-01"_s, {}, {}, {}});
    });
    QVERIFY(status.has_value());
    QVERIFY2(status->ok(), status->ok() ? "" : qPrintable(status->error().message()));
    QCOMPARE(client->certificate().chainPem, m_chain);
    // The CSR names the order's identifiers.
    const auto finalize = fake.requestsTo(u"/finalize/1"_s);
    QCOMPARE(finalize.size(), 1);
    QVERIFY(!finalize.first().payload.value(u"csr"_s).toString().isEmpty());
    // "processing" with Retry-After: 1 twice (finalize's answer, then one
    // poll): each next poll waited at least that second.
    const auto polls = fake.requestsTo(u"/order/1"_s);
    QCOMPARE(polls.size(), 3); // ready, processing, valid
    QVERIFY2(polls.at(1).atMs - finalize.first().atMs >= 950,
             qPrintable(QString::number(polls.at(1).atMs - finalize.first().atMs)));
    QVERIFY(polls.at(2).atMs - polls.at(1).atMs >= 950);

    // A Retry-After beyond the client's bound is cut to the bound.
    FakeAcmeServer slow;
    auto bounded = fakeCaClient(slow);
    QVERIFY(bounded);
    bounded->setAccount(m_accountKey, slow.directoryUrl().resolved(QUrl(u"/acct/7"_s)));
    slow.issueOrders = true;
    slow.chainPem = m_chain;
    slow.processingRetryAfterS = 3600;
    bounded->setPollBounds({50, 50, 300, 20});
    const auto boundedStatus = runToEnd(*bounded, [&] {
        bounded->issue({{u"app.example.test"_s}, u"http-01"_s, {}, {}, {}});
    });
    QVERIFY(boundedStatus.has_value());
    QVERIFY2(boundedStatus->ok(),
             boundedStatus->ok() ? "" : qPrintable(boundedStatus->error().message()));
    const auto slowPolls = slow.requestsTo(u"/order/1"_s);
    QCOMPARE(slowPolls.size(), 3);
    QVERIFY(slowPolls.at(2).atMs - slowPolls.at(1).atMs >= 280);
}

void TestAcmeProtocol::silentCaIsATimeout()
{
    // Accepts connections and never says a word (not even TLS).
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    AcmeClient client;
    QVERIFY(client.setDirectoryUrl(QUrl(u"https://127.0.0.1:%1/dir"_s.arg(silent.serverPort()))));
    client.setAccount(m_accountKey);
    client.setTransferTimeout(500);
    const auto status = runToEnd(client, [&] { client.registerAccount({{}, true}); });
    QVERIFY(status.has_value());
    QVERIFY(!status->ok());
    QCOMPARE(status->error().kind(), Error::Kind::Timeout);
    QVERIFY(status->error().retryable());
    QVERIFY2(status->error().message().contains(u"did not answer within 500 ms"_s),
             qPrintable(status->error().message()));
}

QTEST_GUILESS_MAIN(TestAcmeProtocol)
#include "tst_acme_protocol.moc"
