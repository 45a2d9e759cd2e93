#include "health/HealthTracker.h"

namespace kokoa {

QString toString(HealthTracker::State state)
{
    switch (state) {
    case HealthTracker::State::Unknown: return QStringLiteral("unknown");
    case HealthTracker::State::Up: return QStringLiteral("up");
    case HealthTracker::State::Down: return QStringLiteral("down");
    }
    return {};
}

HealthTracker::HealthTracker(int fall, int rise, qint64 holdDownMs)
    : m_fall(std::max(1, fall))
    , m_rise(std::max(1, rise))
    , m_holdDownMs(std::max<qint64>(0, holdDownMs))
{
}

std::optional<HealthTracker::Transition> HealthTracker::record(const QString &key, bool ok,
                                                               qint64 nowMs, const QString &detail)
{
    Target &t = m_targets[key];
    t.lastDetail = detail;
    if (ok) {
        ++t.goodInRow;
        t.badInRow = 0;
        t.lastGoodMs = nowMs;
    } else {
        ++t.badInRow;
        t.goodInRow = 0;
    }
    const State before = t.state;
    State after = before;
    if (ok) {
        // A target seen for the first time is trusted at once: Kokoa starts
        // from what DNS already has. After a fall it needs `rise` good probes
        // and the end of its hold-down.
        const bool enough = before == State::Unknown || t.goodInRow >= m_rise;
        if (before != State::Up && enough && nowMs >= t.downUntilMs)
            after = State::Up;
    } else if (before != State::Down && t.badInRow >= m_fall) {
        after = State::Down;
    }
    if (after == before)
        return std::nullopt;
    t.state = after;
    t.lastChangeMs = nowMs;
    if (after == State::Down)
        t.downUntilMs = nowMs + m_holdDownMs;
    return Transition{key, before, after};
}

HealthTracker::State HealthTracker::state(const QString &key) const
{
    const auto it = m_targets.constFind(key);
    return it == m_targets.constEnd() ? State::Unknown : it->state;
}

const HealthTracker::Target *HealthTracker::target(const QString &key) const
{
    const auto it = m_targets.constFind(key);
    return it == m_targets.constEnd() ? nullptr : &*it;
}

} // namespace kokoa
