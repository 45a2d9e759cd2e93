#include "store/EventLog.h"

#include "store/StoreQuery.h"

#include <algorithm>

namespace kokoa {
namespace {

Event readEvent(const QSqlQuery &q)
{
    Event e;
    e.id = q.value(0).toLongLong();
    e.at = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
    e.category = q.value(2).toString();
    e.subject = q.value(3).toString();
    e.action = q.value(4).toString();
    e.reason = q.value(5).toString();
    e.outcome = q.value(6).toString();
    return e;
}

} // namespace

Status EventLog::append(const Event &event)
{
    const qint64 at = event.at.isValid() ? event.at.toMSecsSinceEpoch() : m_clock.nowMs();
    return StoreQuery::ignoreRows(m_db.exec(
        QStringLiteral("INSERT INTO events (at_ms, category, subject, action, reason, outcome) "
                       "VALUES (?, ?, ?, ?, ?, ?)"),
        {at, event.category, event.subject, event.action, event.reason,
         event.outcome.isEmpty() ? QStringLiteral("ok") : event.outcome}));
}

Status EventLog::configChange(const QString &subject, const QString &action)
{
    Event e;
    e.category = QStringLiteral("config");
    e.subject = subject;
    e.action = action;
    return append(e);
}

Result<QList<Event>> EventLog::newest(int limit)
{
    Result<QList<Event>> newestFirst = StoreQuery::readAll(
        m_db.exec(QStringLiteral("SELECT id, at_ms, category, subject, action, reason, outcome "
                                 "FROM events ORDER BY id DESC LIMIT ?"),
                  {limit}),
        &readEvent);
    if (!newestFirst)
        return newestFirst;
    QList<Event> out = std::move(newestFirst).value();
    std::reverse(out.begin(), out.end());
    return out;
}

Result<int> EventLog::prune(qint64 maxAgeMs, int keepCount)
{
    // The schema refuses to delete the newest 1,000 events: stay clear of them.
    const int keep = std::max(keepCount, 1000);
    Result<QSqlQuery> q = m_db.exec(
        QStringLiteral("DELETE FROM events WHERE id <= (SELECT max(id) FROM events) - 1000 "
                       "AND (at_ms < ? OR id <= (SELECT max(id) FROM events) - ?)"),
        {m_clock.nowMs() - maxAgeMs, keep});
    if (!q)
        return q.error();
    return q->numRowsAffected();
}

} // namespace kokoa
