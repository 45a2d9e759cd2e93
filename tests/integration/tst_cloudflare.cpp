// CloudflareProvider and DnsReconciler against the local Cloudflare API
// emulator: ownership, pagination, proxied=false, faults (latency, 429 with
// Retry-After, 5xx) and secrecy of the token.
#include "CloudflareEmulator.h"
#include "dns/CloudflareProvider.h"
#include "dns/DnsBackendFactory.h"
#include "dns/DnsReconciler.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <memory>

using namespace kokoa;

namespace {

const QByteArray token = "cf-test-token-Sn3lZJTBX6kkg7OdcBUAxOO963GEIyGQ";
const QString zoneName = QStringLiteral("example.com");
const QString host = QStringLiteral("www.example.com");
const QString ownerA = QStringLiteral("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
const QString ownerB = QStringLiteral("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
const QString marker = CloudflareProvider::ownershipComment(ownerA);

QMutex logMutex;
QStringList capturedLog;
QtMessageHandler previousHandler = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLog.append(message);
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

RetryPolicy fastPolicy()
{
    RetryPolicy p;
    p.maxAttempts = 4;
    p.budgetMs = 5000;
    p.initialBackoffMs = 50;
    p.maxBackoffMs = 200;
    p.transferTimeoutMs = 1000;
    return p;
}

} // namespace

class TestCloudflare final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<CloudflareEmulator> m_cf;
    QString m_zoneId;
    QStringList m_errors; // every error message seen, checked for the token

    std::unique_ptr<CloudflareProvider> provider(const QByteArray &withToken = token,
                                                 RetryPolicy policy = fastPolicy(),
                                                 const QString &owner = ownerA)
    {
        // Installation A's data directory predates owner ids; B is new.
        // A's edges: the only addresses it may adopt under an old comment.
        const QSet<QString> edges{QStringLiteral("203.0.113.1"), QStringLiteral("203.0.113.7")};
        return std::make_unique<CloudflareProvider>(zoneName, m_cf->baseUrl(), withToken,
                                                    DnsOwner{owner, owner == ownerA, edges},
                                                    QString(), policy);
    }

    QString note(const Error &e)
    {
        m_errors.append(e.message());
        return e.message();
    }

    CloudflareEmulator::Record record(const QString &content, const QString &comment,
                                      bool proxied = false, const QString &name = host)
    {
        CloudflareEmulator::Record r;
        r.zoneId = m_zoneId;
        r.name = name;
        r.type = content.contains(QLatin1Char(':')) ? QStringLiteral("AAAA") : QStringLiteral("A");
        r.content = content;
        r.ttl = 60;
        r.proxied = proxied;
        r.comment = comment;
        return r;
    }

    int requestsWith(const QByteArray &method) const
    {
        int n = 0;
        for (const auto &req : m_cf->requests())
            n += req.method == method ? 1 : 0;
        return n;
    }

    int listingRequests() const
    {
        int n = 0;
        for (const auto &req : m_cf->requests())
            n += req.method == "GET" && req.path.endsWith(QLatin1String("/dns_records")) ? 1 : 0;
        return n;
    }

    QStringList contentsAt(const QString &name, bool ownedOnly)
    {
        QStringList out;
        for (const auto &r : m_cf->recordsNamed(name))
            if (!ownedOnly || r.comment == marker)
                out.append(r.content);
        out.sort();
        return out;
    }

private slots:
    void initTestCase() { previousHandler = qInstallMessageHandler(captureMessages); }

    void init()
    {
        m_cf = std::make_unique<CloudflareEmulator>(token);
        // Its own thread: the provider blocks this one while it waits.
        QVERIFY(m_cf->startOnOwnThread());
        m_cf->addZone(QStringLiteral("other.org"));
        m_zoneId = m_cf->addZone(zoneName);
    }

    void verifyToken()
    {
        m_cf->addRecord(record(QStringLiteral("203.0.113.1"), QString()));
        m_cf->addRecord(record(QStringLiteral("2001:db8::1"), marker, false,
                               QStringLiteral("api.example.com")));
        auto cf = provider();
        Result<DnsZoneListing> ok = cf->verify();
        QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().message()));
        QCOMPARE(cf->zoneId(), m_zoneId);
        QCOMPARE(ok->totalRecords, 2);
        QVERIFY(ok->complete);
        QCOMPARE(ok->addresses.size(), 2);

