#include "dns/CloudflareProvider.h"

#include "dns/CloudflareBatchPlan.h"
#include "dns/CloudflareBudget.h"
#include "dns/DnsLogging.h"
#include "dns/DnsOwnerId.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

namespace kokoa {

namespace {

constexpr int perPage = 100;
// Records of every type at one name, 500 at most: more is not a real zone but
// a broken or hostile API, and each page is a request against the rate limit.
constexpr int maxPages = 5;
constexpr int zoneListingSize = 1000;
constexpr int identicalRecordExists = 81058;
constexpr int recordDoesNotExist = 81044;
// The whole zone, for the kept state: 5,000 records a page, 20 pages at most.
constexpr int statePerPage = 5000;
constexpr int maxStatePages = 20;

const QRegularExpression &idPattern()
{
    // Cloudflare's zone and record identifiers: 32 lowercase hex digits.
    static const QRegularExpression rx(QStringLiteral("^[0-9a-f]{32}$"));
    return rx;
}

QString errorsText(const QJsonObject &envelope)
{
    QStringList parts;
    const QJsonArray errors = envelope.value(QLatin1String("errors")).toArray();
    for (const QJsonValue &e : errors) {
        const QJsonObject o = e.toObject();
        parts.append(QStringLiteral("%1 %2")
                         .arg(o.value(QLatin1String("code")).toInt())
                         .arg(quoteForMessage(o.value(QLatin1String("message")).toString())));
    }
    return parts.join(QStringLiteral("; "));
}

bool hasErrorCode(const QJsonObject &envelope, int code)
{
    const QJsonArray errors = envelope.value(QLatin1String("errors")).toArray();
    for (const QJsonValue &e : errors) {
        if (e.toObject().value(QLatin1String("code")).toInt() == code)
            return true;
    }
    return false;
}

// A 4xx other than a timeout or a rate limit says the request itself is
// wrong (bad token, missing permission, invalid record): sending it again
// unchanged cannot succeed, and doing so only burns the rate limit.
Error::Kind kindForStatus(int status)
{
    if (status >= 400 && status < 500 && status != 408 && status != 429)
        return Error::Kind::Refused;
    return Error::Kind::Remote;
}

} // namespace

CloudflareProvider::CloudflareProvider(QString zone, QString apiBase, QByteArray token,
                                       DnsOwner owner, QString zoneId, RetryPolicy policy)
    : m_zone(std::move(zone))
    , m_apiBase(std::move(apiBase))
    , m_owner(std::move(owner))
    , m_zoneId(std::move(zoneId))
    , m_http(policy)
{
    while (m_apiBase.endsWith(QLatin1Char('/')))
        m_apiBase.chop(1);
    m_http.setBearerToken(token);
}

QString CloudflareProvider::ownershipComment(const QString &ownerId)
{
    return QLatin1String(legacyComment) + QStringLiteral("; owner=") + ownerId;
}

Status CloudflareProvider::checkOwnerId() const
{
    if (DnsOwnerId::isValid(m_owner.id))
        return {};
    return Error(Error::Kind::Internal,
                 tr("Cloudflare zone %1: no valid DNS owner id for this installation").arg(m_zone));
}

QUrl CloudflareProvider::url(const QString &path, const QString &query) const
{
    QUrl u(m_apiBase + path);
    if (!query.isEmpty())
        u.setQuery(query);
    return u;
}

Result<QJsonObject> CloudflareProvider::call(const QByteArray &verb, const QString &path,
                                             const QString &query, const QString &what,
                                             const QByteArray &body)
{
    if (Status room = m_budget->admit(m_use, m_zone); !room)
        return room.error();
    const Result<HttpResponse> response = m_http.send(verb, url(path, query), what, body);
    // Every attempt is a request Cloudflare counts.
    m_budget->spend(response ? std::max(1, response->attempts) : 1);
    if (!response)
        return response.error().prefixed(tr("Cloudflare zone %1").arg(m_zone));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(response->body, &parseError);
    const QJsonObject envelope = doc.object();
    const bool success = envelope.value(QLatin1String("success")).toBool(false);
    if (response->status >= 200 && response->status < 300 && success)
        return envelope;

    QString detail = errorsText(envelope);
    if (detail.isEmpty() && (parseError.error != QJsonParseError::NoError || !doc.isObject()))
        detail = tr("the reply is not a JSON object");
    else if (detail.isEmpty())
        detail = tr("no error details in the reply");
    QString message = tr("Cloudflare zone %1: %2 failed: HTTP %3: %4")
                          .arg(m_zone, what)
                          .arg(response->status)
                          .arg(detail);
    const int status = response->status;
    if (status == 429 || status >= 500) {
        message += tr(" (gave up after %n attempt(s))", nullptr, response->attempts);
        if (status == 429 && response->retryAfterSeconds >= 0)
            message +=
                tr("; Cloudflare asked to retry after %1 s").arg(response->retryAfterSeconds);
    }
    if (status == 401 || status == 403)
        message += tr(" (check the API token and its Zone.DNS permissions)");
    if (hasErrorCode(envelope, identicalRecordExists) && verb == "POST")
        return Error(Error::Kind::Conflict, message);
    // A batch naming a record that is gone: the kept state was stale, and
    // nothing was changed. A fresh read heals it; it is no refusal.
    if (path.endsWith(QLatin1String("/batch")) && hasErrorCode(envelope, recordDoesNotExist))
        return Error(Error::Kind::Conflict, message);
    // Only the record's own DELETE reads a 404 as "already gone" (removeRecord).
    if (status == 404 && verb == "DELETE")
        return Error(Error::Kind::NotFound, message);
    Error error(kindForStatus(status), message);
    // Carried with the error: the caller backs off the whole zone at least
    // that long, beyond this call's own bounded retries.
    if (status == 429 && response->retryAfterSeconds >= 0)
        error = error.withRetryAfter(qint64(response->retryAfterSeconds) * 1000);
    return error;
}

Status CloudflareProvider::checkHostname(const QString &hostname) const
{
    if (hostname == m_zone || hostname.endsWith(QLatin1Char('.') + m_zone))
        return {};
    return Error(Error::Kind::InvalidInput,
                 tr("%1 is not inside the Cloudflare zone %2").arg(hostname, m_zone));
}

Result<DnsZoneListing> CloudflareProvider::verify()
{
    const UseScope use(m_use, CloudflareBudget::Use::Read);
    const Result<QJsonObject> token =
        call("GET", QStringLiteral("/user/tokens/verify"), {}, tr("verifying the API token"));
    if (!token)
        return token.error();
    const QString status =
        token->value(QLatin1String("result")).toObject().value(QLatin1String("status")).toString();
    if (status != QLatin1String("active")) {
        return Error(Error::Kind::Refused, tr("Cloudflare zone %1: the API token is %2, not active")
                                               .arg(m_zone, quoteForMessage(status)));
    }
    const Result<QString> id = ensureZoneId();
    if (!id)
        return id.error();
    return listZone(*id);
}

Result<DnsZoneListing> CloudflareProvider::listZone(const QString &zoneId)
{
    // One request, as a "Test" should cost: a larger zone is listed in part
    // and its size taken from result_info.
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("per_page"), QString::number(zoneListingSize));
    q.addQueryItem(QStringLiteral("page"), QStringLiteral("1"));
    const QString what = tr("listing the zone's DNS records");
    const Result<QJsonObject> list =
        call("GET", QStringLiteral("/zones/%1/dns_records").arg(zoneId),
             q.toString(QUrl::FullyEncoded), what);
    if (!list)
        return list.error();
    const QJsonValue result = list->value(QLatin1String("result"));
    if (!result.isArray())
        return malformed(what, tr("\"result\" is not a list"));
    const QJsonArray items = result.toArray();
    if (items.size() > zoneListingSize)
        return malformed(what,
                         tr("%1 records on a page of %2").arg(items.size()).arg(zoneListingSize));
    DnsZoneListing listing;
    listing.totalRecords = int(items.size());
    for (const QJsonValue &v : items) {
        const QJsonObject o = v.toObject();
        DnsRecord r;
        r.type = o.value(QLatin1String("type")).toString();
        r.content = canonicalAddress(o.value(QLatin1String("content")).toString());
        if ((r.type != QLatin1String("A") && r.type != QLatin1String("AAAA")) ||
            r.content.isEmpty())
            continue;
        r.name = o.value(QLatin1String("name")).toString().toLower();
        r.ttl = o.value(QLatin1String("ttl")).toInt();
        r.proxied = o.value(QLatin1String("proxied")).toBool(false);
        listing.addresses.append(r);
    }
    const int total = list->value(QLatin1String("result_info"))
                          .toObject()
                          .value(QLatin1String("total_count"))
                          .toInt(-1);
    if (total > listing.totalRecords) {
        listing.complete = false;
        listing.note =
            tr("%1 of the zone's %2 records listed").arg(listing.totalRecords).arg(total);
    }
    return listing;
}

