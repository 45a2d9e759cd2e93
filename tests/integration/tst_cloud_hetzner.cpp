#include "HetznerEmulator.h"
#include "cloud/HetznerProvider.h"
#include "cloud/ServerReadiness.h"

#include <QElapsedTimer>
#include <QTest>

using namespace kokoa;
using namespace Qt::StringLiterals;

namespace {

const QByteArray token = "hz-token-0123456789";
const QString owner = u"0123456789abcdef0123456789abcdef"_s;

RetryPolicy quickRetries()
{
    RetryPolicy p;
    p.initialBackoffMs = 10;
    p.maxBackoffMs = 20;
    p.budgetMs = 8'000;
    return p;
}

ActionPolling quickPolling()
{
    return {2'000, 10};
}

ServerSpec spec(const QString &name)
{
    ServerSpec s;
    s.name = name;
    s.image = u"debian-12"_s;
    s.size = u"cx22"_s;
    s.region = u"fsn1"_s;
    s.userData = "#cloud-config\n";
    return s;
}

} // namespace

class TestCloudHetzner : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void createWaitListDestroy();
    void listingFollowsPaginationAndSkipsForeignServers();
    void rateLimitHonoursRetryAfter();
    void persistentRateLimitIsAnErrorCarryingRetryAfter();
    void serverErrorsAreRetried();
    void createThatNeverBecomesReadyTimesOut();
    void failedDestroyIsReportedAndCanBeRepeated();
    void destroyOfAGoneServerSucceeds();
    void badTokenIsRefusedWithoutShowingIt();
    void refusedImageOrLocationIsRefused();
    void lostCreateAnswerFindsTheFirstServer();
    void foreignServerOfTheSameNameIsNeverAdopted();

private:
    std::unique_ptr<HetznerProvider> provider(const QByteArray &withToken = token) const;

    std::unique_ptr<HetznerEmulator> m_api;
};

void TestCloudHetzner::init()
{
    m_api = std::make_unique<HetznerEmulator>(token);
    QVERIFY(m_api->start());
}

std::unique_ptr<HetznerProvider> TestCloudHetzner::provider(const QByteArray &withToken) const
{
    return std::make_unique<HetznerProvider>(m_api->baseUrl(), withToken, owner, quickRetries(),
                                             quickPolling());
}

