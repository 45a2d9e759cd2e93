#pragma once

#include "core/Result.h"
#include "dns/AcmeTxtWriter.h"

#include <QCoreApplication>
#include <QSet>

namespace kokoa {

// Asks DNS servers directly (UDP, recursion off) for the TXT records at a
// name, and waits, polling within a bounded time, until every one of them
// answers with every expected value: a CA asked too early sees an old
// answer from one of them and fails the authorization.
class TxtPropagation final
{
    Q_DECLARE_TR_FUNCTIONS(TxtPropagation)

public:
    struct Options
    {
        int timeoutMs = 120'000; // whole wait
        int intervalMs = 1'000;  // between rounds
        int queryTimeoutMs = 2'000;
    };

    // The TXT values one server answers at name (its answer section only).
    static Result<QSet<QByteArray>> query(const DnsServerAddress &server, const QString &name,
                                          int timeoutMs);
    static Status waitUntilAnswered(const QList<DnsServerAddress> &servers, const QString &name,
                                    const QSet<QByteArray> &values, const Options &options);
};

} // namespace kokoa
