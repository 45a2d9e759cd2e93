#include "store/TopologyRows.h"

#include "store/StoreQuery.h"
#include "store/TunnelAllocator.h"
#include "validate/ModelValidator.h"

#include <QJsonDocument>

namespace kokoa {
namespace {

QString settingsJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

SshTarget readSsh(const QSqlQuery &q, int column)
{
    return SshTarget{q.value(column).toString(), q.value(column + 1).toString(),
                     quint16(q.value(column + 2).toUInt())};
}

Zone readZone(const QSqlQuery &q)
{
    Zone z;
    z.id = q.value(0).toLongLong();
    z.name = q.value(1).toString();
    z.provider = dnsProviderFromString(q.value(2).toString()).value_or(DnsProvider::Manual);
    z.providerSettings = QJsonDocument::fromJson(q.value(3).toString().toUtf8()).object();
    z.secretRef = q.value(4).toString();
    return z;
}

Origin readOrigin(const QSqlQuery &q)
{
    Origin o;
    o.id = q.value(0).toLongLong();
    o.name = q.value(1).toString();
    o.ssh = readSsh(q, 2);
    o.tunnelAddress = q.value(5).toString();
    o.wgPublicKey = q.value(6).toString();
    o.state = hostStateFromString(q.value(7).toString()).value_or(HostState::New);
    o.sshHostKey = q.value(8).toString();
    return o;
}

Edge readEdge(const QSqlQuery &q)
{
    Edge e;
    e.id = q.value(0).toLongLong();
    e.name = q.value(1).toString();
    e.ssh = readSsh(q, 2);
    e.tunnelAddress = q.value(5).toString();
    e.wgPublicKey = q.value(6).toString();
    e.state = hostStateFromString(q.value(7).toString()).value_or(HostState::New);
    e.publicIpv4 = q.value(8).toString();
    e.publicIpv6 = q.value(9).toString();
    e.provider = q.value(10).toString();
    e.providerId = q.value(11).toString();
    e.profile = edgeProfileFromString(q.value(12).toString()).value_or(EdgeProfile::Normal);
    e.sshHostKey = q.value(13).toString();
    return e;
}

Route readRoute(const QSqlQuery &q)
{
    Route r;
    r.id = q.value(0).toLongLong();
    r.hostname = q.value(1).toString();
    r.zoneName = q.value(2).toString();
    r.originName = q.value(3).toString();
    r.port = quint16(q.value(4).toUInt());
    r.websocket = q.value(5).toBool();
    r.maxBodyBytes = q.value(6).toLongLong();
    r.timeoutSeconds = q.value(7).toInt();
    r.healthPath = q.value(8).toString();
    r.tls = tlsModeFromString(q.value(9).toString()).value_or(TlsMode::Http01);
    return r;
}

} // namespace

QString TopologyRows::kindName(HostKind kind)
{
    return kind == HostKind::Edge ? QStringLiteral("edge") : QStringLiteral("origin");
}

QString TopologyRows::tableOf(HostKind kind)
{
    return kind == HostKind::Edge ? QStringLiteral("edges") : QStringLiteral("origins");
}

Result<Topology> TopologyRows::topology()
{
    Topology t;
    Result<QList<Zone>> allZones = zones();
    Result<QList<Origin>> allOrigins = origins();
    Result<QList<Edge>> allEdges = edges();
    Result<QList<Route>> allRoutes = routes();
    for (const Error *e :
         {allZones ? nullptr : &allZones.error(), allOrigins ? nullptr : &allOrigins.error(),
          allEdges ? nullptr : &allEdges.error(), allRoutes ? nullptr : &allRoutes.error()}) {
        if (e)
            return *e;
    }
    t.zones = std::move(allZones).value();
    t.origins = std::move(allOrigins).value();
    t.edges = std::move(allEdges).value();
    t.routes = std::move(allRoutes).value();
    return t;
}

Result<QList<Zone>> TopologyRows::zones()
{
    return StoreQuery::readAll(m_db.exec(QStringLiteral("SELECT id, name, provider, "
                                                        "provider_settings, secret_ref FROM zones "
                                                        "ORDER BY name")),
                               &readZone);
}

Result<QList<Origin>> TopologyRows::origins()
{
    return StoreQuery::readAll(
        m_db.exec(QStringLiteral("SELECT id, name, ssh_user, ssh_host, ssh_port, "
                                 "tunnel_address, wg_public_key, state, ssh_host_key FROM origins "
                                 "ORDER BY name")),
        &readOrigin);
}

Result<QList<Edge>> TopologyRows::edges()
{
    return StoreQuery::readAll(
        m_db.exec(
            QStringLiteral("SELECT id, name, ssh_user, ssh_host, ssh_port, tunnel_address, "
                           "wg_public_key, state, public_ipv4, public_ipv6, provider, provider_id, "
                           "profile, ssh_host_key FROM edges ORDER BY name")),
        &readEdge);
}

Result<QList<Route>> TopologyRows::routes()
{
    return StoreQuery::readAll(
        m_db.exec(
            QStringLiteral("SELECT r.id, r.hostname, z.name, o.name, r.port, r.websocket, "
                           "r.max_body_bytes, r.timeout_s, r.health_path, r.tls FROM routes r "
                           "JOIN zones z ON z.id = r.zone_id JOIN origins o ON o.id = r.origin_id "
                           "ORDER BY r.hostname")),
        &readRoute);
}

Status TopologyRows::insertZone(const Zone &zone)
{
    return StoreQuery::ignoreRows(m_db.exec(
        QStringLiteral("INSERT INTO zones (name, provider, "
                       "provider_settings, secret_ref) VALUES (?, ?, ?, ?)"),
        {zone.name, toString(zone.provider), settingsJson(zone.providerSettings), zone.secretRef}));
}

Status TopologyRows::assignTunnelAddress(HostKind kind, const QString &name, QString &address,
                                         const QString &range)
{
    TunnelAllocator allocator(m_db);
    if (!address.isEmpty())
        return allocator.claim(address, kindName(kind), name);
    Result<QString> allocated = allocator.allocate(range, kindName(kind), name);
    if (!allocated)
        return allocated.error();
    address = *allocated;
    return {};
}

Status TopologyRows::insertOrigin(Origin &origin, const QString &range)
{
    if (Status s = assignTunnelAddress(HostKind::Origin, origin.name, origin.tunnelAddress, range);
        !s)
        return s;
    return StoreQuery::ignoreRows(m_db.exec(
        QStringLiteral("INSERT INTO origins (name, ssh_user, ssh_host, ssh_port, tunnel_address, "
                       "wg_public_key, state, ssh_host_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {origin.name, origin.ssh.user, origin.ssh.host, origin.ssh.port, origin.tunnelAddress,
         origin.wgPublicKey, toString(origin.state), origin.sshHostKey}));
}

Status TopologyRows::insertEdge(Edge &edge, const QString &range)
{
    const Result<QList<Edge>> others = edges();
    if (!others)
        return others.error();
    if (Status s = ModelValidator::distinctEdge(edge, *others); !s)
        return s;
    if (Status s = assignTunnelAddress(HostKind::Edge, edge.name, edge.tunnelAddress, range); !s)
        return s;
    return StoreQuery::ignoreRows(m_db.exec(
        QStringLiteral("INSERT INTO edges (name, ssh_user, ssh_host, ssh_port, public_ipv4, "
                       "public_ipv6, provider, provider_id, tunnel_address, wg_public_key, state, "
                       "profile, ssh_host_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {edge.name, edge.ssh.user, edge.ssh.host, edge.ssh.port, edge.publicIpv4, edge.publicIpv6,
         edge.provider, edge.providerId, edge.tunnelAddress, edge.wgPublicKey, toString(edge.state),
         toString(edge.profile), edge.sshHostKey}));
}

Status TopologyRows::updateEdge(const Edge &edge)
{
    return StoreQuery::ignoreRows(
        m_db.exec(QStringLiteral("UPDATE edges SET ssh_user = ?, ssh_host = ?, ssh_port = ?, "
                                 "public_ipv4 = ?, public_ipv6 = ?, provider = ?, provider_id = ?, "
                                 "profile = ? WHERE name = ?"),
                  {edge.ssh.user, edge.ssh.host, edge.ssh.port, edge.publicIpv4, edge.publicIpv6,
                   edge.provider, edge.providerId, toString(edge.profile), edge.name}));
}

Result<std::pair<qint64, qint64>> TopologyRows::routeReferences(const Route &route)
{
    Result<qint64> zoneId =
        StoreQuery::idOf(m_db, QStringLiteral("zones"), QStringLiteral("name"), route.zoneName);
    Result<qint64> originId =
        StoreQuery::idOf(m_db, QStringLiteral("origins"), QStringLiteral("name"), route.originName);
    if (!zoneId)
        return zoneId.error();
    if (!originId)
        return originId.error();
    if (!*originId)
        return StoreQuery::notFound(QStringLiteral("origin"), route.originName);
    if (!*zoneId)
        return StoreQuery::notFound(QStringLiteral("zone"), route.zoneName);
    return std::pair{*zoneId, *originId};
}

Status TopologyRows::insertRoute(const Route &route)
{
    const Result<std::pair<qint64, qint64>> ids = routeReferences(route);
    if (!ids)
        return ids.error();
    return StoreQuery::ignoreRows(m_db.exec(
        QStringLiteral("INSERT INTO routes (hostname, zone_id, origin_id, port, websocket, "
                       "max_body_bytes, timeout_s, health_path, tls) VALUES (?, ?, ?, ?, ?, ?, ?, "
                       "?, ?)"),
        {route.hostname, ids->first, ids->second, route.port, route.websocket ? 1 : 0,
         route.maxBodyBytes, route.timeoutSeconds, route.healthPath, toString(route.tls)}));
}

Status TopologyRows::updateRoute(const Route &route)
{
    const Result<std::pair<qint64, qint64>> ids = routeReferences(route);
    if (!ids)
        return ids.error();
    return StoreQuery::ignoreRows(
        m_db.exec(QStringLiteral("UPDATE routes SET origin_id = ?, port = ?, websocket = ?, "
                                 "max_body_bytes = ?, timeout_s = ?, health_path = ?, tls = ? "
                                 "WHERE hostname = ?"),
                  {ids->second, route.port, route.websocket ? 1 : 0, route.maxBodyBytes,
                   route.timeoutSeconds, route.healthPath, toString(route.tls), route.hostname}));
}

} // namespace kokoa
