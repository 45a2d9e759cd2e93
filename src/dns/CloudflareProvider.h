#pragma once

#include "dns/BlockingHttp.h"
#include "dns/DnsBackend.h"

#include <QJsonObject>

namespace kokoa {

// Cloudflare API v4, DNS only. Records Kokoa creates carry the comment
// "managed-by: kokoa"; only records with exactly that comment are owned.
// Records are always created with proxied=false and owned records found
// proxied are switched back (PATCH). Error messages name the zone, the
// hostname and Cloudflare's error codes, never the token.
class CloudflareProvider final : public DnsBackend
{
    Q_DECLARE_TR_FUNCTIONS(CloudflareProvider)
    Q_DISABLE_COPY_MOVE(CloudflareProvider)

public:
    static constexpr const char *ownershipComment = "managed-by: kokoa";

    // apiBase: e.g. https://api.cloudflare.com/client/v4 (no trailing slash
    // needed); zoneId may be empty: looked up by name once, then cached.
    CloudflareProvider(QString zone, QString apiBase, QByteArray token, QString zoneId = {},
                       RetryPolicy policy = {});

    QString zone() const override { return m_zone; }
    QString zoneId() const { return m_zoneId; }
    Status verify() override;
    Result<DnsHostRecords> records(const QString &hostname) override;
    Status apply(const DnsChangeSet &change) override;

    // Cloudflare's identifier format (32 lowercase hex digits): the only
    // ids Kokoa puts into a URL.
    static bool isCloudflareId(const QString &id);

private:
    Result<QString> ensureZoneId();
    Status createRecord(const DnsRecord &record);
    Status removeRecord(const DnsRecord &record);
    Status unproxyRecord(const DnsRecord &record);
    Status checkRecordId(const DnsRecord &record) const;
    // Sorts one listed record into owned/foreign; fails on a malformed id.
    Status addListed(const QJsonObject &o, const QString &hostname, DnsHostRecords &out) const;
    Error malformed(const QString &what, const QString &why) const;
    // Sends and unwraps the envelope; Error names `what` and Cloudflare's errors.
    Result<QJsonObject> call(const QByteArray &verb, const QString &path, const QString &query,
                             const QString &what, const QByteArray &body = {});
    QUrl url(const QString &path, const QString &query) const;
    Status checkHostname(const QString &hostname) const;

    QString m_zone;
    QString m_apiBase;
    QString m_zoneId;
    BlockingHttp m_http;
};

} // namespace kokoa
