#include "health/ConfigWatcher.h"

#include "core/DataDirectory.h"
#include "store/Store.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace kokoa {

Status ConfigWatcher::load()
{
    const Result<QString> now = stamp();
    if (!now)
        return now.error();
    Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    Result<Settings> settings = m_store.settings();
    if (!settings)
        return settings.error();
    m_topology = std::move(topology).value();
    m_settings = std::move(settings).value();
    m_stamp = *now;
    return {};
}

bool ConfigWatcher::changed()
{
    const Result<QString> now = stamp();
    return now && *now != m_stamp;
}

// Cheap enough for every cycle: one row from the database and a stat of the
// few secret files.
Result<QString> ConfigWatcher::stamp()
{
    const Result<qint64> version = m_store.configVersion();
    if (!version)
        return version.error();
    QString stamp = QString::number(*version);
    const QFileInfoList secrets =
        QDir(DataDirectory::secretsPath(m_dataDir)).entryInfoList(QDir::Files, QDir::Name);
    for (const QFileInfo &f : secrets) {
        stamp += QLatin1Char('|') + f.fileName() + QLatin1Char(':') + QString::number(f.size()) +
                 QLatin1Char(':') + QString::number(f.lastModified().toMSecsSinceEpoch());
    }
    return stamp;
}

} // namespace kokoa
