#pragma once

#include "core/Model.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QSet>

#include <memory>

namespace kokoa {

class DnsBackend;

// One hostname's answer as the monitor decided it, and what came of it.
struct AnswerChange
{
    Route route;
    QSet<QString> edges;                         // the edges the answer is to hold
    QString reason;                              // why, for the event log
    Result<QStringList> changes = QStringList(); // the change lines, or why not
};

// The DNS side of failover, in terms of edges: which edges a hostname's
// answer holds now, and making it hold a given set. Calls block; the
// monitor runs them on its DNS worker thread.
class DnsActuator
{
public:
    virtual ~DnsActuator() = default;

    // Edges whose public addresses are in the hostname's A/AAAA answer, as
    // edgesOf() names them (an address of a removed edge included).
    // nullopt: this hostname's zone is not managed by Kokoa (manual zone).
    virtual Result<std::optional<QSet<QString>>> currentEdges(const Route &route,
                                                              const Topology &topology) = 0;
    // Makes the answer hold exactly the addresses of `edges`; returns the
    // change lines for the event log.
    virtual Result<QStringList> setEdges(const Route &route, const QSet<QString> &edges,
                                         const Topology &topology, int ttl) = 0;
    // Makes the answers of several hostnames of ONE zone hold their edges,
    // as one change of the zone where its provider allows it (one
    // Cloudflare batch, one RFC 2136 UPDATE); fills in each change's
    // outcome. Calls for different zones may run at the same time. By
    // default setEdges() for each hostname in turn.
    virtual void setZoneEdges(QList<AnswerChange> &changes, const Topology &topology, int ttl)
    {
        for (AnswerChange &c : changes)
            c.changes = setEdges(c.route, c.edges, topology, ttl);
    }
    // A read of every answer begins: what is kept of a zone's records is
    // read again, once per zone.
    virtual void beginRead() {}
    // The configuration changed: forget anything made from the old one
    // (providers, credentials).
    virtual void reset() {}

    // The edges owning `addresses`. An owned address no configured edge has
    // (its edge was removed) is named strayName(address): the failover rules
    // never want it, so the monitor withdraws it like any failed edge, and
    // the last-record rule still applies to it.
    static QSet<QString> edgesOf(const QSet<QString> &addresses, const Topology &topology);
    static QString strayName(const QString &address)
    {
        return QStringLiteral("address:") + address;
    }
};

// DnsActuator over the zones' configured providers (Cloudflare, RFC 2136).
class ProviderDnsActuator final : public DnsActuator
{
    Q_DECLARE_TR_FUNCTIONS(ProviderDnsActuator)

public:
    explicit ProviderDnsActuator(QString dataDir);
    ~ProviderDnsActuator() override;

    Result<std::optional<QSet<QString>>> currentEdges(const Route &route,
                                                      const Topology &topology) override;
    Result<QStringList> setEdges(const Route &route, const QSet<QString> &edges,
                                 const Topology &topology, int ttl) override;
    void setZoneEdges(QList<AnswerChange> &changes, const Topology &topology, int ttl) override;
    void beginRead() override;
    void reset() override;

    // What setEdges() would change, changing nothing: the same plan, so
    // a dry run shows exactly what the real run does (orphans included).
    Result<QStringList> previewEdges(const Route &route, const QSet<QString> &edges,
                                     const Topology &topology, int ttl);

    static QStringList addressesOf(const QSet<QString> &edges, const Topology &topology);

private:
    Result<QStringList> reconcile(const Route &route, const QSet<QString> &edges,
                                  const Topology &topology, int ttl, bool dryRun);
    // nullptr for a manual zone.
    Result<DnsBackend *> backendFor(const Route &route, const Topology &topology);
    Result<DnsBackend *> makeBackend(const Route &route, const Topology &topology);
    void planAndApply(DnsBackend &backend, QList<AnswerChange> &changes, const Topology &topology,
                      int ttl);

    QString m_dataDir;
    // Guards the maps: zones change on threads of their own. A backend is
    // used by one thread at a time (the DNS thread's reads and writes take
    // turns; each zone's write runs on one thread).
    QMutex m_mutex;
    QHash<QString, std::shared_ptr<DnsBackend>> m_backends; // by zone name
    QSet<QString> m_refresh;                                // zones to read again
    QHash<QString, Error> m_readErrors;                     // zones whose read failed in this read
};

} // namespace kokoa
