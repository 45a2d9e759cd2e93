#pragma once

#include "core/Model.h"
#include "health/HealthTracker.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

namespace kokoa {

// What the monitor knows, at one moment, about every edge and every
// (edge, hostname) pair.
struct HealthSnapshot
{
    struct RouteHealth
    {
        HealthTracker::State state = HealthTracker::State::Unknown;
        bool originError = false; // the edge answered 502/503/504: origin or tunnel
        qint64 sinceMs = 0;       // when the state last changed
        qint64 lastGoodMs = 0;    // when a probe last succeeded
        bool recovering = false;  // down, but its latest probe succeeded
    };

    QHash<QString, HealthTracker::State> edges; // reachability from the control plane
    QHash<QString, RouteHealth> routes;         // key: routeKey(edge, hostname)
    QSet<QString> confirmedDown;                // another vantage sees these edges down too
    QSet<QString> refuted;                      // another vantage reaches these edges fine
    QSet<QString> noVantage;                    // no other edge can be asked about these
    QSet<QString> edgesRecovering;              // down, but their latest probes succeeded
    // Every edge looked down a moment ago and not every target has been
    // probed again since: what is still "down" may be stale, so nothing is
    // removed until the picture is complete.
    bool settling = false;

    static QString routeKey(const QString &edge, const QString &hostname)
    {
        return edge + QLatin1Char('|') + hostname;
    }
    RouteHealth route(const QString &edge, const QString &hostname) const
    {
        return routes.value(routeKey(edge, hostname));
    }
};

// The decision for one hostname: which edges its DNS answer should hold.
struct HostnameDecision
{
    QString hostname;
    QSet<QString> current; // edges in DNS now
    QSet<QString> desired; // edges that should be
    QString reason;        // why, for the event log
    bool changes() const { return current != desired; }
};

struct FailoverPlan
{
    QList<HostnameDecision> decisions;
    QStringList alerts;             // for the tray, the log and the user
    QStringList confirmationNeeded; // edges to probe from another vantage first
};

// Pure failover rules (DESIGN.md): a hostname's answer is the set of edges
// that serve it end to end; an origin that fails behind every edge is not
// fixed by DNS; the last record of a hostname is never removed; everything
// down at once means our own network is the suspect; a failure seen only
// from here is confirmed from another vantage before records go.
class FailoverPolicy final
{
    Q_DECLARE_TR_FUNCTIONS(FailoverPolicy)

public:
    // current: hostname -> edges whose addresses are in its DNS answer now.
    static FailoverPlan decide(const Topology &topology, const HealthSnapshot &health,
                               const QHash<QString, QSet<QString>> &current);
};

} // namespace kokoa
