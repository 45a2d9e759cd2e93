#pragma once

#include "store/Database.h"

namespace kokoa {

// Hands out tunnel addresses from the configured IPv4 range. Next-fit from
// the last address given, so a freed address comes back only after the whole
// range went round, and never while a config deployed on some host still
// refers to it (config_references). Every call runs inside the caller's
// transaction.
class TunnelAllocator final
{
    Q_DECLARE_TR_FUNCTIONS(TunnelAllocator)

public:
    explicit TunnelAllocator(Database &db)
        : m_db(db)
    {}

    Result<QString> allocate(const QString &range, const QString &ownerKind,
                             const QString &ownerName);
    // Records an address chosen elsewhere (import); fails if it is taken.
    Status claim(const QString &address, const QString &ownerKind, const QString &ownerName);
    Status release(const QString &address, qint64 nowMs);
    // Replaces the set of addresses a host's deployed config refers to.
    Status recordReferences(const QString &hostKind, const QString &hostName,
                            const QStringList &addresses);
    Status forgetHost(const QString &hostKind, const QString &hostName);
    // Drops released addresses that no deployed config refers to any more.
    Status collectUnreferenced();

    static bool inRange(const QString &address, const QString &range);
    // Why a host cannot have this tunnel address in this range, or empty: it
    // must be inside, and neither the network nor the broadcast address
    // (WireGuard would take them, but the kernel routes them as the subnet's
    // own).
    static QString addressProblem(const QString &address, const QString &range);

private:
    Database &m_db;
};

} // namespace kokoa
