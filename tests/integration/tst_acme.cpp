#include "AcmeTestSupport.h"
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

class TestAcme final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
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

private:
    std::unique_ptr<AcmeClient> newClient(bool withAccount);
    // Answers challenges: http-01 through the world's HTTP server, dns-01
    // through challtestsrv's TXT records; removes them when done.
    void answerChallenges(AcmeClient &client, PebbleWorld &world);
    bool verifiesAgainstPebbleRoot(const QByteArray &chainPem);

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
    // The account every other test uses (registerAccount shows registration
    // itself with a key of its own).
    auto client = newClient(false);
    QVERIFY(client);
    client->setAccount(m_accountKey);
    const auto status = runToEnd(*client, [&] { client->registerAccount({{}, true}); });
    QVERIFY(status.has_value() && status->ok());
    m_accountUrl = client->accountUrl();
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
    const bool ok = runOpenSsl({u"verify"_s, u"-CAfile"_s, u"root.pem"_s, u"-untrusted"_s,
                                u"intermediates.pem"_s, u"leaf.pem"_s},
                               dir, &output);
    if (!ok)
        qWarning() << "openssl verify:" << output;
    return ok;
}

void TestAcme::registerAccount()
{
    auto client = newClient(false);
    QVERIFY(client);
    auto key = AcmeKey::generate();
    QVERIFY(key.ok());
    client->setAccount(key.value());
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
    QVERIFY(client->accountUrl() != m_accountUrl);

    // A second client knowing only the key finds the same account (onlyReturnExisting).
    auto again = newClient(false);
    again->setAccount(key.value());
    const auto second = runToEnd(*again, [&] {
        again->issue({{u"lookup.example.test"_s}, u"http-01"_s, u"nope"_s, {}, {}});
    });
    QVERIFY(second.has_value());
    QVERIFY(!second->ok()); // the profile is refused, after the account lookup
    QCOMPARE(again->accountUrl(), client->accountUrl());
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

    const auto badContact = runToEnd(*client, [&] {
        client->registerAccount({{u"me@example.test"_s}, true});
    });
    QVERIFY(badContact.has_value() && !badContact->ok());
    QCOMPARE(badContact->error().field(), u"contact"_s);
    QVERIFY(badContact->error().message().contains(u"me@example.test"_s));
    QVERIFY(client->accountUrl().isEmpty());
}

void TestAcme::issueHttp01TwoNames()
{
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
    QVERIFY2(!m_issued.chainPem.isEmpty(),
             "runs after issueHttp01TwoNames, whose certificate it uses");
    auto serial = AcmeX509::serialHex(m_issued.chainPem);
    QVERIFY(serial.ok());
    const QString statusPath = u"/cert-status-by-serial/"_s + serial.value();
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
    QVERIFY2(!m_issued.chainPem.isEmpty(),
             "runs after issueHttp01TwoNames, whose certificate it uses");
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
    QStringList needed;
    QStringList done;
    connect(client.get(), &AcmeClient::challengeNeeded, client.get(),
            [&needed](const AcmeChallengeTask &task) { needed << task.identifier; });
    connect(client.get(), &AcmeClient::challengeDone, client.get(),
            [&done](const AcmeChallengeTask &task) { done << task.identifier; });
    const auto timedOut = runToEnd(*client, [&] {
        client->issue({{u"slow.example.test"_s}, u"http-01"_s, {}, {}, {}});
    });
    QVERIFY(timedOut.has_value());
    QCOMPARE(timedOut->error().kind(), Error::Kind::Timeout);
    QVERIFY(!client->busy());

    // Whatever was handed out (normally the one challenge; nothing if a
    // loaded machine did not get that far in time) is handed back.
    QCOMPARE(done, needed);
    QVERIFY(timedOut->error().message().contains(u"did not finish within 3 s"_s));

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
    QVERIFY(!needed.isEmpty());
    QCOMPARE(needed.last(), u"cancel.example.test"_s);
    QCOMPARE(done, needed);
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

QTEST_GUILESS_MAIN(TestAcme)
#include "tst_acme.moc"
