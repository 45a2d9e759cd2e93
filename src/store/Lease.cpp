#include "store/Lease.h"

namespace kokoa {

Lease::Lease(Database &db, QString name, QString holder, const Clock &clock)
    : m_db(db)
    , m_name(std::move(name))
    , m_holder(std::move(holder))
    , m_clock(clock)
{}

Result<bool> Lease::acquire(qint64 ttlMs)
{
    const qint64 now = m_clock.nowMs();
    bool held = false;
    const Status s = m_db.transaction([&]() -> Status {
        Result<QSqlQuery> upsert = m_db.exec(
            QStringLiteral("INSERT INTO leases (name, holder, expires_at_ms) VALUES (?, ?, ?) "
                           "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, "
                           "expires_at_ms = excluded.expires_at_ms "
                           "WHERE leases.holder = excluded.holder OR leases.expires_at_ms <= ?"),
            {m_name, m_holder, now + ttlMs, now});
        if (!upsert)
            return upsert.error();
        Result<QSqlQuery> who =
            m_db.exec(QStringLiteral("SELECT holder FROM leases WHERE name = ?"), {m_name});
        if (!who)
            return who.error();
        held = who->next() && who->value(0).toString() == m_holder;
        return {};
    });
    if (!s)
        return s.error();
    return held;
}

Status Lease::release()
{
    Result<QSqlQuery> q = m_db.exec(
        QStringLiteral("DELETE FROM leases WHERE name = ? AND holder = ?"), {m_name, m_holder});
    if (!q)
        return q.error();
    return {};
}

Result<std::pair<QString, qint64>> Lease::current()
{
    Result<QSqlQuery> q = m_db.exec(
        QStringLiteral(
            "SELECT holder, expires_at_ms FROM leases WHERE name = ? AND expires_at_ms > ?"),
        {m_name, m_clock.nowMs()});
    if (!q)
        return q.error();
    if (!q->next())
        return std::pair<QString, qint64>{};
    return std::pair<QString, qint64>{q->value(0).toString(), q->value(1).toLongLong()};
}

} // namespace kokoa
