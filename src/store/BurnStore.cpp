#include "store/BurnStore.h"

#include "store/StoreQuery.h"

#include <QDateTime>

namespace kokoa {
namespace {

const QString columns =
    QStringLiteral("edge, replacement, provider, old_provider, old_server, "
                   "ssh_target, replace, last_edge, done_steps, started_ms, automatic, had_tunnel, "
                   "keep_ip, kept_address");

BurnRecord readBurn(const QSqlQuery &q)
{
    BurnRecord b;
    b.edge = q.value(0).toString();
    b.replacement = q.value(1).toString();
    b.provider = q.value(2).toString();
    b.oldProvider = q.value(3).toString();
    b.oldServer = q.value(4).toString();
    b.sshTarget = q.value(5).toString();
    b.replace = q.value(6).toInt() != 0;
    b.lastEdge = q.value(7).toInt() != 0;
    b.done = q.value(8).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    b.startedMs = q.value(9).toLongLong();
    b.automatic = q.value(10).toInt() != 0;
    b.hadTunnel = q.value(11).toInt() != 0;
    b.keepIp = q.value(12).toInt() != 0;
    b.keptAddress = q.value(13).toString();
    return b;
}

Result<std::optional<BurnRecord>> firstOf(Result<QSqlQuery> q)
{
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<BurnRecord>();
    return std::optional<BurnRecord>(readBurn(*q));
}

} // namespace

Status BurnStore::start(const BurnRecord &b)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return StoreQuery::ignoreRows(m_db.exec(
        QStringLiteral("INSERT INTO burns (") + columns +
            QStringLiteral(", updated_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {b.edge, b.replacement, b.provider, b.oldProvider, b.oldServer, b.sshTarget,
         b.replace ? 1 : 0, b.lastEdge ? 1 : 0, b.done.join(QLatin1Char(' ')), now,
         b.automatic ? 1 : 0, b.hadTunnel ? 1 : 0, b.keepIp ? 1 : 0, b.keptAddress, now}));
}

Result<std::optional<BurnRecord>> BurnStore::unfinished(const QString &edge) const
{
    return firstOf(m_db.exec(QStringLiteral("SELECT ") + columns +
                                 QStringLiteral(" FROM burns WHERE edge = ? AND finished_ms IS "
                                                "NULL ORDER BY id DESC LIMIT 1"),
                             {edge}));
}

Result<std::optional<BurnRecord>> BurnStore::replacing(const QString &edge) const
{
    return firstOf(m_db.exec(QStringLiteral("SELECT ") + columns +
                                 QStringLiteral(" FROM burns WHERE replacement = ? AND "
                                                "finished_ms IS NULL ORDER BY id DESC LIMIT 1"),
                             {edge}));
}

Result<QList<BurnRecord>> BurnStore::allUnfinished() const
{
    Result<QSqlQuery> q = m_db.exec(QStringLiteral("SELECT ") + columns +
                                    QStringLiteral(" FROM burns WHERE finished_ms IS NULL ORDER "
                                                   "BY id"));
    if (!q)
        return q.error();
    QList<BurnRecord> burns;
    while (q->next())
        burns.append(readBurn(*q));
    return burns;
}

Result<int> BurnStore::automaticSince(qint64 sinceMs) const
{
    Result<QSqlQuery> q = m_db.exec(
        QStringLiteral("SELECT COUNT(*) FROM burns WHERE automatic = 1 AND started_ms >= ?"),
        {sinceMs});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<int> BurnStore::automaticLastDay() const
{
    constexpr qint64 dayMs = 24LL * 3600 * 1000;
    return automaticSince(QDateTime::currentMSecsSinceEpoch() - dayMs);
}

Status BurnStore::markDone(const QString &edge, const QString &step)
{
    return m_db.transaction([&]() -> Status {
        Result<std::optional<BurnRecord>> burn = unfinished(edge);
        if (!burn)
            return burn.error();
        if (!burn->has_value())
            return StoreQuery::notFound(tr("burn"), edge);
        QStringList done = (*burn)->done;
        if (done.contains(step))
            return Status();
        done.append(step);
        return StoreQuery::ignoreRows(
            m_db.exec(QStringLiteral("UPDATE burns SET done_steps = ?, updated_ms = ? WHERE edge "
                                     "= ? AND finished_ms IS NULL"),
                      {done.join(QLatin1Char(' ')), QDateTime::currentMSecsSinceEpoch(), edge}));
    });
}

Status BurnStore::setKeptAddress(const QString &edge, const QString &handle)
{
    return StoreQuery::ignoreRows(m_db.exec(
        QStringLiteral("UPDATE burns SET kept_address = ?, updated_ms = ? WHERE edge = ? AND "
                       "finished_ms IS NULL"),
        {handle, QDateTime::currentMSecsSinceEpoch(), edge}));
}

Status BurnStore::finish(const QString &edge)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return StoreQuery::ignoreRows(
        m_db.exec(QStringLiteral("UPDATE burns SET finished_ms = ?, updated_ms = ? WHERE edge = ? "
                                 "AND finished_ms IS NULL"),
                  {now, now, edge}));
}

} // namespace kokoa
