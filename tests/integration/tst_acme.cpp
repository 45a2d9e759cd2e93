#include "FakeAcmeServer.h"
#include "PebbleWorld.h"
#include "acme/AcmeClient.h"
#include "acme/AcmeKey.h"
#include "acme/AcmeX509.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslKey>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <memory>
#include <optional>

using namespace kokoa;
using namespace Qt::StringLiterals;

namespace {

constexpr int kOperationWaitMs = 90000;

// Runs one client operation to its finished() signal, bounded.
std::optional<Status> runToEnd(AcmeClient &client, const std::function<void()> &operation,
                               int timeoutMs = kOperationWaitMs)
{
    std::optional<Status> result;
    const QMetaObject::Connection connection =
        QObject::connect(&client, &AcmeClient::finished, &client,
                         [&result](const Status &status) { result = status; });
    operation();
    const QDeadlineTimer deadline(timeoutMs);
    while (!result && !deadline.hasExpired())
        QTest::qWait(10);
    QObject::disconnect(connection);
    return result;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class TestAcme final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void accountKeyRoundTrip();
    void renewalIdMatchesRfcExample();
    void registerAccount();
    void termsNotAgreed();
    void issueHttp01TwoNames();
    void issueDns01Wildcard();
    void revoke();
    void challengeFails();
    void profileNotListed();
    void noRenewalInfoAtPebble();
    void unreachableCa();
    void wrongCaBundle();
    void invalidOrderRequest();
    void deadlineAndCancel();
    void badNonceRetryIsBounded();
    void fakeCaBadNonceThenSuccess();
    void fakeCaProfileReplacesAndRateLimit();
    void fakeCaRenewalInfo();
    void fakeCaOversizedAnswer();
    void fakeCaPollingHonoursRetryAfter();

private:
    std::unique_ptr<AcmeClient> newClient(bool withAccount);
    // Answers challenges: http-01 through the world's HTTP server, dns-01
    // through challtestsrv's TXT records; removes them when done.
    void answerChallenges(AcmeClient &client, PebbleWorld &world);
    bool verifiesAgainstPebbleRoot(const QByteArray &chainPem);
    std::unique_ptr<AcmeClient> fakeCaClient(FakeAcmeServer &fake);

    QTemporaryDir m_dir;
    std::unique_ptr<PebbleWorld> m_world;
    AcmeKey m_accountKey;
    QUrl m_accountUrl;
    AcmeCertificate m_issued;
    QStringList m_placed;
    QStringList m_removed;
    qsizetype m_placedAtFirstRemoval = -1;
};

void TestAcme::initTestCase()
{
    QVERIFY(m_dir.isValid());
    for (const char *tool : {"/usr/bin/pebble", "/usr/bin/pebble-challtestsrv"})
        QVERIFY2(QFile::exists(QString::fromLatin1(tool)),
                 qPrintable(QStringLiteral("%1 is missing (installer/install-deps.sh installs it)")
                                .arg(QLatin1String(tool))));
    m_world = std::make_unique<PebbleWorld>(m_dir.path());
    QVERIFY2(m_world->start(), qPrintable(m_world->error()));
    auto key = AcmeKey::generate();
    QVERIFY(key.ok());
    m_accountKey = key.value();
}

void TestAcme::cleanupTestCase()
{
    m_world.reset();
}

std::unique_ptr<AcmeClient> TestAcme::newClient(bool withAccount)
{
    auto client = std::make_unique<AcmeClient>();
    if (!client->setDirectoryUrl(m_world->directoryUrl()) ||
        !client->setCaBundle(m_world->caBundle()))
        return nullptr;
    client->setPollBounds({200, 50, 2000, 100});
    client->setOperationTimeout(kOperationWaitMs - 10000);
    if (withAccount)
        client->setAccount(m_accountKey, m_accountUrl);
    return client;
}

void TestAcme::answerChallenges(AcmeClient &client, PebbleWorld &world)
{
    connect(&client, &AcmeClient::challengeNeeded, &client,
            [this, &client, &world](const AcmeChallengeTask &task) {
                m_placed << task.identifier;
                if (task.type == u"http-01"_s) {
                    world.http().place(task.token, task.keyAuthorization);
                    client.challengePlaced(task.token);
                } else if (world.setTxt(task.dnsName(), task.dnsTxtValue)) {
                    client.challengePlaced(task.token);
                } else {
                    client.challengePlacementFailed(
                        task.token, Error(Error::Kind::Remote, u"set-txt failed"_s));
                }
            });
    connect(&client, &AcmeClient::challengeDone, &client,
            [this, &world](const AcmeChallengeTask &task) {
                if (m_removed.isEmpty())
                    m_placedAtFirstRemoval = m_placed.size();
                m_removed << task.identifier;
                if (task.type == u"http-01"_s)
                    world.http().remove(task.token);
                else
                    world.clearTxt(task.dnsName());
            });
}

bool TestAcme::verifiesAgainstPebbleRoot(const QByteArray &chainPem)
{
    const QByteArray root = m_world->managementGet(u"/roots/0"_s);
    const QList<QSslCertificate> chain = QSslCertificate::fromData(chainPem, QSsl::Pem);
    if (root.isEmpty() || chain.size() < 2)
        return false;
    QByteArray intermediates;
    for (qsizetype i = 1; i < chain.size(); ++i)
        intermediates += chain.at(i).toPem();
    const QString dir = m_dir.path();
    if (!writeFile(dir + u"/root.pem"_s, root) ||
        !writeFile(dir + u"/leaf.pem"_s, chain.first().toPem()) ||
        !writeFile(dir + u"/intermediates.pem"_s, intermediates))
        return false;
    QString output;
    const bool ok =
        PebbleWorld::runOpenSsl({u"verify"_s, u"-CAfile"_s, u"root.pem"_s, u"-untrusted"_s,
                                 u"intermediates.pem"_s, u"leaf.pem"_s},
                                dir, &output);
    if (!ok)
        qWarning() << "openssl verify:" << output;
    return ok;
}

void TestAcme::accountKeyRoundTrip()
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
    QVERIFY(PebbleWorld::runOpenSsl({u"genpkey"_s, u"-algorithm"_s, u"RSA"_s, u"-pkeyopt"_s,
                                     u"rsa_keygen_bits:1024"_s, u"-out"_s, rsaPath},
                                    m_dir.path()));
    auto rsa = AcmeKey::fromPem(readFile(rsaPath));
    QVERIFY(!rsa.ok());
    QCOMPARE(rsa.error().field(), u"key"_s);
    QVERIFY(!AcmeKey::fromPem("not a key").ok());
    // An encrypted key is refused at once, never a passphrase prompt.
    const QString encryptedPath = m_dir.path() + u"/encrypted.key"_s;
    QVERIFY(PebbleWorld::runOpenSsl({u"pkey"_s, u"-in"_s, rsaPath, u"-aes256"_s, u"-passout"_s,
                                     u"pass:secret"_s, u"-out"_s, encryptedPath},
                                    m_dir.path()));
    QVERIFY(readFile(encryptedPath).contains("ENCRYPTED"));
    QVERIFY(!AcmeKey::fromPem(readFile(encryptedPath)).ok());
    // ES256 signatures are raw r||s, 64 bytes.
    auto signature = m_accountKey.signEs256("payload");
    QVERIFY(signature.ok());
    QCOMPARE(signature->size(), 64);
}