bool CloudflareProvider::isCloudflareId(const QString &id)
{
    return idPattern().match(id).hasMatch();
}

Result<QString> CloudflareProvider::ensureZoneId()
{
    if (!m_zoneId.isEmpty()) {
        // Configured by hand or imported: it goes into every URL, so it is
        // checked like one the API returned.
        if (!isCloudflareId(m_zoneId)) {
            return Error(Error::Kind::InvalidInput,
                         tr("Cloudflare zone %1: zone_id %2 is not 32 hex digits")
                             .arg(m_zone, quoteForMessage(m_zoneId)),
                         QStringLiteral("zone_id"));
        }
        return m_zoneId;
    }
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("name"), m_zone);
    const Result<QJsonObject> found = call(
        "GET", QStringLiteral("/zones"), q.toString(QUrl::FullyEncoded), tr("looking up the zone"));
    if (!found)
        return found.error();
    const QJsonValue zonesValue = found->value(QLatin1String("result"));
    if (!zonesValue.isArray())
        return malformed(tr("looking up the zone"), tr("\"result\" is not a list"));
    const QJsonArray zones = zonesValue.toArray();
    for (const QJsonValue &z : zones) {
        const QJsonObject o = z.toObject();
        if (o.value(QLatin1String("name")).toString().toLower() == m_zone) {
            const QString id = o.value(QLatin1String("id")).toString();
            if (!isCloudflareId(id)) {
                return Error(
                    Error::Kind::Remote,
                    tr("Cloudflare zone %1: the API returned a malformed zone id %2 (not 32 "
                       "hex digits)")
                        .arg(m_zone, quoteForMessage(id)));
            }
            m_zoneId = id;
            qCInfo(lcDns).noquote() << "Cloudflare zone" << m_zone << "has id" << m_zoneId;
            return m_zoneId;
        }
    }
    return Error(Error::Kind::NotFound,
                 tr("Cloudflare zone %1: no such zone is visible to this API token").arg(m_zone));
}

