// The Cloudflare request budget (1,200 per 5 minutes): every request the
// provider sends is counted, the window slides, and when the budget runs low
// the work is given up in order: scheduled refreshes at half (the kept zone
// state answers), reads at 80 %, failover changes only at the limit.
#include "CloudflareEmulator.h"
#include "ManualClock.h"
#include "dns/CloudflareBudget.h"
#include "dns/CloudflareProvider.h"
#include "dns/DnsReconciler.h"

#include <QTest>

#include <memory>

using namespace kokoa;

namespace {

const QByteArray token = "cf-budget-token-Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQ";
const QString zoneName = QStringLiteral("example.com");
const QString owner = QStringLiteral("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
const QString edge1 = QStringLiteral("203.0.113.1");
const QString edge2 = QStringLiteral("203.0.113.2");
const QString host = QStringLiteral("www.example.com");

RetryPolicy fastPolicy()
{
    RetryPolicy p;
    p.budgetMs = 5000;
    p.initialBackoffMs = 50;
    p.maxBackoffMs = 200;
    p.transferTimeoutMs = 2000;
    return p;
}

} // namespace

class TestCloudflareBudget final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<CloudflareEmulator> m_cf;
    QString m_zoneId;
    ManualClock m_clock;
    std::unique_ptr<CloudflareBudget> m_budget;

    std::unique_ptr<CloudflareProvider> provider()
    {
        auto cf = std::make_unique<CloudflareProvider>(
            zoneName, m_cf->baseUrl(), token, DnsOwner{owner, false, {}}, m_zoneId, fastPolicy());
        cf->setBudget(*m_budget);
        return cf;
    }
    void addRecord(const QString &content)
    {
        CloudflareEmulator::Record r;
        r.zoneId = m_zoneId;
        r.name = host;
        r.type = QStringLiteral("A");
        r.content = content;
        r.ttl = 60;
        r.comment = CloudflareProvider::ownershipComment(owner);
        m_cf->addRecord(r);
    }
    // Plans `host` to hold exactly `wanted` and applies it as the monitor does.
    Status failover(CloudflareProvider &cf, const QStringList &wanted)
    {
        const auto current = cf.recordsOf({host}, false);
        if (!current)
            return current.error();
        const auto plan = DnsReconciler::plan({host, wanted, 60}, current->value(host));
        if (!plan)
            return plan.error();
        return cf.applyAll({*plan});
    }

private slots:
    void init()
    {
        m_cf = std::make_unique<CloudflareEmulator>(token);
        QVERIFY(m_cf->startOnOwnThread());
        m_zoneId = m_cf->addZone(zoneName);
        m_budget = std::make_unique<CloudflareBudget>(m_clock);
        addRecord(edge1);
        addRecord(edge2);
    }

    void cleanup()
    {
        m_cf.reset();
        m_budget.reset();
    }

    void ceilingsFollowTheOrderOfGivingUp()
    {
        const int limit = CloudflareBudget::kLimit;
        QCOMPARE(limit, 1200);
        QCOMPARE(CloudflareBudget::ceilingFor(CloudflareBudget::Use::Refresh, limit), 600);
        QCOMPARE(CloudflareBudget::ceilingFor(CloudflareBudget::Use::Read, limit), 960);
        QCOMPARE(CloudflareBudget::ceilingFor(CloudflareBudget::Use::Change, limit), 1200);
    }

