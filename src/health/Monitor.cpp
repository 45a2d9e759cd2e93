#include "health/Monitor.h"

#include "core/DataDirectory.h"
#include "health/DnsDriver.h"
#include "health/HealthLogging.h"
#include "health/ProbeEngine.h"
#include "health/ProbeWheel.h"
#include "store/CertificateStore.h"
#include "store/Lease.h"
#include "store/StatusStore.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHostAddress>
#include <QRandomGenerator>

namespace kokoa {

namespace {

QString edgeKey(const QString &edge)
{
    return ProbeWheel::edgeKey(edge);
}
QString edgeTlsKey(const QString &edge)
{
    return ProbeWheel::edgeTlsKey(edge);
}
QString routeKey(const QString &edge, const QString &host)
{
    return ProbeWheel::routeKey(edge, host);
}

const Route *findRoute(const Topology &topology, const QString &hostname)
{
    for (const Route &r : topology.routes) {
        if (r.hostname == hostname)
            return &r;
    }
    return nullptr;
}

QString joined(const QSet<QString> &names)
{
    QStringList list(names.begin(), names.end());
    list.sort();
    return list.isEmpty() ? QStringLiteral("none") : list.join(QLatin1Char(','));
}

} // namespace

Monitor::Monitor(Store &store, QString dataDir, std::unique_ptr<DnsActuator> dns, Options options,
                 const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_dataDir(std::move(dataDir))
    , m_options(std::move(options))
    , m_clock(clock)
    , m_holder(QStringLiteral("%1:%2:%3")
                   .arg(m_options.component)
                   .arg(QCoreApplication::applicationPid())
                   .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0')))
    , m_events(store, clock)
    , m_dns(new DnsDriver(std::move(dns), this))
{
    if (!m_options.makeProber)
        m_options.makeProber = [] { return std::make_unique<ProbeEngine>(); };
    if (!m_options.vantageProbe)
        m_options.vantageProbe = VantageChecker::sshProbe(m_dataDir);
    m_vantage = new VantageChecker(m_options.vantageProbe, m_clock, this);
    m_probes = new ProbeWheel(m_options.makeProber, m_clock, this);
    connect(m_probes, &ProbeWheel::probed, this, &Monitor::probeFinished);
    connect(m_probes, &ProbeWheel::roundFinished, this, &Monitor::roundFinished);
    connect(&m_wheel, &QTimer::timeout, this, &Monitor::tick);
    connect(m_dns, &DnsDriver::applied, this, &Monitor::onApplied);
    connect(m_dns, &DnsDriver::answersRead, this, &Monitor::onAnswersRead);
    connect(m_vantage, &VantageChecker::decided, this,
            [this](const QString &suspect, const QString &summary, bool) {
                logEvent(QStringLiteral("health"), QStringLiteral("edge ") + suspect,
                         QStringLiteral("vantage check"), summary);
                scheduleEvaluation();
            });
}

Monitor::~Monitor()
{
    stop();
}

Status Monitor::loadConfiguration()
{
    const Result<QString> stamp = configStamp();
    if (!stamp)
        return stamp.error();
    Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    Result<Settings> settings = m_store.settings();
    if (!settings)
        return settings.error();
    m_topology = std::move(topology).value();
    m_settings = std::move(settings).value();
    m_configStamp = *stamp;
    return {};
}

// Cheap enough for every cycle: one row from the database and a stat of the
// few secret files (a `zone set-secret` touches no table).
Result<QString> Monitor::configStamp()
{
    const Result<qint64> version = m_store.configVersion();
    if (!version)
        return version.error();
    QString stamp = QString::number(*version);
    const QFileInfoList secrets =
        QDir(DataDirectory::secretsPath(m_dataDir)).entryInfoList(QDir::Files, QDir::Name);
    for (const QFileInfo &f : secrets) {
        stamp += QLatin1Char('|') + f.fileName() + QLatin1Char(':') + QString::number(f.size()) +
                 QLatin1Char(':') + QString::number(f.lastModified().toMSecsSinceEpoch());
    }
    return stamp;
}

Status Monitor::start()
{
    if (m_running)
        return {};
    if (Status s = loadConfiguration(); !s)
        return s;
    // A database that refuses writes (read-only data directory, full disk)
    // would leave a monitor that can neither act nor report: refuse to start.
    if (Status s = StatusStore(m_store.database(), m_clock)
                       .beat(m_options.component, m_holder, QStringLiteral("starting"));
        !s) {
        return Error(Error::Kind::Storage,
                     tr("cannot write to the database %1 (is the data directory read-only?): %2")
                         .arg(m_store.database().path(), s.error().message()));
    }
    m_tracker = std::make_unique<HealthTracker>(m_settings.healthFall(), m_settings.healthRise(),
                                                qint64(m_settings.healthHoldDownSeconds()) * 1000);
    m_lease = std::make_unique<Lease>(m_store.database(), Lease::dnsLeaseName(), m_holder, m_clock);
    m_running = true;
    m_writeFailures = 0;
    buildProbes();
    m_dns->start();
    readAnswers();
    m_nextCycleMs = m_clock.nowMs();
    m_wheel.start(m_options.wakeMs);
    logEvent(QStringLiteral("health"), m_options.component, QStringLiteral("start"),
             tr("%1 edges, %2 routes, %3 probes")
                 .arg(m_topology.edges.size())
                 .arg(m_topology.routes.size())
                 .arg(m_probes->size()));
    return {};
}

void Monitor::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_wheel.stop();
    m_probes->clear();
    // The lease is released only once no DNS change can land any more.
    const bool idle = m_dns->stop(m_options.stopBoundMs);
    if (m_lease && m_holdsLease) {
        if (idle) {
            (void)m_lease->release();
        } else {
            logEvent(QStringLiteral("dns"), m_options.component, QStringLiteral("stop"),
                     tr("a DNS change is still running; the lease is left to expire"),
                     QStringLiteral("timeout"));
        }
    }
    m_holdsLease = false;
    StatusStore(m_store.database(), m_clock).clearHeartbeat(m_options.component, m_holder).ok();
    m_events.flush();
    logEvent(QStringLiteral("health"), m_options.component, QStringLiteral("stop"), QString());
}

int Monitor::probeRounds() const
{
    return m_probes->rounds();
}

bool Monitor::dnsIdle() const
{
    return !m_dns->busy();
}

void Monitor::reloadIfChanged()
{
    const Result<QString> stamp = configStamp();
    if (stamp && *stamp != m_configStamp) {
        if (Status s = reload(); !s)
            logEvent(QStringLiteral("config"), m_options.component, QStringLiteral("reload"),
                     QString(), s.error().message());
    }
}

Status Monitor::reload()
{
    if (!m_running)
        return loadConfiguration();
    const QSet<QString> edgesBefore = [this] {
        QSet<QString> names;
        for (const Edge &e : m_topology.edges)
            names.insert(e.name);
        return names;
    }();
    if (Status s = loadConfiguration(); !s)
        return s;
    m_tracker->setParameters(m_settings.healthFall(), m_settings.healthRise(),
                             qint64(m_settings.healthHoldDownSeconds()) * 1000);
    buildProbes();
    QSet<QString> edges;
    for (const Edge &e : m_topology.edges)
        edges.insert(e.name);
    for (const QString &gone : edgesBefore - edges)
        m_vantage->forget(gone);
    QSet<QString> hostnames;
    for (const Route &r : m_topology.routes)
        hostnames.insert(r.hostname);
    for (auto it = m_current.begin(); it != m_current.end();) {
        if (hostnames.contains(it.key()))
            ++it;
        else
            it = m_current.erase(it);
    }
    // New credentials or zones may fix what failed: try again at once.
    m_backoff.clear();
    m_dns->reset();
    readAnswers();
    m_publishNeeded = true;
    logEvent(QStringLiteral("config"), m_options.component, QStringLiteral("reload"),
             tr("%1 edges, %2 routes, %3 probes")
                 .arg(m_topology.edges.size())
                 .arg(m_topology.routes.size())
                 .arg(m_probes->size()));
    emit configurationReloaded();
    return {};
}

void Monitor::buildProbes()
{
    const QSet<QString> certified =
        CertificateStore(DataDirectory::certificatesPath(m_dataDir)).certified(m_topology);
    QSet<QString> tls;
    for (const Route &route : std::as_const(m_topology.routes)) {
        if (route.tls != TlsMode::Off && certified.contains(route.hostname))
            tls.insert(route.hostname);
    }
    // Targets of removed edges and routes are forgotten; the others keep
    // their state across a reload.
    m_tracker->retain(m_probes->rebuild(m_topology, tls, m_settings.healthIntervalMs()));
}

void Monitor::tick()
{
    m_probes->turn(m_settings.healthIntervalMs(), m_settings.healthTimeoutMs());
    const qint64 now = m_clock.nowMs();
    if (m_running && now >= m_nextCycleMs) {
        m_nextCycleMs = now + m_settings.healthIntervalMs();
        cycle();
    }
}

void Monitor::probeFinished(const QString &key, const QString &edge, const QString &hostname,
                            const ProbeResult &result)
{
    const qint64 now = m_clock.nowMs();
    const std::optional<HealthTracker::Transition> t =
        m_tracker->record(key, result.isServing(), now,
                          toString(result.outcome) + QStringLiteral(": ") + result.detail);
    const bool edgeProbe = hostname.isEmpty();
    // An edge that stops answering is checked from other vantages at its
    // first failure, so the confirmation is ready by the time `fall` is reached.
    if (edgeProbe && !result.isServing() && m_tracker->state(key) == HealthTracker::State::Up &&
        !m_vantage->refuted(edge)) {
        requestConfirmation(edge);
    }
    const QString subject = key.section(QLatin1Char(':'), 1);
    if (const std::optional<qint64> until = m_tracker->takeSuppression(key, now)) {
        const HealthTracker::Target *target = m_tracker->target(key);
        logEvent(
            QStringLiteral("health"), subject, QStringLiteral("up suppressed"),
            tr("answers again, held down for %1 s more (fallen %2 time(s) soon after coming back)")
                .arg((*until - now + 999) / 1000)
                .arg(target ? target->flaps : 0));
    }
    if (t) {
        m_publishNeeded = true;
        if (edgeProbe && t->to == HealthTracker::State::Up) {
            m_vantage->forget(edge);
            m_outlivedLogged.remove(edge);
        }
        logEvent(QStringLiteral("health"), subject,
                 toString(t->from) + QStringLiteral(" → ") + toString(t->to), result.detail);
    }
    // A recovering target changes the picture without a transition.
    if (t || m_allDownEndedMs > 0 || m_tracker->state(key) == HealthTracker::State::Down)
        scheduleEvaluation();
}

HealthSnapshot Monitor::snapshot() const
{
    HealthSnapshot s;
    for (const Edge &e : m_topology.edges) {
        // Reachable means every probed port answers.
        const HealthTracker::Target *plain = m_tracker->target(edgeKey(e.name));
        const HealthTracker::Target *tls = m_tracker->target(edgeTlsKey(e.name));
        const HealthTracker::State plainState =
            plain ? plain->state : HealthTracker::State::Unknown;
        HealthTracker::State reach = plainState;
        if (tls &&
            (tls->state == HealthTracker::State::Down || plainState == HealthTracker::State::Down))
            reach = HealthTracker::State::Down;
        else if (tls && tls->state != plainState)
            reach = HealthTracker::State::Unknown;
        s.edges.insert(e.name, reach);
        const bool plainBack =
            !plain || plain->state != HealthTracker::State::Down || plain->recovering();
        const bool tlsBack = !tls || tls->state != HealthTracker::State::Down || tls->recovering();
        if (reach == HealthTracker::State::Down && plainBack && tlsBack)
            s.edgesRecovering.insert(e.name);
        if (m_vantage->confirmedDown(e.name))
            s.confirmedDown.insert(e.name);
        if (m_vantage->refuted(e.name))
            s.refuted.insert(e.name);
        if (!m_vantage->running(e.name) && vantagesFor(e.name).isEmpty())
            s.noVantage.insert(e.name);
        for (const Route &r : m_topology.routes) {
            const HealthTracker::Target *t = m_tracker->target(routeKey(e.name, r.hostname));
            HealthSnapshot::RouteHealth rh;
            if (t) {
                rh.state = t->state;
                rh.sinceMs = t->lastChangeMs;
                rh.lastGoodMs = t->lastGoodMs;
                rh.recovering = t->recovering();
                rh.originError =
                    t->state == HealthTracker::State::Down &&
                    t->lastDetail.startsWith(toString(ProbeResult::Outcome::OriginError));
            }
            s.routes.insert(HealthSnapshot::routeKey(e.name, r.hostname), rh);
        }
    }
    s.settling = m_allDownEndedMs > 0;
    return s;
}

// After every edge looked down (our own uplink, most likely), the first
// results back describe only part of the world: DNS is left alone until
// every target has been probed again.
void Monitor::trackAllDown()
{
    bool allDown = !m_topology.edges.isEmpty();
    for (const Edge &e : m_topology.edges)
        allDown = allDown && m_tracker->state(edgeKey(e.name)) == HealthTracker::State::Down;
    const qint64 now = m_clock.nowMs();
    if (m_allDown && !allDown)
        m_allDownEndedMs = now;
    if (allDown)
        m_allDownEndedMs = 0;
    m_allDown = allDown;
    if (m_allDownEndedMs > 0 && m_probes->oldestResultMs() >= m_allDownEndedMs)
        m_allDownEndedMs = 0;
}

void Monitor::evaluate()
{
    if (!m_answersLoaded || !m_running)
        return;
    trackAllDown();
    QHash<QString, QSet<QString>> current = m_current;
    for (const QString &host : std::as_const(m_unmanaged)) {
        // Manual zones: Kokoa assumes every edge is in DNS and only reports.
        QSet<QString> all;
        for (const Edge &e : m_topology.edges)
            all.insert(e.name);
        current.insert(host, all);
    }
    const FailoverPlan plan = FailoverPolicy::decide(m_topology, snapshot(), current);

    const QSet<QString> alerts(plan.alerts.begin(), plan.alerts.end());
    for (const QString &alert : alerts - m_lastAlerts) {
        logEvent(QStringLiteral("alert"), QStringLiteral("failover"), QStringLiteral("alert"),
                 alert, QStringLiteral("alert"));
        emit alertRaised(alert);
    }
    m_lastAlerts = alerts;

    for (const QString &edge : plan.confirmationNeeded)
        requestConfirmation(edge);
    for (const Edge &e : m_topology.edges) {
        if (m_vantage->refutationOutlived(e.name) && !m_outlivedLogged.contains(e.name)) {
            m_outlivedLogged.insert(e.name);
            logEvent(QStringLiteral("health"), QStringLiteral("edge ") + e.name,
                     QStringLiteral("vantage check"),
                     tr("other edges reach it, but it has failed from here for %1 intervals: "
                        "their answer no longer keeps it in DNS")
                         .arg(kMaxRefutationIntervals));
        }
    }
    // One change at a time, decided from the health as it is when it is
    // sent: a change queued behind a slow one is never sent stale.
    if (!m_options.mayAct || !m_holdsLease || m_dns->busy())
        return;
    const qint64 now = m_clock.nowMs();
    for (const HostnameDecision &d : plan.decisions) {
        const Route *route = findRoute(m_topology, d.hostname);
        // A hostname whose answer could not be read yet looks empty: the
        // edges not probed yet would seem to have no place to keep.
        if (!d.changes() || m_unmanaged.contains(d.hostname) || !m_current.contains(d.hostname) ||
            !route || !m_backoff.mayTry(d.hostname, now) ||
            !m_backoff.mayTry(DnsBackoff::zoneKey(route->zoneName), now)) {
            continue;
        }
        dispatch(d);
        return;
    }
}

void Monitor::scheduleEvaluation()
{
    if (m_evaluationPending)
        return;
    m_evaluationPending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_evaluationPending = false;
            evaluate();
        },
        Qt::QueuedConnection);
}