Result<DnsHostRecords> CloudflareProvider::records(const QString &hostname)
{
    const UseScope use(m_use, CloudflareBudget::Use::Read);
    if (Status s = checkHostname(hostname); !s)
        return s.error();
    if (Status s = checkOwnerId(); !s)
        return s.error();
    const Result<QString> id = ensureZoneId();
    if (!id)
        return id.error();
    Listing out;
    for (int page = 1;; ++page) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("name"), hostname);
        q.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
        q.addQueryItem(QStringLiteral("page"), QString::number(page));
        const QString what = tr("listing the records of %1 (page %2)").arg(hostname).arg(page);
        const Result<QJsonObject> list =
            call("GET", QStringLiteral("/zones/%1/dns_records").arg(*id),
                 q.toString(QUrl::FullyEncoded), what);
        if (!list)
            return list.error();
        const QJsonValue result = list->value(QLatin1String("result"));
        if (!result.isArray()) // not "no records": Kokoa would write duplicates
            return malformed(what, tr("\"result\" is not a list"));
        const QJsonArray items = result.toArray();
        if (items.size() > perPage)
            return malformed(what, tr("%1 records on a page of %2").arg(items.size()).arg(perPage));
        for (const QJsonValue &v : items) {
            if (Status s = addListed(v.toObject(), hostname, out); !s)
                return s.error().prefixed(tr("Cloudflare zone %1: %2").arg(m_zone, what));
        }
        // The page count is the server's claim; a short page ends the list
        // whatever it says, and a claim beyond the bound is refused.
        const QJsonObject info = list->value(QLatin1String("result_info")).toObject();
        const int totalPages = info.value(QLatin1String("total_pages")).toInt(1);
        if (items.size() < perPage || page >= totalPages)
            break;
        if (page >= maxPages || totalPages > maxPages) {
            return Error(Error::Kind::Remote,
                         tr("Cloudflare zone %1: %2 has more than %3 records (%4 pages claimed): "
                            "refusing to read further")
                             .arg(m_zone, hostname)
                             .arg(maxPages * perPage)
                             .arg(totalPages));
        }
    }
    return settled(out);
}

