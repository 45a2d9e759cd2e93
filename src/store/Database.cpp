#include "store/Database.h"

#include "core/Logging.h"
#include "store/Schema.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QThread>

namespace kokoa {

Database::Database(QString path, QString connectionName)
    : m_path(std::move(path))
    , m_connectionName(std::move(connectionName))
{}

Database::~Database()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

Result<std::unique_ptr<Database>> Database::open(const QString &path)
{
    return open(path, Schema::migrations());
}

Result<std::unique_ptr<Database>> Database::open(const QString &path,
                                                 const QList<Migration> &migrations)
{
    static QAtomicInteger<quint64> counter;
    const QString name = QStringLiteral("kokoa-%1").arg(counter.fetchAndAddRelaxed(1));
    std::unique_ptr<Database> database(new Database(path, name));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    if (!db.open()) {
        return database->storageError(tr("opening the database %1").arg(path),
                                      db.lastError().text());
    }
    if (Status s = database->prepare(migrations); !s)
        return s.error();
    return database;
}

// SQLite answers "database is locked" at once, without its busy timeout,
// where waiting could deadlock: two connections switching a new file to WAL
// and migrating it together. The other one is done in moments, and both
// steps can be run again, so they are, a few times.
Status Database::prepare(const QList<Migration> &migrations)
{
    constexpr int attempts = 5;
    for (int attempt = 1;; ++attempt) {
        Status s = configure();
        if (s)
            s = migrate(migrations);
        if (s || attempt == attempts ||
            !s.error().message().contains(QLatin1String("database is locked")))
            return s;
        qCDebug(lcStore) << "database" << m_path << "locked while opening; trying again";
        QThread::msleep(ulong(20 * attempt));
    }
}

int Database::latestVersion(const QList<Migration> &migrations)
{
    return migrations.isEmpty() ? 0 : migrations.last().version;
}

QSqlDatabase Database::connection() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

Status Database::configure()
{
    // WAL lets the GUI read while the watchdog writes; FULL sync makes a
    // committed change survive power loss, not only kill -9.
    // The busy timeout comes first: switching a new file to WAL needs a lock
    // another connection may hold.
    const QStringList pragmas = {QStringLiteral("PRAGMA busy_timeout=%1").arg(busyTimeoutMs),
                                 QStringLiteral("PRAGMA journal_mode=WAL"),
                                 QStringLiteral("PRAGMA foreign_keys=ON"),
                                 QStringLiteral("PRAGMA synchronous=FULL")};
    for (const QString &pragma : pragmas) {
        if (Result<QSqlQuery> q = exec(pragma); !q)
            return q.error();
    }
    return {};
}

int Database::schemaVersion()
{
    Result<QSqlQuery> q = exec(QStringLiteral("PRAGMA user_version"));
    if (!q || !q->next())
        return -1;
    return q->value(0).toInt();
}

Status Database::migrate(const QList<Migration> &migrations)
{
    const int current = schemaVersion();
    const int latest = latestVersion(migrations);
    if (current < 0)
        return storageError(tr("reading the schema version of %1").arg(m_path), QString());
    if (current > latest) {
        return Error(Error::Kind::Storage,
                     tr("the database %1 has schema version %2, newer than this Kokoa knows (%3); "
                        "it was left untouched — use a newer Kokoa")
                         .arg(m_path)
                         .arg(current)
                         .arg(latest));
    }
    for (const Migration &migration : migrations) {
        if (migration.version <= current)
            continue;
        const Status applied = transaction([&]() -> Status {
            // Another connection to the file may have migrated it meanwhile;
            // the write lock taken by the transaction makes this read final.
            if (schemaVersion() >= migration.version)
                return {};
            for (const QString &statement : migration.statements) {
                if (Result<QSqlQuery> q = exec(statement); !q)
                    return q.error();
            }
            const QString bump = QStringLiteral("PRAGMA user_version=%1").arg(migration.version);
            if (Result<QSqlQuery> q = exec(bump); !q)
                return q.error();
            return {};
        });
        if (!applied) {
            return applied.error().prefixed(
                tr("migrating %1 to schema version %2").arg(m_path).arg(migration.version));
        }
        qCDebug(lcStore) << "migrated" << m_path << "to schema version" << migration.version;
    }
    return {};
}

Result<QSqlQuery> Database::exec(const QString &sql, const QVariantList &bindings)
{
    QSqlQuery query(connection());
    if (!query.prepare(sql))
        return storageError(tr("preparing a statement"), query.lastError().text());
    for (const QVariant &value : bindings) {
        // A null QString binds as SQL NULL; Kokoa stores "no value" as ''.
        const bool nullText = value.typeId() == QMetaType::QString && value.toString().isNull();
        query.addBindValue(nullText ? QVariant(QStringLiteral("")) : value);
    }
    if (!query.exec())
        return storageError(tr("running a statement"), query.lastError().text());
    return query;
}

Status Database::begin()
{
    if (Result<QSqlQuery> q = exec(QStringLiteral("BEGIN IMMEDIATE")); !q)
        return q.error();
    return {};
}

Status Database::commit()
{
    if (Result<QSqlQuery> q = exec(QStringLiteral("COMMIT")); !q) {
        rollback();
        return q.error();
    }
    return {};
}

void Database::rollback()
{
    QSqlQuery query(connection());
    query.exec(QStringLiteral("ROLLBACK"));
}

Error Database::storageError(const QString &what, const QString &detail) const
{
    return Error(Error::Kind::Storage, detail.isEmpty() ? tr("%1 failed").arg(what)
                                                        : tr("%1 failed: %2").arg(what, detail));
}

} // namespace kokoa
