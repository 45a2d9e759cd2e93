#include "store/StoreQuery.h"

namespace kokoa {

Error StoreQuery::notFound(const QString &kind, const QString &name)
{
    return Error(Error::Kind::NotFound, tr("%1 %2 does not exist").arg(kind, quoteForMessage(name)),
                 kind);
}

Status StoreQuery::ignoreRows(const Result<QSqlQuery> &query)
{
    if (!query)
        return query.error();
    return {};
}

Result<qint64> StoreQuery::idOf(Database &db, const QString &table, const QString &column,
                                const QString &value)
{
    Result<QSqlQuery> q =
        db.exec(QStringLiteral("SELECT id FROM %1 WHERE %2 = ?").arg(table, column), {value});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : qint64(0);
}

} // namespace kokoa
