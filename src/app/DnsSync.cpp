#include "app/DnsSync.h"

#include "app/AppLogging.h"
#include "health/DnsActuator.h"
#include "health/HealthKey.h"
#include "store/Lease.h"
#include "store/StatusStore.h"
#include "store/Store.h"

namespace kokoa::app {

int DnsSync::Report::failures() const
{
    int n = 0;
    for (const HostnameResult &h : hostnames)
        n += h.error ? 1 : 0;
    return n;
}

DnsSync::DnsSync(Store &store, QString dataDir)
    : m_store(store)
    , m_dataDir(std::move(dataDir))
{}

// Health published by a monitor that stopped is stale: only a lease holder's
// verdicts count.
Result<QStringList> DnsSync::edgesFoundDown() const
{
    const Result<QList<StatusStore::HealthRow>> health = StatusStore(m_store.database()).health();
    const Result<std::pair<QString, qint64>> holder =
        Lease(m_store.database(), Lease::dnsLeaseName(), QString()).current();
    if (!health || !holder)
        return !health ? health.error() : holder.error();
    QStringList down;
    if (holder->first.isEmpty())
        return down;
    for (const StatusStore::HealthRow &row : *health) {
        const std::optional<HealthKey> key = HealthKey::parse(row.key);
        if (key && key->isEdge() && row.state == QLatin1String("down") &&
            !down.contains(key->edgeName()))
            down.append(key->edgeName());
    }
    return down;
}

Result<DnsSync::Report> DnsSync::run(Mode mode) const
{
    const Result<Topology> t = m_store.topology();
    const Result<Settings> settings = m_store.settings();
    if (!t || !settings)
        return !t ? t.error() : settings.error();
    const Result<QStringList> down = edgesFoundDown();
    if (!down)
        return down.error();

    Report report;
    report.edgesLeftOut = *down;
    QSet<QString> deployed;
    for (const Edge &e : t->edges) {
        if (e.state == HostState::Deployed && !down->contains(e.name))
            deployed.insert(e.name);
    }
    ProviderDnsActuator actuator(m_dataDir);
    for (const Route &route : t->routes) {
        const Zone *zone = t->zone(route.zoneName);
        if (zone && zone->provider == DnsProvider::Manual)
            continue;
        const Result<QStringList> lines =
            mode == Mode::DryRun ? actuator.previewEdges(route, deployed, *t, settings->dnsTtl())
                                 : actuator.setEdges(route, deployed, *t, settings->dnsTtl());
        HostnameResult result{route.hostname, {}, std::nullopt};
        if (lines)
            result.changes = *lines;
        else
            result.error = lines.error();
        report.hostnames.append(result);
    }
    bool wrote = false;
    for (const HostnameResult &h : report.hostnames) {
        wrote = wrote || h.error;
        for (const QString &line : h.changes)
            wrote = wrote || !line.startsWith(QLatin1String("! ")); // "! ": a warning
    }
    // A running monitor acts on what it last read or wrote: it must read
    // this write before its next decision, or it would take its stale view
    // for DNS until its next scheduled read (a minute). A failed write
    // counts too: part of it may have landed.
    if (mode == Mode::Apply && wrote) {
        if (Status s = m_store.noteDnsWrittenElsewhere(); !s)
            qCWarning(lcApp) << "dns sync: telling the monitor failed:" << s.error().message();
    }
    qCInfo(lcApp) << "dns sync" << (mode == Mode::DryRun ? "(dry run)" : "") << "of"
                  << report.hostnames.size() << "hostnames," << report.failures() << "failed";
    return report;
}

} // namespace kokoa::app