        // The same through the factory, with a zone that is not stored yet.
        Zone zone;
        zone.name = zoneName;
        zone.provider = DnsProvider::Cloudflare;
        zone.providerSettings = {{QStringLiteral("api_base"), m_cf->baseUrl()}};
        Result<DnsZoneListing> tested = DnsBackendFactory::test(zone, token, fastPolicy());
        QVERIFY2(tested.ok(), qPrintable(tested.ok() ? QString() : tested.error().message()));
        QCOMPARE(tested->addresses.size(), 2);
        Result<DnsZoneListing> wrongToken =
            DnsBackendFactory::test(zone, "wrong-token-value", fastPolicy());
        QVERIFY(!wrongToken.ok());
        QCOMPARE(wrongToken.error().kind(), Error::Kind::Refused);
        QVERIFY2(note(wrongToken.error()).contains(QStringLiteral("API token")),
                 qPrintable(wrongToken.error().message()));
        for (const auto &r : m_cf->records(m_zoneId))
            QVERIFY(r.comment !=
                    CloudflareProvider::ownershipComment(QString(32, QLatin1Char('0'))));

        auto bad = provider("wrong-token-value");
        Result<DnsZoneListing> s = bad->verify();
        QVERIFY(!s.ok());
        const QString message = note(s.error());
        QVERIFY2(message.contains(zoneName) && message.contains(QStringLiteral("1000")) &&
                     message.contains(QStringLiteral("401")),
                 qPrintable(message));
        QVERIFY(!message.contains(QStringLiteral("wrong-token-value")));

        // A wrong token on a zone endpoint: 403 with code 9109.
        Result<DnsHostRecords> r = bad->records(host);
        QVERIFY(!r.ok());
        QVERIFY2(note(r.error()).contains(QStringLiteral("9109")), qPrintable(r.error().message()));

