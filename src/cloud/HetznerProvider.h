#pragma once

#include "cloud/CloudApiClient.h"
#include "cloud/CloudProvider.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace kokoa {

// Hetzner Cloud through its public API (https://api.hetzner.cloud/v1):
// POST /servers with the ownership label, GET /servers/{id}, DELETE
// /servers/{id} and its action (GET /actions/{id}), GET /servers with a
// label_selector and page-number pagination (meta.pagination.next_page).
// Rate limits (3,600 requests an hour per project) and 5xx are retried by
// BlockingHttp as the DNS providers are: 429 honours Retry-After, everything
// within a bounded time. A kept address is the server's primary IPv4
// (public_net.ipv4.id): auto_delete off while it waits for the replacement
// (PUT /primary_ips/{id}), the replacement created with public_net.ipv4
// naming it, auto_delete on again once it holds it.
class HetznerProvider final : public CloudProvider
{
    Q_DECLARE_TR_FUNCTIONS(HetznerProvider)
    Q_DISABLE_COPY_MOVE(HetznerProvider)

public:
    static constexpr auto defaultApiBase = "https://api.hetzner.cloud/v1";
    static constexpr auto ownerLabel = "kokoa-owner";

    HetznerProvider(QString apiBase, const QByteArray &token, QString ownerId,
                    RetryPolicy policy = {}, ActionPolling polling = {});

    QString kind() const override { return QStringLiteral("hetzner"); }
    Status checkCredentials() override;
    Result<CloudServer> create(const ServerSpec &spec) override;
    Result<std::optional<CloudServer>> server(const QString &id) override;
    Status destroy(const QString &id) override;
    Result<QList<CloudServer>> owned() override;
    bool canKeepAddress() const override { return true; }
    Result<QString> keepAddress(const QString &serverId, const QString &address) override;
    Status releaseKeptAddress(const QString &handle) override;

private:
    Status setAutoDelete(const QString &primaryIpId, bool autoDelete, const QString &what);
    CloudServer fromJson(const QJsonObject &server) const;
    Result<std::optional<CloudServer>> findByName(const QString &name);
    Status waitForAction(const QJsonObject &action, const QString &what);

    QString m_ownerId;
    ActionPolling m_polling;
    CloudApiClient m_api;
};

} // namespace kokoa
