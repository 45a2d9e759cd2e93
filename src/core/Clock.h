#pragma once

#include <QDateTime>

namespace kokoa {

// Wall-clock time in one place so timed logic can be tested without
// sleeping (tests/common/ManualClock.h is the one tests move by hand).
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

} // namespace kokoa
