#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace kokoa {

// Up/down with hysteresis, as HAProxy does it: `fall` failed probes in a row
// take a target down, `rise` good ones bring it back, and after going down a
// target stays down for at least the hold-down time so a flapping edge does
// not bounce in and out of DNS. Time comes from the caller (testable).
class HealthTracker final
{
public:
    enum class State { Unknown, Up, Down };

    struct Target
    {
        State state = State::Unknown;
        int goodInRow = 0;
        int badInRow = 0;
        qint64 lastChangeMs = 0;
        qint64 downUntilMs = 0; // hold-down: not up before this
        qint64 lastGoodMs = 0;  // time of the last good probe
        QString lastDetail;
    };

    struct Transition
    {
        QString key;
        State from;
        State to;
    };

    HealthTracker(int fall, int rise, qint64 holdDownMs);

    // Records one probe result; returns the transition it caused, if any.
    std::optional<Transition> record(const QString &key, bool ok, qint64 nowMs,
                                     const QString &detail = {});
    State state(const QString &key) const;
    const Target *target(const QString &key) const;
    const QHash<QString, Target> &targets() const { return m_targets; }

private:
    int m_fall;
    int m_rise;
    qint64 m_holdDownMs;
    QHash<QString, Target> m_targets;
};

QString toString(HealthTracker::State state);

} // namespace kokoa