void TestAcme::renewalIdMatchesRfcExample()
{
    // RFC 9773 4.1's example: keyIdentifier
    // 69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4 and serial 0x0087654321 give
    // "aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE".
    const QString dir = m_dir.path();
    QVERIFY(writeFile(dir + u"/ari.ext"_s, "authorityKeyIdentifier=keyid:always\n"));
    QVERIFY(PebbleWorld::runOpenSsl(
        {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:P-256"_s,
         u"-nodes"_s, u"-keyout"_s, u"ari-ca.key"_s, u"-out"_s, u"ari-ca.pem"_s, u"-days"_s, u"2"_s,
         u"-subj"_s, u"/CN=ARI CA"_s, u"-addext"_s,
         u"subjectKeyIdentifier=69:88:5B:6B:87:46:40:41:E1:B3:7B:84:7B:A0:AE:2C:DE:01:C8:D4"_s},
        dir));
    QVERIFY(PebbleWorld::runOpenSsl({u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                     u"ec_paramgen_curve:P-256"_s, u"-nodes"_s, u"-keyout"_s,
                                     u"ari.key"_s, u"-out"_s, u"ari.csr"_s, u"-subj"_s,
                                     u"/CN=ari.example.test"_s},
                                    dir));
    QVERIFY(PebbleWorld::runOpenSsl({u"x509"_s, u"-req"_s, u"-in"_s, u"ari.csr"_s, u"-CA"_s,
                                     u"ari-ca.pem"_s, u"-CAkey"_s, u"ari-ca.key"_s,
                                     u"-set_serial"_s, u"0x87654321"_s, u"-days"_s, u"2"_s,
                                     u"-extfile"_s, u"ari.ext"_s, u"-out"_s, u"ari.pem"_s},
                                    dir));
    auto id = AcmeX509::renewalId(readFile(dir + u"/ari.pem"_s));
    QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message()));
    QCOMPARE(id.value(), u"aYhba4dGQEHhs3uEe6CuLN4ByNQ.AIdlQyE"_s);
    auto serial = AcmeX509::serialHex(readFile(dir + u"/ari.pem"_s));
    QVERIFY(serial.ok());
    QCOMPARE(serial.value(), u"87654321"_s);
    QVERIFY(!AcmeX509::renewalId("garbage").ok());
}

