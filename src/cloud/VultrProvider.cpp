#include "cloud/VultrProvider.h"

#include "cloud/CreateWithoutTwins.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace kokoa {
namespace {

constexpr int perPage = 500; // the API's maximum
constexpr int maxPages = 10;

RetryPolicy once(RetryPolicy policy)
{
    policy.maxAttempts = 1;
    return policy;
}

bool isInstanceId(const QString &id)
{
    static const QRegularExpression rx(QStringLiteral("^[0-9a-f-]{36}$"));
    return rx.match(id).hasMatch();
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
    : m_apiBase(std::move(apiBase))
    , m_ownerId(std::move(ownerId))
    , m_policy(policy)
    , m_http(policy)
    , m_once(once(policy))
{
    while (m_apiBase.endsWith(QLatin1Char('/')))
        m_apiBase.chop(1);
    m_http.setBearerToken(token);
    m_once.setBearerToken(token);
}

QString VultrProvider::ownerTag(const QString &ownerId)
{
    return QStringLiteral("kokoa-owner:") + ownerId;
}

Result<VultrProvider::Reply> VultrProvider::call(const QByteArray &verb,
                                                 const QString &pathAndQuery, const QString &what)
{
    Result<HttpResponse> response = m_http.send(verb, QUrl(m_apiBase + pathAndQuery), what);
    if (!response)
        return response.error();
    Reply reply;
    reply.status = response->status;
    reply.body = QJsonDocument::fromJson(response->body).object();
    if (response->status == 429)
        return failure(reply, what)
            .withRetryAfter(qint64(std::max(response->retryAfterSeconds, 0)) * 1000);
    return reply;
}

Error VultrProvider::failure(const Reply &reply, const QString &what) const
{
    const QString message = quoteForMessage(reply.body.value(QLatin1String("error")).toString());
    const Error::Kind kind = reply.status >= 400 && reply.status < 500 && reply.status != 429
                                 ? Error::Kind::Refused
                                 : Error::Kind::Remote;
    if (reply.status == 401)
        return Error(kind, tr("%1: Vultr refused the API key (HTTP 401)").arg(what),
                     QStringLiteral("token"));
    return Error(kind,
                 tr("%1: Vultr answered HTTP %2: %3").arg(what).arg(reply.status).arg(message));
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
    const QString what = tr("checking the Vultr API key");
    Result<Reply> reply = call("GET", QStringLiteral("/account"), what);
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return failure(*reply, what);
    return {};
}

Result<CloudServer> VultrProvider::create(const ServerSpec &spec)
{
    const QString what = tr("creating instance %1 at Vultr").arg(quoteForMessage(spec.name));
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
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const auto post = [&]() {
        return m_once.send("POST", QUrl(m_apiBase + QStringLiteral("/instances")), what, json);
    };
    const auto find = [&]() -> Result<std::optional<CloudServer>> {
        Result<QList<CloudServer>> mine = owned();
        if (!mine)
            return mine.error();
        for (const CloudServer &s : *mine) {
            if (s.name == spec.name)
                return std::optional<CloudServer>(s);
        }
        return std::optional<CloudServer>();
    };
    Result<CreateWithoutTwins::Outcome> outcome = CreateWithoutTwins::run(post, find, m_policy);
    if (!outcome)
        return outcome.error().prefixed(what);
    if (outcome->adopted)
        return *outcome->adopted;
    Reply reply;
    reply.status = outcome->response->status;
    reply.body = QJsonDocument::fromJson(outcome->response->body).object();
    if (reply.status != 202 && reply.status != 201)
        return failure(reply, what);
    return fromJson(reply.body.value(QLatin1String("instance")).toObject());
}

Result<std::optional<CloudServer>> VultrProvider::server(const QString &id)
{
    if (!isInstanceId(id))
        return Error::invalid(QStringLiteral("id"), id, tr("a Vultr instance id is a UUID"));
    const QString what = tr("reading instance %1 at Vultr").arg(id);
    Result<Reply> reply = call("GET", QStringLiteral("/instances/") + id, what);
    if (!reply)
        return reply.error();
    if (reply->status == 404)
        return std::optional<CloudServer>();
    if (reply->status != 200)
        return failure(*reply, what);
    return std::optional<CloudServer>(
        fromJson(reply->body.value(QLatin1String("instance")).toObject()));
}

Status VultrProvider::destroy(const QString &id)
{
    if (!isInstanceId(id))
        return Error::invalid(QStringLiteral("id"), id, tr("a Vultr instance id is a UUID"));
    const QString what = tr("destroying instance %1 at Vultr").arg(id);
    Result<Reply> reply = call("DELETE", QStringLiteral("/instances/") + id, what);
    if (!reply)
        return reply.error();
    if (reply->status == 204 || reply->status == 404)
        return {};
    return failure(*reply, what);
}

Result<QList<CloudServer>> VultrProvider::owned()
{
    const QString what = tr("listing Kokoa's instances at Vultr");
    QList<CloudServer> out;
    QString cursor;
    for (int n = 0; n < maxPages; ++n) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("tag"), ownerTag(m_ownerId));
        query.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
        if (!cursor.isEmpty())
            query.addQueryItem(QStringLiteral("cursor"), cursor);
        Result<Reply> reply =
            call("GET", QStringLiteral("/instances?") + query.toString(QUrl::FullyEncoded), what);
        if (!reply)
            return reply.error();
        if (reply->status != 200)
            return failure(*reply, what);
        const QJsonArray instances = reply->body.value(QLatin1String("instances")).toArray();
        for (const QJsonValue &i : instances) {
            CloudServer s = fromJson(i.toObject());
            if (s.owned)
                out.append(s);
        }
        cursor = reply->body.value(QLatin1String("meta"))
                     .toObject()
                     .value(QLatin1String("links"))
                     .toObject()
                     .value(QLatin1String("next"))
                     .toString();
        if (cursor.isEmpty())
            return out;
    }
    return Error(Error::Kind::Remote,
                 tr("%1: more than %2 pages of instances").arg(what).arg(maxPages));
}

} // namespace kokoa
