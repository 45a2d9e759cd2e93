#pragma once

#include "store/Database.h"

namespace kokoa {

// Small helpers the store's classes share around Database::exec.
class StoreQuery final
{
    Q_DECLARE_TR_FUNCTIONS(StoreQuery)

public:
    // "<kind> <name> does not exist", Kind::NotFound, the kind as field.
    static Error notFound(const QString &kind, const QString &name);
    // A statement whose rows nobody reads: only its success counts.
    static Status ignoreRows(const Result<QSqlQuery> &query);
    // The id of the row whose column holds value, 0 if there is none. table
    // and column are literals of the caller, never input.
    static Result<qint64> idOf(Database &db, const QString &table, const QString &column,
                               const QString &value);

    template <typename T>
    static Result<QList<T>> readAll(Result<QSqlQuery> query, T (*read)(const QSqlQuery &))
    {
        if (!query)
            return query.error();
        QList<T> out;
        while (query->next())
            out.append(read(*query));
        return out;
    }
};

} // namespace kokoa