void TestAcme::registerAccount()
{
    auto client = newClient(false);
    QVERIFY(client);
    client->setAccount(m_accountKey);
    QList<QString> steps;
    connect(client.get(), &AcmeClient::progress, client.get(),
            [&steps](const QString &step) { steps << step; });
    const auto status = runToEnd(*client, [&] {
        client->registerAccount({{u"mailto:admin@example.test"_s}, true});
        QVERIFY(client->busy()); // asynchronous: nothing happened yet
    });
    QVERIFY(status.has_value());
    QVERIFY2(status->ok(), status->ok() ? "" : qPrintable(status->error().message()));
    QVERIFY(client->accountUrl().isValid());
    QVERIFY(client->accountUrl().toString().startsWith(
        m_world->directoryUrl().adjusted(QUrl::RemovePath).toString()));
    QVERIFY(!steps.isEmpty());
    m_accountUrl = client->accountUrl();

    // A second client knowing only the key finds the same account (onlyReturnExisting).
    auto again = newClient(false);
    again->setAccount(m_accountKey);
    const auto second = runToEnd(*again, [&] {
        again->issue({{u"lookup.example.test"_s}, u"http-01"_s, u"nope"_s, {}, {}});
    });
    QVERIFY(second.has_value());
    QVERIFY(!second->ok()); // the profile is refused, after the account lookup
    QCOMPARE(again->accountUrl(), m_accountUrl);
}

void TestAcme::termsNotAgreed()
{
    auto client = newClient(false);
    auto key = AcmeKey::generate();
    QVERIFY(key.ok());
    client->setAccount(key.value());
    const auto status = runToEnd(*client, [&] { client->registerAccount({{}, false}); });
    QVERIFY(status.has_value());
    QVERIFY(!status->ok());
    QCOMPARE(status->error().kind(), Error::Kind::InvalidInput);
    QCOMPARE(status->error().field(), u"termsOfServiceAgreed"_s);
    QVERIFY2(status->error().message().contains(u"terms of service"_s),
             qPrintable(status->error().message()));
    QVERIFY(
        status->error().message().contains(u"data:text/plain"_s)); // Pebble's terms URL is named
    QVERIFY(client->accountUrl().isEmpty());
}

