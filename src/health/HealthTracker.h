#pragma once

#include <QHash>
#include <QSet>
#include <QString>

#include <optional>

namespace kokoa {

// Up/down with hysteresis, as HAProxy does it: `fall` failed probes in a row
// take a target down, `rise` good ones bring it back, and after going down a
// target stays down for at least the hold-down time so a flapping edge does
// not bounce in and out of DNS. Failures while down extend the hold-down,
// and a target that falls again soon after it came back waits twice as long
// each time, up to kMaxHoldDownFactor times the base (flap damping). Time
// comes from the caller (testable).
class HealthTracker final
{
public:
    enum class State
    {
        Unknown,
        Up,
        Down
    };

    static constexpr int kMaxHoldDownFactor = 16;
    // Falling again within this many base hold-downs of coming back is a flap.
    static constexpr int kFlapWindowFactor = 4;

    struct Target
    {
        State state = State::Unknown;
        int goodInRow = 0;
        int badInRow = 0;
        qint64 lastChangeMs = 0;
        qint64 downUntilMs = 0;           // hold-down: not up before this
        qint64 lastGoodMs = 0;            // time of the last good probe
        qint64 lastUpMs = 0;              // when it last came up
        int flaps = 0;                    // falls soon after coming back, in a row
        qint64 suppressionReportedMs = 0; // downUntilMs last reported by takeSuppression
        QString lastDetail;

        // Down, but the latest probe succeeded: on its way back.
        bool recovering() const { return state == State::Down && goodInRow > 0; }
    };

    struct Transition
    {
        QString key;
        State from;
        State to;
    };

    HealthTracker(int fall, int rise, qint64 holdDownMs);
    // New settings; every target keeps its state.
    void setParameters(int fall, int rise, qint64 holdDownMs);

    // Records one probe result; returns the transition it caused, if any.
    std::optional<Transition> record(const QString &key, bool ok, qint64 nowMs,
                                     const QString &detail = {});
    State state(const QString &key) const;
    const Target *target(const QString &key) const;
    const QHash<QString, Target> &targets() const { return m_targets; }
    // The hold-down that applies to the target's next fall.
    qint64 holdDownFor(const Target &t) const;
    // Set when the target has done `rise` good probes but its hold-down keeps
    // it down, once per hold-down: the time it is held until.
    std::optional<qint64> takeSuppression(const QString &key, qint64 nowMs);
    // Drops every target whose key is not in `keys` (removed from the configuration).
    void retain(const QSet<QString> &keys);

private:
    int m_fall;
    int m_rise;
    qint64 m_holdDownMs;
    QHash<QString, Target> m_targets;
};

QString toString(HealthTracker::State state);
// The published form back; Unknown for anything else.
HealthTracker::State healthStateFromString(const QString &text);

} // namespace kokoa
