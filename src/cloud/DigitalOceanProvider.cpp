#include "cloud/DigitalOceanProvider.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QThread>
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

// A reserved IP is named by its address in request paths: only an IPv4
// literal goes there.
bool isIpv4(const QString &text)
{
    QHostAddress address;
    return address.setAddress(text) && address.protocol() == QAbstractSocket::IPv4Protocol &&
           address.toString() == text;
}

Error notAnAddress(const QString &text)
{
    return Error::invalid(QStringLiteral("keep-ip"), text,
                          DigitalOceanProvider::tr("a reserved IP is an IPv4 address"));
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
                                           QString ownerId, bool reservedIp, RetryPolicy policy,
                                           ActionPolling polling)
    : m_reservedIp(reservedIp)
    , m_polling(polling)
    , m_ownerId(std::move(ownerId))
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

// The reserved IPs the droplet holds go with it (unassigned first: an
// assigned one cannot be deleted), so none is left billed and unused; one
// kept for a replacement was unassigned by keepAddress and stays. A rerun
// after a crash finds the rest.
Status DigitalOceanProvider::destroy(const QString &id)
{
    if (!CloudApiClient::isNumericId(id))
        return notAnId(id);
    const QString what = tr("destroying droplet %1 at DigitalOcean").arg(id);
    if (m_reservedIp) {
        Result<QList<ReservedIp>> held = reservedIpsOf(id);
        if (!held)
            return held.error();
        for (const ReservedIp &r : *held) {
            if (Status s = unassign(r.ip, what); !s)
                return s;
            if (Status s = m_api.remove(QStringLiteral("/reserved_ips/") + r.ip, what); !s)
                return s;
        }
    }
    return m_api.remove(QStringLiteral("/droplets/") + id, what);
}

Result<QList<CloudServer>> DigitalOceanProvider::owned()
{
    QList<CloudServer> out;
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("tag_name"), ownerTag(m_ownerId));
    Status listed =
        eachListed(QStringLiteral("/droplets"), query, QStringLiteral("droplets"),
                   tr("listing Kokoa's droplets at DigitalOcean"), [&](const QJsonObject &d) {
                       CloudServer s = fromJson(d);
                       if (s.owned)
                           out.append(s);
                   });
    if (!listed)
        return listed.error();
    return out;
}

// DigitalOcean's lists page by number; links.pages.next is a whole URL of
// which only the query is followed, on the configured API base (never
// another host). At most maxPages.
Status DigitalOceanProvider::eachListed(const QString &path, QUrlQuery filter, const QString &key,
                                        const QString &what,
                                        const std::function<void(const QJsonObject &)> &take)
{
    filter.addQueryItem(QStringLiteral("per_page"), QString::number(perPage));
    filter.addQueryItem(QStringLiteral("page"), QStringLiteral("1"));
    const auto readPage = [&](const QJsonObject &body) -> QString {
        for (const QJsonValue &v : body.value(key).toArray())
            take(v.toObject());
        const QUrl link(body.value(QLatin1String("links"))
                            .toObject()
                            .value(QLatin1String("pages"))
                            .toObject()
                            .value(QLatin1String("next"))
                            .toString());
        if (!link.isValid() || link.isEmpty())
            return QString();
        return path + QLatin1Char('?') + link.query(QUrl::FullyEncoded);
    };
    return m_api.eachPage(path + QLatin1Char('?') + filter.toString(QUrl::FullyEncoded), maxPages,
                          what, readPage);
}

Result<DigitalOceanProvider::ReservedIp>
DigitalOceanProvider::keepableReservedIp(const QString &serverId, const QString &address)
{
    if (!isIpv4(address))
        return notAnAddress(address);
    Result<std::optional<ReservedIp>> found = reservedIp(address);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error(Error::Kind::InvalidInput,
                     tr("keep-ip: %1 is droplet %2's own address, and DigitalOcean releases it "
                        "with the droplet; only a reserved IP outlives one (a provider added "
                        "with --reserved-ip gives each new edge one)")
                         .arg(address, serverId),
                     QStringLiteral("keep-ip"), address);
    const QString holder = (*found)->droplet;
    if (!holder.isEmpty() && holder != serverId)
        return Error(Error::Kind::Conflict,
                     tr("keep-ip: reserved IP %1 is assigned to droplet %2, not to %3")
                         .arg(address, holder, serverId),
                     QStringLiteral("keep-ip"), address);
    return **found;
}

