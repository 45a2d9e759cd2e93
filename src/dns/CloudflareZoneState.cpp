#include "dns/CloudflareZoneState.h"

namespace kokoa {

QString CloudflareZoneState::nameOf(const QJsonObject &record)
{
    QString name = record.value(QLatin1String("name")).toString().toLower();
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    return name;
}

bool CloudflareZoneState::isAddress(const QJsonObject &record) const
{
    const QString type = record.value(QLatin1String("type")).toString();
    return type == QLatin1String("A") || type == QLatin1String("AAAA");
}

void CloudflareZoneState::load(const QJsonArray &records)
{
    m_byName.clear();
    for (const QJsonValue &v : records)
        insert(v.toObject());
    m_known = true;
}

void CloudflareZoneState::insert(const QJsonObject &record)
{
    if (isAddress(record))
        m_byName[nameOf(record)].append(record);
}

void CloudflareZoneState::removeId(const QString &id)
{
    for (auto it = m_byName.begin(); it != m_byName.end(); ++it) {
        it->removeIf(
            [&](const QJsonObject &r) { return r.value(QLatin1String("id")).toString() == id; });
    }
}

bool CloudflareZoneState::applyBatchResult(const QJsonObject &result)
{
    if (!m_known)
        return false;
    for (const char *key : {"deletes", "patches", "puts", "posts"}) {
        const QJsonValue list = result.value(QLatin1String(key));
        if (!list.isUndefined() && !list.isArray()) {
            forget();
            return false;
        }
        for (const QJsonValue &v : list.toArray()) {
            const QJsonObject record = v.toObject();
            const QString id = record.value(QLatin1String("id")).toString();
            if (id.isEmpty()) {
                forget();
                return false;
            }
            // A patched or replaced record comes back whole: it replaces
            // the kept copy (its name may even have changed).
            removeId(id);
            if (qstrcmp(key, "deletes") != 0)
                insert(record);
        }
    }
    return true;
}

} // namespace kokoa
