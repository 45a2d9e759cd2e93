#include "cloud/HetznerProvider.h"

#include "cloud/CloudLogging.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThread>
#include <QUrlQuery>

namespace kokoa {
namespace {

// 50 a page (the API's maximum), 20 pages: 1,000 servers of one installation
// is more than any real use; more means a broken or hostile answer.
constexpr int perPage = 50;
constexpr int maxPages = 20;

QString errorCode(const QJsonObject &body)
{
    return body.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

} // namespace

HetznerProvider::HetznerProvider(QString apiBase, const QByteArray &token, QString ownerId,
                                 RetryPolicy policy, ActionPolling polling)
    : m_apiBase(std::move(apiBase))
    , m_ownerId(std::move(ownerId))
    , m_polling(polling)
    , m_http(policy)
{
    while (m_apiBase.endsWith(QLatin1Char('/')))
        m_apiBase.chop(1);
    m_http.setBearerToken(token);
}

Result<HetznerProvider::Reply> HetznerProvider::call(const QByteArray &verb, const QString &path,
                                                     const QString &what, const QJsonObject &body)
{
    const QByteArray json =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    Result<HttpResponse> response = m_http.send(verb, QUrl(m_apiBase + path), what, json);
    if (!response)
        return response.error();
    Reply reply;
    reply.status = response->status;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(response->body, &parseError);
    if (!response->body.isEmpty() && !doc.isObject())
        return Error(
            Error::Kind::Remote,
            tr("%1: Hetzner answered HTTP %2 with no JSON object").arg(what).arg(response->status));
    reply.body = doc.object();
    if (response->status == 429) // still limited after every retry
        return failure(reply, what)
            .withRetryAfter(qint64(std::max(response->retryAfterSeconds, 0)) * 1000);
    return reply;
}

// A 4xx other than a rate limit is the request's own fault (bad token,
// unknown image or location): repeating it cannot succeed.
Error HetznerProvider::failure(const Reply &reply, const QString &what) const
{
    const QJsonObject error = reply.body.value(QLatin1String("error")).toObject();
    const QString code = error.value(QLatin1String("code")).toString();
    const QString message = quoteForMessage(error.value(QLatin1String("message")).toString());
    Error::Kind kind = Error::Kind::Remote;
    if (reply.status >= 400 && reply.status < 500 && reply.status != 429)
        kind = Error::Kind::Refused;
    if (reply.status == 401)
        return Error(kind, tr("%1: Hetzner refused the API token (HTTP 401 %2)").arg(what, code),
                     QStringLiteral("token"));
    return Error(kind, tr("%1: Hetzner answered HTTP %2 %3: %4")
                           .arg(what)
                           .arg(reply.status)
                           .arg(quoteForMessage(code), message));
}

CloudServer HetznerProvider::fromJson(const QJsonObject &s) const
{
    CloudServer out;
    out.id = QString::number(s.value(QLatin1String("id")).toInteger());
    out.name = s.value(QLatin1String("name")).toString();
    out.status = s.value(QLatin1String("status")).toString();
    out.running = out.status == QLatin1String("running");
    const QJsonObject net = s.value(QLatin1String("public_net")).toObject();
    out.ipv4 = net.value(QLatin1String("ipv4")).toObject().value(QLatin1String("ip")).toString();
    // Hetzner gives the server a /64; Kokoa uses its first address (::1).
    QString v6 = net.value(QLatin1String("ipv6")).toObject().value(QLatin1String("ip")).toString();
    if (v6.endsWith(QLatin1String("::/64")))
        v6 = v6.left(v6.size() - 3) + QLatin1Char('1');
    out.ipv6 = v6;
    const QJsonObject labels = s.value(QLatin1String("labels")).toObject();
    out.owned =
        !m_ownerId.isEmpty() && labels.value(QLatin1String(ownerLabel)).toString() == m_ownerId;
    return out;
}

Status HetznerProvider::checkCredentials()
{
    const QString what = tr("checking the Hetzner API token");
    Result<Reply> reply = call("GET", QStringLiteral("/servers?per_page=1"), what);
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return failure(*reply, what);
    return {};
}

Result<CloudServer> HetznerProvider::create(const ServerSpec &spec)
{
    const QString what = tr("creating server %1 at Hetzner").arg(quoteForMessage(spec.name));
    const QJsonObject body{
        {QStringLiteral("name"), spec.name},
        {QStringLiteral("server_type"), spec.size},
        {QStringLiteral("image"), spec.image},
        {QStringLiteral("location"), spec.region},
        {QStringLiteral("user_data"), QString::fromUtf8(spec.userData)},
        {QStringLiteral("start_after_create"), true},
        {QStringLiteral("labels"), QJsonObject{{QLatin1String(ownerLabel), m_ownerId}}},
        {QStringLiteral("public_net"),
         QJsonObject{{QStringLiteral("enable_ipv4"), true}, {QStringLiteral("enable_ipv6"), true}}},
    };
    Result<Reply> reply = call("POST", QStringLiteral("/servers"), what, body);
    if (!reply)
        return reply.error();
    if (reply->status == 201 || reply->status == 200)
        return fromJson(reply->body.value(QLatin1String("server")).toObject());
    // Server names are unique in a project: a create retried after a lost
    // answer meets the first one. Adopt it only if it is this installation's.
    if (reply->status == 409 && errorCode(reply->body) == QLatin1String("uniqueness_error")) {
        Result<std::optional<CloudServer>> existing = findByName(spec.name);
        if (!existing)
            return existing.error();
        if (existing->has_value() && (*existing)->owned) {
            qCInfo(lcCloud).noquote() << what << "found the server a lost answer created";
            return **existing;
        }
    }
    return failure(*reply, what);
}

Result<std::optional<CloudServer>> HetznerProvider::findByName(const QString &name)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("name"), name);
    const QString what = tr("looking up server %1 at Hetzner").arg(quoteForMessage(name));
    Result<Reply> reply =
        call("GET", QStringLiteral("/servers?") + query.toString(QUrl::FullyEncoded), what);
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return failure(*reply, what);
    const QJsonArray servers = reply->body.value(QLatin1String("servers")).toArray();
    for (const QJsonValue &s : servers) {
        CloudServer server = fromJson(s.toObject());
        if (server.name == name)
            return std::optional<CloudServer>(server);
    }
    return std::optional<CloudServer>();
}

