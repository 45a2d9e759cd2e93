#include "store/TopologyImport.h"

#include "store/EventLog.h"
#include "store/SettingsStore.h"
#include "store/StoreQuery.h"
#include "store/TopologyRows.h"
#include "store/TunnelAllocator.h"
#include "validate/ModelValidator.h"

namespace kokoa {

Status TopologyImport::replaceAll(const Topology &input, const Settings &newSettings)
{
    Topology topology = input;
    if (Status s = ModelValidator::topology(topology); !s)
        return s;
    const Result<Settings> canonicalSettings = SettingsStore::canonical(newSettings);
    if (!canonicalSettings)
        return canonicalSettings.error();
    const QString range = canonicalSettings->tunnelRange();
    if (Status s = checkTunnelAddresses(topology, range); !s)
        return s;

    return m_db.transaction([&]() -> Status {
        if (Status s = clearTopology(); !s)
            return s;
        if (Status s = m_settings.replaceAllRows(*canonicalSettings); !s)
            return s;
        if (Status s = reclaimGivenAddresses(topology); !s)
            return s;
        if (Status s = insertAll(topology, range); !s)
            return s;
        if (Status s = TunnelAllocator(m_db).collectUnreferenced(); !s)
            return s;
        return m_events.configChange(QStringLiteral("configuration"),
                                     tr("import: %1 zones, %2 origins, %3 edges, %4 routes")
                                         .arg(topology.zones.size())
                                         .arg(topology.origins.size())
                                         .arg(topology.edges.size())
                                         .arg(topology.routes.size()));
    });
}

Status TopologyImport::checkTunnelAddresses(const Topology &topology, const QString &range)
{
    auto check = [&](const QString &kind, const QString &name, const QString &address) -> Status {
        const QString problem =
            address.isEmpty() ? QString() : TunnelAllocator::addressProblem(address, range);
        if (problem.isEmpty())
            return {};
        return Error(Error::Kind::InvalidInput,
                     tr("%1 %2: tunnel address %3 %4").arg(kind, name, address, problem),
                     QStringLiteral("tunnel address"));
    };
    for (const Origin &o : topology.origins) {
        if (Status s = check(QStringLiteral("origin"), o.name, o.tunnelAddress); !s)
            return s;
    }
    for (const Edge &e : topology.edges) {
        if (Status s = check(QStringLiteral("edge"), e.name, e.tunnelAddress); !s)
            return s;
    }
    return {};
}

Status TopologyImport::clearTopology()
{
    // Removed hosts' addresses stay reserved while deployed configs refer to them.
    for (const char *sql :
         {"DELETE FROM routes", "DELETE FROM zones", "DELETE FROM origins", "DELETE FROM edges",
          "UPDATE tunnel_addresses SET owner_kind = '', owner_name = '', released_at_ms = "
          "coalesce(released_at_ms, ?) WHERE owner_kind <> ''"}) {
        const QString statement = QString::fromLatin1(sql);
        const QVariantList bindings =
            statement.contains(QLatin1Char('?')) ? QVariantList{m_clock.nowMs()} : QVariantList{};
        if (Status s = StoreQuery::ignoreRows(m_db.exec(statement, bindings)); !s)
            return s;
    }
    return {};
}

Status TopologyImport::reclaimGivenAddresses(const Topology &topology)
{
    // Hosts that bring their address take it back first; the allocator then
    // fills in the rest.
    QStringList given;
    for (const Origin &o : topology.origins)
        given.append(o.tunnelAddress);
    for (const Edge &e : topology.edges)
        given.append(e.tunnelAddress);
    for (const QString &address : std::as_const(given)) {
        if (address.isEmpty())
            continue;
        if (Status s = StoreQuery::ignoreRows(m_db.exec(
                QStringLiteral("DELETE FROM tunnel_addresses WHERE address = ?"), {address}));
            !s) {
            return s;
        }
    }
    return {};
}

Status TopologyImport::insertAll(Topology &topology, const QString &range)
{
    TopologyRows rows(m_db);
    for (const Zone &z : std::as_const(topology.zones)) {
        if (Status s = rows.insertZone(z); !s)
            return s;
    }
    for (Origin &o : topology.origins) {
        if (Status s = rows.insertOrigin(o, range); !s)
            return s;
    }
    for (Edge &e : topology.edges) {
        if (Status s = rows.insertEdge(e, range); !s)
            return s;
    }
    for (const Route &r : std::as_const(topology.routes)) {
        if (Status s = rows.insertRoute(r); !s)
            return s;
    }
    return {};
}

} // namespace kokoa
