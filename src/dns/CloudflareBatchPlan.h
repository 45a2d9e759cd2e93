#pragma once

#include "core/Result.h"
#include "dns/DnsRecord.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>

namespace kokoa {

// The bodies of the Cloudflare batch requests (POST
// /zones/{id}/dns_records/batch) that apply change sets of one zone.
// Cloudflare runs a batch's deletes, patches, puts and posts in that order
// in one transaction, but propagates each record on its own: a hostname
// that gains and loses records in the same change gets its additions in a
// first batch and its removals in a second, so no resolver ever sees it
// empty. Otherwise everything goes into one batch. A batch holds at most
// `limit` records; beyond, the same order is kept over several.
class CloudflareBatchPlan final
{
    Q_DECLARE_TR_FUNCTIONS(CloudflareBatchPlan)

public:
    // comment: the ownership comment of new and claimed records. Fails on a
    // record without a valid Cloudflare id.
    static Result<QList<QJsonObject>> bodies(const QList<DnsChangeSet> &changes,
                                             const QString &comment, int limit);

private:
    struct Op
    {
        const char *list; // "deletes", "patches" or "posts"
        QJsonObject item;
    };
    static Status addChange(const DnsChangeSet &change, const QString &comment, QList<Op> &early,
                            QList<Op> &late);
    static void pack(const QList<Op> &ops, int limit, QList<QJsonObject> &out);
};

} // namespace kokoa
