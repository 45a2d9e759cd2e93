#pragma once

#include "core/Clock.h"
#include "core/Model.h"
#include "core/Settings.h"
#include "store/Database.h"

#include <functional>
#include <memory>

namespace kokoa {

// Kokoa's state: zones, hosts, routes, settings and the event log. Every
// object is checked by ModelValidator before it is written, every change is
// one transaction and leaves an event in the log.
class Store final
{
    Q_DECLARE_TR_FUNCTIONS(Store)
    Q_DISABLE_COPY_MOVE(Store)

public:
    static Result<std::unique_ptr<Store>> open(const QString &databasePath,
                                               const Clock &clock = Clock::system());

    Database &database() { return *m_db; }

    Result<Topology> topology();
    Result<Settings> settings();
    Status setSetting(const QString &key, const QString &value);

    // alongside runs inside the transaction once the zone is known to be new
    // and its row is written (e.g. storing its secret); its failure rolls the
    // zone back. Other writers wait meanwhile, so it never runs for a zone
    // someone else added.
    Result<Zone> addZone(const Zone &zone, const std::function<Status()> &alongside = {});
    Status removeZone(const QString &name);
    Result<Origin> addOrigin(const Origin &origin);
    Status removeOrigin(const QString &name);
    Result<Edge> addEdge(const Edge &edge);
    Status removeEdge(const QString &name);
    Result<Route> addRoute(const Route &route);
    Status removeRoute(const QString &hostname);

    // Replaces every zone, host, route and setting in one transaction (import).
    Status replaceAll(const Topology &topology, const Settings &settings);

    enum class HostKind
    {
        Origin,
        Edge
    };
    static QString kindName(HostKind kind);
    // Facts learned from a host; each change is logged.
    Status setWireGuardKey(HostKind kind, const QString &name, const QString &publicKey);
    Status setSshHostKey(HostKind kind, const QString &name, const QString &fingerprint);
    Status setHostState(HostKind kind, const QString &name, HostState state);

    // Tunnel addresses the config now deployed on a host refers to.
    Status recordDeployedReferences(const QString &hostKind, const QString &hostName,
                                    const QStringList &addresses);

    Status appendEvent(const Event &event);
    Result<QList<Event>> events(int limit = 100);
    // Deletes events older than maxAgeMs and all but the newest keepCount;
    // the newest 1,000 always stay. Returns how many went.
    Result<int> pruneEvents(qint64 maxAgeMs, int keepCount);

    // Grows with every change to zones, hosts, routes or settings, whoever
    // made it: a running monitor compares it to reload.
    Result<qint64> configVersion();

private:
    Store(std::unique_ptr<Database> db, const Clock &clock);

    Result<QList<Zone>> loadZones();
    Result<QList<Origin>> loadOrigins();
    Result<QList<Edge>> loadEdges();
    Result<QList<Route>> loadRoutes();

    Status insertZone(const Zone &zone);
    Status assignTunnelAddress(HostKind kind, const QString &name, QString &address,
                               const QString &range);
    template <typename Host>
    Result<Host> addHost(HostKind kind, Result<Host> host,
                         Status (Store::*insert)(Host &, const QString &));
    Status removeHost(HostKind kind, const QString &name);
    Status insertOrigin(Origin &origin, const QString &range);
    Status insertEdge(Edge &edge, const QString &range);
    Status insertRoute(const Route &route);
    Status insertSetting(const QString &key, const QString &value);
    Status logConfigChange(const QString &subject, const QString &action);
    Status checkRangeChange(const QString &range);
    Result<qint64> idOf(const QString &table, const QString &column, const QString &value);
    Status updateHostColumn(HostKind kind, const QString &name, const QString &column,
                            const QString &value, const QString &action);

    std::unique_ptr<Database> m_db;
    const Clock &m_clock;
};

} // namespace kokoa
