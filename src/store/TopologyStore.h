#pragma once

#include "core/Clock.h"
#include "core/Model.h"
#include "store/Database.h"
#include "store/TopologyRows.h"

#include <QStringList>

#include <functional>

namespace kokoa {

class EventLog;
class SettingsStore;

// The result of an update: the object as stored now, and which of its
// fields changed (Validator's field names); empty when nothing did, and then
// nothing was written or logged.
template <typename T> struct Updated
{
    T value;
    QStringList changedFields;
    bool changed() const { return !changedFields.isEmpty(); }
};

// Zones, hosts and routes changed one at a time: every object is checked by
// ModelValidator before it is written, every change is one transaction and
// leaves an event in the log.
class TopologyStore final
{
    Q_DECLARE_TR_FUNCTIONS(TopologyStore)
    Q_DISABLE_COPY_MOVE(TopologyStore)

public:
    using HostKind = TopologyRows::HostKind;

    TopologyStore(Database &db, const Clock &clock, EventLog &events, SettingsStore &settings)
        : m_db(db)
        , m_clock(clock)
        , m_events(events)
        , m_settings(settings)
        , m_rows(db)
    {}

    Result<Topology> topology() { return m_rows.topology(); }

    Result<Zone> addZone(const Zone &zone, const std::function<Status()> &alongside);
    Status removeZone(const QString &name);
    Result<Origin> addOrigin(const Origin &origin);
    Status removeOrigin(const QString &name);
    Result<Edge> addEdge(const Edge &edge);
    // Changes the SSH target, public addresses, provider and profile of the
    // edge of that name. Its tunnel address, WireGuard and SSH host keys and
    // state stay: the configs deployed elsewhere keep referring to it.
    Result<Updated<Edge>> updateEdge(const Edge &edge);
    Status removeEdge(const QString &name);
    Result<Route> addRoute(const Route &route);
    // Changes everything of the route with that hostname except the hostname
    // (and so its zone).
    Result<Updated<Route>> updateRoute(const Route &route);
    Status removeRoute(const QString &hostname);

    Status setWireGuardKey(HostKind kind, const QString &name, const QString &publicKey);
    Status setSshHostKey(HostKind kind, const QString &name, const QString &fingerprint);
    Status setHostState(HostKind kind, const QString &name, HostState state);
    Status recordDeployedReferences(const QString &hostKind, const QString &hostName,
                                    const QStringList &addresses);

private:
    template <typename Host>
    Result<Host> addHost(HostKind kind, Result<Host> host,
                         Status (TopologyRows::*insert)(Host &, const QString &));
    Status removeHost(HostKind kind, const QString &name);
    Status updateHostColumn(HostKind kind, const QString &name, const QString &column,
                            const QString &value, const QString &action);
    Status logChange(const QString &subject, const QString &action);

    Database &m_db;
    const Clock &m_clock;
    EventLog &m_events;
    SettingsStore &m_settings;
    TopologyRows m_rows;
};

} // namespace kokoa
