#include "cloud/HetznerProvider.h"

#include "cloud/CloudLogging.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QThread>
#include <QUrlQuery>

namespace kokoa {
namespace {

// 50 a page (the API's maximum), 20 pages: 1,000 servers of one installation
// is more than any real use; more means a broken or hostile answer.
constexpr int perPage = 50;
constexpr int maxPages = 20;

// {"error": {"code": "...", "message": "..."}}
CloudApiClient::ErrorText errorText(const QJsonObject &body)
{
    const QJsonObject error = body.value(QLatin1String("error")).toObject();
    return {error.value(QLatin1String("code")).toString(),
            error.value(QLatin1String("message")).toString()};
}

Error notAnId(const QString &id)
{
    return Error::invalid(QStringLiteral("id"), id,
                          HetznerProvider::tr("a Hetzner server id is a number"));
}

} // namespace

HetznerProvider::HetznerProvider(QString apiBase, const QByteArray &token, QString ownerId,
                                 RetryPolicy policy, ActionPolling polling)
    : m_ownerId(std::move(ownerId))
    , m_polling(polling)
    , m_api(QStringLiteral("Hetzner"), std::move(apiBase), token, policy, errorText)
{}

CloudServer HetznerProvider::fromJson(const QJsonObject &s) const
{
    CloudServer out;
    out.id = QString::number(s.value(QLatin1String("id")).toInteger());
    out.name = s.value(QLatin1String("name")).toString();
    out.status = s.value(QLatin1String("status")).toString();
    out.running = out.status == QLatin1String("running");
    const QJsonObject net = s.value(QLatin1String("public_net")).toObject();
    const QJsonObject v4 = net.value(QLatin1String("ipv4")).toObject();
    out.ipv4 = v4.value(QLatin1String("ip")).toString();
    if (v4.value(QLatin1String("id")).isDouble())
        out.ipv4Id = QString::number(v4.value(QLatin1String("id")).toInteger());
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
    return m_api.check(QStringLiteral("/servers?per_page=1"), tr("checking the Hetzner API token"));
}

Result<CloudServer> HetznerProvider::create(const ServerSpec &spec)
{
    const QString what = tr("creating server %1 at Hetzner").arg(quoteForMessage(spec.name));
    QJsonObject publicNet{{QStringLiteral("enable_ipv4"), true},
                          {QStringLiteral("enable_ipv6"), true}};
    if (!spec.keptAddress.isEmpty())
        publicNet.insert(QStringLiteral("ipv4"), spec.keptAddress.toLongLong());
    const QJsonObject body{
        {QStringLiteral("name"), spec.name},
        {QStringLiteral("server_type"), spec.size},
        {QStringLiteral("image"), spec.image},
        {QStringLiteral("location"), spec.region},
        {QStringLiteral("user_data"), QString::fromUtf8(spec.userData)},
        {QStringLiteral("start_after_create"), true},
        {QStringLiteral("labels"), QJsonObject{{QLatin1String(ownerLabel), m_ownerId}}},
        {QStringLiteral("public_net"), publicNet},
    };
    Result<ApiReply> reply = m_api.call("POST", QStringLiteral("/servers"), what, body);
    if (!reply)
        return reply.error();
    if (reply->status == 201 || reply->status == 200)
        return fromJson(reply->body.value(QLatin1String("server")).toObject());
    // Server names are unique in a project: a create retried after a lost
    // answer meets the first one. Adopt it only if it is this installation's.
    if (reply->status == 409 && errorText(reply->body).code == QLatin1String("uniqueness_error")) {
        Result<std::optional<CloudServer>> existing = findByName(spec.name);
        if (!existing)
            return existing.error();
        if (existing->has_value() && (*existing)->owned) {
            qCInfo(lcCloud).noquote() << what << "found the server a lost answer created";
            return **existing;
        }
    }
    return m_api.failure(*reply, what);
}

Result<std::optional<CloudServer>> HetznerProvider::findByName(const QString &name)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("name"), name);
    const QString what = tr("looking up server %1 at Hetzner").arg(quoteForMessage(name));
    Result<ApiReply> reply =
        m_api.call("GET", QStringLiteral("/servers?") + query.toString(QUrl::FullyEncoded), what);
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return m_api.failure(*reply, what);
    QList<CloudServer> servers;
    for (const QJsonValue &s : reply->body.value(QLatin1String("servers")).toArray())
        servers.append(fromJson(s.toObject()));
    return serverNamed(servers, name);
}

