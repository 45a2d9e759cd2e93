#pragma once

#include "cloud/CloudApiClient.h"
#include "cloud/CloudProvider.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QUrlQuery>

#include <functional>

namespace kokoa {

// DigitalOcean through its public API (https://api.digitalocean.com/v2):
// POST /droplets with the ownership tag kokoa-owner:<id> and user_data,
// GET /droplets/{id}, DELETE /droplets/{id} (204), GET
// /droplets?tag_name= following links.pages.next. Droplet names are not
// unique, so a create is never retried blindly (CreateWithoutTwins). Rate
// limits (5,000 requests an hour, 250 a minute) and 5xx are retried by
// BlockingHttp, 429 honouring Retry-After.
//
// A droplet's own IPv4 address goes with the droplet; only a reserved IP
// outlives one. With `reservedIp` (provider setting reserved_ip), each
// droplet gets a reserved IP once it runs (POST /reserved_ips with its id),
// and that is the edge's public address: `edge burn --keep-ip` then
// unassigns it before the droplet goes and assigns it to the replacement
// (POST /reserved_ips/{ip}/actions, polled until completed). Reserved IPs
// are free while assigned and billed while not, so a droplet's reserved IPs
// are deleted with it, and one kept is held unassigned only for the burn.
class DigitalOceanProvider final : public CloudProvider
{
    Q_DECLARE_TR_FUNCTIONS(DigitalOceanProvider)
    Q_DISABLE_COPY_MOVE(DigitalOceanProvider)

public:
    static constexpr auto defaultApiBase = "https://api.digitalocean.com/v2";

    DigitalOceanProvider(QString apiBase, const QByteArray &token, QString ownerId,
                         bool reservedIp = false, RetryPolicy policy = {},
                         ActionPolling polling = {});

    static QString ownerTag(const QString &ownerId);

    QString kind() const override { return QStringLiteral("digitalocean"); }
    Status checkCredentials() override;
    Result<CloudServer> create(const ServerSpec &spec) override;
    Result<std::optional<CloudServer>> server(const QString &id) override;
    Status destroy(const QString &id) override;
    Result<QList<CloudServer>> owned() override;

    bool canKeepAddress() const override { return true; }
    Status checkKeepable(const QString &serverId, const QString &address) override;
    Result<QString> keepAddress(const QString &serverId, const QString &address) override;
    Result<QString> attachAddress(const CloudServer &running, const QString &keptAddress) override;
    Status releaseKeptAddress(const QString &handle) override;

private:
    struct ReservedIp
    {
        QString ip;
        QString droplet; // the id of the droplet it is assigned to; "" when none
    };

    CloudServer fromJson(const QJsonObject &droplet) const;
    Status eachListed(const QString &path, QUrlQuery filter, const QString &key,
                      const QString &what, const std::function<void(const QJsonObject &)> &take);
    static ReservedIp reservedIpFromJson(const QJsonObject &reservedIp);
    Result<std::optional<ReservedIp>> reservedIp(const QString &ip);
    // The reserved IP `address` held by the droplet (or by none, once
    // unassigned for a burn): the one keepAddress may keep.
    Result<ReservedIp> keepableReservedIp(const QString &serverId, const QString &address);
    Result<QList<ReservedIp>> reservedIpsOf(const QString &dropletId);
    Result<QString> reserveFor(const QString &dropletId);
    Status assign(const QString &ip, const QString &dropletId, const QString &what);
    Status unassign(const QString &ip, const QString &what);
    Status runAction(const QString &ip, const QJsonObject &body, const QString &what);
    Status waitForAction(const QString &ip, const QString &actionId, const QString &what);

    bool m_reservedIp = false;
    ActionPolling m_polling;
    QString m_ownerId;
    CloudApiClient m_api;
};

} // namespace kokoa
