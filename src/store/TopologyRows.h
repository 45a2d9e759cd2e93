#pragma once

#include "core/Clock.h"
#include "core/Model.h"
#include "store/Database.h"

namespace kokoa {

// Zones, origins, edges and routes as rows: read them, write them. Nothing
// here validates or logs; TopologyStore and TopologyImport do, and call these
// inside their transactions.
class TopologyRows final
{
    Q_DISABLE_COPY_MOVE(TopologyRows)

public:
    enum class HostKind
    {
        Origin,
        Edge
    };
    static QString kindName(HostKind kind);
    static QString tableOf(HostKind kind);

    explicit TopologyRows(Database &db)
        : m_db(db)
    {}

    Result<Topology> topology();
    Result<QList<Zone>> zones();
    Result<QList<Origin>> origins();
    Result<QList<Edge>> edges();
    Result<QList<Route>> routes();

    Status insertZone(const Zone &zone);
    // A host without a tunnel address gets one from range; one with an
    // address claims it.
    Status insertOrigin(Origin &origin, const QString &range);
    // Also refuses an edge on the public address or SSH target of another.
    Status insertEdge(Edge &edge, const QString &range);
    Status insertRoute(const Route &route);

    // Write what a user may change; tunnel address, keys and state stay.
    Status updateEdge(const Edge &edge);
    Status updateRoute(const Route &route);

private:
    Status assignTunnelAddress(HostKind kind, const QString &name, QString &address,
                               const QString &range);
    // The origin and zone ids a route refers to, NotFound if one is missing.
    Result<std::pair<qint64, qint64>> routeReferences(const Route &route);

    Database &m_db;
};

} // namespace kokoa