Result<std::optional<CloudServer>> HetznerProvider::server(const QString &id)
{
    if (!CloudApiClient::isNumericId(id))
        return notAnId(id);
    Result<std::optional<QJsonObject>> server =
        m_api.read(QStringLiteral("/servers/") + id, QStringLiteral("server"),
                   tr("reading server %1 at Hetzner").arg(quoteForMessage(id)));
    if (!server)
        return server.error();
    if (!server->has_value())
        return std::optional<CloudServer>();
    return std::optional<CloudServer>(fromJson(**server));
}

Status HetznerProvider::destroy(const QString &id)
{
    const QString what = tr("destroying server %1 at Hetzner").arg(quoteForMessage(id));
    if (!CloudApiClient::isNumericId(id))
        return notAnId(id);
    Result<ApiReply> reply = m_api.call("DELETE", QStringLiteral("/servers/") + id, what);
    if (!reply)
        return reply.error();
    if (reply->status == 404)
        return {}; // gone already (e.g. a retried delete whose first try went through)
    if (reply->status != 200)
        return m_api.failure(*reply, what);
    return waitForAction(reply->body.value(QLatin1String("action")).toObject(), what);
}

Result<QString> HetznerProvider::keepAddress(const QString &serverId, const QString &address)
{
    Q_UNUSED(address) // read from the provider: the server's main address now
    Result<std::optional<CloudServer>> found = server(serverId);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error(Error::Kind::NotFound,
                     tr("keep-ip: server %1 no longer exists at Hetzner, and its address went "
                        "with it")
                         .arg(quoteForMessage(serverId)),
                     QStringLiteral("keep-ip"));
    const QString primaryIp = (*found)->ipv4Id;
    if (primaryIp.isEmpty())
        return Error(Error::Kind::NotFound,
                     tr("keep-ip: server %1 has no public IPv4 address at Hetzner")
                         .arg(quoteForMessage(serverId)),
                     QStringLiteral("keep-ip"));
    if (Status s = setAutoDelete(
            primaryIp, false,
            tr("keeping the address of server %1 at Hetzner").arg(quoteForMessage(serverId)));
        !s)
        return s.error();
    return primaryIp;
}

Status HetznerProvider::releaseKeptAddress(const QString &handle)
{
    return setAutoDelete(
        handle, true,
        tr("handing primary IP %1 to its new server at Hetzner").arg(quoteForMessage(handle)));
}

Status HetznerProvider::setAutoDelete(const QString &primaryIpId, bool autoDelete,
                                      const QString &what)
{
    if (!CloudApiClient::isNumericId(primaryIpId))
        return Error::invalid(QStringLiteral("keep-ip"), primaryIpId,
                              tr("a Hetzner primary IP id is a number"));
    Result<ApiReply> reply = m_api.call("PUT", QStringLiteral("/primary_ips/") + primaryIpId, what,
                                        QJsonObject{{QStringLiteral("auto_delete"), autoDelete}});
    if (!reply)
        return reply.error();
    if (reply->status != 200)
        return m_api.failure(*reply, what);
    return {};
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
        Result<ApiReply> reply = m_api.call("GET", QStringLiteral("/actions/") + id, what);
        if (!reply)
            return reply.error();
        if (reply->status != 200)
            return m_api.failure(*reply, what);
        action = reply->body.value(QLatin1String("action")).toObject();
    }
}

Result<QList<CloudServer>> HetznerProvider::owned()
{
    QList<CloudServer> out;
    const auto pagePath = [this](int page) -> QString {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("label_selector"),
                           QLatin1String(ownerLabel) + QStringLiteral("==") + m_ownerId);
        query.addQueryItem(QStringLiteral("page"), QString::number(page));
        query.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
        return QStringLiteral("/servers?") + query.toString(QUrl::FullyEncoded);
    };
    int page = 1;
    const auto readPage = [&](const QJsonObject &body) -> QString {
        for (const QJsonValue &s : body.value(QLatin1String("servers")).toArray()) {
            CloudServer server = fromJson(s.toObject());
            if (server.owned) // the selector is the provider's; the check is ours
                out.append(server);
        }
        const QJsonValue next = body.value(QLatin1String("meta"))
                                    .toObject()
                                    .value(QLatin1String("pagination"))
                                    .toObject()
                                    .value(QLatin1String("next_page"));
        if (!next.isDouble() || next.toInt() <= page)
            return QString();
        page = next.toInt();
        return pagePath(page);
    };
    Status listed = m_api.eachPage(pagePath(page), maxPages,
                                   tr("listing Kokoa's servers at Hetzner"), readPage);
    if (!listed)
        return listed.error();
    return out;
}

} // namespace kokoa
