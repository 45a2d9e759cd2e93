#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "core/Settings.h"

namespace kokoa {

class Store;

// The monitor's copy of the configuration, and whether it is still current:
// a stamp of the configuration version and the secret files (a
// `zone set-secret` touches no table) tells when to read it again.
class ConfigWatcher final
{
public:
    ConfigWatcher(Store &store, QString dataDir)
        : m_store(store)
        , m_dataDir(std::move(dataDir))
    {}

    // Reads the topology and the settings; on failure the old copy stays.
    Status load();
    // Something changed since the last load (false when that cannot be told).
    bool changed();

    const Topology &topology() const { return m_topology; }
    const Settings &settings() const { return m_settings; }

private:
    Result<QString> stamp();

    Store &m_store;
    QString m_dataDir;
    Topology m_topology;
    Settings m_settings;
    QString m_stamp;
};

} // namespace kokoa
