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

Status VultrProvider::destroy(const QString &id)
{
    if (!isInstanceId(id))
        return notAnId(id);
    return m_api.remove(QStringLiteral("/instances/") + id,
                        tr("destroying instance %1 at Vultr").arg(id));
}

Result<QList<CloudServer>> VultrProvider::owned()
{
    QList<CloudServer> out;
    const auto pagePath = [this](const QString &cursor) -> QString {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("tag"), ownerTag(m_ownerId));
        query.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
        if (!cursor.isEmpty())
            query.addQueryItem(QStringLiteral("cursor"), cursor);
        return QStringLiteral("/instances?") + query.toString(QUrl::FullyEncoded);
    };
    const auto readPage = [&](const QJsonObject &body) -> QString {
        for (const QJsonValue &i : body.value(QLatin1String("instances")).toArray()) {
            CloudServer s = fromJson(i.toObject());
            if (s.owned)
                out.append(s);
        }
        const QString cursor = body.value(QLatin1String("meta"))
                                   .toObject()
                                   .value(QLatin1String("links"))
                                   .toObject()
                                   .value(QLatin1String("next"))
                                   .toString();
        return cursor.isEmpty() ? QString() : pagePath(cursor);
    };
    Status listed = m_api.eachPage(pagePath(QString()), maxPages,
                                   tr("listing Kokoa's instances at Vultr"), readPage);
    if (!listed)
        return listed.error();
    return out;
}

} // namespace kokoa
