#include "health/DnsActuator.h"

#include "core/DataDirectory.h"
#include "dns/DnsBackend.h"
#include "dns/DnsBackendFactory.h"
#include "dns/DnsOwnerId.h"
#include "dns/DnsReconciler.h"
#include "health/HealthLogging.h"
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

void ProviderDnsActuator::reset()
{
    QMutexLocker lock(&m_mutex);
    m_backends.clear();
}

void ProviderDnsActuator::beginRead()
{
    QMutexLocker lock(&m_mutex);
    m_refresh = QSet<QString>(m_backends.keyBegin(), m_backends.keyEnd());
    m_readErrors.clear();
}

Result<DnsBackend *> ProviderDnsActuator::backendFor(const Route &route, const Topology &topology)
{
    QMutexLocker lock(&m_mutex);
    if (const auto it = m_backends.constFind(route.zoneName); it != m_backends.constEnd())
        return it->get();
    return makeBackend(route, topology);
}

Result<DnsBackend *> ProviderDnsActuator::makeBackend(const Route &route, const Topology &topology)
{
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
    bool refresh = false;
    {
        // One read of the zone per read of every answer; a zone that failed
        // is not asked again for each of its hostnames.
        QMutexLocker lock(&m_mutex);
        if (const auto failed = m_readErrors.constFind(route.zoneName);
            failed != m_readErrors.constEnd())
            return *failed;
        refresh = m_refresh.remove(route.zoneName);
    }
    const Result<QHash<QString, DnsHostRecords>> records =
        (*backend)->recordsOf({route.hostname}, refresh);
    if (!records) {
        // The provider (or the zone's listing) failing is the zone's; a
        // hostname's own problem is not.
        const Error::Kind kind = records.error().kind();
        if (kind != Error::Kind::InvalidInput && kind != Error::Kind::Internal &&
            kind != Error::Kind::Conflict) {
            QMutexLocker lock(&m_mutex);
            m_readErrors.insert(route.zoneName, records.error());
        }
        return records.error();
    }
    QSet<QString> addresses;
    for (const DnsRecord &r : records->value(route.hostname).owned)
        addresses.insert(r.content);
    return std::optional<QSet<QString>>(edgesOf(addresses, topology));
}

Result<QStringList> ProviderDnsActuator::setEdges(const Route &route, const QSet<QString> &edges,
                                                  const Topology &topology, int ttl)
{
    return reconcile(route, edges, topology, ttl, false);
}

void ProviderDnsActuator::setZoneEdges(QList<AnswerChange> &changes, const Topology &topology,
                                       int ttl)
{
    if (changes.isEmpty())
        return;
    const Result<DnsBackend *> backend = backendFor(changes.first().route, topology);
    for (AnswerChange &c : changes) {
        if (c.route.zoneName != changes.first().route.zoneName) {
            c.changes = Error(
                Error::Kind::Internal,
                tr("%1 is not in zone %2").arg(c.route.hostname, changes.first().route.zoneName));
        } else if (!backend) {
            c.changes = backend.error();
        } else if (!*backend) {
            c.changes = QStringList{tr("%1: manual zone, DNS not changed").arg(c.route.hostname)};
        }
    }
    if (backend && *backend)
        planAndApply(**backend, changes, topology, ttl);
}

void ProviderDnsActuator::planAndApply(DnsBackend &backend, QList<AnswerChange> &changes,
                                       const Topology &topology, int ttl)
{
    QStringList hostnames;
    for (const AnswerChange &c : std::as_const(changes)) {
        if (c.changes)
            hostnames.append(c.route.hostname);
    }
    const Result<QHash<QString, DnsHostRecords>> current = backend.recordsOf(hostnames, false);
    QList<DnsChangeSet> planned;
    QList<AnswerChange *> sent;
    for (AnswerChange &c : changes) {
        if (!c.changes)
            continue;
        if (!current) {
            c.changes = current.error();
            continue;
        }
        // Each hostname is planned alone, by the same rules as ever (last
        // record, foreign records); only the sending is shared.
        const Result<DnsChangeSet> plan =
            DnsReconciler::plan(DnsDesired{c.route.hostname, addressesOf(c.edges, topology), ttl},
                                current->value(c.route.hostname));
        if (!plan) {
            c.changes = plan.error();
            continue;
        }
        c.changes = plan->describe();
        if (plan->isEmpty())
            continue;
        for (const QString &line : plan->describe())
            qCInfo(lcHealth).noquote() << "zone" << backend.zone() << line;
        planned.append(*plan);
        sent.append(&c);
    }
    if (planned.isEmpty())
        return;
    if (Status s = backend.applyAll(planned); !s) {
        // One change of the zone: none of it was applied, or (split over
        // several requests) what was is read again before the next try.
        for (AnswerChange *c : std::as_const(sent))
            c->changes = s.error();
    }
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