void TestAcme::issueHttp01TwoNames()
{
    QVERIFY(m_accountUrl.isValid());
    auto client = newClient(true);
    m_placed.clear();
    m_removed.clear();
    m_placedAtFirstRemoval = -1;
    answerChallenges(*client, *m_world);
    const QStringList names{u"app.example.test"_s, u"www.example.test"_s};
    const int answeredBefore = m_world->http().answered();
    const auto status = runToEnd(*client, [&] {
        client->issue({names, u"http-01"_s, {}, {}, {}});
    });
    QVERIFY(status.has_value());
    QVERIFY2(status->ok(), status->ok() ? "" : qPrintable(status->error().message()));
    // A new account holds no earlier authorizations: both names were validated.
    m_placed.sort();
    QCOMPARE(m_placed, names);
    m_removed.sort();
    QCOMPARE(m_removed, names);
    // Both challenges were handed out before either was checked: placing
    // them (on several edges, say) runs in parallel.
    QCOMPARE(m_placedAtFirstRemoval, 2);
    QCOMPARE(m_world->http().placed(), 0);
    QVERIFY(m_world->http().answered() >= answeredBefore + 2);

    m_issued = client->certificate();
    const QList<QSslCertificate> chain = QSslCertificate::fromData(m_issued.chainPem, QSsl::Pem);
    QVERIFY(chain.size() >= 2);
    QStringList sans = chain.first().subjectAlternativeNames().values(QSsl::DnsEntry);
    sans.sort();
    QCOMPARE(sans, names);
    // The certificate's key is a new P-256 key, returned as PEM, matching the certificate.
    auto certificateKey = AcmeKey::fromPem(m_issued.keyPem);
    QVERIFY(certificateKey.ok());
    QVERIFY(certificateKey->thumbprint() != m_accountKey.thumbprint());
    QCOMPARE(chain.first().publicKey().toDer(), certificateKey->publicKeyDer());
    QVERIFY(verifiesAgainstPebbleRoot(m_issued.chainPem));
    qInfo() << "badNonce retries during issuance:" << client->badNonceRetries();
}

void TestAcme::issueDns01Wildcard()
{
    auto client = newClient(true);
    m_placed.clear();
    m_removed.clear();
    answerChallenges(*client, *m_world);
    const auto status = runToEnd(*client, [&] {
        client->issue({{u"*.wild.example.test"_s}, u"dns-01"_s, {}, {}, {}});
    });
    QVERIFY(status.has_value());
    QVERIFY2(status->ok(), status->ok() ? "" : qPrintable(status->error().message()));
    QCOMPARE(m_placed, QStringList{u"wild.example.test"_s});
    QCOMPARE(m_removed, QStringList{u"wild.example.test"_s});
    const QList<QSslCertificate> chain =
        QSslCertificate::fromData(client->certificate().chainPem, QSsl::Pem);
    QVERIFY(!chain.isEmpty());
    QCOMPARE(chain.first().subjectAlternativeNames().values(QSsl::DnsEntry),
             QStringList{u"*.wild.example.test"_s});
    QVERIFY(verifiesAgainstPebbleRoot(client->certificate().chainPem));
}

void TestAcme::revoke()
{
    QVERIFY(!m_issued.chainPem.isEmpty());
    auto serial = AcmeX509::serialHex(m_issued.chainPem);
    QVERIFY(serial.ok());
    const auto statusPath = u"/cert-status-by-serial/"_s + serial.value();
    QCOMPARE(QJsonDocument::fromJson(m_world->managementGet(statusPath))
                 .object()
                 .value(u"Status"_s)
                 .toString(),
             u"Valid"_s);

    auto client = newClient(true);
    const auto status =
        runToEnd(*client, [&] { client->revoke(m_issued.chainPem, 4 /* superseded */); });
    QVERIFY(status.has_value());
    QVERIFY2(status->ok(), status->ok() ? "" : qPrintable(status->error().message()));
    QCOMPARE(QJsonDocument::fromJson(m_world->managementGet(statusPath))
                 .object()
                 .value(u"Status"_s)
                 .toString(),
             u"Revoked"_s);

    const auto again = runToEnd(*client, [&] { client->revoke(m_issued.chainPem); });
    QVERIFY(again.has_value());
    QVERIFY(!again->ok());
    QCOMPARE(again->error().kind(), Error::Kind::Refused);
    QVERIFY(client->lastProblem().has_value());
    QCOMPARE(client->lastProblem()->type, u"urn:ietf:params:acme:error:alreadyRevoked"_s);
    QVERIFY2(again->error().message().contains(u"alreadyRevoked"_s),
             qPrintable(again->error().message()));
}

