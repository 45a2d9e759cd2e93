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

private:
    Database &m_db;
};

} // namespace kokoa
