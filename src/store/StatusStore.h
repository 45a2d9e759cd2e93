#pragma once

#include "core/Clock.h"
#include "store/Database.h"

namespace kokoa {

// What monitors publish for others to read: heartbeats (is the watchdog
// alive, when did it last finish a cycle) and the health they last saw.
class StatusStore final
{
    Q_DECLARE_TR_FUNCTIONS(StatusStore)

public:
    struct Heartbeat
    {
        QString component; // "watchdog", "gui", "monitor"
        QString holder;    // unique per process
        qint64 pid = 0;
        qint64 atMs = 0;
        QString detail;
    };
    struct HealthRow
    {
        QString key; // "edge:tokyo-1", "route:tokyo-1|www.example.com"
        QString state;
        qint64 sinceMs = 0;
        QString detail;
        qint64 updatedMs = 0;
    };

    StatusStore(Database &db, const Clock &clock = Clock::system())
        : m_db(db)
        , m_clock(clock)
    {}

    // A monitor beats every health interval; one killed (kill -9, power loss)
    // leaves its last row behind, so only the age of the beat tells whether
    // it still runs. Every reader decides with these two.
    static qint64 staleAfterMs(qint64 healthIntervalMs);
    static bool isAlive(const Heartbeat &beat, qint64 nowMs, qint64 healthIntervalMs);

    Status beat(const QString &component, const QString &holder, const QString &detail);
    Result<QList<Heartbeat>> heartbeats();
    Status clearHeartbeat(const QString &component, const QString &holder);

    // Replaces the published health with `rows` in one transaction.
    Status publishHealth(const QList<HealthRow> &rows);
    // What changed in the published health since the last write.
    struct HealthChange
    {
        bool replaceAll = false; // drop every row first (another monitor wrote them)
        QList<HealthRow> upserts;
        QStringList removedKeys;
    };
    // A monitor's write of one cycle: its heartbeat and the health that
    // changed, in one transaction, so the database is locked for a few
    // statements and one sync per cycle, not for a rewrite of every row.
    Status beatAndPublish(const QString &component, const QString &holder, const QString &detail,
                          const HealthChange &change);
    Result<QList<HealthRow>> health();

private:
    Status writeBeat(const QString &component, const QString &holder, const QString &detail);
    Status upsertHealth(const HealthRow &row);

    Database &m_db;
    const Clock &m_clock;
};

} // namespace kokoa
