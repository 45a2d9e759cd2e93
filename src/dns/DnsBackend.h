#pragma once

#include "core/Result.h"
#include "dns/DnsRecord.h"

namespace kokoa {

// One zone at one DNS provider. Calls block (network round trips) and run on
// a worker thread, never the GUI thread; an instance is used from one thread.
//
// Ownership: records() sorts what is at a hostname into Kokoa's own records
// and foreign ones; apply() only ever adds records and removes records that
// records() returned as owned. A provider refuses (Error::Kind::Conflict) a
// hostname it cannot safely own, e.g. an RFC 2136 name with address records
// but no ownership TXT.
class DnsBackend
{
public:
    virtual ~DnsBackend() = default;

    virtual QString zone() const = 0;
    // Checks credentials and that the zone is reachable and writable.
    virtual Status verify() = 0;
    // A and AAAA records at one hostname inside the zone.
    virtual Result<DnsHostRecords> records(const QString &hostname) = 0;
    // Applies one hostname's change set: additions first, then unproxying,
    // then removals; RFC 2136 sends it as one atomic UPDATE. On error nothing
    // after the failed step is attempted.
    virtual Status apply(const DnsChangeSet &change) = 0;
};

} // namespace kokoa