void TestAcme::challengeFails()
{
    // Claimed placed but never served: the CA's check fails, the error names
    // the name and the CA's reason, and the challenge is handed back.
    auto client = newClient(true);
    QStringList done;
    connect(client.get(), &AcmeClient::challengeNeeded, client.get(),
            [&client](const AcmeChallengeTask &task) { client->challengePlaced(task.token); });
    connect(client.get(), &AcmeClient::challengeDone, client.get(),
            [&done](const AcmeChallengeTask &task) { done << task.identifier; });
    const auto status = runToEnd(*client, [&] {
        client->issue({{u"unserved.example.test"_s}, u"http-01"_s, {}, {}, {}});
    });
    QVERIFY(status.has_value());
    QVERIFY(!status->ok());
    QCOMPARE(status->error().kind(), Error::Kind::Refused);
    QVERIFY2(status->error().message().contains(
                 u"could not validate unserved.example.test by http-01 (invalid)"_s),
             qPrintable(status->error().message()));
    QVERIFY(status->error().message().contains(u"urn:ietf:params:acme:error:"_s));
    QCOMPARE(done, QStringList{u"unserved.example.test"_s});
    QVERIFY(client->certificate().chainPem.isEmpty());

    // The caller could not place it: its own error, prefixed, handed back too.
    done.clear();
    client->disconnect();
    connect(client.get(), &AcmeClient::challengeNeeded, client.get(),
            [&client](const AcmeChallengeTask &task) {
                client->challengePlacementFailed(
                    task.token, Error(Error::Kind::Remote, u"edge-1 is unreachable"_s));
            });
    connect(client.get(), &AcmeClient::challengeDone, client.get(),
            [&done](const AcmeChallengeTask &task) { done << task.identifier; });
    const auto placement = runToEnd(*client, [&] {
        client->issue({{u"unplaced.example.test"_s}, u"http-01"_s, {}, {}, {}});
    });
    QVERIFY(placement.has_value());
    QCOMPARE(placement->error().kind(), Error::Kind::Remote);
    QCOMPARE(placement->error().message(),
             u"placing the challenge for unplaced.example.test: edge-1 is unreachable"_s);
    QCOMPARE(done, QStringList{u"unplaced.example.test"_s});
}

void TestAcme::profileNotListed()
{
    auto client = newClient(true);
    int challenges = 0;
    connect(client.get(), &AcmeClient::challengeNeeded, client.get(),
            [&challenges] { ++challenges; });
    const auto status = runToEnd(*client, [&] {
        client->issue({{u"profile.example.test"_s}, u"http-01"_s, u"shortlived"_s, {}, {}});
    });
    QVERIFY(status.has_value());
    QVERIFY(!status->ok());
    QCOMPARE(status->error().kind(), Error::Kind::InvalidInput);
    QCOMPARE(status->error().field(), u"profile"_s);
    QVERIFY2(status->error().message().contains(u"shortlived"_s),
             qPrintable(status->error().message()));
    QVERIFY(status->error().message().contains(u"lists none"_s));
    QVERIFY(client->directoryProfiles().isEmpty());
    QCOMPARE(challenges, 0);
}

void TestAcme::noRenewalInfoAtPebble()
{
    // Pebble 2.4.0 has no renewalInfo endpoint: a clear error, not a guess.
    auto client = newClient(true);
    const auto status = runToEnd(*client, [&] { client->fetchRenewalInfo(m_issued.chainPem); });
    QVERIFY(status.has_value());
    QVERIFY(!status->ok());
    QCOMPARE(status->error().kind(), Error::Kind::Refused);
    QVERIFY2(status->error().message().contains(u"ARI"_s), qPrintable(status->error().message()));
}

void TestAcme::unreachableCa()
{
    AcmeClient client;
    QVERIFY(client.setDirectoryUrl(QUrl(u"https://127.0.0.1:%1/dir"_s.arg(m_world->unusedPort())))
                .ok());
    client.setAccount(m_accountKey);
    const auto status = runToEnd(client, [&] { client.registerAccount({{}, true}); });
    QVERIFY(status.has_value());
    QVERIFY(!status->ok());
    QCOMPARE(status->error().kind(), Error::Kind::Remote);
    QVERIFY(status->error().retryable());
    QVERIFY2(status->error().message().contains(u"cannot reach the CA at 127.0.0.1:"_s),
             qPrintable(status->error().message()));

    QVERIFY(!client.setDirectoryUrl(QUrl(u"http://127.0.0.1/dir"_s)).ok());
    const Status badBundle = client.setCaBundle(m_dir.path() + u"/missing.pem"_s);
    QVERIFY(!badBundle.ok());
    QCOMPARE(badBundle.error().field(), u"caBundle"_s);
}

