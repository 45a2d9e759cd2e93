#include "app/ConfigTransfer.h"

#include "app/AppLogging.h"
#include "core/DataDirectory.h"
#include "store/SecretStore.h"
#include "store/Store.h"

namespace kokoa::app {

ConfigTransfer::ConfigTransfer(Store &store, QString dataDir)
    : m_store(store)
    , m_dataDir(std::move(dataDir))
{}

Result<QByteArray> ConfigTransfer::exportJson() const
{
    const Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    const Result<Settings> settings = m_store.settings();
    if (!settings)
        return settings.error();
    return TopologyJson::write(*topology, *settings);
}

Result<Configuration> ConfigTransfer::parse(const QByteArray &json)
{
    return TopologyJson::read(json);
}

Result<ConfigTransfer::Imported> ConfigTransfer::import(const Configuration &config) const
{
    if (Status s = m_store.replaceAll(config.topology, config.settings); !s)
        return s.error();
    Imported imported;
    imported.zones = config.topology.zones.size();
    imported.origins = config.topology.origins.size();
    imported.edges = config.topology.edges.size();
    imported.routes = config.topology.routes.size();
    // The stored zones: their secret references are the canonical ones.
    const Result<Topology> stored = m_store.topology();
    if (!stored)
        return stored.error();
    const SecretStore secrets(DataDirectory::secretsPath(m_dataDir));
    for (const Zone &z : stored->zones) {
        if (!z.secretRef.isEmpty() && !secrets.contains(z.secretRef))
            imported.zonesWithoutSecret.append(z.name);
    }
    qCInfo(lcApp) << "configuration imported:" << imported.zones << "zones," << imported.edges
                  << "edges," << imported.routes << "routes";
    return imported;
}

} // namespace kokoa::app
