#pragma once

#include "cloud/CloudProvider.h"

#include <QCoreApplication>

namespace kokoa {

// Waits for a created server to run, by polling the provider at a fixed
// interval until a deadline: a create that never becomes ready ends with
// Timeout, never with a wait of unbounded length.
class ServerReadiness final
{
    Q_DECLARE_TR_FUNCTIONS(ServerReadiness)

public:
    struct Policy
    {
        int timeoutMs = 300'000;
        int intervalMs = 2'000;
    };
    static Result<CloudServer> waitUntilRunning(CloudProvider &provider, const QString &id,
                                                Policy policy);
};

} // namespace kokoa
