#include "store/StatusStore.h"

#include <QCoreApplication>

#include <algorithm>

namespace kokoa {

qint64 StatusStore::staleAfterMs(qint64 healthIntervalMs)
{
    // Three missed beats (at least 6 s, so a slow cycle is not taken for a
    // dead process) plus the interval the reader may have landed in.
    return std::max<qint64>(3 * healthIntervalMs, 6000) + healthIntervalMs;
}

bool StatusStore::isAlive(const Heartbeat &beat, qint64 nowMs, qint64 healthIntervalMs)
{
    return nowMs - beat.atMs <= staleAfterMs(healthIntervalMs);
}

Status StatusStore::beat(const QString &component, const QString &holder, const QString &detail)
{
    return writeBeat(component, holder, detail);
}

Status StatusStore::writeBeat(const QString &component, const QString &holder,
                              const QString &detail)
{
    Result<QSqlQuery> q = m_db.exec(
        QStringLiteral("INSERT INTO heartbeats (component, holder, pid, at_ms, detail) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (component) DO UPDATE SET "
                       "holder = excluded.holder, pid = excluded.pid, at_ms = excluded.at_ms, "
                       "detail = excluded.detail"),
        {component, holder, QCoreApplication::applicationPid(), m_clock.nowMs(), detail});
    if (!q)
        return q.error();
    return {};
}

Result<QList<StatusStore::Heartbeat>> StatusStore::heartbeats()
{
    Result<QSqlQuery> q = m_db.exec(QStringLiteral(
        "SELECT component, holder, pid, at_ms, detail FROM heartbeats ORDER BY component"));
    if (!q)
        return q.error();
    QList<Heartbeat> out;
    while (q->next()) {
        out.append({q->value(0).toString(), q->value(1).toString(), q->value(2).toLongLong(),
                    q->value(3).toLongLong(), q->value(4).toString()});
    }
    return out;
}

Status StatusStore::clearHeartbeat(const QString &component, const QString &holder)
{
    Result<QSqlQuery> q =
        m_db.exec(QStringLiteral("DELETE FROM heartbeats WHERE component = ? AND holder = ?"),
                  {component, holder});
    if (!q)
        return q.error();
    return {};
}

Status StatusStore::publishHealth(const QList<HealthRow> &rows)
{
    return m_db.transaction([&]() -> Status {
        if (Result<QSqlQuery> q = m_db.exec(QStringLiteral("DELETE FROM health")); !q)
            return q.error();
        for (const HealthRow &r : rows) {
            Result<QSqlQuery> q = m_db.exec(
                QStringLiteral("INSERT INTO health (key, state, since_ms, detail, updated_ms) "
                               "VALUES (?, ?, ?, ?, ?)"),
                {r.key, r.state, r.sinceMs, r.detail, r.updatedMs ? r.updatedMs : m_clock.nowMs()});
            if (!q)
                return q.error();
        }
        return {};
    });
}

Status StatusStore::upsertHealth(const HealthRow &r)
{
    Result<QSqlQuery> q = m_db.exec(
        QStringLiteral("INSERT INTO health (key, state, since_ms, detail, updated_ms) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                       "state = excluded.state, since_ms = excluded.since_ms, "
                       "detail = excluded.detail, updated_ms = excluded.updated_ms"),
        {r.key, r.state, r.sinceMs, r.detail, r.updatedMs ? r.updatedMs : m_clock.nowMs()});
    if (!q)
        return q.error();
    return {};
}

Status StatusStore::beatAndPublish(const QString &component, const QString &holder,
                                   const QString &detail, const HealthChange &change)
{
    return m_db.transaction([&]() -> Status {
        if (Status s = writeBeat(component, holder, detail); !s)
            return s;
        if (change.replaceAll) {
            if (Result<QSqlQuery> q = m_db.exec(QStringLiteral("DELETE FROM health")); !q)
                return q.error();
        }
        for (const QString &key : change.removedKeys) {
            Result<QSqlQuery> q =
                m_db.exec(QStringLiteral("DELETE FROM health WHERE key = ?"), {key});
            if (!q)
                return q.error();
        }
        for (const HealthRow &r : change.upserts) {
            if (Status s = upsertHealth(r); !s)
                return s;
        }
        return {};
    });
}

Result<QList<StatusStore::HealthRow>> StatusStore::health()
{
    Result<QSqlQuery> q = m_db.exec(
        QStringLiteral("SELECT key, state, since_ms, detail, updated_ms FROM health ORDER BY key"));
    if (!q)
        return q.error();
    QList<HealthRow> out;
    while (q->next()) {
        out.append({q->value(0).toString(), q->value(1).toString(), q->value(2).toLongLong(),
                    q->value(3).toString(), q->value(4).toLongLong()});
    }
    return out;
}

} // namespace kokoa
