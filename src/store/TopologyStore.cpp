#include "store/TopologyStore.h"

#include "store/EventLog.h"
#include "store/SettingsStore.h"
#include "store/StoreQuery.h"
#include "store/TunnelAllocator.h"
#include "validate/ModelValidator.h"
#include "validate/Validator.h"

#include <algorithm>

namespace kokoa {
namespace {

// The fields of an edge a user may change, under Validator's field names.
QStringList changedFields(const Edge &before, const Edge &after)
{
    QStringList out;
    if (!(before.ssh == after.ssh))
        out.append(QStringLiteral("ssh"));
    if (before.publicIpv4 != after.publicIpv4 || before.publicIpv6 != after.publicIpv6)
        out.append(QStringLiteral("public-ip"));
    if (before.provider != after.provider)
        out.append(QStringLiteral("provider"));
    if (before.providerId != after.providerId)
        out.append(QStringLiteral("provider-id"));
    if (before.profile != after.profile)
        out.append(QStringLiteral("profile"));
    return out;
}

QStringList changedFields(const Route &before, const Route &after)
{
    QStringList out;
    const std::pair<bool, const char *> fields[] = {
        {before.originName != after.originName, "origin"},
        {before.port != after.port, "port"},
        {before.websocket != after.websocket, "websocket"},
        {before.maxBodyBytes != after.maxBodyBytes, "max-body"},
        {before.timeoutSeconds != after.timeoutSeconds, "timeout"},
        {before.healthPath != after.healthPath, "health-path"},
        {before.tls != after.tls, "tls"},
    };
    for (const auto &[changed, name] : fields) {
        if (changed)
            out.append(QString::fromLatin1(name));
    }
    return out;
}

template <typename T> const T *named(const QList<T> &list, const QString &name)
{
    for (const T &item : list) {
        if (item.name == name)
            return &item;
    }
    return nullptr;
}

} // namespace

Status TopologyStore::logChange(const QString &subject, const QString &action)
{
    return m_events.configChange(subject, action);
}

Result<Zone> TopologyStore::addZone(const Zone &input, const std::function<Status()> &alongside)
{
    Result<Zone> zone = ModelValidator::zone(input);
    if (!zone)
        return zone.error();
    if (Status st = ModelValidator::ownSecret(zone.value()); !st)
        return st.error();
    const Status s = m_db.transaction([&]() -> Status {
        Result<qint64> existing =
            StoreQuery::idOf(m_db, QStringLiteral("zones"), QStringLiteral("name"), zone->name);
        if (!existing)
            return existing.error();
        if (*existing) {
            return Error(Error::Kind::Conflict, tr("zone %1 already exists").arg(zone->name),
                         QStringLiteral("zone"));
        }
        if (Status st = m_rows.insertZone(*zone); !st)
            return st;
        if (alongside) {
            if (Status st = alongside(); !st)
                return st;
        }
        return logChange(QStringLiteral("zone ") + zone->name, QStringLiteral("add"));
    });
    if (!s)
        return s.error();
    return *zone;
}

Status TopologyStore::removeZone(const QString &name)
{
    return m_db.transaction([&]() -> Status {
        Result<qint64> id =
            StoreQuery::idOf(m_db, QStringLiteral("zones"), QStringLiteral("name"), name);
        if (!id)
            return id.error();
        if (!*id)
            return StoreQuery::notFound(QStringLiteral("zone"), name);
        Result<QSqlQuery> users = m_db.exec(
            QStringLiteral("SELECT hostname FROM routes WHERE zone_id = ? ORDER BY hostname"),
            {*id});
        if (!users)
            return users.error();
        QStringList hostnames;
        while (users->next())
            hostnames.append(users->value(0).toString());
        if (!hostnames.isEmpty()) {
            return Error(Error::Kind::Conflict,
                         tr("zone %1 is used by %n route(s): %2; remove them first", nullptr,
                            int(hostnames.size()))
                             .arg(name, hostnames.join(QStringLiteral(", "))),
                         QStringLiteral("zone"));
        }
        if (Status st = StoreQuery::ignoreRows(
                m_db.exec(QStringLiteral("DELETE FROM zones WHERE id = ?"), {*id}));
            !st) {
            return st;
        }
        return logChange(QStringLiteral("zone ") + name, QStringLiteral("remove"));
    });
}

template <typename Host>
Result<Host> TopologyStore::addHost(HostKind kind, Result<Host> host,
                                    Status (TopologyRows::*insert)(Host &, const QString &))
{
    if (!host)
        return host.error();
    Result<Settings> current = m_settings.settings();
    if (!current)
        return current.error();
    const QString label = TopologyRows::kindName(kind) + QLatin1Char(' ') + host->name;
    const Status s = m_db.transaction([&]() -> Status {
        Result<qint64> existing =
            StoreQuery::idOf(m_db, TopologyRows::tableOf(kind), QStringLiteral("name"), host->name);
        if (!existing)
            return existing.error();
        if (*existing)
            return Error(Error::Kind::Conflict, tr("%1 already exists").arg(label),
                         QStringLiteral("name"));
        if (Status st = (m_rows.*insert)(host.value(), current->tunnelRange()); !st)
            return st;
        return logChange(label, QStringLiteral("add"));
    });
    if (!s)
        return s.error();
    return host;
}

Result<Origin> TopologyStore::addOrigin(const Origin &input)
{
    return addHost(HostKind::Origin, ModelValidator::origin(input), &TopologyRows::insertOrigin);
}

Result<Edge> TopologyStore::addEdge(const Edge &input)
{
    return addHost(HostKind::Edge, ModelValidator::edge(input), &TopologyRows::insertEdge);
}

Result<Updated<Edge>> TopologyStore::updateEdge(const Edge &input)
{
    // Checked as a whole, like an edge being added; the facts that stay are
    // taken from the stored edge below, whatever the input says.
    const Result<Edge> wanted = ModelValidator::edge(input);
    if (!wanted)
        return wanted.error();
    Updated<Edge> result;
    const Status s = m_db.transaction([&]() -> Status {
        const Result<QList<Edge>> edges = m_rows.edges();
        if (!edges)
            return edges.error();
        const Edge *stored = named(*edges, wanted->name);
        if (!stored)
            return StoreQuery::notFound(QStringLiteral("edge"), wanted->name);
        Edge edge = *stored;
        edge.ssh = wanted->ssh;
        edge.publicIpv4 = wanted->publicIpv4;
        edge.publicIpv6 = wanted->publicIpv6;
        edge.provider = wanted->provider;
        edge.providerId = wanted->providerId;
        edge.profile = wanted->profile;
        result.value = edge;
        result.changedFields = changedFields(*stored, edge);
        if (!result.changed())
            return {};
        if (Status st = ModelValidator::distinctEdge(edge, *edges); !st)
            return st;
        if (Status st = m_rows.updateEdge(edge); !st)
            return st;
        return logChange(QStringLiteral("edge ") + edge.name,
                         QStringLiteral("update: ") +
                             result.changedFields.join(QStringLiteral(", ")));
    });
    if (!s)
        return s.error();
    return result;
}

Status TopologyStore::removeOrigin(const QString &name)
{
    return removeHost(HostKind::Origin, name);
}

Status TopologyStore::removeEdge(const QString &name)
{
    return removeHost(HostKind::Edge, name);
}

Status TopologyStore::removeHost(HostKind kind, const QString &name)
{
    const QString table = TopologyRows::tableOf(kind); // a literal, never input
    const QString kindName = TopologyRows::kindName(kind);
    return m_db.transaction([&]() -> Status {
        Result<QSqlQuery> found = m_db.exec(
            QStringLiteral("SELECT id, tunnel_address FROM %1 WHERE name = ?").arg(table), {name});
        if (!found)
            return found.error();
        if (!found->next())
            return StoreQuery::notFound(kindName, name);
        const qint64 id = found->value(0).toLongLong();
        const QString address = found->value(1).toString();
        if (kind == HostKind::Origin) {
            Result<QSqlQuery> users = m_db.exec(
                QStringLiteral("SELECT hostname FROM routes WHERE origin_id = ? ORDER BY hostname"),
                {id});
            if (!users)
                return users.error();
            QStringList hostnames;
            while (users->next())
                hostnames.append(users->value(0).toString());
            if (!hostnames.isEmpty()) {
                return Error(Error::Kind::Conflict,
                             tr("origin %1 is still used by %n route(s): %2; remove or move them "
                                "first",
                                nullptr, int(hostnames.size()))
                                 .arg(name, hostnames.join(QStringLiteral(", "))),
                             QStringLiteral("origin"));
            }
        }
        TunnelAllocator allocator(m_db);
        for (const Status &st :
             {StoreQuery::ignoreRows(
                  m_db.exec(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(table), {id})),
              allocator.forgetHost(kindName, name), allocator.release(address, m_clock.nowMs())}) {
            if (!st)
                return st;
        }
        return logChange(kindName + QLatin1Char(' ') + name, QStringLiteral("remove"));
    });
}

Result<Route> TopologyStore::addRoute(const Route &input)
{
    Result<Route> route = ModelValidator::route(input);
    if (!route)
        return route.error();
    Result<QList<Zone>> zones = m_rows.zones();
    if (!zones)
        return zones.error();
    Result<QString> zone = ModelValidator::zoneFor(route->hostname, *zones);
    if (!zone)
        return zone.error();
    route->zoneName = *zone;
    const Status s = m_db.transaction([&]() -> Status {
        Result<qint64> existing = StoreQuery::idOf(m_db, QStringLiteral("routes"),
                                                   QStringLiteral("hostname"), route->hostname);
        if (!existing)
            return existing.error();
        if (*existing) {
            return Error(Error::Kind::Conflict, tr("route %1 already exists").arg(route->hostname),
                         QStringLiteral("hostname"));
        }
        if (Status st = m_rows.insertRoute(*route); !st)
            return st;
        return logChange(QStringLiteral("route ") + route->hostname, QStringLiteral("add"));
    });
    if (!s)
        return s.error();
    return route;
}

Result<Updated<Route>> TopologyStore::updateRoute(const Route &input)
{
    const Result<Route> wanted = ModelValidator::route(input);
    if (!wanted)
        return wanted.error();
    Updated<Route> result;
    const Status s = m_db.transaction([&]() -> Status {
        const Result<QList<Route>> routes = m_rows.routes();
        if (!routes)
            return routes.error();
        const auto stored = std::find_if(routes->begin(), routes->end(), [&](const Route &r) {
            return r.hostname == wanted->hostname;
        });
        if (stored == routes->end())
            return StoreQuery::notFound(QStringLiteral("route"), wanted->hostname);
        Route route = *wanted;
        route.id = stored->id;
        route.zoneName = stored->zoneName; // follows from the hostname, which stays
        result.value = route;
        result.changedFields = changedFields(*stored, route);
        if (!result.changed())
            return {};
        if (Status st = m_rows.updateRoute(route); !st)
            return st;
        return logChange(QStringLiteral("route ") + route.hostname,
                         QStringLiteral("update: ") +
                             result.changedFields.join(QStringLiteral(", ")));
    });
    if (!s)
        return s.error();
    return result;
}

Status TopologyStore::removeRoute(const QString &hostname)
{
    return m_db.transaction([&]() -> Status {
        Result<qint64> id =
            StoreQuery::idOf(m_db, QStringLiteral("routes"), QStringLiteral("hostname"), hostname);
        if (!id)
            return id.error();
        if (!*id)
            return StoreQuery::notFound(QStringLiteral("route"), hostname);
        if (Status st = StoreQuery::ignoreRows(
                m_db.exec(QStringLiteral("DELETE FROM routes WHERE id = ?"), {*id}));
            !st) {
            return st;
        }
        return logChange(QStringLiteral("route ") + hostname, QStringLiteral("remove"));
    });
}

Status TopologyStore::updateHostColumn(HostKind kind, const QString &name, const QString &column,
                                       const QString &value, const QString &action)
{
    // Table and column names are literals from this file.
    const QString table = TopologyRows::tableOf(kind);
    return m_db.transaction([&]() -> Status {
        Result<QSqlQuery> current = m_db.exec(
            QStringLiteral("SELECT %1 FROM %2 WHERE name = ?").arg(column, table), {name});
        if (!current)
            return current.error();
        if (!current->next())
            return StoreQuery::notFound(TopologyRows::kindName(kind), name);
        if (current->value(0).toString() == value)
            return {};
        if (Status s = StoreQuery::ignoreRows(
                m_db.exec(QStringLiteral("UPDATE %1 SET %2 = ? WHERE name = ?").arg(table, column),
                          {value, name}));
            !s) {
            return s;
        }
        Event e;
        e.category = QStringLiteral("host");
        e.subject = TopologyRows::kindName(kind) + QLatin1Char(' ') + name;
        e.action = action;
        e.reason = value;
        return m_events.append(e);
    });
}

Status TopologyStore::setWireGuardKey(HostKind kind, const QString &name, const QString &publicKey)
{
    const Result<QString> key = Validator::wireGuardKey(QStringLiteral("wireguard key"), publicKey);
    if (!key)
        return key.error();
    return updateHostColumn(kind, name, QStringLiteral("wg_public_key"), *key,
                            QStringLiteral("wireguard key learned"));
}

Status TopologyStore::setSshHostKey(HostKind kind, const QString &name, const QString &fingerprint)
{
    const Result<QString> fp =
        Validator::hostKeyFingerprint(QStringLiteral("ssh host key"), fingerprint);
    if (!fp)
        return fp.error();
    return updateHostColumn(kind, name, QStringLiteral("ssh_host_key"), *fp,
                            QStringLiteral("ssh host key pinned"));
}

Status TopologyStore::setHostState(HostKind kind, const QString &name, HostState state)
{
    return updateHostColumn(kind, name, QStringLiteral("state"), kokoa::toString(state),
                            QStringLiteral("state"));
}

Status TopologyStore::recordDeployedReferences(const QString &hostKind, const QString &hostName,
                                               const QStringList &addresses)
{
    return m_db.transaction([&]() -> Status {
        return TunnelAllocator(m_db).recordReferences(hostKind, hostName, addresses);
    });
}

} // namespace kokoa
