#pragma once

#include "core/Clock.h"
#include "core/Model.h"
#include "store/Database.h"

namespace kokoa {

// The append-only event log: every change to the configuration, every fact
// learned from a host, every health and DNS decision leaves a row here.
class EventLog final
{
    Q_DISABLE_COPY_MOVE(EventLog)

public:
    EventLog(Database &db, const Clock &clock)
        : m_db(db)
        , m_clock(clock)
    {}

    // An event without a time gets the clock's now, without an outcome "ok".
    Status append(const Event &event);
    // A "config" event: subject (e.g. "edge tokyo-1") and what was done.
    Status configChange(const QString &subject, const QString &action);
    // The newest events, oldest first.
    Result<QList<Event>> newest(int limit);
    // Deletes events older than maxAgeMs and all but the newest keepCount;
    // the newest 1,000 always stay. Returns how many went.
    Result<int> prune(qint64 maxAgeMs, int keepCount);

private:
    Database &m_db;
    const Clock &m_clock;
};

} // namespace kokoa