void Monitor::dispatch(const HostnameDecision &decision)
{
    const Route *route = findRoute(m_topology, decision.hostname);
    QSet<QString> desired;
    for (const Edge &e : m_topology.edges) {
        if (decision.desired.contains(e.name))
            desired.insert(e.name); // never an edge the configuration no longer has
    }
    m_reasons.insert(decision.hostname, decision.reason);
    m_dns->apply(*route, desired, m_topology, m_settings.dnsTtl());
}

void Monitor::onApplied(const Route &route, const QSet<QString> &desired,
                        const Result<QStringList> &changes)
{
    const QString reason = m_reasons.take(route.hostname);
    // A route removed since the change was posted is no longer ours to track.
    if (!m_running || !findRoute(m_topology, route.hostname))
        return;
    if (!changes && changes.error().kind() == Error::Kind::Cancelled) {
        // Decided under a configuration that has changed since: nothing was
        // written; decide again from what DNS holds now.
        logEvent(QStringLiteral("dns"), route.hostname, QStringLiteral("update"), reason,
                 changes.error().message());
        readAnswers();
        return;
    }
    const qint64 now = m_clock.nowMs();
    if (changes) {
        m_backoff.succeeded(route.hostname);
        m_backoff.succeeded(DnsBackoff::zoneKey(route.zoneName));
        m_current.insert(route.hostname, desired);
        m_publishNeeded = true;
        logEvent(QStringLiteral("dns"), route.hostname, QStringLiteral("update"),
                 reason + QStringLiteral(": ") + changes->join(QStringLiteral("; ")));
        emit dnsChanged(route.hostname, *changes);
    } else {
        const Error &e = changes.error();
        qint64 retryAt = m_backoff.failed(route.hostname, e, now);
        if (e.kind() == Error::Kind::Refused)
            retryAt = m_backoff.failed(DnsBackoff::zoneKey(route.zoneName), e, now);
        const bool retryable = DnsBackoff::retryable(e);
        const QString pause = tr("paused for %1 min or until the configuration changes")
                                  .arg(DnsBackoff::kNotRetryableDelayMs / 60'000);
        logEvent(QStringLiteral("dns"), route.hostname, QStringLiteral("update"), reason,
                 retryable ? e.message() : tr("%1 (%2)").arg(e.message(), pause));
        if (!retryable) {
            // Failover itself is stuck until someone fixes the credentials
            // or the zone: that is worth an alert, once.
            const QString alert =
                tr("%1: the DNS provider refused the change (%2); DNS changes for it "
                   "are %3")
                    .arg(route.hostname, e.message(), pause);
            logEvent(QStringLiteral("alert"), QStringLiteral("dns"), QStringLiteral("alert"), alert,
                     QStringLiteral("alert"));
            emit alertRaised(alert);
        }
        m_publishNeeded = true;
        // What is in DNS after a failure is uncertain: read it again before
        // the next try. A conflict means it changed under us: read it now.
        m_nextDnsReadMs = std::min(m_nextDnsReadMs, retryAt);
        if (e.kind() == Error::Kind::Conflict)
            readAnswers();
    }
    scheduleEvaluation();
}

void Monitor::readAnswers()
{
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_reading = true;
    m_readAgain = false;
    m_nextDnsReadMs = m_clock.nowMs() + qint64(m_settings.dnsRefreshSeconds()) * 1000;
    m_dns->read(m_topology);
}

void Monitor::onAnswersRead(const QHash<QString, QSet<QString>> &current,
                            const QSet<QString> &unmanaged, const QHash<QString, Error> &errors)
{
    m_reading = false;
    if (!m_running)
        return;
    for (auto it = current.begin(); it != current.end(); ++it) {
        const Route *route = findRoute(m_topology, it.key());
        if (!route)
            continue; // read before a reload removed the route
        m_backoff.succeeded(QStringLiteral("read:") + route->zoneName);
        const auto known = m_current.constFind(it.key());
        if (m_answersLoaded && known != m_current.constEnd() && *known != *it) {
            logEvent(QStringLiteral("dns"), it.key(), QStringLiteral("changed elsewhere"),
                     tr("expected %1, found %2").arg(joined(*known), joined(*it)));
        }
        m_current.insert(it.key(), *it);
    }
    m_unmanaged = unmanaged;
    m_answersLoaded = true;
    m_publishNeeded = true;
    const qint64 now = m_clock.nowMs();
    for (auto it = errors.begin(); it != errors.end(); ++it) {
        const Route *route = findRoute(m_topology, it.key());
        if (!route)
            continue;
        logEvent(QStringLiteral("dns"), it.key(), QStringLiteral("read"), QString(), it->message());
        const QString key = QStringLiteral("read:") + route->zoneName;
        m_nextDnsReadMs = std::min(m_nextDnsReadMs, m_backoff.failed(key, *it, now));
    }
    if (m_readAgain)
        readAnswers();
    evaluate();
}

// Edges that can be asked whether `suspect` answers: reachable from here,
// with a pinned SSH host key.
QList<Edge> Monitor::vantagesFor(const QString &suspect) const
{
    QList<Edge> vantages;
    for (const Edge &e : m_topology.edges) {
        if (e.name != suspect && !e.sshHostKey.isEmpty() &&
            m_tracker->state(edgeKey(e.name)) == HealthTracker::State::Up) {
            vantages.append(e);
        }
    }
    return vantages;
}

void Monitor::requestConfirmation(const QString &suspect)
{
    const Edge *suspectEdge = m_topology.edge(suspect);
    if (!suspectEdge || m_vantage->running(suspect))
        return;
    const QList<Edge> vantages = vantagesFor(suspect);
    const qint64 interval = m_settings.healthIntervalMs();
    m_vantage->check(*suspectEdge, vantages, 5 * interval, kMaxRefutationIntervals * interval);
}

void Monitor::renewLease()
{
    if (!m_lease || !m_options.mayAct)
        return;
    const qint64 ttl = std::max<qint64>(3LL * m_settings.healthIntervalMs(), 6000);
    const Result<bool> held = m_lease->acquire(ttl);
    const bool nowHeld = held && *held;
    if (nowHeld == m_holdsLease)
        return;
    m_holdsLease = nowHeld;
    logEvent(QStringLiteral("health"), m_options.component,
             nowHeld ? QStringLiteral("lease taken") : QStringLiteral("lease lost"), m_holder);
    if (nowHeld) {
        readAnswers(); // someone else may have changed DNS meanwhile
        m_publishNeeded = true;
    }
}

void Monitor::cycle()
{
    reloadIfChanged();
    renewLease();
    if (m_holdsLease) {
        if (m_clock.nowMs() >= m_nextDnsReadMs)
            readAnswers();
        evaluate();
        if (m_publishNeeded)
            publish();
    }
    beat();
    m_events.maintain();
    emit cycleFinished();
}

void Monitor::beat()
{
    const Status s = StatusStore(m_store.database(), m_clock)
                         .beat(m_options.component, m_holder,
                               m_holdsLease ? QStringLiteral("acting") : QStringLiteral("standby"));
    m_writeFailures = s ? 0 : m_writeFailures + 1;
    if (m_writeFailures < kMaxWriteFailures)
        return;
    const QString text = tr("cannot write to the database %1 (%2 times in a row): %3")
                             .arg(m_store.database().path())
                             .arg(m_writeFailures)
                             .arg(s.error().message());
    qCCritical(lcHealth).noquote() << text;
    stop();
    emit fatalError(text);
}

void Monitor::publish()
{
    QList<StatusStore::HealthRow> rows;
    for (auto it = m_tracker->targets().begin(); it != m_tracker->targets().end(); ++it) {
        rows.append({it.key(), toString(it->state), it->lastChangeMs, it->lastDetail, 0});
    }
    for (auto it = m_current.begin(); it != m_current.end(); ++it) {
        QStringList edges(it->begin(), it->end());
        edges.sort();
        rows.append({QStringLiteral("dns:") + it.key(), QStringLiteral("answer"), 0,
                     edges.join(QStringLiteral(",")), 0});
    }
    // DNS changes held back after errors: "dns-backoff:<hostname or zone:name>".
    for (auto it = m_backoff.entries().begin(); it != m_backoff.entries().end(); ++it) {
        rows.append({QStringLiteral("dns-backoff:") + it.key(),
                     it->retryable ? QStringLiteral("retrying") : QStringLiteral("paused"),
                     it->retryAtMs, it->lastError, 0});
    }
    m_publishNeeded = !StatusStore(m_store.database(), m_clock).publishHealth(rows).ok();
}

void Monitor::logEvent(const QString &category, const QString &subject, const QString &action,
                       const QString &reason, const QString &outcome)
{
    m_events.record(category, subject, action, reason, outcome);
}

} // namespace kokoa
