#pragma once

#include "core/Result.h"
#include "dns/DnsRecord.h"

#include <QHash>

namespace kokoa {

// One zone at one DNS provider. Calls block (network round trips) and run on
// a worker thread, never the GUI thread; an instance is used from one thread.
//
// Ownership is per record and per installation (DESIGN.md "Ownership"):
// records() sorts what is at a hostname into the records this installation
// created (marked with its owner id, see DnsOwnerId) and foreign ones, which
// include records made by hand and by other installations; apply() only ever
// adds records and changes or removes records that records() returned as
// owned. Records carrying the marker of releases before owner ids are owned
// (legacyOwner) only while no other installation marks records at that name;
// apply() then rewrites their marker (DnsChangeSet::toClaim).
class DnsBackend
{
public:
    virtual ~DnsBackend() = default;

    virtual QString zone() const = 0;
    // Checks the credentials and that the zone is reachable (and, for
    // RFC 2136, that the key may update it), then lists the zone's records:
    // what a "Test" button shows. Bad credentials fail with Refused and a
    // message saying which credential to fix.
    virtual Result<DnsZoneListing> verify() = 0;
    // A and AAAA records at one hostname inside the zone.
    virtual Result<DnsHostRecords> records(const QString &hostname) = 0;
    // Applies one hostname's change set, as planned from the last records()
    // of that hostname: additions first, then unproxying and claiming, then
    // removals; RFC 2136 sends it as one atomic UPDATE. On error nothing
    // after the failed step is attempted.
    virtual Status apply(const DnsChangeSet &change) = 0;

    // The records at several hostnames of the zone, to plan one change of
    // them together. A provider that keeps the zone's last known state
    // (Cloudflare) answers from it, reading the zone first when it has none
    // or `refresh` is set; the others read each hostname now.
    virtual Result<QHash<QString, DnsHostRecords>> recordsOf(const QStringList &hostnames,
                                                             bool refresh)
    {
        Q_UNUSED(refresh)
        QHash<QString, DnsHostRecords> out;
        for (const QString &hostname : hostnames) {
            Result<DnsHostRecords> r = records(hostname);
            if (!r)
                return r.error();
            out.insert(hostname, *r);
        }
        return out;
    }
    // Applies the change sets of several hostnames, planned from the last
    // recordsOf() or records() of them, as one change of the zone where the
    // provider can (a Cloudflare batch, one RFC 2136 UPDATE): then either
    // all of it is applied or none. By default one hostname after another,
    // stopping at the first error.
    virtual Status applyAll(const QList<DnsChangeSet> &changes)
    {
        for (const DnsChangeSet &change : changes) {
            if (Status s = apply(change); !s)
                return s;
        }
        return {};
    }
};

} // namespace kokoa
