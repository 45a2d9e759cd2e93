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
//
// Threads: a Database, and the Store over it, belongs to the thread that
// opened it. It is used and destroyed on that thread only (Qt's SQL
// connections are bound to their thread). Work that needs the database on
// another thread opens a connection of its own to the same file there, and
// closes it there (DeployJob does). Each open() is a separate connection with
// a name of its own, so any number can live in one process. WAL lets them
// read while one writes; a second writer waits up to the busy timeout
// (busyTimeoutMs) instead of failing, so a write transaction never spans
// anything slow (a host, the network, a question to the user).
class Database final
{
    Q_DECLARE_TR_FUNCTIONS(Database)
    Q_DISABLE_COPY_MOVE(Database)

public:
    static constexpr int busyTimeoutMs = 5000;

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
    Status prepare(const QList<Migration> &migrations);
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
