#include "dns/DnsReconciler.h"

#include "dns/DnsBackend.h"
#include "dns/DnsLogging.h"

#include <QSet>

namespace kokoa {

Result<DnsChangeSet> DnsReconciler::plan(const DnsDesired &desired, const DnsHostRecords &current)
{
    DnsChangeSet change;
    change.hostname = desired.hostname;

    QList<DnsRecord> wanted;
    for (const QString &address : desired.addresses) {
        const QString content = canonicalAddress(address);
        if (content.isEmpty()) {
            return Error::invalid(tr("address for %1").arg(desired.hostname), address,
                                  tr("must be an IPv4 or IPv6 address"));
        }
        DnsRecord r;
        r.name = desired.hostname;
        r.type = dnsRecordTypeFor(content);
        r.content = content;
        r.ttl = desired.ttl;
        bool seen = false;
        for (const DnsRecord &w : std::as_const(wanted))
            seen = seen || w.sameData(r);
        if (!seen)
            wanted.append(r);
    }

    if (current.owned.size() > maxOwnedRecords) {
        return Error(Error::Kind::Conflict,
                     tr("%1 has %2 records marked as Kokoa's, more than the %3 Kokoa will act on: "
                        "check the zone by hand")
                         .arg(desired.hostname)
                         .arg(current.owned.size())
                         .arg(maxOwnedRecords));
    }
    for (const DnsRecord &r : current.owned) {
        if (r.name != desired.hostname) {
            return Error(
                Error::Kind::Internal,
                tr("DNS records for %1 include a record for %2").arg(desired.hostname, r.name));
        }
    }

    // Owned records that stay (first copy of each wanted address) and extras.
    QList<DnsRecord> keep;
    QList<DnsRecord> extra;
    for (const DnsRecord &r : current.owned) {
        bool isWanted = false;
        for (const DnsRecord &w : std::as_const(wanted))
            isWanted = isWanted || w.sameData(r);
        bool duplicate = false;
        for (const DnsRecord &k : std::as_const(keep))
            duplicate = duplicate || k.sameData(r);
        if (isWanted && !duplicate)
            keep.append(r);
        else
            extra.append(r);
    }
    for (const DnsRecord &w : std::as_const(wanted)) {
        bool present = false;
        for (const DnsRecord &k : std::as_const(keep))
            present = present || k.sameData(w);
        bool foreign = false;
        for (const DnsRecord &f : current.foreign)
            foreign = foreign || f.sameData(w);
        if (foreign && !present) {
            // Providers refuse identical records; the address is served, but
            // by a record Kokoa will not remove when this edge fails.
            change.warnings.append(tr("%1 %2 already exists as a record Kokoa did not create: it "
                                      "is served, but Kokoa cannot withdraw it on failover")
                                       .arg(desired.hostname, w.content));
        } else if (!present) {
            change.toAdd.append(w);
        }
    }

    if (wanted.isEmpty()) {
        // Fail open: never empty a hostname. Everything stays as it is.
        if (!current.owned.isEmpty()) {
            change.warnings.append(
                tr("no healthy address for %1: keeping its %n existing record(s) rather than "
                   "removing the last one",
                   nullptr, int(current.owned.size()))
                    .arg(desired.hostname));
        }
        keep = current.owned;
        extra.clear();
    }
    change.toRemove = extra;
    for (const DnsRecord &k : std::as_const(keep)) {
        if (k.proxied)
            change.toUnproxy.append(k);
        if (k.legacyOwner)
            change.toClaim.append(k);
    }
    if (!current.foreign.isEmpty()) {
        QStringList shown;
        for (const DnsRecord &f : current.foreign)
            shown.append(f.type + QLatin1Char(' ') + f.content);
        change.warnings.append(tr("%1 also has records Kokoa did not create (left untouched): %2")
                                   .arg(desired.hostname, shown.join(QStringLiteral(", "))));
    }
    return change;
}

Result<DnsChangeSet> DnsReconciler::reconcile(const DnsDesired &desired, Mode mode)
{
    const Result<DnsHostRecords> current = m_provider.records(desired.hostname);
    if (!current)
        return current.error();
    Result<DnsChangeSet> planned = plan(desired, *current);
    if (!planned)
        return planned;
    if (mode == Mode::DryRun || planned->isEmpty())
        return planned;
    for (const QString &line : planned->describe())
        qCInfo(lcDns).noquote() << "zone" << m_provider.zone() << line;
    if (Status s = m_provider.apply(*planned); !s)
        return s.error();
    return planned;
}

} // namespace kokoa