Result<std::optional<CloudServer>> HetznerProvider::server(const QString &id)
{
    const QString what = tr("reading server %1 at Hetzner").arg(quoteForMessage(id));
    bool numeric = false;
    id.toLongLong(&numeric);
    if (!numeric)
        return Error::invalid(QStringLiteral("id"), id, tr("a Hetzner server id is a number"));
    Result<Reply> reply = call("GET", QStringLiteral("/servers/") + id, what);
    if (!reply)
        return reply.error();
    if (reply->status == 404)
        return std::optional<CloudServer>();
    if (reply->status != 200)
        return failure(*reply, what);
    return std::optional<CloudServer>(
        fromJson(reply->body.value(QLatin1String("server")).toObject()));
}

Status HetznerProvider::destroy(const QString &id)
{
    const QString what = tr("destroying server %1 at Hetzner").arg(quoteForMessage(id));
    bool numeric = false;
    id.toLongLong(&numeric);
    if (!numeric)
        return Error::invalid(QStringLiteral("id"), id, tr("a Hetzner server id is a number"));
    Result<Reply> reply = call("DELETE", QStringLiteral("/servers/") + id, what);
    if (!reply)
        return reply.error();
    if (reply->status == 404)
        return {}; // gone already (e.g. a retried delete whose first try went through)
    if (reply->status != 200)
        return failure(*reply, what);
    return waitForAction(reply->body.value(QLatin1String("action")).toObject(), what);
}

// Polls an action until it succeeds or fails, within the polling budget.
Status HetznerProvider::waitForAction(const QJsonObject &first, const QString &what)
{
    QJsonObject action = first;
    const QString id = QString::number(action.value(QLatin1String("id")).toInteger());
    const QDeadlineTimer deadline(m_polling.actionTimeoutMs);
    for (;;) {
        const QString status = action.value(QLatin1String("status")).toString();
        if (status == QLatin1String("success"))
            return {};
        if (status == QLatin1String("error")) {
            const QJsonObject error = action.value(QLatin1String("error")).toObject();
            return Error(
                Error::Kind::Remote,
                tr("%1: the action failed: %2 %3")
                    .arg(what, quoteForMessage(error.value(QLatin1String("code")).toString()),
                         quoteForMessage(error.value(QLatin1String("message")).toString())));
        }
        if (deadline.remainingTime() < m_polling.intervalMs)
            return Error(Error::Kind::Timeout, tr("%1: the action was not finished after %2 s")
                                                   .arg(what)
                                                   .arg(m_polling.actionTimeoutMs / 1000));
        QThread::msleep(ulong(m_polling.intervalMs));
        Result<Reply> reply = call("GET", QStringLiteral("/actions/") + id, what);
        if (!reply)
            return reply.error();
        if (reply->status != 200)
            return failure(*reply, what);
        action = reply->body.value(QLatin1String("action")).toObject();
    }
}

Result<QList<CloudServer>> HetznerProvider::owned()
{
    const QString what = tr("listing Kokoa's servers at Hetzner");
    QList<CloudServer> out;
    int page = 1;
    for (int n = 0; n < maxPages; ++n) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("label_selector"),
                           QLatin1String(ownerLabel) + QStringLiteral("==") + m_ownerId);
        query.addQueryItem(QStringLiteral("page"), QString::number(page));
        query.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
        Result<Reply> reply =
            call("GET", QStringLiteral("/servers?") + query.toString(QUrl::FullyEncoded), what);
        if (!reply)
            return reply.error();
        if (reply->status != 200)
            return failure(*reply, what);
        const QJsonArray servers = reply->body.value(QLatin1String("servers")).toArray();
        for (const QJsonValue &s : servers) {
            CloudServer server = fromJson(s.toObject());
            if (server.owned) // the selector is the provider's; the check is ours
                out.append(server);
        }
        const QJsonValue next = reply->body.value(QLatin1String("meta"))
                                    .toObject()
                                    .value(QLatin1String("pagination"))
                                    .toObject()
                                    .value(QLatin1String("next_page"));
        if (!next.isDouble() || next.toInt() <= page)
            return out;
        page = next.toInt();
    }
    return Error(Error::Kind::Remote,
                 tr("%1: more than %2 pages of servers").arg(what).arg(maxPages));
}

} // namespace kokoa
