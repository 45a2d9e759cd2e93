#pragma once

#include "core/Model.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QSet>

#include <memory>

namespace kokoa {

class DnsBackend;

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
    void reset() override { m_backends.clear(); }

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

    QString m_dataDir;
    QHash<QString, std::shared_ptr<DnsBackend>> m_backends; // by zone name
};

} // namespace kokoa