DnsHostRecords CloudflareProvider::settled(Listing &out) const
{
    // Old markers name no installation: they are this one's only if it is
    // old enough to have written them and no other installation marks
    // records here (then they may be either's), and only at the addresses
    // of its own edges: a record added by hand beside them is not Kokoa's.
    for (DnsRecord &r : out.legacy) {
        r.legacyOwner = m_owner.adopts(r.content) && !out.otherInstallation;
        (r.legacyOwner ? out.records.owned : out.records.foreign).append(r);
    }
    return out.records;
}

Status CloudflareProvider::addListed(const QJsonObject &o, const QString &hostname,
                                     Listing &out) const
{
    DnsRecord r;
    r.type = o.value(QLatin1String("type")).toString();
    if (r.type != QLatin1String("A") && r.type != QLatin1String("AAAA"))
        return {};
    r.name = o.value(QLatin1String("name")).toString().toLower();
    if (r.name.endsWith(QLatin1Char('.')))
        r.name.chop(1);
    if (r.name != hostname)
        return {}; // the filter is the server's; do not trust it blindly
    r.providerId = o.value(QLatin1String("id")).toString();
    if (!isCloudflareId(r.providerId)) {
        // It would go into a DELETE URL ("..": the zone itself).
        return Error(Error::Kind::Remote,
                     tr("the API returned a malformed record id %1 (not 32 hex digits)")
                         .arg(quoteForMessage(r.providerId)));
    }
    const QString raw = o.value(QLatin1String("content")).toString();
    r.content = canonicalAddress(raw);
    if (r.content.isEmpty())
        r.content = raw;
    r.ttl = o.value(QLatin1String("ttl")).toInt();
    r.proxied = o.value(QLatin1String("proxied")).toBool(false);
    const QString comment = o.value(QLatin1String("comment")).toString();
    if (comment == ownershipComment(m_owner.id)) {
        out.records.owned.append(r);
    } else if (comment == QLatin1String(legacyComment)) {
        out.legacy.append(r);
    } else {
        out.otherInstallation =
            out.otherInstallation || comment.startsWith(ownershipComment(QString()));
        out.records.foreign.append(r);
    }
    return {};
}

Error CloudflareProvider::malformed(const QString &what, const QString &why) const
{
    return Error(
        Error::Kind::Remote,
        tr("Cloudflare zone %1: %2: the API's answer is malformed: %3").arg(m_zone, what, why));
}

Status CloudflareProvider::createRecord(const DnsRecord &record)
{
    QJsonObject body{{QStringLiteral("type"), record.type},
                     {QStringLiteral("name"), record.name},
                     {QStringLiteral("content"), record.content},
                     {QStringLiteral("ttl"), record.ttl},
                     {QStringLiteral("proxied"), false},
                     {QStringLiteral("comment"), ownershipComment(m_owner.id)}};
    const Result<QJsonObject> created =
        call("POST", QStringLiteral("/zones/%1/dns_records").arg(m_zoneId), {},
             tr("creating %1").arg(record.toString()),
             QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!created) {
        // A retried POST whose first try went through: the record is there.
        if (created.error().kind() == Error::Kind::Conflict) {
            qCInfo(lcDns).noquote()
                << "Cloudflare zone" << m_zone << record.toString() << "already exists";
            return {};
        }
        return created.error();
    }
    return {};
}