void TestCloudHetzner::createWaitListDestroy()
{
    m_api->setBootReads(3);
    auto hz = provider();
    QVERIFY(hz->checkCredentials().ok());
    ServerSpec s = spec(u"kokoa-tokyo-3-a1"_s);
    s.userData = "#cloud-config\nssh_authorized_keys: []\n";
    const Result<CloudServer> created = hz->create(s);
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message()));
    QVERIFY(!created->running);
    QVERIFY(created->owned);
    QVERIFY(!created->ipv4.isEmpty());
    QVERIFY(created->ipv6.endsWith(u"::1"_s));
    const auto atApi = m_api->server(s.name);
    QVERIFY(atApi.has_value());
    QCOMPARE(atApi->labels.value(u"kokoa-owner"_s).toString(), owner);
    QCOMPARE(atApi->userData, s.userData);
    QCOMPARE(atApi->location, u"fsn1"_s);
    QCOMPARE(atApi->serverType, u"cx22"_s);

    const Result<CloudServer> running =
        ServerReadiness::waitUntilRunning(*hz, created->id, {5'000, 10});
    QVERIFY(running.ok());
    QVERIFY(running->running);
    QCOMPARE(m_api->server(s.name)->reads, 3);

    const auto owned = hz->owned();
    QVERIFY(owned.ok());
    QCOMPARE(owned->size(), 1);
    QCOMPARE(owned->first().id, created->id);

    QVERIFY(hz->destroy(created->id).ok());
    QVERIFY(!m_api->server(s.name).has_value());
    QVERIFY(hz->owned()->isEmpty());
    const auto gone = hz->server(created->id);
    QVERIFY(gone.ok());
    QVERIFY(!gone->has_value());
}

void TestCloudHetzner::listingFollowsPaginationAndSkipsForeignServers()
{
    for (int i = 0; i < 120; ++i)
        m_api->addServer(u"mine-%1"_s.arg(i), {{u"kokoa-owner"_s, owner}});
    m_api->addServer(u"theirs"_s, {{u"kokoa-owner"_s, u"ffffffffffffffffffffffffffffffff"_s}});
    m_api->addServer(u"unlabelled"_s, {});
    const auto owned = provider()->owned();
    QVERIFY(owned.ok());
    QCOMPARE(owned->size(), 120);
    for (const CloudServer &s : *owned)
        QVERIFY(s.name.startsWith(u"mine-"_s));
    QCOMPARE(m_api->requestCount("GET", u"/v1/servers"_s), 3); // 50 + 50 + 20
}

void TestCloudHetzner::rateLimitHonoursRetryAfter()
{
    m_api->failWith429(1, 1);
    QElapsedTimer timer;
    timer.start();
    const Result<CloudServer> created = provider()->create(spec(u"a"_s));
    QVERIFY(created.ok());
    QVERIFY2(timer.elapsed() >= 950, "the client waited less than Retry-After");
    QCOMPARE(m_api->requestCount("POST", u"/v1/servers"_s), 2);
    QCOMPARE(m_api->servers().size(), 1);
}

void TestCloudHetzner::persistentRateLimitIsAnErrorCarryingRetryAfter()
{
    m_api->failWith429(100, 0);
    const Result<CloudServer> created = provider()->create(spec(u"a"_s));
    QVERIFY(!created.ok());
    QCOMPARE(created.error().kind(), Error::Kind::Remote);
    QVERIFY(created.error().retryable());
    QVERIFY(created.error().message().contains(u"rate_limit_exceeded"_s));
    QVERIFY(m_api->servers().isEmpty());
    QCOMPARE(m_api->requestCount("POST", u"/v1/servers"_s), quickRetries().maxAttempts);
}

void TestCloudHetzner::serverErrorsAreRetried()
{
    m_api->failWith5xx(2);
    const Result<CloudServer> created = provider()->create(spec(u"a"_s));
    QVERIFY(created.ok());
    QCOMPARE(m_api->servers().size(), 1);
    m_api->failWith5xx(100, 502);
    const auto listed = provider()->owned();
    QVERIFY(!listed.ok());
    QVERIFY(listed.error().message().contains(u"502"_s));
}

void TestCloudHetzner::createThatNeverBecomesReadyTimesOut()
{
    m_api->setNeverReady(true);
    auto hz = provider();
    const Result<CloudServer> created = hz->create(spec(u"a"_s));
    QVERIFY(created.ok());
    QElapsedTimer timer;
    timer.start();
    const Result<CloudServer> running =
        ServerReadiness::waitUntilRunning(*hz, created->id, {300, 20});
    QVERIFY(!running.ok());
    QCOMPARE(running.error().kind(), Error::Kind::Timeout);
    QVERIFY(running.error().message().contains(u"initializing"_s));
    QVERIFY(timer.elapsed() < 3'000);
    // Bounded: about timeout / interval reads, never more.
    QVERIFY(m_api->server(u"a"_s)->reads <= 300 / 20 + 1);
}

void TestCloudHetzner::failedDestroyIsReportedAndCanBeRepeated()
{
    auto hz = provider();
    const Result<CloudServer> created = hz->create(spec(u"a"_s));
    QVERIFY(created.ok());
    m_api->failDestroys(1);
    const Status failed = hz->destroy(created->id);
    QVERIFY(!failed.ok());
    QVERIFY(failed.error().message().contains(u"action_failed"_s));
    QVERIFY(m_api->server(u"a"_s).has_value());
    QCOMPARE(hz->owned()->size(), 1);
    QVERIFY(hz->destroy(created->id).ok());
    QVERIFY(!m_api->server(u"a"_s).has_value());
}

void TestCloudHetzner::destroyOfAGoneServerSucceeds()
{
    QVERIFY(provider()->destroy(u"99999"_s).ok());
    const Status bad = provider()->destroy(u"1; rm -rf /"_s);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().field(), u"id"_s);
}

void TestCloudHetzner::badTokenIsRefusedWithoutShowingIt()
{
    const QByteArray wrong = "not-the-token-abcdef";
    auto hz = provider(wrong);
    const Status s = hz->checkCredentials();
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind(), Error::Kind::Refused);
    QCOMPARE(s.error().field(), u"token"_s);
    QVERIFY(!s.error().message().contains(QString::fromLatin1(wrong)));
    const Result<CloudServer> created = hz->create(spec(u"a"_s));
    QVERIFY(!created.ok());
    QCOMPARE(created.error().kind(), Error::Kind::Refused);
    QVERIFY(m_api->servers().isEmpty());
    // Refused means no retry: one request each.
    QCOMPARE(m_api->requestCount("POST", u"/v1/servers"_s), 1);
}

void TestCloudHetzner::refusedImageOrLocationIsRefused()
{
    ServerSpec s = spec(u"a"_s);
    s.image = u"windows-11"_s;
    Result<CloudServer> created = provider()->create(s);
    QVERIFY(!created.ok());
    QCOMPARE(created.error().kind(), Error::Kind::Refused);
    QVERIFY(created.error().message().contains(u"invalid_input"_s));
    QVERIFY(created.error().message().contains(u"windows-11"_s));
    s = spec(u"a"_s);
    s.region = u"mars1"_s;
    created = provider()->create(s);
    QVERIFY(!created.ok());
    QVERIFY(created.error().message().contains(u"mars1"_s));
    QVERIFY(m_api->servers().isEmpty());
}

void TestCloudHetzner::lostCreateAnswerFindsTheFirstServer()
{
    m_api->loseCreateAnswers(1);
    const Result<CloudServer> created = provider()->create(spec(u"kokoa-x"_s));
    QVERIFY2(created.ok(), qPrintable(created.ok() ? QString() : created.error().message()));
    QCOMPARE(m_api->servers().size(), 1);
    QCOMPARE(created->id, QString::number(m_api->servers().first().id));
    QCOMPARE(m_api->requestCount("POST", u"/v1/servers"_s), 2);
}

void TestCloudHetzner::foreignServerOfTheSameNameIsNeverAdopted()
{
    m_api->addServer(u"kokoa-x"_s, {{u"team"_s, u"web"_s}});
    const Result<CloudServer> created = provider()->create(spec(u"kokoa-x"_s));
    QVERIFY(!created.ok());
    QCOMPARE(created.error().kind(), Error::Kind::Refused);
    QVERIFY(created.error().message().contains(u"uniqueness_error"_s));
    QCOMPARE(m_api->servers().size(), 1);
}

QTEST_GUILESS_MAIN(TestCloudHetzner)
#include "tst_cloud_hetzner.moc"
