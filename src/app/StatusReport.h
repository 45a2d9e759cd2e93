#pragma once

#include "core/Model.h"
#include "health/EdgeLoad.h"
#include "health/HealthTracker.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace kokoa {

// What the monitors have published, as data: the health of every edge and
// of every route on every edge, the edges in each hostname's DNS answer,
// the DNS changes held back after errors, the monitors' heartbeats and the
// DNS lease holder. `kokoactl status` prints it; a dashboard shows it.
struct StatusReport
{
    struct TargetHealth
    {
        HealthTracker::State state = HealthTracker::State::Unknown; // Unknown if never published
        qint64 sinceMs = 0;
        QString detail;
    };
    struct EdgeStatus
    {
        QString name;
        HostState deployState = HostState::New;
        TargetHealth health;
    };
    struct RouteOnEdge
    {
        QString edge;
        TargetHealth health;
    };
    struct HostnameStatus
    {
        QString hostname;
        QStringList dnsEdges; // sorted; empty when no monitor published an answer
        QList<RouteOnEdge> perEdge;
    };
    // A DNS change the acting monitor holds back after errors.
    struct HeldBack
    {
        QString target;      // a hostname, "zone:<name>" or "read:<zone>"
        bool paused = false; // not retried before a configuration change
        QString state;       // "retrying" or "paused", as published
        qint64 retryAtMs = 0;
        QString error;
    };
    // A DNS provider's request budget as the acting monitor last counted it
    // (CloudflareBudget): requests in the last 5 minutes against the limit.
    struct ApiBudget
    {
        QString provider; // "cloudflare"
        QString level;    // "normal", "refreshes paused", "reads paused", "exhausted"
        int used = 0;
        int limit = 0;
    };
    // Automatic replacement (edges.auto_replace) and the burns not finished.
    struct Replacement
    {
        bool enabled = false;
        int afterSeconds = 0;
        int perDay = 0;
        int lastDay = -1; // automatic burns started in the last 24 hours; -1: unknown
    };
    struct BurnInProgress
    {
        QString edge;
        QString replacement; // "" without one
        bool automatic = false;
        QStringList done; // steps done
    };
    struct MonitorStatus
    {
        QString component;
        QString holder;
        qint64 pid = 0;
        qint64 atMs = 0; // the last beat
        QString detail;  // as it last beat ("acting", "standby", ...)
        bool alive = false;
    };

    // A certificate lineage Kokoa holds (filled by readers that know the data
    // directory; HealthView alone leaves it empty).
    struct CertificateStatus
    {
        QString name;
        QStringList names;
        QString issuer;
        qint64 notAfterMs = 0;
        qint64 renewFromMs = 0; // 0: not known
        bool renewalFromAri = false;
        QStringList edges; // the edges last deployed with it
    };

    QList<EdgeStatus> edges; // in configuration order
    // By edge name: the load the acting monitor last read (requests/s, open
    // connections); an edge not read yet has no entry.
    QHash<QString, EdgeLoad> edgeLoads;
    QList<HostnameStatus> hostnames; // in configuration order
    QList<HeldBack> dnsHeldBack;
    QList<ApiBudget> apiBudgets;
    Replacement replacement;
    QList<BurnInProgress> burns;
    QList<MonitorStatus> monitors; // by component
    QList<CertificateStatus> certificates;
    QString leaseHolder; // empty: nobody acts on DNS
    qint64 leaseExpiresMs = 0;
    qint64 nowMs = 0; // when it was read

    const EdgeStatus *edge(const QString &name) const
    {
        for (const EdgeStatus &e : edges) {
            if (e.name == name)
                return &e;
        }
        return nullptr;
    }
};

} // namespace kokoa
