// The batch endpoint of the Cloudflare emulator as Cloudflare documents it
// (order, all or nothing, record limit, faults), and CloudflareProvider's
// zone changes through it: one batch per change below the limit, split
// beyond, additions before removals, the kept zone state, and the number of
// requests a failover costs.
#include "CloudflareEmulator.h"
#include "dns/CloudflareProvider.h"
#include "dns/DnsReconciler.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <memory>

using namespace kokoa;

namespace {

const QByteArray token = "cf-batch-token-Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQ";
const QString zoneName = QStringLiteral("example.com");
const QString owner = QStringLiteral("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
const QString marker = CloudflareProvider::ownershipComment(owner);
const QString edge1 = QStringLiteral("203.0.113.1");
const QString edge2 = QStringLiteral("203.0.113.2");

QString hostAt(int i)
{
    return QStringLiteral("h%1.example.com").arg(i);
}

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

class TestCloudflareBatch final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<CloudflareEmulator> m_cf;
    QString m_zoneId;

    std::unique_ptr<CloudflareProvider> provider()
    {
        return std::make_unique<CloudflareProvider>(
            zoneName, m_cf->baseUrl(), token, DnsOwner{owner, false, {}}, m_zoneId, fastPolicy());
    }

    QString add(const QString &name, const QString &content, const QString &comment = marker)
    {
        CloudflareEmulator::Record r;
        r.zoneId = m_zoneId;
        r.name = name;
        r.type = QStringLiteral("A");
        r.content = content;
        r.ttl = 60;
        r.comment = comment;
        return m_cf->addRecord(r);
    }

    QStringList contentsAt(const QString &name) const
    {
        QStringList out;
        for (const auto &r : m_cf->recordsNamed(name))
            out.append(r.content);
        out.sort();
        return out;
    }

    // Sends a raw batch to the emulator; returns the HTTP status and envelope.
    std::pair<int, QJsonObject> batch(const QJsonObject &body)
    {
        const int before = m_cf->requestCount();
        QNetworkAccessManager nam;
        QNetworkRequest request(
            QUrl(m_cf->baseUrl() + QStringLiteral("/zones/%1/dns_records/batch").arg(m_zoneId)));
        request.setRawHeader("Authorization", "Bearer " + token);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        QNetworkReply *reply =
            nam.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 5000))
            return {-1, {}};
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonObject envelope = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        if (m_cf->requestCount() != before + 1)
            return {-1, {}};
        return {status, envelope};
    }

    static QJsonObject post(const QString &name, const QString &content)
    {
        return {{QStringLiteral("type"), QStringLiteral("A")},
                {QStringLiteral("name"), name},
                {QStringLiteral("content"), content},
                {QStringLiteral("ttl"), 60},
                {QStringLiteral("proxied"), false}};
    }

    static QJsonObject id(const QString &recordId) { return {{QStringLiteral("id"), recordId}}; }

    // Plans every hostname to hold `wanted` from the provider's kept state.
    QList<DnsChangeSet> planAll(CloudflareProvider &cf, const QStringList &hosts,
                                const QStringList &wanted)
    {
        const auto current = cf.recordsOf(hosts, false);
        if (!current) {
            qWarning("%s", qPrintable(current.error().message()));
            return {};
        }
        QList<DnsChangeSet> plans;
        for (const QString &h : hosts) {
            const auto plan = DnsReconciler::plan({h, wanted, 60}, current->value(h));
            if (plan)
                plans.append(*plan);
        }
        return plans;
    }

