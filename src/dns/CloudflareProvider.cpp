#include "dns/CloudflareProvider.h"

#include "dns/DnsLogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace kokoa {

namespace {

constexpr int perPage = 100;
constexpr int maxPages = 1000; // 100,000 records at one name is not a real zone
constexpr int identicalRecordExists = 81058;

QString errorsText(const QJsonObject &envelope)
{
    QStringList parts;
    const QJsonArray errors = envelope.value(QLatin1String("errors")).toArray();
    for (const QJsonValue &e : errors) {
        const QJsonObject o = e.toObject();
        parts.append(QStringLiteral("%1 %2").arg(o.value(QLatin1String("code")).toInt())
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

} // namespace

CloudflareProvider::CloudflareProvider(QString zone, QString apiBase, QByteArray token,
                                       QString zoneId, RetryPolicy policy)
    : m_zone(std::move(zone))
    , m_apiBase(std::move(apiBase))
    , m_zoneId(std::move(zoneId))
    , m_http(policy)
{
    while (m_apiBase.endsWith(QLatin1Char('/')))
        m_apiBase.chop(1);
    m_http.setBearerToken(token);
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
    const Result<HttpResponse> response = m_http.send(verb, url(path, query), what, body);
    if (!response)
        return response.error().prefixed(tr("Cloudflare zone %1").arg(m_zone));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(response->body, &parseError);
    const QJsonObject envelope = doc.object();
    const bool success = envelope.value(QLatin1String("success")).toBool(false);
    if (response->status >= 200 && response->status < 300 && success)
        return envelope;

    QString detail = errorsText(envelope);
    if (detail.isEmpty())
        detail = tr("no error details in the reply");
    QString message = tr("Cloudflare zone %1: %2 failed: HTTP %3: %4")
                          .arg(m_zone, what)
                          .arg(response->status)
                          .arg(detail);
    Error::Kind kind = Error::Kind::Remote;
    if (response->status == 429 || response->status >= 500) {
        message += tr(" (gave up after %n attempt(s))", nullptr, response->attempts);
        if (response->status == 429 && response->retryAfterSeconds >= 0)
            message += tr("; Cloudflare asked to retry after %1 s").arg(response->retryAfterSeconds);
    }
    if (response->status == 401 || response->status == 403)
        message += tr(" (check the API token and its Zone.DNS permissions)");
    Error error(kind, message);
    // The envelope travels with the error text only through codes and messages.
    if (hasErrorCode(envelope, identicalRecordExists) && verb == "POST")
        return Error(Error::Kind::Conflict, message);
    return error;
}

Status CloudflareProvider::checkHostname(const QString &hostname) const
{
    if (hostname == m_zone || hostname.endsWith(QLatin1Char('.') + m_zone))
        return {};
    return Error(Error::Kind::InvalidInput,
                 tr("%1 is not inside the Cloudflare zone %2").arg(hostname, m_zone));
}

Status CloudflareProvider::verify()
{
    const Result<QJsonObject> token =
        call("GET", QStringLiteral("/user/tokens/verify"), {}, tr("verifying the API token"));
    if (!token)
        return token.error();
    const QString status =
        token->value(QLatin1String("result")).toObject().value(QLatin1String("status")).toString();
    if (status != QLatin1String("active")) {
        return Error(Error::Kind::Remote,
                     tr("Cloudflare zone %1: the API token is %2, not active")
                         .arg(m_zone, quoteForMessage(status)));
    }
    const Result<QString> id = ensureZoneId();
    if (!id)
        return id.error();
    // Listing records proves DNS read permission on this zone.
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("per_page"), QStringLiteral("5"));
    const Result<QJsonObject> list = call("GET", QStringLiteral("/zones/%1/dns_records").arg(*id),
                                          q.toString(QUrl::FullyEncoded),
                                          tr("reading the zone's DNS records"));
    if (!list)
        return list.error();
    return {};
}

Result<QString> CloudflareProvider::ensureZoneId()
{
    if (!m_zoneId.isEmpty())
        return m_zoneId;
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("name"), m_zone);
    const Result<QJsonObject> found =
        call("GET", QStringLiteral("/zones"), q.toString(QUrl::FullyEncoded), tr("looking up the zone"));
    if (!found)
        return found.error();
    const QJsonArray zones = found->value(QLatin1String("result")).toArray();
    for (const QJsonValue &z : zones) {
        const QJsonObject o = z.toObject();
        if (o.value(QLatin1String("name")).toString().toLower() == m_zone) {
            const QString id = o.value(QLatin1String("id")).toString();
            if (id.isEmpty() || id.contains(QLatin1Char('/')) || id.contains(QLatin1Char('?')))
                break;
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
    if (Status s = checkHostname(hostname); !s)
        return s.error();
    const Result<QString> id = ensureZoneId();
    if (!id)
        return id.error();
    DnsHostRecords out;
    const QString marker = QString::fromLatin1(ownershipComment);
    int totalPages = 1;
    for (int page = 1; page <= totalPages && page <= maxPages; ++page) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("name"), hostname);
        q.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
        q.addQueryItem(QStringLiteral("page"), QString::number(page));
        const Result<QJsonObject> list =
            call("GET", QStringLiteral("/zones/%1/dns_records").arg(*id), q.toString(QUrl::FullyEncoded),
                 tr("listing the records of %1 (page %2)").arg(hostname).arg(page));
        if (!list)
            return list.error();
        const QJsonArray result = list->value(QLatin1String("result")).toArray();
        for (const QJsonValue &v : result) {
            const QJsonObject o = v.toObject();
            DnsRecord r;
            r.type = o.value(QLatin1String("type")).toString();
            if (r.type != QLatin1String("A") && r.type != QLatin1String("AAAA"))
                continue;
            r.name = o.value(QLatin1String("name")).toString().toLower();
            if (r.name.endsWith(QLatin1Char('.')))
                r.name.chop(1);
            if (r.name != hostname)
                continue; // the filter is the server's; do not trust it blindly
            const QString raw = o.value(QLatin1String("content")).toString();
            r.content = canonicalAddress(raw);
            if (r.content.isEmpty())
                r.content = raw;
            r.ttl = o.value(QLatin1String("ttl")).toInt();
            r.providerId = o.value(QLatin1String("id")).toString();
            r.proxied = o.value(QLatin1String("proxied")).toBool(false);
            if (o.value(QLatin1String("comment")).toString() == marker && !r.providerId.isEmpty())
                out.owned.append(r);
            else
                out.foreign.append(r);
        }
        const QJsonObject info = list->value(QLatin1String("result_info")).toObject();
        totalPages = std::max(1, info.value(QLatin1String("total_pages")).toInt(1));
    }
    if (totalPages > maxPages) {
        return Error(Error::Kind::Remote,
                     tr("Cloudflare zone %1: %2 has more than %3 pages of records")
                         .arg(m_zone, hostname).arg(maxPages));
    }
    return out;
}

Status CloudflareProvider::createRecord(const DnsRecord &record)
{
    QJsonObject body{{QStringLiteral("type"), record.type},
                     {QStringLiteral("name"), record.name},
                     {QStringLiteral("content"), record.content},
                     {QStringLiteral("ttl"), record.ttl},
                     {QStringLiteral("proxied"), false},
                     {QStringLiteral("comment"), QString::fromLatin1(ownershipComment)}};
    const Result<QJsonObject> created =
        call("POST", QStringLiteral("/zones/%1/dns_records").arg(m_zoneId), {},
             tr("creating %1").arg(record.toString()), QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!created) {
        // A retried POST whose first try went through: the record is there.
        if (created.error().kind() == Error::Kind::Conflict) {
            qCInfo(lcDns).noquote() << "Cloudflare zone" << m_zone << record.toString()
                                    << "already exists";
            return {};
        }
        return created.error();
    }
    return {};
}

Status CloudflareProvider::removeRecord(const DnsRecord &record)
{
    if (record.providerId.isEmpty() || record.providerId.contains(QLatin1Char('/'))) {
        return Error(Error::Kind::Internal,
                     tr("Cloudflare zone %1: cannot remove %2 without its record id")
                         .arg(m_zone, record.toString()));
    }
    const Result<QJsonObject> removed =
        call("DELETE", QStringLiteral("/zones/%1/dns_records/%2").arg(m_zoneId, record.providerId), {},
             tr("removing %1").arg(record.toString()));
    if (!removed)
        return removed.error();
    return {};
}

Status CloudflareProvider::unproxyRecord(const DnsRecord &record)
{
    const QJsonObject body{{QStringLiteral("proxied"), false}};
    const Result<QJsonObject> patched =
        call("PATCH", QStringLiteral("/zones/%1/dns_records/%2").arg(m_zoneId, record.providerId), {},
             tr("turning off the proxy of %1").arg(record.toString()),
             QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!patched)
        return patched.error();
    return {};
}

Status CloudflareProvider::apply(const DnsChangeSet &change)
{
    if (Status s = checkHostname(change.hostname); !s)
        return s;
    const Result<QString> id = ensureZoneId();
    if (!id)
        return id.error();
    for (const DnsRecord &r : change.toAdd) {
        if (Status s = createRecord(r); !s)
            return s;
    }
    for (const DnsRecord &r : change.toUnproxy) {
        if (Status s = unproxyRecord(r); !s)
            return s;
    }
    for (const DnsRecord &r : change.toRemove) {
        if (Status s = removeRecord(r); !s)
            return s;
    }
    return {};
}

} // namespace kokoa
