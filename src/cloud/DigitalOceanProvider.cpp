#include "cloud/DigitalOceanProvider.h"

#include <QJsonArray>
#include <QUrl>
#include <QUrlQuery>

namespace kokoa {
namespace {

constexpr int perPage = 200; // the API's maximum
constexpr int maxPages = 10;

// {"id": "not_found", "message": "..."}
CloudApiClient::ErrorText errorText(const QJsonObject &body)
{
    return {body.value(QLatin1String("id")).toString(),
            body.value(QLatin1String("message")).toString()};
}

Error notAnId(const QString &id)
{
    return Error::invalid(QStringLiteral("id"), id,
                          DigitalOceanProvider::tr("a droplet id is a number"));
}

// The public address of one family from networks.v4 / networks.v6.
QString publicAddress(const QJsonArray &networks)
{
    for (const QJsonValue &n : networks) {
        const QJsonObject o = n.toObject();
        if (o.value(QLatin1String("type")).toString() == QLatin1String("public"))
            return o.value(QLatin1String("ip_address")).toString();
    }
    return {};
}

} // namespace

DigitalOceanProvider::DigitalOceanProvider(QString apiBase, const QByteArray &token,
                                           QString ownerId, RetryPolicy policy)
    : m_ownerId(std::move(ownerId))
    , m_api(QStringLiteral("DigitalOcean"), std::move(apiBase), token, policy, errorText)
{}

QString DigitalOceanProvider::ownerTag(const QString &ownerId)
{
    return QStringLiteral("kokoa-owner:") + ownerId;
}

CloudServer DigitalOceanProvider::fromJson(const QJsonObject &d) const
{
    CloudServer out;
    out.id = QString::number(d.value(QLatin1String("id")).toInteger());
    out.name = d.value(QLatin1String("name")).toString();
    out.status = d.value(QLatin1String("status")).toString();
    out.running = out.status == QLatin1String("active");
    const QJsonObject networks = d.value(QLatin1String("networks")).toObject();
    out.ipv4 = publicAddress(networks.value(QLatin1String("v4")).toArray());
    out.ipv6 = publicAddress(networks.value(QLatin1String("v6")).toArray());
    const QJsonArray tags = d.value(QLatin1String("tags")).toArray();
    out.owned = !m_ownerId.isEmpty() && tags.contains(QJsonValue(ownerTag(m_ownerId)));
    return out;
}

Status DigitalOceanProvider::checkCredentials()
{
    return m_api.check(QStringLiteral("/account"), tr("checking the DigitalOcean API token"));
}

Result<CloudServer> DigitalOceanProvider::create(const ServerSpec &spec)
{
    const QJsonObject body{
        {QStringLiteral("name"), spec.name},
        {QStringLiteral("region"), spec.region},
        {QStringLiteral("size"), spec.size},
        {QStringLiteral("image"), spec.image},
        {QStringLiteral("user_data"), QString::fromUtf8(spec.userData)},
        {QStringLiteral("ipv6"), true},
        {QStringLiteral("tags"), QJsonArray{ownerTag(m_ownerId)}},
    };
    const auto find = [&]() -> Result<std::optional<CloudServer>> {
        Result<QList<CloudServer>> mine = owned();
        if (!mine)
            return mine.error();
        return serverNamed(*mine, spec.name);
    };
    Result<CloudApiClient::Created> created = m_api.createWithoutTwins(
        QStringLiteral("/droplets"), QStringLiteral("droplet"), body, find,
        tr("creating droplet %1 at DigitalOcean").arg(quoteForMessage(spec.name)));
    if (!created)
        return created.error();
    if (created->adopted)
        return *created->adopted;
    return fromJson(created->accepted);
}

Result<std::optional<CloudServer>> DigitalOceanProvider::server(const QString &id)
{
    if (!CloudApiClient::isNumericId(id))
        return notAnId(id);
    Result<std::optional<QJsonObject>> droplet =
        m_api.read(QStringLiteral("/droplets/") + id, QStringLiteral("droplet"),
                   tr("reading droplet %1 at DigitalOcean").arg(id));
    if (!droplet)
        return droplet.error();
    if (!droplet->has_value())
        return std::optional<CloudServer>();
    return std::optional<CloudServer>(fromJson(**droplet));
}

Status DigitalOceanProvider::destroy(const QString &id)
{
    if (!CloudApiClient::isNumericId(id))
        return notAnId(id);
    return m_api.remove(QStringLiteral("/droplets/") + id,
                        tr("destroying droplet %1 at DigitalOcean").arg(id));
}

Result<QList<CloudServer>> DigitalOceanProvider::owned()
{
    QList<CloudServer> out;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("tag_name"), ownerTag(m_ownerId));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
    query.addQueryItem(QStringLiteral("page"), QStringLiteral("1"));
    const auto readPage = [&](const QJsonObject &body) -> QString {
        for (const QJsonValue &d : body.value(QLatin1String("droplets")).toArray()) {
            CloudServer s = fromJson(d.toObject());
            if (s.owned)
                out.append(s);
        }
        // links.pages.next is a whole URL; only its query is followed, on
        // the configured API base (never another host).
        const QUrl link(body.value(QLatin1String("links"))
                            .toObject()
                            .value(QLatin1String("pages"))
                            .toObject()
                            .value(QLatin1String("next"))
                            .toString());
        if (!link.isValid() || link.isEmpty())
            return QString();
        return QStringLiteral("/droplets?") + link.query(QUrl::FullyEncoded);
    };
    Status listed =
        m_api.eachPage(QStringLiteral("/droplets?") + query.toString(QUrl::FullyEncoded), maxPages,
                       tr("listing Kokoa's droplets at DigitalOcean"), readPage);
    if (!listed)
        return listed.error();
    return out;
}

} // namespace kokoa