        auto unknownZone = std::make_unique<CloudflareProvider>(
            QStringLiteral("missing.net"), m_cf->baseUrl(), token, DnsOwner{ownerA});
        QVERIFY(!unknownZone->verify().ok());
        QVERIFY(note(unknownZone->verify().error()).contains(QStringLiteral("missing.net")));
    }

    // Regression test: a 403 (read-only token) or a 400 was retried at once
    // by the monitor, locking the account out; such answers are Refused
    // (Error::retryable() false) and sent once only.
    void refusalsAreNotRetried()
    {
        auto bad = provider("read-only-token-value");
        Result<DnsHostRecords> forbidden = bad->records(host);
        QVERIFY(!forbidden.ok());
        QCOMPARE(forbidden.error().kind(), Error::Kind::Refused);
        QVERIFY(!forbidden.error().retryable());
        QVERIFY2(note(forbidden.error()).contains(QStringLiteral("403")),
                 qPrintable(forbidden.error().message()));
        QCOMPARE(m_cf->requests().size(), 1);

        auto cf = provider();
        QVERIFY(cf->verify().ok());
        m_cf->clearRequests();
        DnsChangeSet change;
        change.hostname = host;
        DnsRecord r;
        r.name = host;
        r.type = QStringLiteral("A");
        r.content = QStringLiteral("203.0.113.1");
        r.ttl = 5; // below Cloudflare's minimum: 400, code 9021
        change.toAdd.append(r);
        Status s = cf->apply(change);
        QVERIFY(!s.ok());
        QCOMPARE(s.error().kind(), Error::Kind::Refused);
        QVERIFY2(note(s.error()).contains(QStringLiteral("400")) &&
                     s.error().message().contains(QStringLiteral("9021")),
                 qPrintable(s.error().message()));
        QCOMPARE(m_cf->requests().size(), 1);

        // Busy or down is retryable.
        m_cf->clearRequests();
        m_cf->failWith5xx(100, 503);
        Result<DnsHostRecords> busy = cf->records(host);
        QVERIFY(!busy.ok());
        QVERIFY(busy.error().retryable());
        m_cf->failWith5xx(0);
    }

    void createReplaceRemoveKeepsForeign()
    {
        const QString foreignId =
            m_cf->addRecord(record(QStringLiteral("198.51.100.9"), QString()));
        const QString otherCommentId = m_cf->addRecord(
            record(QStringLiteral("198.51.100.10"), QStringLiteral("made by hand")));
        auto cf = provider();
        DnsReconciler reconciler(*cf);

        Result<DnsChangeSet> first =
            reconciler.reconcile({host,
                                  {QStringLiteral("203.0.113.1"), QStringLiteral("203.0.113.2"),
                                   QStringLiteral("2001:db8::1")},
                                  60});
        QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message()));
        QCOMPARE(contentsAt(host, true),
                 (QStringList{QStringLiteral("2001:db8::1"), QStringLiteral("203.0.113.1"),
                              QStringLiteral("203.0.113.2")}));

        Result<DnsChangeSet> second =
            reconciler.reconcile({host, {QStringLiteral("203.0.113.3")}, 60});
        QVERIFY(second.ok());
        QCOMPARE(contentsAt(host, true), QStringList{QStringLiteral("203.0.113.3")});

        // Nothing healthy: keep the last record, warn.
        Result<DnsChangeSet> third = reconciler.reconcile({host, {}, 60});
        QVERIFY(third.ok());
        QVERIFY(!third->warnings.isEmpty());
        QCOMPARE(contentsAt(host, true), QStringList{QStringLiteral("203.0.113.3")});

        // Foreign records untouched and never addressed.
        QCOMPARE(contentsAt(host, false).size(), 3);
        for (const auto &req : m_cf->requests()) {
            QVERIFY2(!req.path.contains(foreignId) && !req.path.contains(otherCommentId),
                     qPrintable(req.path));
            if (req.method == "POST") {
                const QJsonObject body = QJsonDocument::fromJson(req.body).object();
                QVERIFY(body.contains(QStringLiteral("proxied")));
                QCOMPARE(body.value(QStringLiteral("proxied")).toBool(true), false);
                QCOMPARE(body.value(QStringLiteral("comment")).toString(), marker);
            }
        }
    }

    void adoptsNothingByContent()
    {
        // A foreign record with the wanted address: Kokoa adds its own beside it
        // and later removes only its own.
        m_cf->addRecord(record(QStringLiteral("203.0.113.7"), QString()));
        auto cf = provider();
        DnsReconciler reconciler(*cf);
        Result<DnsChangeSet> same = reconciler.reconcile(
            {host, {QStringLiteral("203.0.113.7"), QStringLiteral("203.0.113.9")}, 60});
        QVERIFY(same.ok());
        // Cloudflare refuses identical records: the foreign one stays, Kokoa warns.
        QCOMPARE(same->toAdd.size(), 1);
        QVERIFY(
            same->describe().join(QLatin1Char('\n')).contains(QStringLiteral("cannot withdraw")));
        QCOMPARE(contentsAt(host, true), QStringList{QStringLiteral("203.0.113.9")});
        QVERIFY(reconciler.reconcile({host, {QStringLiteral("203.0.113.8")}, 60}).ok());
        QCOMPARE(contentsAt(host, false),
                 (QStringList{QStringLiteral("203.0.113.7"), QStringLiteral("203.0.113.8")}));
        QCOMPARE(contentsAt(host, true), QStringList{QStringLiteral("203.0.113.8")});
    }

    // Regression test: the comment named no installation, so a second
    // installation sharing the zone removed the first one's records.
    void secondInstallationsRecordsAreKept()
    {
        auto a = provider(token, fastPolicy(), ownerA);
        auto b = provider(token, fastPolicy(), ownerB);
        DnsReconciler byA(*a);
        DnsReconciler byB(*b);
        QVERIFY(byA.reconcile({host, {QStringLiteral("203.0.113.10")}, 60}).ok());
        Result<DnsChangeSet> fromB = byB.reconcile({host, {QStringLiteral("203.0.113.20")}, 60});
        QVERIFY2(fromB.ok(), qPrintable(fromB.ok() ? QString() : fromB.error().message()));
        QVERIFY(fromB->toRemove.isEmpty());
        QVERIFY(byA.reconcile({host, {QStringLiteral("203.0.113.11")}, 60}).ok());
        QCOMPARE(contentsAt(host, false),
                 (QStringList{QStringLiteral("203.0.113.11"), QStringLiteral("203.0.113.20")}));
        for (const auto &r : m_cf->recordsNamed(host)) {
            QCOMPARE(r.comment, CloudflareProvider::ownershipComment(
                                    r.content == QLatin1String("203.0.113.20") ? ownerB : ownerA));
        }
        // A hand-made record and B's are never addressed by A.
        const QString handMade =
            m_cf->addRecord(record(QStringLiteral("198.51.100.1"), QStringLiteral("by hand")));
        QVERIFY(byA.reconcile({host, {QStringLiteral("203.0.113.12")}, 60}).ok());
        QCOMPARE(contentsAt(host, false),
                 (QStringList{QStringLiteral("198.51.100.1"), QStringLiteral("203.0.113.12"),
                              QStringLiteral("203.0.113.20")}));
        for (const auto &req : m_cf->requests())
            QVERIFY2(!req.path.contains(handMade), qPrintable(req.path));
    }

    // Records with the comment of releases before owner ids: this (upgraded)
    // installation's while no other installation marks records at the name;
    // the next change puts the owner id in their comment. The dry run
    // proposes exactly what the real run does.
    void legacyCommentsAreMigrated()
    {
        const QString legacy = QString::fromLatin1(CloudflareProvider::legacyComment);
        m_cf->addRecord(record(QStringLiteral("203.0.113.1"), legacy));
        m_cf->addRecord(record(QStringLiteral("203.0.113.2"), legacy));
        auto fresh = provider(token, fastPolicy(), ownerB); // a new installation never wrote them
        Result<DnsHostRecords> seenByNew = fresh->records(host);
        QVERIFY(seenByNew.ok());
        QVERIFY(seenByNew->owned.isEmpty());

        auto cf = provider();
        DnsReconciler reconciler(*cf);
        const DnsDesired desired{host, {QStringLiteral("203.0.113.1")}, 60};
        Result<DnsChangeSet> dry = reconciler.reconcile(desired, DnsReconciler::Mode::DryRun);
        QVERIFY(dry.ok());
        // 203.0.113.2 is no edge of this installation: added by hand, kept.
        QCOMPARE(dry->toRemove.size(), 0);
        QCOMPARE(dry->toClaim.size(), 1);
        QCOMPARE(requestsWith("PATCH") + requestsWith("DELETE"), 0);
        Result<DnsChangeSet> real = reconciler.reconcile(desired);
        QVERIFY(real.ok());
        QCOMPARE(dry->describe(), real->describe());
        QCOMPARE(contentsAt(host, true), QStringList{QStringLiteral("203.0.113.1")});
        QCOMPARE(contentsAt(host, false),
                 (QStringList{QStringLiteral("203.0.113.1"), QStringLiteral("203.0.113.2")}));
        QVERIFY(reconciler.reconcile(desired, DnsReconciler::Mode::DryRun)->isEmpty());

        // Beside another installation's records, legacy ones may be either's: kept.
        const QString other = QStringLiteral("api.example.com");
        m_cf->addRecord(record(QStringLiteral("203.0.113.7"), legacy, false, other));
        m_cf->addRecord(record(QStringLiteral("203.0.113.8"),
                               CloudflareProvider::ownershipComment(ownerB), false, other));
        Result<DnsChangeSet> mixed =
            reconciler.reconcile({other, {QStringLiteral("203.0.113.9")}, 60});
        QVERIFY(mixed.ok());
        QVERIFY(mixed->toRemove.isEmpty() && mixed->toClaim.isEmpty());
        QCOMPARE(contentsAt(other, false).size(), 3);
    }

    void paginationOverManyRecords()
    {
        for (int i = 0; i < 90; ++i)
            m_cf->addRecord(
                record(QStringLiteral("10.0.%1.%2").arg(i / 200).arg(i % 200 + 1), marker));
        for (int i = 0; i < 30; ++i)
            m_cf->addRecord(
                record(QStringLiteral("10.9.0.%1").arg(i + 1), QStringLiteral("someone else")));
        m_cf->addRecord(
            record(QStringLiteral("10.8.0.1"), marker, false, QStringLiteral("api.example.com")));
        auto cf = provider();
        Result<DnsHostRecords> r = cf->records(host);
        QVERIFY(r.ok());
        QCOMPARE(r->owned.size(), 90);
        QCOMPARE(r->foreign.size(), 30);
        QCOMPARE(listingRequests(), 2);

        DnsReconciler reconciler(*cf);
        Result<DnsChangeSet> change = reconciler.reconcile(
            {host, {QStringLiteral("10.0.0.1"), QStringLiteral("203.0.113.1")}, 60});
        QVERIFY(change.ok());
        QCOMPARE(change->toRemove.size(), 89);
        QCOMPARE(contentsAt(host, true),
                 (QStringList{QStringLiteral("10.0.0.1"), QStringLiteral("203.0.113.1")}));
        QCOMPARE(contentsAt(host, false).size(), 32);
        QCOMPARE(contentsAt(QStringLiteral("api.example.com"), true).size(), 1);
    }

    // Regression test: thousands of owned records at one name meant as many
    // DELETEs in one call; beyond the bound nothing is done and the error says why.
    void tooManyOwnedRecordsAreRefused()
    {
        for (int i = 0; i < DnsReconciler::maxOwnedRecords + 1; ++i)
            m_cf->addRecord(
                record(QStringLiteral("10.1.%1.%2").arg(i / 200).arg(i % 200 + 1), marker));
        auto cf = provider();
        DnsReconciler reconciler(*cf);
        Result<DnsChangeSet> change =
            reconciler.reconcile({host, {QStringLiteral("203.0.113.1")}, 60});
        QVERIFY(!change.ok());
        QCOMPARE(change.error().kind(), Error::Kind::Conflict);
        QVERIFY2(note(change.error()).contains(QString::number(DnsReconciler::maxOwnedRecords)),
                 qPrintable(change.error().message()));
        QCOMPARE(requestsWith("DELETE") + requestsWith("POST"), 0);
        QCOMPARE(int(m_cf->recordsNamed(host).size()), DnsReconciler::maxOwnedRecords + 1);
    }

    // Regression test: a record id of ".." became DELETE /zones/<zone id>.
    void malformedRecordIdIsNeverPutInAUrl()
    {
        for (const QString &bad : {QStringLiteral(".."), QStringLiteral("../../zones"),
                                   QStringLiteral("ABCDEF0123456789abcdef0123456789"),
                                   QStringLiteral("0123456789abcdef0123456789abcde"),
                                   QStringLiteral("0123456789abcdef0123456789abcdef?x")}) {
            init();
            CloudflareEmulator::Record r = record(QStringLiteral("203.0.113.5"), marker);
            r.id = bad;
            m_cf->addRecord(r);
            auto cf = provider();
            DnsReconciler reconciler(*cf);
            Result<DnsChangeSet> change =
                reconciler.reconcile({host, {QStringLiteral("203.0.113.6")}, 60});
            QVERIFY2(!change.ok(), qPrintable(bad));
            QVERIFY2(note(change.error()).contains(QStringLiteral("malformed record id")),
                     qPrintable(change.error().message()));
            QCOMPARE(requestsWith("DELETE") + requestsWith("PATCH") + requestsWith("POST"), 0);
        }
        // A configured zone id is checked the same way.
        m_cf->clearRequests();
        CloudflareProvider configured(zoneName, m_cf->baseUrl(), token, DnsOwner{ownerA},
                                      QStringLiteral(".."), fastPolicy());
        Result<DnsHostRecords> r = configured.records(host);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().field(), QStringLiteral("zone_id"));
        QCOMPARE(m_cf->requests().size(), 0);
    }

    // Regression test: a "result" that is not a list read as "no records", and
    // Kokoa then wrote new ones.
    void resultThatIsNotAListIsAnError()
    {
        m_cf->addRecord(record(QStringLiteral("203.0.113.5"), marker));
        for (const QJsonValue &value :
             {QJsonValue(QJsonObject{{QStringLiteral("id"), QStringLiteral("x")}}),
              QJsonValue(QJsonValue::Null), QJsonValue(QStringLiteral("records"))}) {
            m_cf->clearRequests();
            m_cf->setListingPatch([value](QJsonObject &envelope) {
                envelope.insert(QStringLiteral("result"), value);
            });
            auto cf = provider();
            DnsReconciler reconciler(*cf);
            Result<DnsChangeSet> change = reconciler.reconcile(
                {host, {QStringLiteral("203.0.113.5"), QStringLiteral("203.0.113.6")}, 60});
            QVERIFY(!change.ok());
            QVERIFY2(note(change.error()).contains(QStringLiteral("not a list")),
                     qPrintable(change.error().message()));
            QCOMPARE(requestsWith("POST") + requestsWith("DELETE"), 0);
        }
        m_cf->setListingPatch({});
    }

    // Regression test: a bogus total_pages cost 1,001 requests.
    void paginationIsBounded()
    {
        m_cf->addRecord(record(QStringLiteral("203.0.113.5"), marker));
        m_cf->setListingPatch([](QJsonObject &envelope) {
            QJsonObject info = envelope.value(QStringLiteral("result_info")).toObject();
            info.insert(QStringLiteral("total_pages"), 100000);
            envelope.insert(QStringLiteral("result_info"), info);
        });
        auto cf = provider();
        Result<DnsHostRecords> r = cf->records(host);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
        QCOMPARE(r->owned.size(), 1);
        QCOMPARE(listingRequests(), 1); // a short page is the last one

        // Full pages beyond the bound: refused, not read on and on.
        m_cf->clearRequests();
        for (int i = 0; i < 600; ++i)
            m_cf->addRecord(record(QStringLiteral("10.2.%1.%2").arg(i / 200).arg(i % 200 + 1),
                                   QStringLiteral("other")));
        Result<DnsHostRecords> many = cf->records(host);
        QVERIFY(!many.ok());
        QVERIFY2(note(many.error()).contains(QStringLiteral("refusing to read further")),
                 qPrintable(many.error().message()));
        QCOMPARE(listingRequests(), 1); // the claim of 100,000 pages alone is refused
        m_cf->setListingPatch({});
    }

    // Regression test: a body cut at the size cap was reported as "HTTP 200: no details".
    void bodyOverTheCapIsAnExplicitError()
    {
        m_cf->addRecord(record(QStringLiteral("203.0.113.5"), marker));
        RetryPolicy small = fastPolicy();
        small.maxResponseBytes = 4096;
        auto cf = provider(token, small);
        QVERIFY(cf->records(host).ok());
        m_cf->setPaddingBytes(64 * 1024);
        m_cf->clearRequests();
        Result<DnsHostRecords> r = cf->records(host);
        QVERIFY(!r.ok());
        QVERIFY2(note(r.error()).contains(QStringLiteral("larger than 4096 bytes")),
                 qPrintable(r.error().message()));
        QCOMPARE(m_cf->requests().size(), 1); // the same answer again would not help
        m_cf->setPaddingBytes(0);
    }

    void emulatorFiltersByTypeAndName()
    {
        m_cf->addRecord(record(QStringLiteral("203.0.113.1"), marker));
        m_cf->addRecord(record(QStringLiteral("2001:db8::1"), marker));
        m_cf->addRecord(record(QStringLiteral("203.0.113.2"), marker, false,
                               QStringLiteral("api.example.com")));
        BlockingHttp http(fastPolicy());
        http.setBearerToken(token);
        const QUrl url(
            m_cf->baseUrl() +
            QStringLiteral("/zones/%1/dns_records?type=AAAA&name=www.example.com").arg(m_zoneId));
        Result<HttpResponse> r = http.send("GET", url, QStringLiteral("listing"));
        QVERIFY(r.ok());
        const QJsonObject o = QJsonDocument::fromJson(r->body).object();
        QCOMPARE(o.value(QStringLiteral("result")).toArray().size(), 1);
        QCOMPARE(o.value(QStringLiteral("result_info"))
                     .toObject()
                     .value(QStringLiteral("total_count"))
                     .toInt(),
                 1);
    }

    void proxiedOwnedRecordIsFixed()
    {
        const QString id = m_cf->addRecord(record(QStringLiteral("203.0.113.1"), marker, true));
        const QString foreignProxied =
            m_cf->addRecord(record(QStringLiteral("203.0.113.2"), QString(), true));
        auto cf = provider();
        DnsReconciler reconciler(*cf);
        Result<DnsChangeSet> change =
            reconciler.reconcile({host, {QStringLiteral("203.0.113.1")}, 60});
        QVERIFY(change.ok());
        QCOMPARE(change->toUnproxy.size(), 1);
        for (const auto &r : m_cf->recordsNamed(host)) {
            if (r.id == id)
                QVERIFY(!r.proxied);
            if (r.id == foreignProxied)
                QVERIFY(r.proxied); // not Kokoa's: untouched
        }
    }

    void identicalRecordAfterRetryIsSuccess()
    {
        m_cf->addRecord(record(QStringLiteral("203.0.113.1"), marker));
        auto cf = provider();
        QVERIFY(cf->verify().ok());
        DnsChangeSet change;
        change.hostname = host;
        DnsRecord r;
        r.name = host;
        r.type = QStringLiteral("A");
        r.content = QStringLiteral("203.0.113.1");
        r.ttl = 60;
        change.toAdd.append(r);
        Status s = cf->apply(change);
        QVERIFY(s.ok());
        QCOMPARE(m_cf->recordsNamed(host).size(), 1);
    }

    // Regression test: a record listed, then deleted by someone else before
    // the change ran, made the DELETE's 404 fail the whole change although
    // the record is gone as wanted. Only that DELETE's 404 counts as done.
    void recordAlreadyGoneCountsAsRemoved()
    {
        m_cf->addRecord(record(QStringLiteral("203.0.113.1"), marker));
        m_cf->addRecord(record(QStringLiteral("203.0.113.2"), marker));
        auto cf = provider();
        Result<DnsHostRecords> listed = cf->records(host);
        QVERIFY2(listed.ok(), qPrintable(listed.ok() ? QString() : note(listed.error())));
        QCOMPARE(listed->owned.size(), 2);
        QVERIFY(m_cf->dropRecord(listed->owned.first().providerId));

        DnsChangeSet change;
        change.hostname = host;
        change.toRemove = listed->owned;
        Status s = cf->apply(change);
        QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : note(s.error())));
        QVERIFY(m_cf->recordsNamed(host).isEmpty());
        QCOMPARE(requestsWith("DELETE"), 2);

        // A 404 on anything else (here a PATCH of the same gone record) still fails.
        DnsChangeSet claim;
        claim.hostname = host;
        claim.toClaim = {listed->owned.first()};
        s = cf->apply(claim);
        QVERIFY(!s.ok());
        QVERIFY2(note(s.error()).contains(QStringLiteral("HTTP 404")),
                 qPrintable(s.error().message()));
    }

    void retriesAfter429WithRetryAfter()
    {
        auto cf = provider();
        QVERIFY(cf->verify().ok());
        m_cf->clearRequests();
        m_cf->failWith429(2, 1);
        QElapsedTimer timer;
        timer.start();
        Result<DnsHostRecords> r = cf->records(host);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().message()));
        QVERIFY2(timer.elapsed() >= 1900, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(m_cf->requests().size(), 3);
        QCOMPARE(m_cf->requests()[0].status, 429);
        QCOMPARE(m_cf->requests()[2].status, 200);
    }

    void gives429UpWithinBudget()
    {
        auto cf = provider();
        QVERIFY(cf->verify().ok());
        // Retry-After longer than the budget: one attempt, then a clear error.
        m_cf->clearRequests();
        m_cf->failWith429(100, 30);
        QElapsedTimer timer;
        timer.start();
        Result<DnsHostRecords> r = cf->records(host);
        QVERIFY(!r.ok());
        QVERIFY(timer.elapsed() < 2000);
        QCOMPARE(m_cf->requests().size(), 1);
        const QString message = note(r.error());
        QVERIFY2(message.contains(zoneName) && message.contains(host) &&
                     message.contains(QStringLiteral("971")) &&
                     message.contains(QStringLiteral("429")) &&
                     message.contains(QStringLiteral("30 s")),
                 qPrintable(message));
        // Retry-After 0 forever: bounded by maxAttempts.
        m_cf->clearRequests();
        m_cf->failWith429(100, 0);
        QVERIFY(!cf->records(host).ok());
        QCOMPARE(m_cf->requests().size(), fastPolicy().maxAttempts);
        m_cf->failWith429(0, 0);
    }

    // Regression test: after the provider's own bounded retries, a 429's
    // Retry-After was only text in the message; the error now carries it,
    // through the reconciler too, so the whole zone backs off that long.
    void rateLimitErrorCarriesRetryAfter()
    {
        auto cf = provider();
        QVERIFY(cf->verify().ok());
        m_cf->failWith429(100, 30);
        Result<DnsHostRecords> r = cf->records(host);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().retryAfterMs(), qint64(30'000));
        QVERIFY(r.error().retryable());
        DnsReconciler reconciler(*cf);
        Result<DnsChangeSet> change =
            reconciler.reconcile({host, {QStringLiteral("203.0.113.1")}, 60});
        QVERIFY(!change.ok());
        QCOMPARE(change.error().retryAfterMs(), qint64(30'000));
        // Without Retry-After, nothing is carried.
        m_cf->failWith429(100, -1);
        r = cf->records(host);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().retryAfterMs(), qint64(0));
        m_cf->failWith429(0, 0);
    }

    void retries5xxWithBackoff()
    {
        auto cf = provider();
        QVERIFY(cf->verify().ok());
        m_cf->clearRequests();
        m_cf->failWith5xx(2, 502);
        DnsReconciler reconciler(*cf);
        Result<DnsChangeSet> ok = reconciler.reconcile({host, {QStringLiteral("203.0.113.1")}, 60});
        QVERIFY2(ok.ok(), qPrintable(ok.ok() ? QString() : ok.error().message()));
        QCOMPARE(contentsAt(host, true), QStringList{QStringLiteral("203.0.113.1")});

        m_cf->clearRequests();
        m_cf->failWith5xx(100, 503);
        Result<DnsChangeSet> failed =
            reconciler.reconcile({host, {QStringLiteral("203.0.113.2")}, 60});
        QVERIFY(!failed.ok());
        QCOMPARE(m_cf->requests().size(), fastPolicy().maxAttempts);
        const QString message = note(failed.error());
        QVERIFY2(message.contains(QStringLiteral("503")) && message.contains(host) &&
                     message.contains(zoneName),
                 qPrintable(message));
        m_cf->failWith5xx(0);
        // Nothing was removed while the API failed.
        QCOMPARE(contentsAt(host, true), QStringList{QStringLiteral("203.0.113.1")});
    }

    void latencyAndTimeouts()
    {
        auto cf = provider();
        QVERIFY(cf->verify().ok());
        m_cf->setLatencyMs(300);
        QVERIFY(cf->records(host).ok()); // slower than usual, within the timeout
        m_cf->clearRequests();
        m_cf->setLatencyMs(1500); // beyond the 1 s transfer timeout
        QElapsedTimer timer;
        timer.start();
        Result<DnsHostRecords> r = cf->records(host);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), Error::Kind::Timeout);
        QVERIFY(timer.elapsed() < fastPolicy().budgetMs + 2000);
        QVERIFY2(note(r.error()).contains(zoneName), qPrintable(r.error().message()));
        QVERIFY(m_cf->requests().size() >= 2); // retried, bounded
        m_cf->setLatencyMs(0);
    }

    // Regression test: a reply trickled one byte at a time never hit the
    // transfer timeout (it fires on silence only) and the budget was checked
    // only between attempts, so one call could last for ever.
    void trickledResponseTimesOutWithinTheBudget()
    {
        RetryPolicy policy = fastPolicy();
        policy.budgetMs = 2000;
        policy.transferTimeoutMs = 1000;
        auto cf = provider(token, policy);
        QVERIFY(cf->verify().ok());
        m_cf->setTrickleMs(50); // never silent for 1 s, > 10 s for the whole body
        QElapsedTimer timer;
        timer.start();
        Result<DnsHostRecords> r = cf->records(host);
        const qint64 elapsed = timer.elapsed();
        QVERIFY(!r.ok());
        QCOMPARE(r.error().kind(), Error::Kind::Timeout);
        QVERIFY2(elapsed >= policy.budgetMs - 100 && elapsed < policy.budgetMs + 1000,
                 qPrintable(QString::number(elapsed)));
        QVERIFY2(note(r.error()).contains(QStringLiteral("2000 ms")),
                 qPrintable(r.error().message()));
        m_cf->setTrickleMs(0);
    }

    // Regression test: the call ran a nested event loop in the caller's
    // thread, which re-entered other work (the monitor's DNS work for other
    // zones) while it waited.
    void callerThreadRunsNothingElseWhileWaiting()
    {
        auto cf = provider();
        QVERIFY(cf->verify().ok());
        m_cf->setLatencyMs(200);
        bool reentered = false;
        QTimer::singleShot(0, this, [&reentered] { reentered = true; });
        QVERIFY(cf->records(host).ok());
        QVERIFY(!reentered);
        QTRY_VERIFY_WITH_TIMEOUT(reentered, 5000); // it runs once the call has returned
        m_cf->setLatencyMs(0);
    }

    void worksFromAWorkerThread()
    {
        // The emulator answers in this thread's event loop; the provider blocks
        // in a worker thread with its own network manager.
        Status result = Error(Error::Kind::Internal, QStringLiteral("not run"));
        const QString base = m_cf->baseUrl();
        std::unique_ptr<QThread> worker(QThread::create([&result, base] {
            CloudflareProvider cf(zoneName, base, token, DnsOwner{ownerA}, QString(), fastPolicy());
            DnsReconciler reconciler(cf);
            Result<DnsChangeSet> r =
                reconciler.reconcile({host, {QStringLiteral("203.0.113.44")}, 60});
            result = r.ok() ? Status() : Status(r.error());
        }));
        worker->start();
        QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 10000);
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message()));
        QCOMPARE(contentsAt(host, true), QStringList{QStringLiteral("203.0.113.44")});
    }

    void tokenNeverInMessages()
    {
        QVERIFY(!m_errors.isEmpty());
        for (const QString &e : std::as_const(m_errors))
            QVERIFY2(!e.contains(QString::fromLatin1(token)), qPrintable(e));
        QMutexLocker lock(&logMutex);
        QVERIFY(!capturedLog.isEmpty());
        for (const QString &line : std::as_const(capturedLog))
            QVERIFY2(!line.contains(QString::fromLatin1(token)) &&
                         !line.contains(QStringLiteral("wrong-token-value")),
                     qPrintable(line));
    }

    void cleanupTestCase() { qInstallMessageHandler(previousHandler); }
};

QTEST_GUILESS_MAIN(TestCloudflare)
#include "tst_cloudflare.moc"