void TestAcme::wrongCaBundle()
{
    AcmeClient client;
    QVERIFY(client.setDirectoryUrl(m_world->directoryUrl()).ok());
    QVERIFY(client.setCaBundle(m_world->wrongCaBundle()).ok());
    client.setAccount(m_accountKey);
    const auto status = runToEnd(client, [&] { client.registerAccount({{}, true}); });
    QVERIFY(status.has_value());
    QVERIFY(!status->ok());
    QCOMPARE(status->error().kind(), Error::Kind::Remote);
    QVERIFY2(status->error().message().contains(u"TLS certificate check failed"_s),
             qPrintable(status->error().message()));
}

void TestAcme::invalidOrderRequest()
{
    auto client = newClient(true);
    const auto wildcardByHttp = runToEnd(*client, [&] {
        client->issue({{u"*.x.example.test"_s}, u"http-01"_s, {}, {}, {}});
    });
    QVERIFY(wildcardByHttp.has_value() && !wildcardByHttp->ok());
    QCOMPARE(wildcardByHttp->error().field(), u"challengeType"_s);
    const auto badName = runToEnd(*client, [&] {
        client->issue({{u"Bad_Name"_s}, u"http-01"_s, {}, {}, {}});
    });
    QVERIFY(badName.has_value() && !badName->ok());
    QCOMPARE(badName->error().field(), u"names"_s);
    QVERIFY(badName->error().message().contains(u"Bad_Name"_s));
    const auto twice = runToEnd(*client, [&] {
        client->issue({{u"a.example.test"_s, u"a.example.test"_s}, u"http-01"_s, {}, {}, {}});
    });
    QVERIFY(twice.has_value() && !twice->ok());
    QVERIFY(twice->error().message().contains(u"twice"_s));
    QVERIFY(!client->busy());
}

void TestAcme::deadlineAndCancel()
{
    // A challenge the caller never places: the whole-operation deadline ends it.
    auto client = newClient(true);
    client->setOperationTimeout(3000);
    QStringList done;
    connect(client.get(), &AcmeClient::challengeDone, client.get(),
            [&done](const AcmeChallengeTask &task) { done << task.identifier; });
    const auto timedOut = runToEnd(*client, [&] {
        client->issue({{u"slow.example.test"_s}, u"http-01"_s, {}, {}, {}});
    });
    QVERIFY(timedOut.has_value());
    QCOMPARE(timedOut->error().kind(), Error::Kind::Timeout);
    QVERIFY(!client->busy());

    QCOMPARE(done, QStringList{u"slow.example.test"_s}); // told to remove what it may have placed

    // Cancel from the GUI while a challenge is out: one Cancelled finish,
    // the challenge handed back for removal, nothing after it.
    client->setOperationTimeout(60000);
    const auto cancelOnce = connect(client.get(), &AcmeClient::challengeNeeded, client.get(),
                                    [&client] { client->cancel(); });
    int finishes = 0;
    connect(client.get(), &AcmeClient::finished, client.get(), [&finishes] { ++finishes; });
    const auto cancelled = runToEnd(*client, [&] {
        client->issue({{u"cancel.example.test"_s}, u"http-01"_s, {}, {}, {}});
    });
    QVERIFY(cancelled.has_value());
    QCOMPARE(cancelled->error().kind(), Error::Kind::Cancelled);
    QCOMPARE(done, (QStringList{u"slow.example.test"_s, u"cancel.example.test"_s}));
    disconnect(cancelOnce);
    // The client is usable again, and the cancelled order sent nothing more.
    const auto next = runToEnd(*client, [&] { client->fetchRenewalInfo(m_issued.chainPem); });
    QVERIFY(next.has_value());
    QCOMPARE(finishes, 2);
}

