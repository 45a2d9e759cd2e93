#include "dns/CloudflareBatchPlan.h"

#include "dns/CloudflareProvider.h"

#include <QJsonArray>

namespace kokoa {

Status CloudflareBatchPlan::addChange(const DnsChangeSet &change, const QString &comment,
                                      QList<Op> &early, QList<Op> &late)
{
    auto checkId = [&](const DnsRecord &r) -> Status {
        if (CloudflareProvider::isCloudflareId(r.providerId))
            return {};
        return Error(
            Error::Kind::Internal,
            tr("%1 has no valid record id (%2)").arg(r.toString(), quoteForMessage(r.providerId)));
    };
    for (const DnsRecord &r : change.toAdd) {
        early.append({"posts", QJsonObject{{QStringLiteral("type"), r.type},
                                           {QStringLiteral("name"), r.name},
                                           {QStringLiteral("content"), r.content},
                                           {QStringLiteral("ttl"), r.ttl},
                                           {QStringLiteral("proxied"), false},
                                           {QStringLiteral("comment"), comment}}});
    }
    // One patch per record, whatever it needs (proxy off, owner marker).
    QList<QJsonObject> patches;
    auto patchFor = [&](const DnsRecord &r) -> QJsonObject & {
        for (QJsonObject &p : patches) {
            if (p.value(QLatin1String("id")).toString() == r.providerId)
                return p;
        }
        patches.append(QJsonObject{{QStringLiteral("id"), r.providerId}});
        return patches.last();
    };
    for (const DnsRecord &r : change.toUnproxy) {
        if (Status s = checkId(r); !s)
            return s;
        patchFor(r).insert(QStringLiteral("proxied"), false);
    }
    for (const DnsRecord &r : change.toClaim) {
        if (Status s = checkId(r); !s)
            return s;
        patchFor(r).insert(QStringLiteral("comment"), comment);
    }
    for (const QJsonObject &p : std::as_const(patches))
        early.append({"patches", p});
    for (const DnsRecord &r : change.toRemove) {
        if (Status s = checkId(r); !s)
            return s;
        late.append({"deletes", QJsonObject{{QStringLiteral("id"), r.providerId}}});
    }
    return {};
}

void CloudflareBatchPlan::pack(const QList<Op> &ops, int limit, QList<QJsonObject> &out)
{
    for (qsizetype start = 0; start < ops.size(); start += limit) {
        QJsonObject body;
        for (qsizetype i = start; i < std::min(ops.size(), start + qsizetype(limit)); ++i) {
            const QLatin1String key(ops[i].list);
            QJsonArray list = body.value(key).toArray();
            list.append(ops[i].item);
            body.insert(key, list);
        }
        out.append(body);
    }
}

Result<QList<QJsonObject>> CloudflareBatchPlan::bodies(const QList<DnsChangeSet> &changes,
                                                       const QString &comment, int limit)
{
    if (limit < 1)
        return Error(Error::Kind::Internal, tr("batch limit %1 is below 1").arg(limit));
    QList<Op> early;
    QList<Op> late;
    bool addsAndRemoves = false;
    for (const DnsChangeSet &change : changes) {
        if (Status s = addChange(change, comment, early, late); !s)
            return s.error();
        addsAndRemoves = addsAndRemoves || (!change.toAdd.isEmpty() && !change.toRemove.isEmpty());
    }
    QList<QJsonObject> out;
    if (addsAndRemoves) {
        pack(early, limit, out);
        pack(late, limit, out);
    } else {
        pack(early + late, limit, out);
    }
    return out;
}

} // namespace kokoa
