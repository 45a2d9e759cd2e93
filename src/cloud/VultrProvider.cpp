#include "cloud/VultrProvider.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace kokoa {
namespace {

constexpr int perPage = 500; // the API's maximum
constexpr int maxPages = 10;

// {"error": "...", "status": 400}: a message, no code.
CloudApiClient::ErrorText errorText(const QJsonObject &body)
{
    return {QString(), body.value(QLatin1String("error")).toString()};
}

bool isInstanceId(const QString &id)
{
    static const QRegularExpression rx(QStringLiteral("^[0-9a-f-]{36}$"));
    return rx.match(id).hasMatch();
}

Error notAnId(const QString &id)
{
    return Error::invalid(QStringLiteral("id"), id,
                          VultrProvider::tr("a Vultr instance id is a UUID"));
}

// 0.0.0.0 and "::" stand for "not assigned yet".
QString assigned(const QString &address)
{
    return address == QLatin1String("0.0.0.0") || address == QLatin1String("::") ? QString()
                                                                                 : address;
}

} // namespace

VultrProvider::VultrProvider(QString apiBase, const QByteArray &token, QString ownerId,
                             RetryPolicy policy)
    : m_ownerId(std::move(ownerId))
    , m_api(QStringLiteral("Vultr"), std::move(apiBase), token, policy, errorText)
{}

QString VultrProvider::ownerTag(const QString &ownerId)
{
    return QStringLiteral("kokoa-owner:") + ownerId;
}

CloudServer VultrProvider::fromJson(const QJsonObject &i) const
{
    CloudServer out;
    out.id = i.value(QLatin1String("id")).toString();
    out.name = i.value(QLatin1String("label")).toString();
    const QString status = i.value(QLatin1String("status")).toString();
    const QString power = i.value(QLatin1String("power_status")).toString();
    out.status = status == QLatin1String("active") ? power : status;
    out.running = status == QLatin1String("active") && power == QLatin1String("running");
    out.ipv4 = assigned(i.value(QLatin1String("main_ip")).toString());
    out.ipv6 = assigned(i.value(QLatin1String("v6_main_ip")).toString());
    const QJsonArray tags = i.value(QLatin1String("tags")).toArray();
    out.owned = !m_ownerId.isEmpty() && tags.contains(QJsonValue(ownerTag(m_ownerId)));
    return out;
}

Status VultrProvider::checkCredentials()
{
    return m_api.check(QStringLiteral("/account"), tr("checking the Vultr API key"));
}

Result<CloudServer> VultrProvider::create(const ServerSpec &spec)
{
    QJsonObject body{
        {QStringLiteral("region"), spec.region},
        {QStringLiteral("plan"), spec.size},
        {QStringLiteral("label"), spec.name},
        {QStringLiteral("hostname"), spec.name},
        {QStringLiteral("user_data"), QString::fromLatin1(spec.userData.toBase64())},
        {QStringLiteral("enable_ipv6"), true},
        {QStringLiteral("tags"), QJsonArray{ownerTag(m_ownerId)}},
    };
    if (!spec.keptAddress.isEmpty())
        body.insert(QStringLiteral("reserved_ipv4"), spec.keptAddress);
    bool numeric = false;
    const int osId = spec.image.toInt(&numeric);
    if (numeric)
        body.insert(QStringLiteral("os_id"), osId);
    else
        body.insert(QStringLiteral("image_id"), spec.image);
    const auto find = [&]() -> Result<std::optional<CloudServer>> {
        Result<QList<CloudServer>> mine = owned();
        if (!mine)
            return mine.error();
        return serverNamed(*mine, spec.name);
    };
    Result<CloudApiClient::Created> created = m_api.createWithoutTwins(
        QStringLiteral("/instances"), QStringLiteral("instance"), body, find,
        tr("creating instance %1 at Vultr").arg(quoteForMessage(spec.name)));
    if (!created)
        return created.error();
    if (created->adopted)
        return *created->adopted;
    return fromJson(created->accepted);
}

Result<std::optional<CloudServer>> VultrProvider::server(const QString &id)
{
    if (!isInstanceId(id))
        return notAnId(id);
    Result<std::optional<QJsonObject>> instance =
        m_api.read(QStringLiteral("/instances/") + id, QStringLiteral("instance"),
                   tr("reading instance %1 at Vultr").arg(id));
    if (!instance)
        return instance.error();
    if (!instance->has_value())
        return std::optional<CloudServer>();
    return std::optional<CloudServer>(fromJson(**instance));
}

// An address that went to a replacement goes with it: reserved IPs Kokoa
// attached to the instance are detached and deleted first (a rerun after a
// crash finds them gone), then the instance.
Status VultrProvider::destroy(const QString &id)
{
    if (!isInstanceId(id))
        return notAnId(id);
    const QString what = tr("destroying instance %1 at Vultr").arg(id);
    Result<QList<ReservedIp>> reserved = reservedIps();
    if (!reserved)
        return reserved.error();
    for (const ReservedIp &r : *reserved) {
        if (r.instance != id || r.label != ownerTag(m_ownerId))
            continue;
        Result<ApiReply> detached = m_api.call(
            "POST", QStringLiteral("/reserved-ips/") + r.id + QStringLiteral("/detach"), what);
        if (!detached)
            return detached.error();
        if (detached->status != 204 && detached->status != 404)
            return m_api.failure(*detached, what);
        if (Status s = m_api.remove(QStringLiteral("/reserved-ips/") + r.id, what); !s)
            return s;
    }
    return m_api.remove(QStringLiteral("/instances/") + id, what);
}

