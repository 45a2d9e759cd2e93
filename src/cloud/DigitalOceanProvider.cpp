#include "cloud/DigitalOceanProvider.h"

#include "cloud/CreateWithoutTwins.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUrlQuery>

namespace kokoa {
namespace {

constexpr int perPage = 200; // the API's maximum
constexpr int maxPages = 10;

RetryPolicy once(RetryPolicy policy)
{
    policy.maxAttempts = 1;
    return policy;
}

bool isNumericId(const QString &id)
{
    bool ok = false;
    return id.toLongLong(&ok) > 0 && ok;
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

QString DigitalOceanProvider::ownerTag(const QString &ownerId)
{
    return QStringLiteral("kokoa-owner:") + ownerId;
}

Result<DigitalOceanProvider::Reply>
DigitalOceanProvider::call(BlockingHttp &http, const QByteArray &verb, const QString &pathAndQuery,
                           const QString &what, const QJsonObject &body)
{
    const QByteArray json =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    Result<HttpResponse> response = http.send(verb, QUrl(m_apiBase + pathAndQuery), what, json);
    if (!response)
        return response.error();
    Reply reply;
    reply.status = response->status;
    const QJsonDocument doc = QJsonDocument::fromJson(response->body);
    if (!response->body.trimmed().isEmpty() && !doc.isObject() && response->status < 500)
        return Error(Error::Kind::Remote,
                     tr("%1: DigitalOcean answered HTTP %2 with no JSON object")
                         .arg(what)
                         .arg(response->status));
    reply.body = doc.object();
    if (response->status == 429)
        return failure(reply, what)
            .withRetryAfter(qint64(std::max(response->retryAfterSeconds, 0)) * 1000);
    return reply;
}

Error DigitalOceanProvider::failure(const Reply &reply, const QString &what) const
{
    const QString id = reply.body.value(QLatin1String("id")).toString();
    const QString message = quoteForMessage(reply.body.value(QLatin1String("message")).toString());
    const Error::Kind kind = reply.status >= 400 && reply.status < 500 && reply.status != 429
                                 ? Error::Kind::Refused
                                 : Error::Kind::Remote;
    if (reply.status == 401)
        return Error(kind, tr("%1: DigitalOcean refused the API token (HTTP 401 %2)").arg(what, id),
                     QStringLiteral("token"));
    return Error(kind, tr("%1: DigitalOcean answered HTTP %2 %3: %4")
                           .arg(what)
                           .arg(reply.status)
                           .arg(quoteForMessage(id), message));
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
    const QString what = tr("checking the DigitalOcean API token");
    Result<Reply> reply = call(m_http, "GET", QStringLiteral("/account"), what);
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return failure(*reply, what);
    return {};
}

Result<CloudServer> DigitalOceanProvider::create(const ServerSpec &spec)
{
    const QString what = tr("creating droplet %1 at DigitalOcean").arg(quoteForMessage(spec.name));
    const QJsonObject body{
        {QStringLiteral("name"), spec.name},
        {QStringLiteral("region"), spec.region},
        {QStringLiteral("size"), spec.size},
        {QStringLiteral("image"), spec.image},
        {QStringLiteral("user_data"), QString::fromUtf8(spec.userData)},
        {QStringLiteral("ipv6"), true},
        {QStringLiteral("tags"), QJsonArray{ownerTag(m_ownerId)}},
    };
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const auto post = [&]() {
        return m_once.send("POST", QUrl(m_apiBase + QStringLiteral("/droplets")), what, json);
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
    return fromJson(reply.body.value(QLatin1String("droplet")).toObject());
}

Result<std::optional<CloudServer>> DigitalOceanProvider::server(const QString &id)
{
    if (!isNumericId(id))
        return Error::invalid(QStringLiteral("id"), id, tr("a droplet id is a number"));
    const QString what = tr("reading droplet %1 at DigitalOcean").arg(id);
    Result<Reply> reply = call(m_http, "GET", QStringLiteral("/droplets/") + id, what);
    if (!reply)
        return reply.error();
    if (reply->status == 404)
        return std::optional<CloudServer>();
    if (reply->status != 200)
        return failure(*reply, what);
    return std::optional<CloudServer>(
        fromJson(reply->body.value(QLatin1String("droplet")).toObject()));
}

Status DigitalOceanProvider::destroy(const QString &id)
{
    if (!isNumericId(id))
        return Error::invalid(QStringLiteral("id"), id, tr("a droplet id is a number"));
    const QString what = tr("destroying droplet %1 at DigitalOcean").arg(id);
    Result<Reply> reply = call(m_http, "DELETE", QStringLiteral("/droplets/") + id, what);
    if (!reply)
        return reply.error();
    if (reply->status == 204 || reply->status == 404)
        return {};
    return failure(*reply, what);
}

Result<QList<CloudServer>> DigitalOceanProvider::owned()
{
    const QString what = tr("listing Kokoa's droplets at DigitalOcean");
    QList<CloudServer> out;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("tag_name"), ownerTag(m_ownerId));
    query.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
    query.addQueryItem(QStringLiteral("page"), QStringLiteral("1"));
    QString next = QStringLiteral("/droplets?") + query.toString(QUrl::FullyEncoded);
    for (int n = 0; n < maxPages; ++n) {
        Result<Reply> reply = call(m_http, "GET", next, what);
        if (!reply)
            return reply.error();
        if (reply->status != 200)
            return failure(*reply, what);
        const QJsonArray droplets = reply->body.value(QLatin1String("droplets")).toArray();
        for (const QJsonValue &d : droplets) {
            CloudServer s = fromJson(d.toObject());
            if (s.owned)
                out.append(s);
        }
        // links.pages.next is a whole URL; only its query is followed, on
        // the configured API base (never another host).
        const QUrl link(reply->body.value(QLatin1String("links"))
                            .toObject()
                            .value(QLatin1String("pages"))
                            .toObject()
                            .value(QLatin1String("next"))
                            .toString());
        if (!link.isValid() || link.isEmpty())
            return out;
        next = QStringLiteral("/droplets?") + link.query(QUrl::FullyEncoded);
    }
    return Error(Error::Kind::Remote,
                 tr("%1: more than %2 pages of droplets").arg(what).arg(maxPages));
}

} // namespace kokoa
