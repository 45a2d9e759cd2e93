#include "health/HealthTracker.h"

namespace kokoa {

QString toString(HealthTracker::State state)
{
    switch (state) {
    case HealthTracker::State::Unknown:
        return QStringLiteral("unknown");
    case HealthTracker::State::Up:
        return QStringLiteral("up");
    case HealthTracker::State::Down:
        return QStringLiteral("down");
    }
    return {};
}

HealthTracker::State healthStateFromString(const QString &text)
{
    if (text == QLatin1String("up"))
        return HealthTracker::State::Up;
    if (text == QLatin1String("down"))
        return HealthTracker::State::Down;
    return HealthTracker::State::Unknown;
}

HealthTracker::HealthTracker(int fall, int rise, qint64 holdDownMs)
    : m_fall(std::max(1, fall))
    , m_rise(std::max(1, rise))
    , m_holdDownMs(std::max<qint64>(0, holdDownMs))
{}

void HealthTracker::setParameters(int fall, int rise, qint64 holdDownMs)
{
    m_fall = std::max(1, fall);
    m_rise = std::max(1, rise);
    m_holdDownMs = std::max<qint64>(0, holdDownMs);
}

qint64 HealthTracker::holdDownFor(const Target &t) const
{
    qint64 holdDown = m_holdDownMs;
    for (int i = 0; i < t.flaps && holdDown < m_holdDownMs * kMaxHoldDownFactor; ++i)
        holdDown *= 2;
    return std::min(holdDown, m_holdDownMs * kMaxHoldDownFactor);
}

std::optional<qint64> HealthTracker::takeSuppression(const QString &key, qint64 nowMs)
{
    const auto it = m_targets.find(key);
    if (it == m_targets.end() || it->state != State::Down || it->goodInRow < m_rise ||
        nowMs >= it->downUntilMs || it->suppressionReportedMs == it->downUntilMs) {
        return std::nullopt;
    }
    it->suppressionReportedMs = it->downUntilMs;
    return it->downUntilMs;
}

void HealthTracker::retain(const QSet<QString> &keys)
{
    for (auto it = m_targets.begin(); it != m_targets.end();) {
        if (keys.contains(it.key()))
            ++it;
        else
            it = m_targets.erase(it);
    }
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
    } else if (before == State::Down) {
        // Still failing while held down: the hold-down counts from now.
        t.downUntilMs = std::max(t.downUntilMs, nowMs + holdDownFor(t));
    }
    if (after == before)
        return std::nullopt;
    t.state = after;
    t.lastChangeMs = nowMs;
    if (after == State::Up && before == State::Down)
        t.lastUpMs = nowMs; // came back: falling again soon is a flap
    if (after == State::Down) {
        const bool flapped = before == State::Up && t.lastUpMs > 0 &&
                             nowMs - t.lastUpMs < m_holdDownMs * kFlapWindowFactor;
        t.flaps = flapped ? t.flaps + 1 : 0;
        t.downUntilMs = nowMs + holdDownFor(t);
    }
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
