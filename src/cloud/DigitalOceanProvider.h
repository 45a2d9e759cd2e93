#pragma once

#include "cloud/CloudApiClient.h"
#include "cloud/CloudProvider.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace kokoa {

// DigitalOcean through its public API (https://api.digitalocean.com/v2):
// POST /droplets with the ownership tag kokoa-owner:<id> and user_data,
// GET /droplets/{id}, DELETE /droplets/{id} (204), GET
// /droplets?tag_name= following links.pages.next. Droplet names are not
// unique, so a create is never retried blindly (CreateWithoutTwins). Rate
// limits (5,000 requests an hour, 250 a minute) and 5xx are retried by
// BlockingHttp, 429 honouring Retry-After.
class DigitalOceanProvider final : public CloudProvider
{
    Q_DECLARE_TR_FUNCTIONS(DigitalOceanProvider)
    Q_DISABLE_COPY_MOVE(DigitalOceanProvider)

public:
    static constexpr auto defaultApiBase = "https://api.digitalocean.com/v2";

    DigitalOceanProvider(QString apiBase, const QByteArray &token, QString ownerId,
                         RetryPolicy policy = {});

    static QString ownerTag(const QString &ownerId);

    QString kind() const override { return QStringLiteral("digitalocean"); }
    Status checkCredentials() override;
    Result<CloudServer> create(const ServerSpec &spec) override;
    Result<std::optional<CloudServer>> server(const QString &id) override;
    Status destroy(const QString &id) override;
    Result<QList<CloudServer>> owned() override;

private:
    CloudServer fromJson(const QJsonObject &droplet) const;

    QString m_ownerId;
    CloudApiClient m_api;
};

} // namespace kokoa
