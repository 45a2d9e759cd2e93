#include "store/SettingsStore.h"

#include "store/EventLog.h"
#include "store/StoreQuery.h"
#include "store/TunnelAllocator.h"
#include "validate/Validator.h"

namespace kokoa {

Result<Settings> SettingsStore::settings()
{
    Result<QSqlQuery> q = m_db.exec(QStringLiteral("SELECT key, value FROM settings"));
    if (!q)
        return q.error();
    QMap<QString, QString> values;
    while (q->next()) {
        values.insert(q->value(0).toString(), q->value(1).toString());
    }
    return Settings(values);
}

Status SettingsStore::set(const QString &key, const QString &value)
{
    const Result<QString> canonicalValue = Validator::setting(key, value);
    if (!canonicalValue)
        return canonicalValue.error();
    Result<Settings> current = settings();
    if (!current)
        return current.error();
    current->set(key, *canonicalValue);
    if (Status s = Validator::settingsConsistent(*current); !s)
        return s;
    return m_db.transaction([&]() -> Status {
        if (key == QLatin1String("tunnel.range")) {
            if (Status s = checkRangeChange(*canonicalValue); !s)
                return s;
        }
        if (Status s = insert(key, *canonicalValue); !s)
            return s;
        return m_events.configChange(QStringLiteral("setting ") + key,
                                     QStringLiteral("set to ") + *canonicalValue);
    });
}

Result<Settings> SettingsStore::canonical(const Settings &settings)
{
    QMap<QString, QString> values;
    const QMap<QString, QString> &given = settings.explicitValues();
    for (auto it = given.begin(); it != given.end(); ++it) {
        const Result<QString> value = Validator::setting(it.key(), it.value());
        if (!value)
            return value.error();
        values.insert(it.key(), *value);
    }
    Settings out(values);
    if (Status s = Validator::settingsConsistent(out); !s)
        return s.error();
    return out;
}

Status SettingsStore::replaceAllRows(const Settings &canonicalSettings)
{
    if (Status s = StoreQuery::ignoreRows(m_db.exec(QStringLiteral("DELETE FROM settings"))); !s)
        return s;
    const QMap<QString, QString> &values = canonicalSettings.explicitValues();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        if (Status s = insert(it.key(), it.value()); !s)
            return s;
    }
    return {};
}

Status SettingsStore::checkRangeChange(const QString &range)
{
    Result<QSqlQuery> q = m_db.exec(QStringLiteral(
        "SELECT address, owner_kind, owner_name FROM tunnel_addresses WHERE owner_kind <> ''"));
    if (!q)
        return q.error();
    while (q->next()) {
        const QString address = q->value(0).toString();
        if (!TunnelAllocator::inRange(address, range)) {
            return Error(Error::Kind::Conflict,
                         tr("tunnel.range: %1 does not contain %2 of %3 %4; remove or re-add "
                            "the hosts outside the new range first")
                             .arg(range, address, q->value(1).toString(), q->value(2).toString()),
                         QStringLiteral("tunnel.range"));
        }
        if (const QString problem = TunnelAllocator::addressProblem(address, range);
            !problem.isEmpty()) {
            return Error(Error::Kind::Conflict,
                         tr("tunnel.range: %1 of %2 %3 %4; remove or re-add that host first")
                             .arg(address, q->value(1).toString(), q->value(2).toString(), problem),
                         QStringLiteral("tunnel.range"));
        }
    }
    return {};
}

Status SettingsStore::insert(const QString &key, const QString &value)
{
    return StoreQuery::ignoreRows(m_db.exec(QStringLiteral("INSERT INTO settings (key, value) "
                                                           "VALUES (?, ?) ON CONFLICT (key) DO "
                                                           "UPDATE SET value = excluded.value"),
                                            {key, value}));
}

} // namespace kokoa
