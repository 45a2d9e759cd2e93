#pragma once

#include "core/Clock.h"
#include "core/Model.h"
#include "core/Settings.h"
#include "store/Database.h"

namespace kokoa {

class EventLog;
class SettingsStore;

// Replaces the whole configuration (an import): every zone, host, route and
// setting in one transaction, all or nothing. Hosts keep the tunnel
// addresses the file gives them; removed hosts' addresses stay reserved while
// configs deployed somewhere still refer to them.
class TopologyImport final
{
    Q_DECLARE_TR_FUNCTIONS(TopologyImport)
    Q_DISABLE_COPY_MOVE(TopologyImport)

public:
    TopologyImport(Database &db, const Clock &clock, EventLog &events, SettingsStore &settings)
        : m_db(db)
        , m_clock(clock)
        , m_events(events)
        , m_settings(settings)
    {}

    Status replaceAll(const Topology &topology, const Settings &settings);

private:
    static Status checkTunnelAddresses(const Topology &topology, const QString &range);
    Status clearTopology();
    Status reclaimGivenAddresses(const Topology &topology);
    Status insertAll(Topology &topology, const QString &range);

    Database &m_db;
    const Clock &m_clock;
    EventLog &m_events;
    SettingsStore &m_settings;
};

} // namespace kokoa
