#pragma once

#include "core/Result.h"
#include "dns/DnsRecord.h"

#include <QCoreApplication>

namespace kokoa {

class DnsBackend;

// What one hostname should resolve to: the public addresses of the edges that
// serve it (A and AAAA mixed), and the TTL of new records.
struct DnsDesired
{
    QString hostname;
    QStringList addresses;
    int ttl = 60;
};

// Makes a hostname's owned A/AAAA records equal to the desired addresses.
// Rules: foreign records are never touched; additions go before removals; a
// hostname that has records is never emptied: an empty desired set keeps the
// existing records and returns a warning instead.
class DnsReconciler final
{
    Q_DECLARE_TR_FUNCTIONS(DnsReconciler)

public:
    enum class Mode
    {
        Apply,
        DryRun
    };

    // Owned records at one name that a plan may act on. Kokoa makes one per
    // edge address; far more means a broken or hostile provider, and acting
    // on them would mean thousands of requests: planning fails instead.
    static constexpr int maxOwnedRecords = 100;

    explicit DnsReconciler(DnsBackend &provider)
        : m_provider(provider)
    {}

    // Pure planning, no I/O. Fails on an address that is not an IP address or
    // a hostname outside the records' name.
    static Result<DnsChangeSet> plan(const DnsDesired &desired, const DnsHostRecords &current);

    // Reads the hostname's records, plans, and (Mode::Apply) applies the plan.
    // Returns the change set that was applied (or would be, for DryRun).
    Result<DnsChangeSet> reconcile(const DnsDesired &desired, Mode mode = Mode::Apply);

private:
    DnsBackend &m_provider;
};

} // namespace kokoa