Status CloudflareProvider::checkRecordId(const DnsRecord &record) const
{
    if (isCloudflareId(record.providerId))
        return {};
    return Error(Error::Kind::Internal,
                 tr("Cloudflare zone %1: %2 has no valid record id (%3)")
                     .arg(m_zone, record.toString(), quoteForMessage(record.providerId)));
}

Status CloudflareProvider::removeRecord(const DnsRecord &record)
{
    if (Status s = checkRecordId(record); !s)
        return s;
    const Result<QJsonObject> removed =
        call("DELETE", QStringLiteral("/zones/%1/dns_records/%2").arg(m_zoneId, record.providerId),
             {}, tr("removing %1").arg(record.toString()));
    if (!removed) {
        // We listed it and wanted it gone: someone else (or a retried DELETE
        // whose first try went through) already removed it.
        if (removed.error().kind() == Error::Kind::NotFound) {
            qCInfo(lcDns).noquote()
                << "Cloudflare zone" << m_zone << record.toString() << "was already gone";
            return {};
        }
        return removed.error();
    }
    return {};
}

Status CloudflareProvider::unproxyRecord(const DnsRecord &record)
{
    return patchRecord(record, QJsonObject{{QStringLiteral("proxied"), false}},
                       tr("turning off the proxy of %1").arg(record.toString()));
}

Status CloudflareProvider::claimRecord(const DnsRecord &record)
{
    return patchRecord(record,
                       QJsonObject{{QStringLiteral("comment"), ownershipComment(m_owner.id)}},
                       tr("marking %1 with this installation's owner id").arg(record.toString()));
}

Status CloudflareProvider::patchRecord(const DnsRecord &record, const QJsonObject &body,
                                       const QString &what)
{
    if (Status s = checkRecordId(record); !s)
        return s;
    const Result<QJsonObject> patched =
        call("PATCH", QStringLiteral("/zones/%1/dns_records/%2").arg(m_zoneId, record.providerId),
             {}, what, QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!patched)
        return patched.error();
    return {};
}

Status CloudflareProvider::apply(const DnsChangeSet &change)
{
    if (Status s = checkHostname(change.hostname); !s)
        return s;
    if (Status s = checkOwnerId(); !s)
        return s;
    const Result<QString> id = ensureZoneId();
    if (!id)
        return id.error();
    m_state.forget(); // this path does not track what it changes
    for (const DnsRecord &r : change.toAdd) {
        if (Status s = createRecord(r); !s)
            return s;
    }
    for (const DnsRecord &r : change.toUnproxy) {
        if (Status s = unproxyRecord(r); !s)
            return s;
    }
    for (const DnsRecord &r : change.toClaim) {
        if (Status s = claimRecord(r); !s)
            return s;
    }
    for (const DnsRecord &r : change.toRemove) {
        if (Status s = removeRecord(r); !s)
            return s;
    }
    return {};
}

Status CloudflareProvider::loadState(const QString &zoneId)
{
    m_state.forget();
    QJsonArray all;
    for (int page = 1;; ++page) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("per_page"), QString::number(statePerPage));
        q.addQueryItem(QStringLiteral("page"), QString::number(page));
        const QString what = tr("listing the zone's DNS records (page %1)").arg(page);
        const Result<QJsonObject> list =
            call("GET", QStringLiteral("/zones/%1/dns_records").arg(zoneId),
                 q.toString(QUrl::FullyEncoded), what);
        if (!list)
            return list.error();
        const QJsonValue result = list->value(QLatin1String("result"));
        if (!result.isArray())
            return malformed(what, tr("\"result\" is not a list"));
        const QJsonArray items = result.toArray();
        if (items.size() > statePerPage)
            return malformed(what,
                             tr("%1 records on a page of %2").arg(items.size()).arg(statePerPage));
        for (const QJsonValue &v : items)
            all.append(v);
        const int totalPages = list->value(QLatin1String("result_info"))
                                   .toObject()
                                   .value(QLatin1String("total_pages"))
                                   .toInt(1);
        if (items.size() < statePerPage || page >= totalPages)
            break;
        if (page >= maxStatePages) {
            return Error(Error::Kind::Remote,
                         tr("Cloudflare zone %1: more than %2 records (%3 pages claimed): refusing "
                            "to read further")
                             .arg(m_zone)
                             .arg(maxStatePages * statePerPage)
                             .arg(totalPages));
        }
    }
    m_state.load(all);
    qCDebug(lcDns).noquote() << "Cloudflare zone" << m_zone << "listed:" << all.size() << "records";
    return {};
}