void TestAcme::badNonceRetryIsBounded()
{
    // A Pebble rejecting every nonce: each request is retried with the fresh
    // nonce of the badNonce answer, a bounded number of times, then fails.
    QTemporaryDir dir;
    PebbleWorld rejecting(dir.path());
    QVERIFY2(rejecting.start(100), qPrintable(rejecting.error()));
    AcmeClient client;
    QVERIFY(client.setDirectoryUrl(rejecting.directoryUrl()).ok());
    QVERIFY(client.setCaBundle(rejecting.caBundle()).ok());
    client.setAccount(m_accountKey);
    client.setMaxBadNonceRetries(3);
    const auto status = runToEnd(client, [&] { client.registerAccount({{}, true}); });
    QVERIFY(status.has_value());
    QVERIFY(!status->ok());
    QCOMPARE(status->error().kind(), Error::Kind::Refused);
    QVERIFY2(status->error().message().contains(u"badNonce"_s),
             qPrintable(status->error().message()));
    QCOMPARE(client.badNonceRetries(), 3);
    QCOMPARE(rejecting.log().count("POST /sign-me-up"), 4);
}

std::unique_ptr<AcmeClient> TestAcme::fakeCaClient(FakeAcmeServer &fake)
{
    if (!fake.listen(m_dir.path() + u"/tls.pem"_s, m_dir.path() + u"/tls.key"_s))
        return nullptr;
    auto client = std::make_unique<AcmeClient>();
    if (!client->setDirectoryUrl(fake.directoryUrl()) || !client->setCaBundle(m_world->caBundle()))
        return nullptr;
    client->setAccount(m_accountKey);
    client->setOperationTimeout(20000);
    return client;
}

void TestAcme::fakeCaBadNonceThenSuccess()
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

void TestAcme::fakeCaProfileReplacesAndRateLimit()
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
}

void TestAcme::fakeCaRenewalInfo()
{
    FakeAcmeServer fake;
    auto client = fakeCaClient(fake);
    QVERIFY(client);
    const auto status = runToEnd(*client, [&] { client->fetchRenewalInfo(m_issued.chainPem); });
    QVERIFY(status.has_value());
    QVERIFY2(status->ok(), status->ok() ? "" : qPrintable(status->error().message()));
    const AcmeRenewalInfo &info = client->renewalInfo();
    QCOMPARE(info.windowStart, QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc()));
    QCOMPARE(info.windowEnd, QDateTime(QDate(2026, 1, 2), QTime(12, 0), QTimeZone::utc()));
    QCOMPARE(info.retryAfterMs, 3600000);
    QCOMPARE(info.explanation, QUrl(u"https://ca.test/why"_s));
    // An unauthenticated GET of renewalInfo/<certificate identifier>.
    auto id = AcmeX509::renewalId(m_issued.chainPem);
    QVERIFY(id.ok());
    QCOMPARE(fake.requestsTo(u"/renewal-info/"_s + id.value()).size(), 1);
    QCOMPARE(fake.requestsTo(u"/renewal-info/"_s + id.value()).first().method, QByteArray("GET"));
}

void TestAcme::fakeCaOversizedAnswer()
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
        QVERIFY(!client->fetchRenewalInfo(m_issued.chainPem));
    });
    QVERIFY(again.has_value());
    QVERIFY(again->ok());
    QCOMPARE(finishes, 1);
}

void TestAcme::fakeCaPollingHonoursRetryAfter()
{
    FakeAcmeServer fake;
    auto client = fakeCaClient(fake);
    QVERIFY(client);
    client->setAccount(m_accountKey, fake.directoryUrl().resolved(QUrl(u"/acct/7"_s)));
    fake.issueOrders = true;
    fake.chainPem = m_issued.chainPem;
    fake.processingPolls = 1;
    fake.processingRetryAfterS = 1;
    client->setPollBounds({50, 50, 5000, 20});
    const auto status = runToEnd(*client, [&] {
        client->issue({{u"app.example.test"_s}, u"http-01"_s, {}, {}, {}});
    });
    QVERIFY(status.has_value());
    QVERIFY2(status->ok(), status->ok() ? "" : qPrintable(status->error().message()));
    QCOMPARE(client->certificate().chainPem, m_issued.chainPem);
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
    slow.chainPem = m_issued.chainPem;
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

QTEST_GUILESS_MAIN(TestAcme)
#include "tst_acme.moc"
