#pragma once

#include "dns/AcmeTxtWriter.h"
#include "dns/BlockingHttp.h"
#include "dns/CloudflareBudget.h"
#include "dns/CloudflareZoneState.h"
#include "dns/DnsBackend.h"
#include "dns/DnsOwnerId.h"

#include <QJsonObject>

#include <utility>

namespace kokoa {

// Cloudflare API v4, DNS only. Records Kokoa creates carry the comment
// "managed-by: kokoa; owner=<owner id>"; only records with exactly this
// installation's comment are owned. Records with the comment of releases
// before owner ids ("managed-by: kokoa") are owned too while no other
// installation has records at that name, and get this installation's
// comment at the next change (DnsChangeSet::toClaim).
// Records are always created with proxied=false and owned records found
// proxied are switched back (PATCH). Error messages name the zone, the
// hostname and Cloudflare's error codes, never the token.
//
// The monitor's path (recordsOf(), applyAll()) keeps the zone's last known
// records (CloudflareZoneState): one listing of the zone, then one batch
// request per change of any number of hostnames (CloudflareBatchPlan), and
// the state follows the batches' answers. Any error forgets the state, and
// the next recordsOf() lists the zone again.
class CloudflareProvider final : public DnsBackend, public AcmeTxtWriter
{
    Q_DECLARE_TR_FUNCTIONS(CloudflareProvider)
    Q_DISABLE_COPY_MOVE(CloudflareProvider)

public:
    static constexpr const char *legacyComment = "managed-by: kokoa";
    static QString ownershipComment(const QString &ownerId);

    // apiBase: e.g. https://api.cloudflare.com/client/v4 (no trailing slash
    // needed); owner: DnsOwnerId; zoneId may be empty: looked up by name
    // once, then cached.
    CloudflareProvider(QString zone, QString apiBase, QByteArray token, DnsOwner owner,
                       QString zoneId = {}, RetryPolicy policy = {});

    QString zone() const override { return m_zone; }
    QString zoneId() const { return m_zoneId; }
    Result<DnsZoneListing> verify() override;
    Result<DnsHostRecords> records(const QString &hostname) override;
    Status apply(const DnsChangeSet &change) override;
    Result<QHash<QString, DnsHostRecords>> recordsOf(const QStringList &hostnames,
                                                     bool refresh) override;
    Status applyAll(const QList<DnsChangeSet> &changes) override;

    // Records per batch request: Cloudflare allows 200 on the Free plan and
    // 3,500 on paid plans; larger changes are split.
    static constexpr int kFreePlanBatchLimit = 200;
    void setBatchLimit(int records) { m_batchLimit = records; }
    // The request budget this provider counts against (the process's by
    // default; tests give their own).
    void setBudget(CloudflareBudget &budget) { m_budget = &budget; }

    // ACME DNS-01 (CloudflareAcmeTxt.cpp): TXT records with this
    // installation's comment; the authoritative servers are the zone's
    // name_servers as Cloudflare lists them.
    QString acmeZone() const override { return m_zone; }
    Status addAcmeTxt(const QString &name, const QByteArray &value) override;
    Status removeAcmeTxt(const QString &name, const QByteArray &value) override;
    Result<QList<DnsServerAddress>> authoritativeServers() override;

    // Cloudflare's identifier format (32 lowercase hex digits): the only
    // ids Kokoa puts into a URL.
    static bool isCloudflareId(const QString &id);

private:
    Result<QString> ensureZoneId();
    Result<DnsZoneListing> listZone(const QString &zoneId);
    // Lists every record of the zone into m_state.
    Status loadState(const QString &zoneId);
    Result<DnsHostRecords> fromState(const QString &hostname) const;
    Status sendBatch(const QJsonObject &body, const QString &what);
    Status createRecord(const DnsRecord &record);
    Status removeRecord(const DnsRecord &record);
    Status unproxyRecord(const DnsRecord &record);
    Status claimRecord(const DnsRecord &record);
    Status patchRecord(const DnsRecord &record, const QJsonObject &body, const QString &what);
    Status checkRecordId(const DnsRecord &record) const;
    struct Listing
    {
        DnsHostRecords records;
        QList<DnsRecord> legacy;        // legacy comment
        bool otherInstallation = false; // another owner id's comment seen
    };
    // Sorts one listed record; fails on a malformed id.
    Status addListed(const QJsonObject &o, const QString &hostname, Listing &out) const;
    // Settles the legacy-marked records of a listed hostname.
    DnsHostRecords settled(Listing &listing) const;
    Status checkOwnerId() const;
    Error malformed(const QString &what, const QString &why) const;
    // Sends and unwraps the envelope; Error names `what` and Cloudflare's errors.
    Result<QJsonObject> call(const QByteArray &verb, const QString &path, const QString &query,
                             const QString &what, const QByteArray &body = {});
    QUrl url(const QString &path, const QString &query) const;
    Status checkHostname(const QString &hostname) const;
    Result<QStringList> acmeTxtIds(const QString &name, const QByteArray &value);

    // What the requests sent now are for (the budget's order of giving up).
    struct UseScope
    {
        UseScope(CloudflareBudget::Use &use, CloudflareBudget::Use now)
            : m_use(use)
            , m_before(std::exchange(use, now))
        {}
        ~UseScope() { m_use = m_before; }
        Q_DISABLE_COPY_MOVE(UseScope)
        CloudflareBudget::Use &m_use;
        CloudflareBudget::Use m_before;
    };

    QString m_zone;
    QString m_apiBase;
    DnsOwner m_owner;
    QString m_zoneId;
    BlockingHttp m_http;
    CloudflareZoneState m_state;
    int m_batchLimit = kFreePlanBatchLimit;
    CloudflareBudget *m_budget = &CloudflareBudget::shared();
    CloudflareBudget::Use m_use = CloudflareBudget::Use::Change;
};

} // namespace kokoa
