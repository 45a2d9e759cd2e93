#include "health/DnsActuator.h"

#include "core/DataDirectory.h"
#include "dns/DnsBackend.h"
#include "dns/DnsBackendFactory.h"
#include "dns/DnsOwnerId.h"
#include "dns/DnsReconciler.h"
#include "store/SecretStore.h"

namespace kokoa {

QSet<QString> DnsActuator::edgesOf(const QSet<QString> &addresses, const Topology &topology)
{
    QSet<QString> edges;
    QSet<QString> stray = addresses;
    for (const Edge &e : topology.edges) {
        if (addresses.contains(e.publicIpv4) || addresses.contains(e.publicIpv6))
            edges.insert(e.name);
        stray.remove(e.publicIpv4);
        stray.remove(e.publicIpv6);
    }
    for (const QString &address : std::as_const(stray))
        edges.insert(strayName(address));
    return edges;
}

ProviderDnsActuator::ProviderDnsActuator(QString dataDir)
    : m_dataDir(std::move(dataDir))
{}

ProviderDnsActuator::~ProviderDnsActuator() = default;

QStringList ProviderDnsActuator::addressesOf(const QSet<QString> &edges, const Topology &topology)
{
    QStringList out;
    for (const Edge &e : topology.edges) {
        if (!edges.contains(e.name))
            continue;
        if (!e.publicIpv4.isEmpty())
            out.append(e.publicIpv4);
        if (!e.publicIpv6.isEmpty())
            out.append(e.publicIpv6);
    }
    out.sort();
    return out;
}

Result<DnsBackend *> ProviderDnsActuator::backendFor(const Route &route, const Topology &topology)
{
    if (const auto it = m_backends.constFind(route.zoneName); it != m_backends.constEnd())
        return it->get();
    const Zone *zone = topology.zone(route.zoneName);
    if (!zone) {
        return Error(Error::Kind::NotFound,
                     tr("route %1: zone %2 does not exist").arg(route.hostname, route.zoneName));
    }
    if (zone->provider == DnsProvider::Manual) {
        m_backends.insert(zone->name, nullptr);
        return static_cast<DnsBackend *>(nullptr);
    }
    const SecretStore secrets(DataDirectory::secretsPath(m_dataDir));
    // Made here too for data directories from before owner ids.
    Result<DnsOwner> owner = DnsOwnerId::loadOrCreate(m_dataDir);
    if (!owner)
        return owner.error();
    // Old markers are adopted only at this installation's edge addresses.
    for (const Edge &e : topology.edges) {
        for (const QString &a : {e.publicIpv4, e.publicIpv6}) {
            if (const QString c = canonicalAddress(a); !c.isEmpty())
                owner->edgeAddresses.insert(c);
        }
    }
    Result<std::unique_ptr<DnsBackend>> backend = DnsBackendFactory::create(*zone, secrets, *owner);
    if (!backend)
        return backend.error();
    std::shared_ptr<DnsBackend> shared(std::move(backend).value());
    m_backends.insert(zone->name, shared);
    return shared.get();
}

Result<std::optional<QSet<QString>>> ProviderDnsActuator::currentEdges(const Route &route,
                                                                       const Topology &topology)
{
    Result<DnsBackend *> backend = backendFor(route, topology);
    if (!backend)
        return backend.error();
    if (!*backend)
        return std::optional<QSet<QString>>();
    const Result<DnsHostRecords> records = (*backend)->records(route.hostname);
    if (!records)
        return records.error();
    QSet<QString> addresses;
    for (const DnsRecord &r : records->owned)
        addresses.insert(r.content);
    return std::optional<QSet<QString>>(edgesOf(addresses, topology));
}

Result<QStringList> ProviderDnsActuator::setEdges(const Route &route, const QSet<QString> &edges,
                                                  const Topology &topology, int ttl)
{
    return reconcile(route, edges, topology, ttl, false);
}

Result<QStringList> ProviderDnsActuator::previewEdges(const Route &route,
                                                      const QSet<QString> &edges,
                                                      const Topology &topology, int ttl)
{
    return reconcile(route, edges, topology, ttl, true);
}

Result<QStringList> ProviderDnsActuator::reconcile(const Route &route, const QSet<QString> &edges,
                                                   const Topology &topology, int ttl, bool dryRun)
{
    Result<DnsBackend *> backend = backendFor(route, topology);
    if (!backend)
        return backend.error();
    if (!*backend)
        return QStringList{tr("%1: manual zone, DNS not changed").arg(route.hostname)};
    DnsReconciler reconciler(**backend);
    const Result<DnsChangeSet> change =
        reconciler.reconcile(DnsDesired{route.hostname, addressesOf(edges, topology), ttl},
                             dryRun ? DnsReconciler::Mode::DryRun : DnsReconciler::Mode::Apply);
    if (!change)
        return change.error();
    return change->describe();
}

} // namespace kokoa
