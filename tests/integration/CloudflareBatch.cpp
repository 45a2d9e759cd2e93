#include "CloudflareBatch.h"

#include <QHostAddress>
#include <QJsonArray>

namespace {

bool isAddress(const QString &type, const QString &content)
{
    QHostAddress a;
    if (!a.setAddress(content))
        return false;
    return (type == QLatin1String("A") && a.protocol() == QAbstractSocket::IPv4Protocol) ||
           (type == QLatin1String("AAAA") && a.protocol() == QAbstractSocket::IPv6Protocol);
}

CloudflareBatch::Failure notFound()
{
    return {404, 81044, QStringLiteral("Record does not exist.")};
}

} // namespace

CloudflareBatch::CloudflareBatch(QString zoneId, QString zoneName, QList<Record> records,
                                 std::function<QString()> newId)
    : m_zoneId(std::move(zoneId))
    , m_zoneName(std::move(zoneName))
    , m_records(std::move(records))
    , m_newId(std::move(newId))
{}

std::optional<CloudflareBatch::Failure>
CloudflareBatch::checkNew(const Record &r, const QString &zoneName, const QList<Record> &existing)
{
    if (r.name != zoneName && !r.name.endsWith(QLatin1Char('.') + zoneName))
        return Failure{400, 1004, QStringLiteral("DNS Validation Error")};
    // TXT: what ACME DNS-01 answers need (any text up to Cloudflare's 2048).
    const bool validTxt =
        r.type == QLatin1String("TXT") && !r.content.isEmpty() && r.content.size() <= 2048;
    if (!validTxt && !isAddress(r.type, r.content))
        return Failure{400, 9005, QStringLiteral("Content for %1 record is invalid.").arg(r.type)};
    if (r.ttl != 1 && (r.ttl < 30 || r.ttl > 86400))
        return Failure{
            400, 9021,
            QStringLiteral(
                "Invalid TTL. Must be between 30 and 86400 seconds, or 1 for Automatic.")};
    for (const Record &e : existing) {
        if (e.id != r.id && e.zoneId == r.zoneId && e.name == r.name && e.type == r.type &&
            e.content == r.content)
            return Failure{400, 81058, QStringLiteral("An identical record already exists.")};
    }
    return std::nullopt;
}

qsizetype CloudflareBatch::indexOf(const QString &id) const
{
    for (qsizetype i = 0; i < m_records.size(); ++i) {
        if (m_records[i].zoneId == m_zoneId && m_records[i].id == id)
            return i;
    }
    return -1;
}

std::optional<CloudflareBatch::Failure> CloudflareBatch::run(const QJsonObject &body, int limit,
                                                             bool failAtLastItem)
{
    using Step = std::optional<Failure> (CloudflareBatch::*)(const QJsonObject &);
    const QList<std::pair<QString, Step>> order{
        {QStringLiteral("deletes"), &CloudflareBatch::remove},
        {QStringLiteral("patches"), &CloudflareBatch::patch},
        {QStringLiteral("puts"), &CloudflareBatch::put},
        {QStringLiteral("posts"), &CloudflareBatch::post}};
    qsizetype total = 0;
    for (const auto &[key, step] : order) {
        const QJsonValue v = body.value(key);
        if (!v.isUndefined() && !v.isArray())
            return Failure{400, 1004, QStringLiteral("%1 must be a list").arg(key)};
        total += v.toArray().size();
    }
    if (total > limit) {
        return Failure{400, 1004,
                       QStringLiteral("batch holds %1 records, more than the %2 the plan allows")
                           .arg(total)
                           .arg(limit)};
    }
    qsizetype done = 0;
    for (const auto &[key, step] : order) {
        m_result.insert(key, QJsonArray());
        for (const QJsonValue &item : body.value(key).toArray()) {
            if (failAtLastItem && ++done == total)
                return Failure{400, 1004, QStringLiteral("DNS Validation Error")};
            if (std::optional<Failure> f = (this->*step)(item.toObject()))
                return f;
        }
    }
    return std::nullopt;
}

std::optional<CloudflareBatch::Failure> CloudflareBatch::remove(const QJsonObject &item)
{
    const qsizetype i = indexOf(item.value(QStringLiteral("id")).toString());
    if (i < 0)
        return notFound();
    QJsonArray out = m_result.value(QStringLiteral("deletes")).toArray();
    out.append(CloudflareEmulator::toJson(m_records.takeAt(i)));
    m_result.insert(QStringLiteral("deletes"), out);
    return std::nullopt;
}

std::optional<CloudflareBatch::Failure> CloudflareBatch::patch(const QJsonObject &o)
{
    const qsizetype i = indexOf(o.value(QStringLiteral("id")).toString());
    if (i < 0)
        return notFound();
    Record r = m_records[i];
    if (o.contains(QStringLiteral("proxied")))
        r.proxied = o.value(QStringLiteral("proxied")).toBool();
    if (o.contains(QStringLiteral("ttl")))
        r.ttl = o.value(QStringLiteral("ttl")).toInt();
    if (o.contains(QStringLiteral("comment")))
        r.comment = o.value(QStringLiteral("comment")).toString();
    if (o.contains(QStringLiteral("content")))
        r.content = o.value(QStringLiteral("content")).toString();
    if (std::optional<Failure> f = checkNew(r, m_zoneName, m_records))
        return f;
    m_records[i] = r;
    QJsonArray out = m_result.value(QStringLiteral("patches")).toArray();
    out.append(CloudflareEmulator::toJson(r));
    m_result.insert(QStringLiteral("patches"), out);
    return std::nullopt;
}

std::optional<CloudflareBatch::Failure> CloudflareBatch::put(const QJsonObject &o)
{
    const qsizetype i = indexOf(o.value(QStringLiteral("id")).toString());
    if (i < 0)
        return notFound();
    // A put overwrites the whole record: what it leaves out takes the default.
    Record r;
    r.id = m_records[i].id;
    r.zoneId = m_zoneId;
    r.type = o.value(QStringLiteral("type")).toString();
    r.name = o.value(QStringLiteral("name")).toString().toLower();
    r.content = o.value(QStringLiteral("content")).toString();
    r.ttl = o.value(QStringLiteral("ttl")).toInt(1);
    r.proxied = o.value(QStringLiteral("proxied")).toBool(false);
    r.comment = o.value(QStringLiteral("comment")).toString();
    if (std::optional<Failure> f = checkNew(r, m_zoneName, m_records))
        return f;
    m_records[i] = r;
    QJsonArray out = m_result.value(QStringLiteral("puts")).toArray();
    out.append(CloudflareEmulator::toJson(r));
    m_result.insert(QStringLiteral("puts"), out);
    return std::nullopt;
}

std::optional<CloudflareBatch::Failure> CloudflareBatch::post(const QJsonObject &o)
{
    Record r;
    r.zoneId = m_zoneId;
    r.type = o.value(QStringLiteral("type")).toString();
    r.name = o.value(QStringLiteral("name")).toString().toLower();
    r.content = o.value(QStringLiteral("content")).toString();
    r.ttl = o.value(QStringLiteral("ttl")).toInt(1);
    r.proxied = o.value(QStringLiteral("proxied")).toBool(false);
    r.comment = o.value(QStringLiteral("comment")).toString();
    if (std::optional<Failure> f = checkNew(r, m_zoneName, m_records))
        return f;
    r.id = m_newId();
    m_records.append(r);
    QJsonArray out = m_result.value(QStringLiteral("posts")).toArray();
    out.append(CloudflareEmulator::toJson(r));
    m_result.insert(QStringLiteral("posts"), out);
    return std::nullopt;
}