    void windowSlidesOverFiveMinutes()
    {
        m_budget->spend(600);
        QCOMPARE(m_budget->snapshot().used, 600);
        QCOMPARE(m_budget->snapshot().level, CloudflareBudget::Level::RefreshesPaused);
        const Status refused = m_budget->admit(CloudflareBudget::Use::Refresh, zoneName);
        QVERIFY(!refused.ok());
        QVERIFY(refused.error().retryable());
        QVERIFY2(refused.error().message().contains(QStringLiteral("600 of 1200")),
                 qPrintable(refused.error().message()));
        QVERIFY(refused.error().message().contains(zoneName));
        // Room comes back when the oldest requests leave the window.
        QCOMPARE(refused.error().retryAfterMs(), CloudflareBudget::kWindowMs);
        m_clock.advance(CloudflareBudget::kWindowMs - 1);
        QCOMPARE(m_budget->snapshot().used, 600);
        m_clock.advance(1);
        QCOMPARE(m_budget->snapshot().used, 0);
        QCOMPARE(m_budget->snapshot().level, CloudflareBudget::Level::Normal);
        QCOMPARE(m_budget->snapshot().total, qint64(600));
        QVERIFY(m_budget->admit(CloudflareBudget::Use::Refresh, zoneName).ok());
    }

    void everyRequestIsCounted()
    {
        auto cf = provider();
        QVERIFY(cf->recordsOf({host}, true).ok());
        QVERIFY(failover(*cf, {edge1}).ok());
        QVERIFY(cf->records(host).ok());
        QVERIFY(m_cf->requestCount() > 0);
        QCOMPARE(m_budget->snapshot().used, m_cf->requestCount());
        // Retried attempts are requests too.
        m_cf->clearRequests();
        const int before = m_budget->snapshot().used;
        m_cf->failWith5xx(2, 502);
        QVERIFY(cf->records(host).ok());
        QCOMPARE(m_cf->requestCount(), 3);
        QCOMPARE(m_budget->snapshot().used, before + 3);
    }

    void refreshesAreGivenUpFirst()
    {
        auto cf = provider();
        QVERIFY(cf->recordsOf({host}, true).ok());
        m_budget->spend(CloudflareBudget::kLimit / 2);
        m_cf->clearRequests();
        // The scheduled refresh is skipped: the kept state answers.
        const auto kept = cf->recordsOf({host}, true);
        QVERIFY(kept.ok());
        QCOMPARE(kept->value(host).owned.size(), 2);
        QCOMPARE(m_cf->requestCount(), 0);
        // A failover still goes out, in one request.
        QVERIFY(failover(*cf, {edge1}).ok());
        QCOMPARE(m_cf->requestCount(), 1);
        QCOMPARE(m_cf->recordsNamed(host).size(), 1);
    }

    void readsStopBeforeChanges()
    {
        auto cf = provider(); // no kept state: the next read must list the zone
        m_budget->spend(CloudflareBudget::kLimit * 4 / 5);
        m_cf->clearRequests();
        const auto read = cf->recordsOf({host}, false);
        QVERIFY(!read.ok());
        QVERIFY2(read.error().message().contains(QStringLiteral("reads stop at 960")),
                 qPrintable(read.error().message()));
        QCOMPARE(m_cf->requestCount(), 0);
        QCOMPARE(m_budget->snapshot().level, CloudflareBudget::Level::ReadsPaused);
        // A change (certificates, commands) may still go out.
        QVERIFY(m_budget->admit(CloudflareBudget::Use::Change, zoneName).ok());
    }

    void nothingGoesOutAtTheLimit()
    {
        auto cf = provider();
        QVERIFY(cf->recordsOf({host}, true).ok());
        m_budget->spend(CloudflareBudget::kLimit);
        m_cf->clearRequests();
        const Status s = failover(*cf, {edge1});
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message().contains(QStringLiteral("changes stop at the limit")),
                 qPrintable(s.error().message()));
        QCOMPARE(m_cf->requestCount(), 0);
        QCOMPARE(m_cf->recordsNamed(host).size(), 2);
        QCOMPARE(m_budget->snapshot().level, CloudflareBudget::Level::Exhausted);
        // Five minutes later the change goes through.
        m_clock.advance(CloudflareBudget::kWindowMs);
        QVERIFY(failover(*cf, {edge1}).ok());
        QCOMPARE(m_cf->recordsNamed(host).size(), 1);
    }
};

QTEST_MAIN(TestCloudflareBudget)
#include "tst_cloudflare_budget.moc"
