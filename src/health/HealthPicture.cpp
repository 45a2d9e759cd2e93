#include "health/HealthPicture.h"

#include "health/HealthKey.h"
#include "health/ProbeResult.h"
#include "health/VantageChecker.h"

namespace kokoa {

namespace {

using State = HealthTracker::State;

} // namespace

HealthSnapshot HealthPicture::snapshot(bool settling) const
{
    HealthSnapshot s;
    for (const Edge &e : m_topology.edges) {
        // Reachable means every probed port answers.
        const HealthTracker::Target *plain = m_tracker.target(HealthKey::edge(e.name).toString());
        const HealthTracker::Target *tls = m_tracker.target(HealthKey::edgeTls(e.name).toString());
        const State plainState = plain ? plain->state : State::Unknown;
        State reach = plainState;
        if (tls && (tls->state == State::Down || plainState == State::Down))
            reach = State::Down;
        else if (tls && tls->state != plainState)
            reach = State::Unknown;
        s.edges.insert(e.name, reach);
        const bool plainBack = !plain || plain->state != State::Down || plain->recovering();
        const bool tlsBack = !tls || tls->state != State::Down || tls->recovering();
        if (reach == State::Down && plainBack && tlsBack)
            s.edgesRecovering.insert(e.name);
        if (m_vantage.confirmedDown(e.name))
            s.confirmedDown.insert(e.name);
        if (m_vantage.refuted(e.name))
            s.refuted.insert(e.name);
        if (!m_vantage.running(e.name) && vantagesFor(e.name).isEmpty())
            s.noVantage.insert(e.name);
        for (const Route &r : m_topology.routes) {
            const HealthTracker::Target *t =
                m_tracker.target(HealthKey::route(e.name, r.hostname).toString());
            HealthSnapshot::RouteHealth rh;
            if (t) {
                rh.state = t->state;
                rh.sinceMs = t->lastChangeMs;
                rh.lastGoodMs = t->lastGoodMs;
                rh.recovering = t->recovering();
                rh.originError =
                    t->state == State::Down &&
                    t->lastDetail.startsWith(toString(ProbeResult::Outcome::OriginError));
            }
            s.routes.insert(HealthSnapshot::routeKey(e.name, r.hostname), rh);
        }
    }
    s.settling = settling;
    return s;
}

QList<Edge> HealthPicture::vantagesFor(const QString &suspect) const
{
    QList<Edge> vantages;
    for (const Edge &e : m_topology.edges) {
        if (e.name != suspect && !e.sshHostKey.isEmpty() &&
            m_tracker.state(HealthKey::edge(e.name).toString()) == State::Up) {
            vantages.append(e);
        }
    }
    return vantages;
}

bool HealthPicture::allEdgesDown() const
{
    bool allDown = !m_topology.edges.isEmpty();
    for (const Edge &e : m_topology.edges)
        allDown = allDown && m_tracker.state(HealthKey::edge(e.name).toString()) == State::Down;
    return allDown;
}

} // namespace kokoa