QString VultrProvider::keptLabel() const
{
    return QStringLiteral("kokoa-kept:") + m_ownerId;
}

Result<QString> VultrProvider::keepAddress(const QString &serverId, const QString &address)
{
    Q_UNUSED(address) // read from the provider: the server's main address now
    Result<std::optional<CloudServer>> found = server(serverId);
    if (!found)
        return found.error();
    if (!found->has_value() || (*found)->ipv4.isEmpty())
        return Error(
            Error::Kind::NotFound,
            tr("keep-ip: instance %1 no longer has a public IPv4 address at Vultr").arg(serverId),
            QStringLiteral("keep-ip"));
    const QString ip = (*found)->ipv4;
    const QString what = tr("keeping address %1 of instance %2 at Vultr").arg(ip, serverId);
    // Converted already (an earlier run lost the answer): found, not converted twice.
    Result<QList<ReservedIp>> reserved = reservedIps();
    if (!reserved)
        return reserved.error();
    for (const ReservedIp &r : *reserved) {
        if (r.ip != ip)
            continue;
        if (r.label != keptLabel()) {
            if (Status s = relabel(r.id, keptLabel(), what); !s)
                return s.error();
        }
        return r.id;
    }
    Result<ApiReply> reply = m_api.call(
        "POST", QStringLiteral("/reserved-ips/convert"), what,
        QJsonObject{{QStringLiteral("ip_address"), ip}, {QStringLiteral("label"), keptLabel()}});
    if (!reply)
        return reply.error();
    if (reply->status != 201 && reply->status != 200)
        return m_api.failure(*reply, what);
    const QString id = reply->body.value(QLatin1String("reserved_ip"))
                           .toObject()
                           .value(QLatin1String("id"))
                           .toString();
    if (id.isEmpty())
        return Error(Error::Kind::Remote, tr("%1: the answer names no reserved IP").arg(what));
    return id;
}

Status VultrProvider::releaseKeptAddress(const QString &handle)
{
    return relabel(handle, ownerTag(m_ownerId),
                   tr("handing reserved IP %1 to its new instance at Vultr").arg(handle));
}

Status VultrProvider::relabel(const QString &reservedIp, const QString &label, const QString &what)
{
    if (!isInstanceId(reservedIp)) // reserved IPs have UUIDs as well
        return Error::invalid(QStringLiteral("keep-ip"), reservedIp,
                              tr("a Vultr reserved IP id is a UUID"));
    Result<ApiReply> reply = m_api.call("PATCH", QStringLiteral("/reserved-ips/") + reservedIp,
                                        what, QJsonObject{{QStringLiteral("label"), label}});
    if (!reply)
        return reply.error();
    if (reply->status != 200 && reply->status != 202)
        return m_api.failure(*reply, what);
    return {};
}

Result<QList<VultrProvider::ReservedIp>> VultrProvider::reservedIps()
{
    QList<ReservedIp> out;
    Status listed = eachListed(QStringLiteral("/reserved-ips"), {}, QStringLiteral("reserved_ips"),
                               tr("listing reserved IPs at Vultr"), [&](const QJsonObject &r) {
                                   out.append({r.value(QLatin1String("id")).toString(),
                                               r.value(QLatin1String("subnet")).toString(),
                                               r.value(QLatin1String("label")).toString(),
                                               r.value(QLatin1String("instance_id")).toString()});
                               });
    if (!listed)
        return listed.error();
    return out;
}

Result<QList<CloudServer>> VultrProvider::owned()
{
    QList<CloudServer> out;
    QUrlQuery tagged;
    tagged.addQueryItem(QStringLiteral("tag"), ownerTag(m_ownerId));
    Status listed = eachListed(QStringLiteral("/instances"), tagged, QStringLiteral("instances"),
                               tr("listing Kokoa's instances at Vultr"), [&](const QJsonObject &i) {
                                   CloudServer s = fromJson(i);
                                   if (s.owned)
                                       out.append(s);
                               });
    if (!listed)
        return listed.error();
    return out;
}

// Vultr's lists page with a cursor (meta.links.next), at most maxPages.
Status VultrProvider::eachListed(const QString &path, const QUrlQuery &filter, const QString &key,
                                 const QString &what,
                                 const std::function<void(const QJsonObject &)> &take)
{
    const auto pagePath = [&](const QString &cursor) -> QString {
        QUrlQuery query = filter;
        query.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
        if (!cursor.isEmpty())
            query.addQueryItem(QStringLiteral("cursor"), cursor);
        return path + QLatin1Char('?') + query.toString(QUrl::FullyEncoded);
    };
    const auto readPage = [&](const QJsonObject &body) -> QString {
        for (const QJsonValue &v : body.value(key).toArray())
            take(v.toObject());
        const QString cursor = body.value(QLatin1String("meta"))
                                   .toObject()
                                   .value(QLatin1String("links"))
                                   .toObject()
                                   .value(QLatin1String("next"))
                                   .toString();
        return cursor.isEmpty() ? QString() : pagePath(cursor);
    };
    return m_api.eachPage(pagePath(QString()), maxPages, what, readPage);
}

} // namespace kokoa
