#pragma once

#include "health/HttpTarget.h"
#include "health/ProbeResult.h"

#include <QHostAddress>
#include <QObject>

namespace kokoa {

// What the monitor needs from a prober: register targets, probe one, hear
// the result. ProbeEngine is the real one; tests script the results.
class Prober : public QObject
{
    Q_OBJECT

public:
    using TargetId = int;

    explicit Prober(QObject *parent = nullptr)
        : QObject(parent)
    {}

    virtual TargetId addHttp(HttpTarget target) = 0;
    virtual TargetId addTcp(const QHostAddress &address, quint16 port) = 0;
    // finished(id, …) follows exactly once, after at most timeoutMs, never
    // from inside this call.
    virtual void probe(TargetId id, int timeoutMs) = 0;

    // Results normally come as they arrive, each waking the event loop. A
    // caller that wakes up every few milliseconds anyway (the monitor's
    // probe wheel) may collect them itself: after collectOnDemand(), what
    // has arrived is handed over by collect(), and a probe whose deadline
    // passes first is still finished in time. A prober with no I/O of its
    // own ignores both.
    virtual void collectOnDemand() {}
    virtual void collect() {}
    // From now on a probe with no sign of life from the far end `ms` after
    // it started (no connection yet, or what it sent not acknowledged) is
    // reported by silent(id), once, and goes on running. 0: never.
    virtual void reportSilenceAfter(int ms) { Q_UNUSED(ms) }

Q_SIGNALS:
    void finished(int targetId, const kokoa::ProbeResult &result);
    void silent(int targetId);
};

} // namespace kokoa
