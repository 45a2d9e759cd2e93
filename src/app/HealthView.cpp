#include "app/HealthView.h"

#include "health/HealthKey.h"
#include "store/BurnStore.h"
#include "store/Lease.h"
#include "store/StatusStore.h"
#include "store/Store.h"

#include <QDateTime>
#include <QHash>

namespace kokoa {

namespace {

// The monitors' default interval, for judging heartbeats when the settings
// cannot be read.
constexpr qint64 kDefaultIntervalMs = 2000;

StatusReport::TargetHealth healthOf(const QHash<HealthKey, StatusStore::HealthRow> &rows,
                                    const HealthKey &key)
{
    const auto it = rows.constFind(key);
    if (it == rows.constEnd())
        return {};
    return {healthStateFromString(it->state), it->sinceMs, it->detail};
}

} // namespace

Result<StatusReport> HealthView::report()
{
    const Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    StatusStore status(m_store.database(), m_clock);
    const Result<QList<StatusStore::HealthRow>> health = status.health();
    if (!health)
        return health.error();
    const Result<QList<StatusStore::Heartbeat>> beats = status.heartbeats();
    if (!beats)
        return beats.error();
    const Result<std::pair<QString, qint64>> lease =
        Lease(m_store.database(), Lease::dnsLeaseName(), QString(), m_clock).current();
    if (!lease)
        return lease.error();

    StatusReport report;
    report.nowMs = m_clock.nowMs();
    report.leaseHolder = lease->first;
    report.leaseExpiresMs = lease->second;

    QHash<HealthKey, StatusStore::HealthRow> rows;
    for (const StatusStore::HealthRow &row : *health) {
        const std::optional<HealthKey> key = HealthKey::parse(row.key);
        if (!key)
            continue; // written by a newer Kokoa: not ours to interpret
        rows.insert(*key, row);
        if (key->kind() == HealthKey::Kind::EdgeLoad && topology->edge(key->edgeName())) {
            if (std::optional<EdgeLoad> load = EdgeLoad::fromDetail(row.detail, row.sinceMs))
                report.edgeLoads.insert(key->edgeName(), *load);
        }
        if (key->kind() == HealthKey::Kind::DnsHeld) {
            report.dnsHeldBack.append({key->subject(), row.state == QLatin1String("paused"),
                                       row.state, row.sinceMs, row.detail});
        }
        if (key->kind() == HealthKey::Kind::ApiBudget) {
            const QStringList parts = row.detail.split(QLatin1Char('/'));
            report.apiBudgets.append(
                {key->subject(), row.state, parts.value(0).toInt(), parts.value(1).toInt()});
        }
    }
    for (const Edge &e : topology->edges)
        report.edges.append({e.name, e.state, healthOf(rows, HealthKey::edge(e.name))});
    for (const Route &route : topology->routes) {
        StatusReport::HostnameStatus host;
        host.hostname = route.hostname;
        const QString answer = rows.value(HealthKey::dnsAnswer(route.hostname)).detail;
        host.dnsEdges = answer.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const Edge &e : topology->edges)
            host.perEdge.append({e.name, healthOf(rows, HealthKey::route(e.name, route.hostname))});
        report.hostnames.append(host);
    }
    // A killed monitor leaves its last beat behind: its age decides.
    const Result<Settings> settings = m_store.settings();
    const qint64 interval = settings ? settings->healthIntervalMs() : kDefaultIntervalMs;
    for (const StatusStore::Heartbeat &b : *beats) {
        report.monitors.append({b.component, b.holder, b.pid, b.atMs, b.detail,
                                StatusStore::isAlive(b, report.nowMs, interval)});
    }
    addReplacement(report, settings ? *settings : Settings());
    return report;
}

void HealthView::addReplacement(StatusReport &report, const Settings &settings)
{
    report.replacement.enabled = settings.autoReplaceEdges();
    report.replacement.afterSeconds = settings.replaceAfterSeconds();
    report.replacement.perDay = settings.maxReplacementsPerDay();
    BurnStore burns(m_store.database());
    if (const Result<int> n = burns.automaticLastDay())
        report.replacement.lastDay = *n;
    if (const Result<QList<BurnRecord>> unfinished = burns.allUnfinished()) {
        for (const BurnRecord &b : *unfinished)
            report.burns.append({b.edge, b.replacement, b.automatic, b.done});
    }
}

} // namespace kokoa
