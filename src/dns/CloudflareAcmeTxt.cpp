// CloudflareProvider's ACME DNS-01 records: TXT records carrying this
// installation's ownership comment, added and removed one value at a time.

#include "dns/CloudflareProvider.h"
#include "dns/DnsLogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace kokoa {

namespace {

// Cloudflare may list TXT content in quotes.
QByteArray unquoted(const QString &content)
{
    QString text = content;
    if (text.size() >= 2 && text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))
        text = text.mid(1, text.size() - 2);
    return text.toUtf8();
}

} // namespace

Result<QStringList> CloudflareProvider::acmeTxtIds(const QString &name, const QByteArray &value)
{
    const Result<QString> zoneId = ensureZoneId();
    if (!zoneId)
        return zoneId.error();
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("type"), QStringLiteral("TXT"));
    q.addQueryItem(QStringLiteral("name"), name);
    q.addQueryItem(QStringLiteral("per_page"), QStringLiteral("100"));
    const Result<QJsonObject> list =
        call("GET", QStringLiteral("/zones/%1/dns_records").arg(*zoneId),
             q.toString(QUrl::FullyEncoded), tr("listing the TXT records at %1").arg(name));
    if (!list)
        return list.error();
    QStringList ids;
    const QString comment = ownershipComment(m_owner.id);
    for (const QJsonValue &v : list->value(QLatin1String("result")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(QLatin1String("id")).toString();
        if (o.value(QLatin1String("name")).toString() == name &&
            o.value(QLatin1String("comment")).toString() == comment &&
            unquoted(o.value(QLatin1String("content")).toString()) == value && isCloudflareId(id))
            ids.append(id);
    }
    return ids;
}

Status CloudflareProvider::addAcmeTxt(const QString &name, const QByteArray &value)
{
    if (Status s = checkHostname(name); !s)
        return s;
    if (Status s = checkOwnerId(); !s)
        return s;
    const Result<QStringList> present = acmeTxtIds(name, value);
    if (!present)
        return present.error();
    if (!present->isEmpty())
        return {}; // a retried add whose first try went through
    const QJsonObject body{{QStringLiteral("type"), QStringLiteral("TXT")},
                           {QStringLiteral("name"), name},
                           {QStringLiteral("content"), QString::fromUtf8(value)},
                           {QStringLiteral("ttl"), 60},
                           {QStringLiteral("comment"), ownershipComment(m_owner.id)}};
    const Result<QJsonObject> created =
        call("POST", QStringLiteral("/zones/%1/dns_records").arg(m_zoneId), {},
             tr("adding the ACME TXT record at %1").arg(name),
             QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!created && created.error().kind() != Error::Kind::Conflict)
        return created.error();
    qCInfo(lcDns).noquote() << "Cloudflare zone" << m_zone << "ACME TXT added at" << name;
    return {};
}

Status CloudflareProvider::removeAcmeTxt(const QString &name, const QByteArray &value)
{
    if (Status s = checkHostname(name); !s)
        return s;
    const Result<QStringList> ids = acmeTxtIds(name, value);
    if (!ids)
        return ids.error();
    for (const QString &id : *ids) {
        const Result<QJsonObject> removed =
            call("DELETE", QStringLiteral("/zones/%1/dns_records/%2").arg(m_zoneId, id), {},
                 tr("removing the ACME TXT record at %1").arg(name));
        if (!removed && removed.error().kind() != Error::Kind::NotFound)
            return removed.error();
    }
    return {};
}

Result<QList<DnsServerAddress>> CloudflareProvider::authoritativeServers()
{
    const Result<QString> zoneId = ensureZoneId();
    if (!zoneId)
        return zoneId.error();
    const Result<QJsonObject> zone = call("GET", QStringLiteral("/zones/%1").arg(*zoneId), {},
                                          tr("reading the zone's name servers"));
    if (!zone)
        return zone.error();
    QList<DnsServerAddress> servers;
    const QJsonArray names = zone->value(QLatin1String("result"))
                                 .toObject()
                                 .value(QLatin1String("name_servers"))
                                 .toArray();
    for (const QJsonValue &v : names) {
        if (!v.toString().isEmpty())
            servers.append({v.toString(), 53});
    }
    if (servers.isEmpty())
        return Error(Error::Kind::Remote,
                     tr("Cloudflare zone %1: the zone lists no name servers").arg(m_zone));
    return servers;
}

} // namespace kokoa