Status DigitalOceanProvider::checkKeepable(const QString &serverId, const QString &address)
{
    Result<ReservedIp> keepable = keepableReservedIp(serverId, address);
    if (!keepable)
        return keepable.error();
    return {};
}

// Unassigned before the droplet goes, so its destroy leaves it. Found
// unassigned already: an earlier run got this far.
Result<QString> DigitalOceanProvider::keepAddress(const QString &serverId, const QString &address)
{
    Result<ReservedIp> keepable = keepableReservedIp(serverId, address);
    if (!keepable)
        return keepable.error();
    if (keepable->droplet.isEmpty())
        return address;
    if (Status s = unassign(
            address, tr("keeping address %1 of droplet %2 at DigitalOcean").arg(address, serverId));
        !s)
        return s.error();
    return address;
}

Result<QString> DigitalOceanProvider::attachAddress(const CloudServer &running,
                                                    const QString &keptAddress)
{
    if (!keptAddress.isEmpty()) {
        if (!isIpv4(keptAddress))
            return notAnAddress(keptAddress);
        Result<std::optional<ReservedIp>> found = reservedIp(keptAddress);
        if (!found)
            return found.error();
        if (!found->has_value())
            return Error(
                Error::Kind::NotFound,
                tr("keep-ip: reserved IP %1 no longer exists at DigitalOcean").arg(keptAddress),
                QStringLiteral("keep-ip"), keptAddress);
        const QString holder = (*found)->droplet;
        if (holder == running.id)
            return keptAddress;
        if (!holder.isEmpty())
            return Error(Error::Kind::Conflict,
                         tr("keep-ip: reserved IP %1 is assigned to droplet %2 already")
                             .arg(keptAddress, holder),
                         QStringLiteral("keep-ip"), keptAddress);
        if (Status s = assign(
                keptAddress, running.id,
                tr("giving address %1 to droplet %2 at DigitalOcean").arg(keptAddress, running.id));
            !s)
            return s.error();
        return keptAddress;
    }
    if (!m_reservedIp)
        return running.ipv4;
    Result<QList<ReservedIp>> held = reservedIpsOf(running.id);
    if (!held)
        return held.error();
    if (!held->isEmpty())
        return held->first().ip;
    return reserveFor(running.id);
}

// The replacement holds the kept address now, and its destroy deletes it:
// nothing to hand over.
Status DigitalOceanProvider::releaseKeptAddress(const QString &handle)
{
    if (!isIpv4(handle))
        return notAnAddress(handle);
    return {};
}

DigitalOceanProvider::ReservedIp DigitalOceanProvider::reservedIpFromJson(const QJsonObject &r)
{
    const QJsonValue droplet = r.value(QLatin1String("droplet"));
    return {r.value(QLatin1String("ip")).toString(),
            droplet.isObject()
                ? QString::number(droplet.toObject().value(QLatin1String("id")).toInteger())
                : QString()};
}

Result<std::optional<DigitalOceanProvider::ReservedIp>>
DigitalOceanProvider::reservedIp(const QString &ip)
{
    Result<std::optional<QJsonObject>> read =
        m_api.read(QStringLiteral("/reserved_ips/") + ip, QStringLiteral("reserved_ip"),
                   tr("reading reserved IP %1 at DigitalOcean").arg(ip));
    if (!read)
        return read.error();
    if (!read->has_value())
        return std::optional<ReservedIp>();
    return std::optional<ReservedIp>(reservedIpFromJson(**read));
}

