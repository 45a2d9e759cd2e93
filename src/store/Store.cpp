#include "store/Store.h"

namespace kokoa {

Store::Store(std::unique_ptr<Database> db, const Clock &clock)
    : m_db(std::move(db))
    , m_events(*m_db, clock)
    , m_settings(*m_db, m_events)
    , m_topology(*m_db, clock, m_events, m_settings)
    , m_import(*m_db, clock, m_events, m_settings)
{}

Result<std::unique_ptr<Store>> Store::open(const QString &databasePath, const Clock &clock)
{
    Result<std::unique_ptr<Database>> db = Database::open(databasePath);
    if (!db)
        return db.error();
    return std::unique_ptr<Store>(new Store(std::move(db).value(), clock));
}

Result<qint64> Store::metaCounter(const QString &key)
{
    Result<QSqlQuery> q = m_db->exec(QStringLiteral("SELECT value FROM meta WHERE key = ?"), {key});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : qint64(0);
}

Result<qint64> Store::configVersion()
{
    return metaCounter(QStringLiteral("config_version"));
}

Result<qint64> Store::dnsWrittenElsewhere()
{
    return metaCounter(QStringLiteral("dns_written_elsewhere"));
}

Status Store::noteDnsWrittenElsewhere()
{
    Result<QSqlQuery> q = m_db->exec(
        QStringLiteral("INSERT INTO meta (key, value) VALUES ('dns_written_elsewhere', 1) "
                       "ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"));
    if (!q)
        return q.error();
    return {};
}

} // namespace kokoa
