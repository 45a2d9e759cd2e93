#pragma once

#include "core/Result.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

namespace kokoa {

struct Migration
{
    int version;
    QStringList statements;
};

// One SQLite connection with Kokoa's settings: WAL, foreign keys, full
// sync, a busy timeout (the GUI and the watchdog share the file), and the
// schema brought forward by migrations, each in its own transaction.
class Database final
{
    Q_DECLARE_TR_FUNCTIONS(Database)
    Q_DISABLE_COPY_MOVE(Database)

public:
    ~Database();

    static Result<std::unique_ptr<Database>> open(const QString &path);
    // For tests: open with another migration list.
    static Result<std::unique_ptr<Database>> open(const QString &path,
                                                  const QList<Migration> &migrations);

    static int latestVersion(const QList<Migration> &migrations);
    int schemaVersion();
    const QString &path() const { return m_path; }

    // Runs one statement with positional bindings.
    Result<QSqlQuery> exec(const QString &sql, const QVariantList &bindings = {});

    // BEGIN IMMEDIATE … COMMIT; rolled back if the function fails.
    template <typename Fn> Status transaction(Fn &&fn)
    {
        if (Status s = begin(); !s)
            return s;
        Status result = fn();
        if (!result) {
            rollback();
            return result;
        }
        return commit();
    }

private:
    explicit Database(QString path, QString connectionName);

    QSqlDatabase connection() const;
    Status configure();
    Status migrate(const QList<Migration> &migrations);
    Status begin();
    Status commit();
    void rollback();
    Error storageError(const QString &what, const QString &detail) const;

    QString m_path;
    QString m_connectionName;
};

} // namespace kokoa