Result<QList<DigitalOceanProvider::ReservedIp>>
DigitalOceanProvider::reservedIpsOf(const QString &dropletId)
{
    QList<ReservedIp> out;
    Status listed =
        eachListed(QStringLiteral("/reserved_ips"), {}, QStringLiteral("reserved_ips"),
                   tr("listing the reserved IPs of droplet %1 at DigitalOcean").arg(dropletId),
                   [&](const QJsonObject &json) {
                       const ReservedIp r = reservedIpFromJson(json);
                       if (r.droplet == dropletId && isIpv4(r.ip))
                           out.append(r);
                   });
    if (!listed)
        return listed.error();
    return out;
}

// POST /reserved_ips with a droplet id reserves an address and starts
// assigning it; the answer names the assign action.
Result<QString> DigitalOceanProvider::reserveFor(const QString &dropletId)
{
    const QString what = tr("reserving an address for droplet %1 at DigitalOcean").arg(dropletId);
    Result<ApiReply> reply =
        m_api.call("POST", QStringLiteral("/reserved_ips"), what,
                   QJsonObject{{QStringLiteral("droplet_id"), dropletId.toLongLong()}});
    if (!reply)
        return reply.error();
    if (reply->status != 202 && reply->status != 201 && reply->status != 200)
        return m_api.failure(*reply, what);
    const QString ip = reply->body.value(QLatin1String("reserved_ip"))
                           .toObject()
                           .value(QLatin1String("ip"))
                           .toString();
    if (!isIpv4(ip))
        return Error(Error::Kind::Remote, tr("%1: the answer names no reserved IP").arg(what));
    const QJsonArray actions = reply->body.value(QLatin1String("links"))
                                   .toObject()
                                   .value(QLatin1String("actions"))
                                   .toArray();
    const qint64 action = actions.first().toObject().value(QLatin1String("id")).toInteger();
    if (action > 0) {
        if (Status s = waitForAction(ip, QString::number(action), what); !s)
            return s.error();
    }
    return ip;
}

Status DigitalOceanProvider::assign(const QString &ip, const QString &dropletId,
                                    const QString &what)
{
    return runAction(ip,
                     {{QStringLiteral("type"), QStringLiteral("assign")},
                      {QStringLiteral("droplet_id"), dropletId.toLongLong()}},
                     what);
}

Status DigitalOceanProvider::unassign(const QString &ip, const QString &what)
{
    return runAction(ip, {{QStringLiteral("type"), QStringLiteral("unassign")}}, what);
}

Status DigitalOceanProvider::runAction(const QString &ip, const QJsonObject &body,
                                       const QString &what)
{
    Result<ApiReply> reply = m_api.call(
        "POST", QStringLiteral("/reserved_ips/") + ip + QStringLiteral("/actions"), what, body);
    if (!reply)
        return reply.error();
    if (reply->status != 201 && reply->status != 200)
        return m_api.failure(*reply, what);
    const QJsonObject action = reply->body.value(QLatin1String("action")).toObject();
    return waitForAction(ip, QString::number(action.value(QLatin1String("id")).toInteger()), what);
}

// Polls GET /reserved_ips/{ip}/actions/{id} until completed or errored,
// within the polling deadline.
Status DigitalOceanProvider::waitForAction(const QString &ip, const QString &actionId,
                                           const QString &what)
{
    const QDeadlineTimer deadline(m_polling.actionTimeoutMs);
    for (;;) {
        Result<ApiReply> reply = m_api.call(
            "GET", QStringLiteral("/reserved_ips/%1/actions/%2").arg(ip, actionId), what);
        if (!reply)
            return reply.error();
        if (reply->status != 200)
            return m_api.failure(*reply, what);
        const QString status = reply->body.value(QLatin1String("action"))
                                   .toObject()
                                   .value(QLatin1String("status"))
                                   .toString();
        if (status == QLatin1String("completed"))
            return {};
        if (status == QLatin1String("errored"))
            return Error(Error::Kind::Remote, tr("%1: the action failed").arg(what));
        if (deadline.remainingTime() < m_polling.intervalMs)
            return Error(Error::Kind::Timeout, tr("%1: the action was not finished after %2 s")
                                                   .arg(what)
                                                   .arg(m_polling.actionTimeoutMs / 1000));
        QThread::msleep(ulong(m_polling.intervalMs));
    }
}

} // namespace kokoa
