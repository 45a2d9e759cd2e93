#pragma once

#include <QDateTime>

namespace kokoa {

// Wall-clock time in one place so timed logic can be tested without sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    virtual qint64 nowMs() const { return QDateTime::currentMSecsSinceEpoch(); }

    static const Clock &system()
    {
        static const Clock clock;
        return clock;
    }
};

// A clock tests move by hand.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs = 1'700'000'000'000)
        : m_now(startMs)
    {}
    qint64 nowMs() const override { return m_now; }
    void advance(qint64 ms) { m_now += ms; }
    void set(qint64 ms) { m_now = ms; }

private:
    qint64 m_now;
};

} // namespace kokoa
