#pragma once

#include "core/Model.h"
#include "health/FailoverPolicy.h"

#include <QList>

namespace kokoa {

class VantageChecker;

// Turns the monitor's raw state (probe targets in the tracker, verdicts of
// the other vantages) into the HealthSnapshot FailoverPolicy decides from.
class HealthPicture final
{
public:
    HealthPicture(const Topology &topology, const HealthTracker &tracker,
                  const VantageChecker &vantage)
        : m_topology(topology)
        , m_tracker(tracker)
        , m_vantage(vantage)
    {}

    // settling: see HealthSnapshot::settling.
    HealthSnapshot snapshot(bool settling) const;
    // Edges that can be asked whether `suspect` answers: reachable from
    // here, with a pinned SSH host key.
    QList<Edge> vantagesFor(const QString &suspect) const;
    // Every edge is down from here (our own uplink, most likely).
    bool allEdgesDown() const;

private:
    const Topology &m_topology;
    const HealthTracker &m_tracker;
    const VantageChecker &m_vantage;
};

} // namespace kokoa
