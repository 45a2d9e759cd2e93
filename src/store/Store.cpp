#include "store/Store.h"

#include "store/TunnelAllocator.h"
#include "validate/ModelValidator.h"
#include "validate/Validator.h"

#include <QHostAddress>
#include <QJsonDocument>

namespace kokoa {
namespace {

Error notFound(const QString &kind, const QString &name)
{
    return Error(Error::Kind::NotFound,
                 Store::tr("%1 %2 does not exist").arg(kind, quoteForMessage(name)), kind);
}

QString settingsJson(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

template <typename T>
Result<QList<T>> readAll(Result<QSqlQuery> query, T (*read)(const QSqlQuery &))
{
    if (!query)
        return query.error();
    QList<T> out;
    while (query->next())
        out.append(read(*query));
    return out;
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

Event readEvent(const QSqlQuery &q)
{
    Event e;
    e.id = q.value(0).toLongLong();
    e.at = QDateTime::fromMSecsSinceEpoch(q.value(1).toLongLong(), Qt::UTC);
    e.category = q.value(2).toString();
    e.subject = q.value(3).toString();
    e.action = q.value(4).toString();
    e.reason = q.value(5).toString();
    e.outcome = q.value(6).toString();
    return e;
}

Status ignoreRows(const Result<QSqlQuery> &q)
{
    if (!q)
        return q.error();
    return {};
}

bool inRange(const QString &address, const QString &range)
{
    return QHostAddress(address).isInSubnet(QHostAddress::parseSubnet(range));
}

// Why a host cannot have this tunnel address in this range, or empty: it must
// be inside, and neither the network nor the broadcast address (WireGuard
// would take them, but the kernel routes them as the subnet's own).
QString tunnelAddressProblem(const QString &address, const QString &range)
{
    if (!inRange(address, range))
        return Store::tr("is outside tunnel.range %1").arg(range);
    const auto [network, prefix] = QHostAddress::parseSubnet(range);
    const quint32 first = network.toIPv4Address();
    const quint32 last = first | (prefix >= 32 ? 0u : (0xffffffffu >> prefix));
    const quint32 value = QHostAddress(address).toIPv4Address();
    if (value == first)
        return Store::tr("is the network address of tunnel.range %1").arg(range);
    if (value == last)
        return Store::tr("is the broadcast address of tunnel.range %1").arg(range);
    return {};
}

} // namespace

Store::Store(std::unique_ptr<Database> db, const Clock &clock)
    : m_db(std::move(db))
    , m_clock(clock)
{}

Result<std::unique_ptr<Store>> Store::open(const QString &databasePath, const Clock &clock)
{
    Result<std::unique_ptr<Database>> db = Database::open(databasePath);
    if (!db)
        return db.error();
    return std::unique_ptr<Store>(new Store(std::move(db).value(), clock));
}

Result<Topology> Store::topology()
{
    Topology t;
    Result<QList<Zone>> zones = loadZones();
    Result<QList<Origin>> origins = loadOrigins();
    Result<QList<Edge>> edges = loadEdges();
    Result<QList<Route>> routes = loadRoutes();
    for (const Error *e : {zones ? nullptr : &zones.error(), origins ? nullptr : &origins.error(),
                           edges ? nullptr : &edges.error(), routes ? nullptr : &routes.error()}) {
        if (e)
            return *e;
    }
    t.zones = std::move(zones).value();
    t.origins = std::move(origins).value();
    t.edges = std::move(edges).value();
    t.routes = std::move(routes).value();
    return t;
}

Result<QList<Zone>> Store::loadZones()
{
    return readAll(m_db->exec(QStringLiteral("SELECT id, name, provider, provider_settings, "
                                             "secret_ref FROM zones ORDER BY name")),
                   &readZone);
}

Result<QList<Origin>> Store::loadOrigins()
{
    return readAll(
        m_db->exec(QStringLiteral("SELECT id, name, ssh_user, ssh_host, ssh_port, "
                                  "tunnel_address, wg_public_key, state, ssh_host_key FROM origins "
                                  "ORDER BY name")),
        &readOrigin);
}

Result<QList<Edge>> Store::loadEdges()
{
    return readAll(m_db->exec(QStringLiteral(
                       "SELECT id, name, ssh_user, ssh_host, ssh_port, tunnel_address, "
                       "wg_public_key, state, public_ipv4, public_ipv6, provider, provider_id, "
                       "profile, ssh_host_key FROM edges ORDER BY name")),
                   &readEdge);
}

Result<QList<Route>> Store::loadRoutes()
{
    return readAll(m_db->exec(QStringLiteral(
                       "SELECT r.id, r.hostname, z.name, o.name, r.port, r.websocket, "
                       "r.max_body_bytes, r.timeout_s, r.health_path, r.tls FROM routes r "
                       "JOIN zones z ON z.id = r.zone_id JOIN origins o ON o.id = r.origin_id "
                       "ORDER BY r.hostname")),
                   &readRoute);
}

Result<Settings> Store::settings()
{
    Result<QSqlQuery> q = m_db->exec(QStringLiteral("SELECT key, value FROM settings"));
    if (!q)
        return q.error();
    QMap<QString, QString> values;
    while (q->next())
        values.insert(q->value(0).toString(), q->value(1).toString());
    return Settings(values);
}

Status Store::setSetting(const QString &key, const QString &value)
{
    const Result<QString> canonical = Validator::setting(key, value);
    if (!canonical)
        return canonical.error();
    Result<Settings> current = settings();
    if (!current)
        return current.error();
    current->set(key, *canonical);
    if (Status s = Validator::settingsConsistent(*current); !s)
        return s;
    return m_db->transaction([&]() -> Status {
        if (key == QLatin1String("tunnel.range")) {
            if (Status s = checkRangeChange(*canonical); !s)
                return s;
        }
        if (Status s = insertSetting(key, *canonical); !s)
            return s;
        return logConfigChange(QStringLiteral("setting ") + key,
                               QStringLiteral("set to ") + *canonical);
    });
}

Status Store::checkRangeChange(const QString &range)
{
    Result<QSqlQuery> q = m_db->exec(QStringLiteral(
        "SELECT address, owner_kind, owner_name FROM tunnel_addresses WHERE owner_kind <> ''"));
    if (!q)
        return q.error();
    while (q->next()) {
        const QString address = q->value(0).toString();
        if (!inRange(address, range)) {
            return Error(Error::Kind::Conflict,
                         tr("tunnel.range: %1 does not contain %2 of %3 %4; remove or re-add "
                            "the hosts outside the new range first")
                             .arg(range, address, q->value(1).toString(), q->value(2).toString()),
                         QStringLiteral("tunnel.range"));
        }
        if (const QString problem = tunnelAddressProblem(address, range); !problem.isEmpty()) {
            return Error(Error::Kind::Conflict,
                         tr("tunnel.range: %1 of %2 %3 %4; remove or re-add that host first")
                             .arg(address, q->value(1).toString(), q->value(2).toString(), problem),
                         QStringLiteral("tunnel.range"));
        }
    }
    return {};
}

Status Store::insertSetting(const QString &key, const QString &value)
{
    return ignoreRows(m_db->exec(QStringLiteral("INSERT INTO settings (key, value) VALUES (?, ?) "
                                                "ON CONFLICT (key) DO UPDATE SET value = "
                                                "excluded.value"),
                                 {key, value}));
}

Result<qint64> Store::idOf(const QString &table, const QString &column, const QString &value)
{
    // table and column are literals from this file, never user input.
    Result<QSqlQuery> q =
        m_db->exec(QStringLiteral("SELECT id FROM %1 WHERE %2 = ?").arg(table, column), {value});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : qint64(0);
}

Result<Zone> Store::addZone(const Zone &input, const std::function<Status()> &alongside)
{
    Result<Zone> zone = ModelValidator::zone(input);
    if (!zone)
        return zone.error();
    if (Status st = ModelValidator::ownSecret(zone.value()); !st)
        return st.error();
    const Status s = m_db->transaction([&]() -> Status {
        Result<qint64> existing = idOf(QStringLiteral("zones"), QStringLiteral("name"), zone->name);
        if (!existing)
            return existing.error();
        if (*existing) {
            return Error(Error::Kind::Conflict, tr("zone %1 already exists").arg(zone->name),
                         QStringLiteral("zone"));
        }
        if (Status st = insertZone(*zone); !st)
            return st;
        if (alongside) {
            if (Status st = alongside(); !st)
                return st;
        }
        return logConfigChange(QStringLiteral("zone ") + zone->name, QStringLiteral("add"));
    });
    if (!s)
        return s.error();
    return *zone;
}

Status Store::insertZone(const Zone &zone)
{
    return ignoreRows(m_db->exec(
        QStringLiteral("INSERT INTO zones (name, provider, "
                       "provider_settings, secret_ref) VALUES (?, ?, ?, ?)"),
        {zone.name, toString(zone.provider), settingsJson(zone.providerSettings), zone.secretRef}));
}

Status Store::removeZone(const QString &name)
{
    return m_db->transaction([&]() -> Status {
        Result<qint64> id = idOf(QStringLiteral("zones"), QStringLiteral("name"), name);
        if (!id)
            return id.error();
        if (!*id)
            return notFound(QStringLiteral("zone"), name);
        Result<QSqlQuery> users = m_db->exec(
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
        if (Status st =
                ignoreRows(m_db->exec(QStringLiteral("DELETE FROM zones WHERE id = ?"), {*id}));
            !st) {
            return st;
        }
        return logConfigChange(QStringLiteral("zone ") + name, QStringLiteral("remove"));
    });
}

namespace {

QString tableOf(Store::HostKind kind)
{
    return kind == Store::HostKind::Edge ? QStringLiteral("edges") : QStringLiteral("origins");
}

} // namespace

Status Store::assignTunnelAddress(HostKind kind, const QString &name, QString &address,
                                  const QString &range)
{
    TunnelAllocator allocator(*m_db);
    if (!address.isEmpty())
        return allocator.claim(address, kindName(kind), name);
    Result<QString> allocated = allocator.allocate(range, kindName(kind), name);
    if (!allocated)
        return allocated.error();
    address = *allocated;
    return {};
}

Status Store::insertOrigin(Origin &origin, const QString &range)
{
    if (Status s = assignTunnelAddress(HostKind::Origin, origin.name, origin.tunnelAddress, range);
        !s)
        return s;
    return ignoreRows(m_db->exec(
        QStringLiteral("INSERT INTO origins (name, ssh_user, ssh_host, ssh_port, tunnel_address, "
                       "wg_public_key, state, ssh_host_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        {origin.name, origin.ssh.user, origin.ssh.host, origin.ssh.port, origin.tunnelAddress,
         origin.wgPublicKey, toString(origin.state), origin.sshHostKey}));
}

Status Store::insertEdge(Edge &edge, const QString &range)
{
    const Result<QList<Edge>> others = loadEdges();
    if (!others)
        return others.error();
    if (Status s = ModelValidator::distinctEdge(edge, *others); !s)
        return s;
    if (Status s = assignTunnelAddress(HostKind::Edge, edge.name, edge.tunnelAddress, range); !s)
        return s;
    return ignoreRows(m_db->exec(
        QStringLiteral("INSERT INTO edges (name, ssh_user, ssh_host, ssh_port, public_ipv4, "
                       "public_ipv6, provider, provider_id, tunnel_address, wg_public_key, state, "
                       "profile, ssh_host_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {edge.name, edge.ssh.user, edge.ssh.host, edge.ssh.port, edge.publicIpv4, edge.publicIpv6,
         edge.provider, edge.providerId, edge.tunnelAddress, edge.wgPublicKey, toString(edge.state),
         toString(edge.profile), edge.sshHostKey}));
}

template <typename Host>
Result<Host> Store::addHost(HostKind kind, Result<Host> host,
                            Status (Store::*insert)(Host &, const QString &))
{
    if (!host)
        return host.error();
    Result<Settings> current = settings();
    if (!current)
        return current.error();
    const QString label = kindName(kind) + QLatin1Char(' ') + host->name;
    const Status s = m_db->transaction([&]() -> Status {
        Result<qint64> existing = idOf(tableOf(kind), QStringLiteral("name"), host->name);
        if (!existing)
            return existing.error();
        if (*existing)
            return Error(Error::Kind::Conflict, tr("%1 already exists").arg(label),
                         QStringLiteral("name"));
        if (Status st = (this->*insert)(host.value(), current->tunnelRange()); !st)
            return st;
        return logConfigChange(label, QStringLiteral("add"));
    });
    if (!s)
        return s.error();
    return host;
}

Result<Origin> Store::addOrigin(const Origin &input)
{
    return addHost(HostKind::Origin, ModelValidator::origin(input), &Store::insertOrigin);
}

Result<Edge> Store::addEdge(const Edge &input)
{
    return addHost(HostKind::Edge, ModelValidator::edge(input), &Store::insertEdge);
}

Status Store::removeOrigin(const QString &name)
{
    return removeHost(HostKind::Origin, name);
}

Status Store::removeEdge(const QString &name)
{
    return removeHost(HostKind::Edge, name);
}

Status Store::removeHost(HostKind kind, const QString &name)
{
    const QString table = tableOf(kind); // a literal, never input
    return m_db->transaction([&]() -> Status {
        Result<QSqlQuery> found = m_db->exec(
            QStringLiteral("SELECT id, tunnel_address FROM %1 WHERE name = ?").arg(table), {name});
        if (!found)
            return found.error();
        if (!found->next())
            return notFound(kindName(kind), name);
        const qint64 id = found->value(0).toLongLong();
        const QString address = found->value(1).toString();
        if (kind == HostKind::Origin) {
            Result<QSqlQuery> users = m_db->exec(
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
        TunnelAllocator allocator(*m_db);
        for (const Status &st :
             {ignoreRows(
                  m_db->exec(QStringLiteral("DELETE FROM %1 WHERE id = ?").arg(table), {id})),
              allocator.forgetHost(kindName(kind), name),
              allocator.release(address, m_clock.nowMs())}) {
            if (!st)
                return st;
        }
        return logConfigChange(kindName(kind) + QLatin1Char(' ') + name, QStringLiteral("remove"));
    });
}

Status Store::insertRoute(const Route &route)
{
    Result<qint64> zoneId = idOf(QStringLiteral("zones"), QStringLiteral("name"), route.zoneName);
    Result<qint64> originId =
        idOf(QStringLiteral("origins"), QStringLiteral("name"), route.originName);
    if (!zoneId)
        return zoneId.error();
    if (!originId)
        return originId.error();
    if (!*originId)
        return notFound(QStringLiteral("origin"), route.originName);
    if (!*zoneId)
        return notFound(QStringLiteral("zone"), route.zoneName);
    return ignoreRows(m_db->exec(
        QStringLiteral("INSERT INTO routes (hostname, zone_id, origin_id, port, websocket, "
                       "max_body_bytes, timeout_s, health_path, tls) VALUES (?, ?, ?, ?, ?, ?, ?, "
                       "?, ?)"),
        {route.hostname, *zoneId, *originId, route.port, route.websocket ? 1 : 0,
         route.maxBodyBytes, route.timeoutSeconds, route.healthPath, toString(route.tls)}));
}

Result<Route> Store::addRoute(const Route &input)
{
    Result<Route> route = ModelValidator::route(input);
    if (!route)
        return route.error();
    Result<QList<Zone>> zones = loadZones();
    if (!zones)
        return zones.error();
    Result<QString> zone = ModelValidator::zoneFor(route->hostname, *zones);
    if (!zone)
        return zone.error();
    route->zoneName = *zone;
    const Status s = m_db->transaction([&]() -> Status {
        Result<qint64> existing =
            idOf(QStringLiteral("routes"), QStringLiteral("hostname"), route->hostname);
        if (!existing)
            return existing.error();
        if (*existing) {
            return Error(Error::Kind::Conflict, tr("route %1 already exists").arg(route->hostname),
                         QStringLiteral("hostname"));
        }
        if (Status st = insertRoute(*route); !st)
            return st;
        return logConfigChange(QStringLiteral("route ") + route->hostname, QStringLiteral("add"));
    });
    if (!s)
        return s.error();
    return route;
}

Status Store::removeRoute(const QString &hostname)
{
    return m_db->transaction([&]() -> Status {
        Result<qint64> id = idOf(QStringLiteral("routes"), QStringLiteral("hostname"), hostname);
        if (!id)
            return id.error();
        if (!*id)
            return notFound(QStringLiteral("route"), hostname);
        if (Status st =
                ignoreRows(m_db->exec(QStringLiteral("DELETE FROM routes WHERE id = ?"), {*id}));
            !st) {
            return st;
        }
        return logConfigChange(QStringLiteral("route ") + hostname, QStringLiteral("remove"));
    });
}

Status Store::replaceAll(const Topology &input, const Settings &newSettings)
{
    Topology topology = input;
    if (Status s = ModelValidator::topology(topology); !s)
        return s;
    QMap<QString, QString> canonicalSettings;
    for (auto it = newSettings.explicitValues().begin(); it != newSettings.explicitValues().end();
         ++it) {
        const Result<QString> value = Validator::setting(it.key(), it.value());
        if (!value)
            return value.error();
        canonicalSettings.insert(it.key(), *value);
    }
    if (Status s = Validator::settingsConsistent(Settings(canonicalSettings)); !s)
        return s;
    const QString range = Settings(canonicalSettings).tunnelRange();
    auto checkAddress = [&](const QString &kind, const QString &name,
                            const QString &address) -> Status {
        const QString problem =
            address.isEmpty() ? QString() : tunnelAddressProblem(address, range);
        if (problem.isEmpty())
            return {};
        return Error(Error::Kind::InvalidInput,
                     tr("%1 %2: tunnel address %3 %4").arg(kind, name, address, problem),
                     QStringLiteral("tunnel address"));
    };
    for (const Origin &o : std::as_const(topology.origins)) {
        if (Status s = checkAddress(QStringLiteral("origin"), o.name, o.tunnelAddress); !s)
            return s;
    }
    for (const Edge &e : std::as_const(topology.edges)) {
        if (Status s = checkAddress(QStringLiteral("edge"), e.name, e.tunnelAddress); !s)
            return s;
    }

    return m_db->transaction([&]() -> Status {
        // Removed hosts' addresses stay reserved while deployed configs refer to them.
        for (const char *sql :
             {"DELETE FROM routes", "DELETE FROM zones", "DELETE FROM origins", "DELETE FROM edges",
              "DELETE FROM settings",
              "UPDATE tunnel_addresses SET owner_kind = '', owner_name = '', released_at_ms = "
              "coalesce(released_at_ms, ?) WHERE owner_kind <> ''"}) {
            const QString statement = QString::fromLatin1(sql);
            const QVariantList bindings = statement.contains(QLatin1Char('?'))
                                              ? QVariantList{m_clock.nowMs()}
                                              : QVariantList{};
            if (Status s = ignoreRows(m_db->exec(statement, bindings)); !s)
                return s;
        }
        for (auto it = canonicalSettings.cbegin(); it != canonicalSettings.cend(); ++it) {
            if (Status s = insertSetting(it.key(), it.value()); !s)
                return s;
        }
        // Hosts that bring their address take it back first; the allocator
        // then fills in the rest.
        TunnelAllocator allocator(*m_db);
        for (const Origin &o : std::as_const(topology.origins)) {
            if (o.tunnelAddress.isEmpty())
                continue;
            if (Status s = ignoreRows(
                    m_db->exec(QStringLiteral("DELETE FROM tunnel_addresses WHERE address = ?"),
                               {o.tunnelAddress}));
                !s) {
                return s;
            }
        }
        for (const Edge &e : std::as_const(topology.edges)) {
            if (e.tunnelAddress.isEmpty())
                continue;
            if (Status s = ignoreRows(
                    m_db->exec(QStringLiteral("DELETE FROM tunnel_addresses WHERE address = ?"),
                               {e.tunnelAddress}));
                !s) {
                return s;
            }
        }
        for (Zone &z : topology.zones) {
            if (Status s = insertZone(z); !s)
                return s;
        }
        for (Origin &o : topology.origins) {
            if (Status s = insertOrigin(o, range); !s)
                return s;
        }
        for (Edge &e : topology.edges) {
            if (Status s = insertEdge(e, range); !s)
                return s;
        }
        for (const Route &r : std::as_const(topology.routes)) {
            if (Status s = insertRoute(r); !s)
                return s;
        }
        if (Status s = allocator.collectUnreferenced(); !s)
            return s;
        return logConfigChange(QStringLiteral("configuration"),
                               tr("import: %1 zones, %2 origins, %3 edges, %4 routes")
                                   .arg(topology.zones.size())
                                   .arg(topology.origins.size())
                                   .arg(topology.edges.size())
                                   .arg(topology.routes.size()));
    });
}

QString Store::kindName(HostKind kind)
{
    return kind == HostKind::Edge ? QStringLiteral("edge") : QStringLiteral("origin");
}

Status Store::updateHostColumn(HostKind kind, const QString &name, const QString &column,
                               const QString &value, const QString &action)
{
    // Table and column names are literals from this file.
    const QString table = tableOf(kind);
    return m_db->transaction([&]() -> Status {
        Result<QSqlQuery> current = m_db->exec(
            QStringLiteral("SELECT %1 FROM %2 WHERE name = ?").arg(column, table), {name});
        if (!current)
            return current.error();
        if (!current->next())
            return notFound(kindName(kind), name);
        if (current->value(0).toString() == value)
            return {};
        if (Status s = ignoreRows(
                m_db->exec(QStringLiteral("UPDATE %1 SET %2 = ? WHERE name = ?").arg(table, column),
                           {value, name}));
            !s) {
            return s;
        }
        Event e;
        e.category = QStringLiteral("host");
        e.subject = kindName(kind) + QLatin1Char(' ') + name;
        e.action = action;
        e.reason = value;
        return appendEvent(e);
    });
}

Status Store::setWireGuardKey(HostKind kind, const QString &name, const QString &publicKey)
{
    const Result<QString> key = Validator::wireGuardKey(QStringLiteral("wireguard key"), publicKey);
    if (!key)
        return key.error();
    return updateHostColumn(kind, name, QStringLiteral("wg_public_key"), *key,
                            QStringLiteral("wireguard key learned"));
}

Status Store::setSshHostKey(HostKind kind, const QString &name, const QString &fingerprint)
{
    const Result<QString> fp =
        Validator::hostKeyFingerprint(QStringLiteral("ssh host key"), fingerprint);
    if (!fp)
        return fp.error();
    return updateHostColumn(kind, name, QStringLiteral("ssh_host_key"), *fp,
                            QStringLiteral("ssh host key pinned"));
}

Status Store::setHostState(HostKind kind, const QString &name, HostState state)
{
    return updateHostColumn(kind, name, QStringLiteral("state"), kokoa::toString(state),
                            QStringLiteral("state"));
}

Status Store::recordDeployedReferences(const QString &hostKind, const QString &hostName,
                                       const QStringList &addresses)
{
    return m_db->transaction([&]() -> Status {
        return TunnelAllocator(*m_db).recordReferences(hostKind, hostName, addresses);
    });
}

Status Store::appendEvent(const Event &event)
{
    const qint64 at = event.at.isValid() ? event.at.toMSecsSinceEpoch() : m_clock.nowMs();
    return ignoreRows(m_db->exec(
        QStringLiteral("INSERT INTO events (at_ms, category, subject, action, reason, outcome) "
                       "VALUES (?, ?, ?, ?, ?, ?)"),
        {at, event.category, event.subject, event.action, event.reason,
         event.outcome.isEmpty() ? QStringLiteral("ok") : event.outcome}));
}

Result<QList<Event>> Store::events(int limit)
{
    Result<QList<Event>> newestFirst = readAll(
        m_db->exec(QStringLiteral("SELECT id, at_ms, category, subject, action, reason, outcome "
                                  "FROM events ORDER BY id DESC LIMIT ?"),
                   {limit}),
        &readEvent);
    if (!newestFirst)
        return newestFirst;
    QList<Event> out = std::move(newestFirst).value();
    std::reverse(out.begin(), out.end());
    return out;
}

Result<int> Store::pruneEvents(qint64 maxAgeMs, int keepCount)
{
    // The schema refuses to delete the newest 1,000 events: stay clear of them.
    const int keep = std::max(keepCount, 1000);
    Result<QSqlQuery> q = m_db->exec(
        QStringLiteral("DELETE FROM events WHERE id <= (SELECT max(id) FROM events) - 1000 "
                       "AND (at_ms < ? OR id <= (SELECT max(id) FROM events) - ?)"),
        {m_clock.nowMs() - maxAgeMs, keep});
    if (!q)
        return q.error();
    return q->numRowsAffected();
}

Result<qint64> Store::configVersion()
{
    Result<QSqlQuery> q =
        m_db->exec(QStringLiteral("SELECT value FROM meta WHERE key = 'config_version'"));
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : qint64(0);
}

Status Store::logConfigChange(const QString &subject, const QString &action)
{
    Event e;
    e.category = QStringLiteral("config");
    e.subject = subject;
    e.action = action;
    return appendEvent(e);
}

} // namespace kokoa
