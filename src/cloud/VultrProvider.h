#pragma once

#include "cloud/CloudApiClient.h"
#include "cloud/CloudProvider.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QUrlQuery>

#include <functional>

namespace kokoa {

// Vultr through its public API (https://api.vultr.com/v2): POST /instances
// with the ownership tag kokoa-owner:<id>, the user_data base64-encoded, an
// os_id (a number) or image_id; GET /instances/{id} (active and running
// means booted); DELETE /instances/{id} (204); GET /instances?tag= with
// cursor pagination (meta.links.next). Labels are not unique, so a create is
// never retried blindly (CreateWithoutTwins). The rate limit (30 requests a
// second) and 5xx are retried by BlockingHttp. A kept address is a reserved
// IP: the instance's main IP converted (POST /reserved-ips/convert) under
// the label kokoa-kept:<id> while it waits, the replacement created with
// reserved_ipv4, then labelled kokoa-owner:<id>, which makes it go with its
// instance: destroy() detaches and deletes those before the instance.
class VultrProvider final : public CloudProvider
{
    Q_DECLARE_TR_FUNCTIONS(VultrProvider)
    Q_DISABLE_COPY_MOVE(VultrProvider)

public:
    static constexpr auto defaultApiBase = "https://api.vultr.com/v2";

    VultrProvider(QString apiBase, const QByteArray &token, QString ownerId,
                  RetryPolicy policy = {});

    static QString ownerTag(const QString &ownerId);

    QString kind() const override { return QStringLiteral("vultr"); }
    Status checkCredentials() override;
    Result<CloudServer> create(const ServerSpec &spec) override;
    Result<std::optional<CloudServer>> server(const QString &id) override;
    Status destroy(const QString &id) override;
    Result<QList<CloudServer>> owned() override;
    bool canKeepAddress() const override { return true; }
    Result<QString> keepAddress(const QString &serverId, const QString &address) override;
    Status releaseKeptAddress(const QString &handle) override;

private:
    struct ReservedIp
    {
        QString id;
        QString ip;
        QString label;
        QString instance;
    };
    CloudServer fromJson(const QJsonObject &instance) const;
    QString keptLabel() const;
    Result<QList<ReservedIp>> reservedIps();
    Status eachListed(const QString &path, const QUrlQuery &filter, const QString &key,
                      const QString &what, const std::function<void(const QJsonObject &)> &take);
    Status relabel(const QString &reservedIp, const QString &label, const QString &what);

    QString m_ownerId;
    CloudApiClient m_api;
};

} // namespace kokoa