private slots:
    void init()
    {
        m_cf = std::make_unique<CloudflareEmulator>(token);
        QVERIFY(m_cf->startOnOwnThread());
        m_zoneId = m_cf->addZone(zoneName);
    }

    void emulatorRunsDeletesBeforePosts()
    {
        // Listed posts first in the body, but deletes run first: re-creating
        // the deleted record is no duplicate.
        const QString old = add(hostAt(1), edge1);
        const auto [status, envelope] =
            batch({{QStringLiteral("posts"), QJsonArray{post(hostAt(1), edge1)}},
                   {QStringLiteral("deletes"), QJsonArray{id(old)}}});
        QCOMPARE(status, 200);
        const QJsonObject result = envelope.value(QStringLiteral("result")).toObject();
        QCOMPARE(result.value(QStringLiteral("deletes")).toArray().size(), 1);
        QCOMPARE(result.value(QStringLiteral("posts")).toArray().size(), 1);
        QCOMPARE(contentsAt(hostAt(1)), QStringList{edge1});
        QVERIFY(m_cf->recordsNamed(hostAt(1)).first().id != old);
        // Patches run before posts: a patch cannot reach a record the same
        // batch creates, and the batch fails whole.
        const auto [status2, envelope2] =
            batch({{QStringLiteral("posts"), QJsonArray{post(hostAt(2), edge2)}},
                   {QStringLiteral("patches"),
                    QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("f").repeated(32)},
                                           {QStringLiteral("proxied"), false}}}}});
        QCOMPARE(status2, 404);
        QVERIFY(contentsAt(hostAt(2)).isEmpty());
    }

    void emulatorBatchIsAllOrNothing()
    {
        const QString kept = add(hostAt(1), edge1);
        // The delete is valid, the post is not: nothing happens.
        const auto [status, envelope] =
            batch({{QStringLiteral("deletes"), QJsonArray{id(kept)}},
                   {QStringLiteral("posts"), QJsonArray{post(hostAt(1), QStringLiteral("x"))}}});
        QCOMPARE(status, 400);
        QVERIFY(!envelope.value(QStringLiteral("success")).toBool(true));
        QCOMPARE(contentsAt(hostAt(1)), QStringList{edge1});
        // An injected fault at the last item: the earlier ones are undone.
        m_cf->failBatches(1);
        const auto [failed, _] =
            batch({{QStringLiteral("deletes"), QJsonArray{id(kept)}},
                   {QStringLiteral("posts"), QJsonArray{post(hostAt(1), edge2)}}});
        QCOMPARE(failed, 400);
        QCOMPARE(contentsAt(hostAt(1)), QStringList{edge1});
        // The same batch again goes through.
        const auto [again, __] =
            batch({{QStringLiteral("deletes"), QJsonArray{id(kept)}},
                   {QStringLiteral("posts"), QJsonArray{post(hostAt(1), edge2)}}});
        QCOMPARE(again, 200);
        QCOMPARE(contentsAt(hostAt(1)), QStringList{edge2});
    }

    void emulatorRefusesBatchesOverTheLimit()
    {
        QCOMPARE(m_cf->batchLimit(), 200);
        QJsonArray posts;
        for (int i = 0; i < 201; ++i)
            posts.append(post(hostAt(i), edge1));
        const auto [over, envelope] = batch({{QStringLiteral("posts"), posts}});
        QCOMPARE(over, 400);
        QVERIFY(m_cf->records(m_zoneId).isEmpty());
        posts.removeLast();
        const auto [at, _] = batch({{QStringLiteral("posts"), posts}});
        QCOMPARE(at, 200);
        QCOMPARE(m_cf->records(m_zoneId).size(), 200);
    }

    void failoverOfFortyHostnamesIsOneBatch()
    {
        QStringList hosts;
        for (int i = 0; i < 40; ++i) {
            hosts.append(hostAt(i));
            add(hostAt(i), edge1);
            add(hostAt(i), edge2);
        }
        add(hostAt(0), QStringLiteral("198.51.100.7"), QString()); // someone else's
        auto cf = provider();
        QVERIFY(cf->recordsOf(hosts, true).ok()); // the scheduled read
        QCOMPARE(m_cf->requestCount(), 1);
        m_cf->clearRequests();
        // edge2 fails: every hostname loses it.
        const QList<DnsChangeSet> plans = planAll(*cf, hosts, {edge1});
        QCOMPARE(plans.size(), 40);
        const Status s = cf->applyAll(plans);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message()));
        QVERIFY2(m_cf->requestCount() <= 2, qPrintable(QString::number(m_cf->requestCount())));
        QCOMPARE(m_cf->requestCount(QByteArrayLiteral("POST"), QStringLiteral("/batch")), 1);
        for (const QString &h : std::as_const(hosts)) {
            const QStringList want = h == hostAt(0)
                                         ? QStringList{QStringLiteral("198.51.100.7"), edge1}
                                         : QStringList{edge1};
            QCOMPARE(contentsAt(h), want);
        }
        // The kept state follows the batch: edge2 back costs one more batch
        // and no listing.
        m_cf->clearRequests();
        QVERIFY(cf->applyAll(planAll(*cf, hosts, {edge1, edge2})).ok());
        QCOMPARE(m_cf->requestCount(), 1);
        for (const auto &r : m_cf->records(m_zoneId)) {
            if (r.content != QLatin1String("198.51.100.7"))
                QCOMPARE(r.comment, marker);
        }
        QCOMPARE(contentsAt(hostAt(7)), (QStringList{edge1, edge2}));
    }

    void changesBeyondTheLimitAreSplit()
    {
        QStringList hosts;
        for (int i = 0; i < 250; ++i)
            hosts.append(hostAt(i));
        auto cf = provider();
        QVERIFY(cf->recordsOf(hosts, true).ok());
        m_cf->clearRequests();
        QVERIFY(cf->applyAll(planAll(*cf, hosts, {edge1})).ok());
        QCOMPARE(m_cf->requestCount(QByteArrayLiteral("POST"), QStringLiteral("/batch")), 2);
        QCOMPARE(m_cf->requestCount(), 2);
        QCOMPARE(m_cf->records(m_zoneId).size(), 250);
        // A paid plan's limit: one batch.
        m_cf->setBatchLimit(3500);
        cf->setBatchLimit(3500);
        m_cf->clearRequests();
        QVERIFY(cf->applyAll(planAll(*cf, hosts, {edge2})).ok());
        // Each hostname swaps its address: additions first, then removals.
        const QList<CloudflareEmulator::Request> sent = m_cf->requests();
        QCOMPARE(sent.size(), 2);
        const QJsonObject first = QJsonDocument::fromJson(sent[0].body).object();
        const QJsonObject second = QJsonDocument::fromJson(sent[1].body).object();
        QCOMPARE(first.value(QStringLiteral("posts")).toArray().size(), 250);
        QVERIFY(!first.contains(QStringLiteral("deletes")));
        QCOMPARE(second.value(QStringLiteral("deletes")).toArray().size(), 250);
        QVERIFY(!second.contains(QStringLiteral("posts")));
        QCOMPARE(contentsAt(hostAt(249)), QStringList{edge2});
    }

    void failedBatchChangesNothingAndIsRetriedWhole()
    {
        QStringList hosts;
        for (int i = 0; i < 5; ++i) {
            hosts.append(hostAt(i));
            add(hostAt(i), edge1);
            add(hostAt(i), edge2);
        }
        auto cf = provider();
        QVERIFY(cf->recordsOf(hosts, true).ok());
        m_cf->failBatches(1);
        const Status s = cf->applyAll(planAll(*cf, hosts, {edge1}));
        QVERIFY(!s.ok());
        for (const QString &h : std::as_const(hosts))
            QCOMPARE(contentsAt(h), (QStringList{edge1, edge2}));
        // The state is forgotten after the error: the next plan lists the
        // zone once, and the whole change goes again in one batch.
        m_cf->clearRequests();
        const QList<DnsChangeSet> plans = planAll(*cf, hosts, {edge1});
        QCOMPARE(m_cf->requestCount(QByteArrayLiteral("GET"), QStringLiteral("/dns_records")), 1);
        QVERIFY(cf->applyAll(plans).ok());
        QCOMPARE(m_cf->requestCount(QByteArrayLiteral("POST"), QStringLiteral("/batch")), 1);
        for (const QString &h : std::as_const(hosts))
            QCOMPARE(contentsAt(h), QStringList{edge1});
    }

    void staleStateIsAConflictThatChangesNothing()
    {
        const QStringList hosts{hostAt(1), hostAt(2)};
        QString gone;
        for (const QString &h : hosts) {
            add(h, edge1);
            gone = add(h, edge2);
        }
        auto cf = provider();
        QVERIFY(cf->recordsOf(hosts, true).ok());
        QVERIFY(m_cf->dropRecord(gone)); // removed behind Kokoa's back
        const Status s = cf->applyAll(planAll(*cf, hosts, {edge1}));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind(), Error::Kind::Conflict);
        QCOMPARE(contentsAt(hostAt(1)), (QStringList{edge1, edge2}));
        QVERIFY(cf->applyAll(planAll(*cf, hosts, {edge1})).ok());
        QCOMPARE(contentsAt(hostAt(1)), QStringList{edge1});
        QCOMPARE(contentsAt(hostAt(2)), QStringList{edge1});
    }

    void lastRecordAndForeignRecordsStay()
    {
        add(hostAt(1), edge1);
        const QString foreignId = add(hostAt(1), QStringLiteral("198.51.100.9"), QString());
        auto cf = provider();
        QVERIFY(cf->recordsOf({hostAt(1)}, true).ok());
        m_cf->clearRequests();
        // Nothing healthy: the plan keeps the last record; nothing is sent.
        const QList<DnsChangeSet> plans = planAll(*cf, {hostAt(1)}, {});
        QCOMPARE(plans.size(), 1);
        QVERIFY(plans.first().isEmpty());
        QVERIFY(cf->applyAll(plans).ok());
        QCOMPARE(m_cf->requestCount(), 0);
        QVERIFY(cf->applyAll(planAll(*cf, {hostAt(1)}, {edge2})).ok());
        QCOMPARE(contentsAt(hostAt(1)), (QStringList{QStringLiteral("198.51.100.9"), edge2}));
        for (const auto &req : m_cf->requests())
            QVERIFY(!req.body.contains(foreignId.toLatin1()));
    }
};

QTEST_GUILESS_MAIN(TestCloudflareBatch)
#include "tst_cloudflare_batch.moc"
