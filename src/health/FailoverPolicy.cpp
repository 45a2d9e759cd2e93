#include "health/FailoverPolicy.h"

#include <QStringList>

namespace kokoa {
namespace {

using State = HealthTracker::State;

QString joined(const QSet<QString> &names)
{
    QStringList list(names.begin(), names.end());
    list.sort();
    return list.isEmpty() ? QStringLiteral("none") : list.join(QStringLiteral(", "));
}

enum class Verdict
{
    Serving,
    Failing,
    Unknown
};

} // namespace

FailoverPlan FailoverPolicy::decide(const Topology &topology, const HealthSnapshot &health,
                                    const QHash<QString, QSet<QString>> &current)
{
    FailoverPlan plan;
    const qsizetype edgeCount = topology.edges.size();
    qsizetype edgesDown = 0;
    for (const Edge &e : topology.edges) {
        if (health.edges.value(e.name) == State::Down)
            ++edgesDown;
    }
    // Every edge down at once: far more likely our own link than N VPSs.
    if (edgeCount > 0 && edgesDown == edgeCount) {
        plan.alerts.append(tr("every edge looks down from here; this machine's network is the "
                              "likely cause, so DNS is left unchanged"));
        for (const Route &r : topology.routes) {
            const QSet<QString> now = current.value(r.hostname);
            plan.decisions.append({r.hostname, now, now, tr("all edges down from here")});
        }
        return plan;
    }

    // An edge leaves only on its own evidence: a target that is down but
    // whose latest probe succeeded (rise count, hold-down) is on its way
    // back, not failing, whatever the other edges do. It keeps a place it
    // has and gets none it lacks.
    auto edgeVerdict = [&](const QString &edge, const QString &hostname) {
        const State reach = health.edges.value(edge);
        const HealthSnapshot::RouteHealth route = health.route(edge, hostname);
        const bool edgeFails = reach == State::Down && !health.edgesRecovering.contains(edge);
        const bool routeFails = route.state == State::Down && !route.recovering;
        if (edgeFails || routeFails)
            return Verdict::Failing;
        if (reach == State::Up && route.state == State::Up)
            return Verdict::Serving;
        return Verdict::Unknown;
    };

    QSet<QString> needConfirmation;
    for (const Route &route : topology.routes) {
        const QString &host = route.hostname;
        const QSet<QString> now = current.value(host);
        QSet<QString> serving;
        QSet<QString> failing;
        QSet<QString> unknown;
        bool allOriginErrors = true;
        for (const Edge &e : topology.edges) {
            switch (edgeVerdict(e.name, host)) {
            case Verdict::Serving:
                serving.insert(e.name);
                break;
            case Verdict::Failing:
                failing.insert(e.name);
                break;
            case Verdict::Unknown:
                unknown.insert(e.name);
                break;
            }
            if (!health.route(e.name, host).originError)
                allOriginErrors = false;
        }

        // Unknown edges keep whatever place they have; failing ones leave,
        // unless only this machine sees them fail and no other vantage has
        // confirmed it yet.
        QSet<QString> desired = serving;
        QStringList notes;
        for (const QString &edge : std::as_const(unknown)) {
            if (now.contains(edge))
                desired.insert(edge);
        }
        for (const QString &edge : std::as_const(failing)) {
            if (!now.contains(edge))
                continue;
            if (health.settling) {
                desired.insert(edge);
                notes.append(tr("%1 looks down, but not every edge has been probed again since "
                                "all looked down")
                                 .arg(edge));
                continue;
            }
            const HealthSnapshot::RouteHealth failed = health.route(edge, host);
            if (failed.originError && failed.state == State::Down) {
                // 502/504 here: this edge's tunnel, or the origin itself. Only
                // an edge that served the hostname after this one began to fail
                // proves the origin is fine; until then the edge keeps its place.
                bool originProvenUp = false;
                for (const QString &other : std::as_const(serving)) {
                    if (health.route(other, host).lastGoodMs > failed.sinceMs)
                        originProvenUp = true;
                }
                if (!originProvenUp) {
                    desired.insert(edge);
                    notes.append(tr("%1 answers 502/504; waiting to see whether the origin is down")
                                     .arg(edge));
                    continue;
                }
            }
            const bool unreachableFromHere = health.edges.value(edge) == State::Down;
            if (unreachableFromHere && health.refuted.contains(edge)) {
                desired.insert(edge);
                notes.append(
                    tr("%1 is unreachable from here only; another edge reaches it").arg(edge));
            } else if (unreachableFromHere && health.noVantage.contains(edge)) {
                // DESIGN: confirm from another vantage when one is available;
                // with none, the evidence from here is all there is.
                notes.append(
                    tr("%1 looks down from here and no other edge can confirm it").arg(edge));
            } else if (unreachableFromHere && !health.confirmedDown.contains(edge) &&
                       !serving.isEmpty()) {
                desired.insert(edge);
                needConfirmation.insert(edge);
                notes.append(tr("%1 looks down from here; confirming from another edge").arg(edge));
            }
        }

        HostnameDecision d{host, now, desired, QString()};
        if (edgeCount > 0 && allOriginErrors) {
            d.desired = now;
            d.reason = tr("every edge answers 502/504: the origin or its tunnels are down, "
                          "which DNS cannot fix");
            plan.alerts.append(tr("%1: %2").arg(host, d.reason));
        } else if (d.desired.isEmpty()) {
            d.desired = now;
            d.reason = tr("no edge serves it; its last records stay (never empty a hostname)");
            if (!now.isEmpty() || !failing.isEmpty())
                plan.alerts.append(tr("%1: %2").arg(host, d.reason));
        } else if (d.changes()) {
            const QSet<QString> removed = now - d.desired;
            const QSet<QString> added = d.desired - now;
            QStringList parts;
            if (!removed.isEmpty())
                parts.append(tr("remove %1 (not serving)").arg(joined(removed)));
            if (!added.isEmpty())
                parts.append(tr("add %1 (serving)").arg(joined(added)));
            d.reason = parts.join(QStringLiteral("; "));
        } else {
            d.reason = tr("unchanged"); // evaluated every cycle: keep it cheap
        }
        if (!notes.isEmpty())
            d.reason += QStringLiteral(" (") + notes.join(QStringLiteral("; ")) + QLatin1Char(')');
        plan.decisions.append(d);
    }
    plan.confirmationNeeded = QStringList(needConfirmation.begin(), needConfirmation.end());
    plan.confirmationNeeded.sort();
    return plan;
}

} // namespace kokoa