Result<DnsHostRecords> CloudflareProvider::fromState(const QString &hostname) const
{
    Listing out;
    for (const QJsonObject &o : m_state.at(hostname)) {
        if (Status s = addListed(o, hostname, out); !s) {
            return s.error().prefixed(
                tr("Cloudflare zone %1: the records of %2").arg(m_zone, hostname));
        }
    }
    return settled(out);
}

Result<QHash<QString, DnsHostRecords>> CloudflareProvider::recordsOf(const QStringList &hostnames,
                                                                     bool refresh)
{
    for (const QString &hostname : hostnames) {
        if (Status s = checkHostname(hostname); !s)
            return s.error();
    }
    if (Status s = checkOwnerId(); !s)
        return s.error();
    const UseScope use(m_use, CloudflareBudget::Use::Read);
    const Result<QString> id = ensureZoneId();
    if (!id)
        return id.error();
    // A scheduled refresh is the first work given up when the budget runs
    // low: the kept records answer until the budget recovers.
    if (refresh && m_state.known()) {
        if (const Status room = m_budget->admit(CloudflareBudget::Use::Refresh, m_zone); !room) {
            qCInfo(lcDns).noquote()
                << "Cloudflare zone" << m_zone << "refresh skipped:" << room.error().message();
            refresh = false;
        }
    }
    if (refresh || !m_state.known()) {
        const UseScope listing(m_use, m_state.known() ? CloudflareBudget::Use::Refresh
                                                      : CloudflareBudget::Use::Read);
        if (Status s = loadState(*id); !s)
            return s.error();
    }
    QHash<QString, DnsHostRecords> out;
    for (const QString &hostname : hostnames) {
        Result<DnsHostRecords> records = fromState(hostname);
        if (!records) {
            m_state.forget();
            return records.error();
        }
        out.insert(hostname, *records);
    }
    return out;
}

Status CloudflareProvider::sendBatch(const QJsonObject &body, const QString &what)
{
    const Result<QJsonObject> done =
        call("POST", QStringLiteral("/zones/%1/dns_records/batch").arg(m_zoneId), {}, what,
             QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!done)
        return done.error();
    if (!m_state.applyBatchResult(done->value(QLatin1String("result")).toObject())) {
        // Applied, but the answer does not say how: read the zone next time.
        qCWarning(lcDns).noquote() << "Cloudflare zone" << m_zone
                                   << "batch answer without its records; the zone is read again";
    }
    return {};
}

Status CloudflareProvider::applyAll(const QList<DnsChangeSet> &changes)
{
    QList<DnsChangeSet> work;
    for (const DnsChangeSet &change : changes) {
        if (Status s = checkHostname(change.hostname); !s)
            return s;
        if (!change.isEmpty())
            work.append(change);
    }
    if (work.isEmpty())
        return {};
    if (Status s = checkOwnerId(); !s)
        return s;
    const Result<QString> id = ensureZoneId();
    if (!id)
        return id.error();
    const Result<QList<QJsonObject>> bodies =
        CloudflareBatchPlan::bodies(work, ownershipComment(m_owner.id), m_batchLimit);
    if (!bodies)
        return bodies.error().prefixed(tr("Cloudflare zone %1").arg(m_zone));
    for (qsizetype i = 0; i < bodies->size(); ++i) {
        const QString what =
            tr("changing the records of %n hostname(s) (batch %1 of %2)", nullptr, int(work.size()))
                .arg(i + 1)
                .arg(bodies->size());
        if (Status s = sendBatch(bodies->at(i), what); !s) {
            // Nothing of this batch was applied, but what is there now is
            // uncertain (an earlier batch, a retried request): read it again.
            m_state.forget();
            return s;
        }
    }
    return {};
}

} // namespace kokoa
