#pragma once

#include "core/Clock.h"
#include "core/Model.h"
#include "core/Settings.h"
#include "store/Database.h"
#include "store/EventLog.h"
#include "store/SettingsStore.h"
#include "store/TopologyImport.h"
#include "store/TopologyStore.h"

#include <functional>
#include <memory>

namespace kokoa {

// Kokoa's state: zones, hosts, routes, settings and the event log, over one
// database. A facade over the classes that do each job (TopologyStore,
// SettingsStore, EventLog, TopologyImport), so callers hold one object.
class Store final
{
    Q_DISABLE_COPY_MOVE(Store)

public:
    static Result<std::unique_ptr<Store>> open(const QString &databasePath,
                                               const Clock &clock = Clock::system());

    Database &database() { return *m_db; }
    TopologyStore &topologyStore() { return m_topology; }
    SettingsStore &settingsStore() { return m_settings; }
    EventLog &eventLog() { return m_events; }

    Result<Topology> topology() { return m_topology.topology(); }
    Result<Settings> settings() { return m_settings.settings(); }
    Status setSetting(const QString &key, const QString &value)
    {
        return m_settings.set(key, value);
    }

    // alongside runs inside the transaction once the zone is known to be new
    // and its row is written (e.g. storing its secret); its failure rolls the
    // zone back. Other writers wait meanwhile, so it never runs for a zone
    // someone else added.
    Result<Zone> addZone(const Zone &zone, const std::function<Status()> &alongside = {})
    {
        return m_topology.addZone(zone, alongside);
    }
    Status removeZone(const QString &name) { return m_topology.removeZone(name); }
    Result<Origin> addOrigin(const Origin &origin) { return m_topology.addOrigin(origin); }
    Status removeOrigin(const QString &name) { return m_topology.removeOrigin(name); }
    Result<Edge> addEdge(const Edge &edge) { return m_topology.addEdge(edge); }
    Result<Updated<Edge>> updateEdge(const Edge &edge) { return m_topology.updateEdge(edge); }
    Status removeEdge(const QString &name) { return m_topology.removeEdge(name); }
    Result<Route> addRoute(const Route &route) { return m_topology.addRoute(route); }
    Result<Updated<Route>> updateRoute(const Route &route) { return m_topology.updateRoute(route); }
    Status removeRoute(const QString &hostname) { return m_topology.removeRoute(hostname); }

    // Replaces every zone, host, route and setting in one transaction (import).
    Status replaceAll(const Topology &topology, const Settings &settings)
    {
        return m_import.replaceAll(topology, settings);
    }

    using HostKind = TopologyRows::HostKind;
    static QString kindName(HostKind kind) { return TopologyRows::kindName(kind); }
    // Facts learned from a host; each change is logged.
    Status setWireGuardKey(HostKind kind, const QString &name, const QString &publicKey)
    {
        return m_topology.setWireGuardKey(kind, name, publicKey);
    }
    Status setSshHostKey(HostKind kind, const QString &name, const QString &fingerprint)
    {
        return m_topology.setSshHostKey(kind, name, fingerprint);
    }
    Status setHostState(HostKind kind, const QString &name, HostState state)
    {
        return m_topology.setHostState(kind, name, state);
    }

    // Tunnel addresses the config now deployed on a host refers to.
    Status recordDeployedReferences(const QString &hostKind, const QString &hostName,
                                    const QStringList &addresses)
    {
        return m_topology.recordDeployedReferences(hostKind, hostName, addresses);
    }

    Status appendEvent(const Event &event) { return m_events.append(event); }
    Result<QList<Event>> events(int limit = 100) { return m_events.newest(limit); }
    // Deletes events older than maxAgeMs and all but the newest keepCount;
    // the newest 1,000 always stay. Returns how many went.
    Result<int> pruneEvents(qint64 maxAgeMs, int keepCount)
    {
        return m_events.prune(maxAgeMs, keepCount);
    }

    // Grows with every change to zones, hosts, routes or settings, whoever
    // made it: a running monitor compares it to reload.
    Result<qint64> configVersion();
    // Grows with every DNS write made outside the monitor that holds the
    // DNS lease (`dns sync`, a burn, a new edge): that monitor reads DNS
    // again when it changes, instead of acting on what it last read or
    // wrote until its next scheduled read.
    Result<qint64> dnsWrittenElsewhere();
    Status noteDnsWrittenElsewhere();

private:
    Store(std::unique_ptr<Database> db, const Clock &clock);
    // A counter in the meta table (0 before its first write).
    Result<qint64> metaCounter(const QString &key);

    std::unique_ptr<Database> m_db;
    EventLog m_events;
    SettingsStore m_settings;
    TopologyStore m_topology;
    TopologyImport m_import;
};

} // namespace kokoa
