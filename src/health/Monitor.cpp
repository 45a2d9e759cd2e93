#include "health/Monitor.h"

#include "health/HealthLogging.h"
#include "health/ProbeEngine.h"
#include "ssh/SshIdentity.h"
#include "ssh/SshSession.h"
#include "store/CertificateStore.h"
#include "store/Lease.h"
#include "store/StatusStore.h"
#include "store/Store.h"
#include "core/DataDirectory.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QThread>
#include <QThreadPool>

namespace kokoa {

// Owns the DnsActuator on the DNS thread: provider calls block and must not
// stall probing.
class DnsWorker final : public QObject
{
public:
    explicit DnsWorker(std::unique_ptr<DnsActuator> actuator) : m_actuator(std::move(actuator)) {}
    DnsActuator &actuator() { return *m_actuator; }

private:
    std::unique_ptr<DnsActuator> m_actuator;
};

struct Monitor::Slot
{
    QString key;      // tracker key
    QString edge;
    QString hostname; // empty for an edge probe
    int target = -1;  // ProbeEngine target id
    qint64 nextDueMs = 0;
    bool running = false;
    int runs = 0;
};

namespace {

QString edgeKey(const QString &edge) { return QStringLiteral("edge:") + edge; }
// Port 443 of an edge, probed when some route is served over TLS.
QString edgeTlsKey(const QString &edge) { return QStringLiteral("edge:") + edge + QStringLiteral(":443"); }
QString routeKey(const QString &edge, const QString &host)
{
    return QStringLiteral("route:") + HealthSnapshot::routeKey(edge, host);
}

QString edgeAddress(const Edge &e) { return e.publicIpv4.isEmpty() ? e.publicIpv6 : e.publicIpv4; }

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
{
    m_dnsThread = new QThread(this);
    m_dnsThread->setObjectName(QStringLiteral("kokoa-dns"));
    m_dnsWorker = new DnsWorker(std::move(dns)); // owned by the thread's finished() below
    m_dnsWorker->moveToThread(m_dnsThread);
    connect(m_dnsThread, &QThread::finished, m_dnsWorker, &QObject::deleteLater);
    connect(&m_wheel, &QTimer::timeout, this, &Monitor::tick);
    connect(&m_cycle, &QTimer::timeout, this, &Monitor::cycle);
}

Monitor::~Monitor()
{
    stop();
    m_dnsThread->quit();
    m_dnsThread->wait();
}

Status Monitor::start()
{
    Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    Result<Settings> settings = m_store.settings();
    if (!settings)
        return settings.error();
    m_topology = *topology;
    m_settings = *settings;
    m_tracker = std::make_unique<HealthTracker>(m_settings.healthFall(), m_settings.healthRise(),
                                                qint64(m_settings.healthHoldDownSeconds()) * 1000);
    m_lease = std::make_unique<Lease>(m_store.database(), Lease::dnsLeaseName(), m_holder, m_clock);
    buildProbes();
    m_dnsThread->start();
    loadCurrentAnswers();
    m_roundStartedMs = m_clock.nowMs();
    m_wheel.start(25);
    m_cycle.start(m_settings.healthIntervalMs());
    logEvent(QStringLiteral("health"), m_options.component, QStringLiteral("start"),
             tr("%1 edges, %2 routes, %3 probes")
                 .arg(m_topology.edges.size())
                 .arg(m_topology.routes.size())
                 .arg(m_slots.size()));
    cycle();
    return {};
}

void Monitor::stop()
{
    if (!m_wheel.isActive() && !m_cycle.isActive())
        return;
    m_wheel.stop();
    m_cycle.stop();
    m_slotByTarget.clear();
    m_slots.clear();
    m_engine.reset();
    if (m_lease && m_holdsLease)
        (void)m_lease->release();
    m_holdsLease = false;
    StatusStore(m_store.database(), m_clock).clearHeartbeat(m_options.component, m_holder).ok();
    logEvent(QStringLiteral("health"), m_options.component, QStringLiteral("stop"), QString());
}

void Monitor::buildProbes()
{
    m_engine = std::make_unique<ProbeEngine>();
    connect(m_engine.get(), &ProbeEngine::finished, this, [this](int target, const ProbeResult &result) {
        if (Slot *slot = m_slotByTarget.value(target))
            probeFinished(*slot, result);
    });
    const QSet<QString> certified =
        CertificateStore(DataDirectory::certificatesPath(m_dataDir)).certified(m_topology);
    bool anyTls = false;
    for (const Route &route : std::as_const(m_topology.routes))
        anyTls = anyTls || (route.tls != TlsMode::Off && certified.contains(route.hostname));
    auto add = [this](QString key, const QString &edge, const QString &hostname, int target) {
        auto slot = std::make_unique<Slot>();
        slot->key = std::move(key);
        slot->edge = edge;
        slot->hostname = hostname;
        slot->target = target;
        m_slotByTarget.insert(target, slot.get());
        m_slots.push_back(std::move(slot));
    };
    for (const Edge &edge : std::as_const(m_topology.edges)) {
        const QHostAddress address(edgeAddress(edge));
        add(edgeKey(edge.name), edge.name, QString(), m_engine->addTcp(address, 80));
        if (anyTls)
            add(edgeTlsKey(edge.name), edge.name, QString(), m_engine->addTcp(address, 443));
        for (const Route &route : std::as_const(m_topology.routes)) {
            const bool tls = route.tls != TlsMode::Off && certified.contains(route.hostname);
            // A wildcard is probed through a name it covers.
            const QString host = route.hostname.startsWith(QLatin1String("*."))
                                     ? QStringLiteral("kokoa-health") + route.hostname.mid(1)
                                     : route.hostname;
            add(routeKey(edge.name, route.hostname), edge.name, route.hostname,
                m_engine->addHttp({address, quint16(tls ? 443 : 80), tls, host, route.healthPath}));
        }
    }
    // Spread the first runs evenly over one interval: no bursts, no jitter.
    const int interval = m_settings.healthIntervalMs();
    const qint64 now = m_clock.nowMs();
    const qsizetype n = qsizetype(m_slots.size());
    for (qsizetype i = 0; i < n; ++i)
        m_slots[size_t(i)]->nextDueMs = now + (n ? interval * i / n : 0);
}

void Monitor::tick()
{
    // Every slot has the same interval and the first runs were spread in
    // slot order, so slots fall due in that order, round after round: the
    // hand only visits the slots that are due.
    const qint64 now = m_clock.nowMs();
    const int interval = m_settings.healthIntervalMs();
    const int timeout = m_settings.healthTimeoutMs();
    for (size_t visited = 0; visited < m_slots.size(); ++visited) {
        Slot &slot = *m_slots[m_nextSlot];
        if (slot.nextDueMs > now)
            break;
        // Fixed steps from the schedule, not from "now": no drift.
        slot.nextDueMs += interval;
        if (slot.nextDueMs <= now)
            slot.nextDueMs = now + interval;
        if (!slot.running) { // a probe still running keeps its result coming
            slot.running = true;
            m_engine->probe(slot.target, timeout);
        }
        m_nextSlot = (m_nextSlot + 1) % m_slots.size();
    }
}

void Monitor::probeFinished(Slot &slot, const ProbeResult &result)
{
    slot.running = false;
    ++slot.runs;
    const std::optional<HealthTracker::Transition> t =
        m_tracker->record(slot.key, result.isServing(), m_clock.nowMs(),
                          toString(result.outcome) + QStringLiteral(": ") + result.detail);
    // An edge that stops answering is checked from another vantage at its
    // first failure, so the confirmation is ready by the time `fall` is reached.
    if (slot.hostname.isEmpty() && !result.isServing()
        && m_tracker->state(slot.key) == HealthTracker::State::Up
        && m_refuted.value(slot.edge) <= m_clock.nowMs()) {
        confirmFromAnotherVantage(slot.edge);
    }
    if (t) {
        m_publishNeeded = true;
        logEvent(QStringLiteral("health"), slot.key.section(QLatin1Char(':'), 1),
                 toString(t->from) + QStringLiteral(" → ") + toString(t->to), result.detail);
        scheduleEvaluation();
    }
    // A round ends when every probe has run once more.
    if (slot.runs == m_rounds + 1 && ++m_slotsAheadOfRound == qsizetype(m_slots.size())) {
        ++m_rounds;
        m_slotsAheadOfRound = 0;
        for (const std::unique_ptr<Slot> &s : m_slots) {
            if (s->runs > m_rounds)
                ++m_slotsAheadOfRound;
        }
        emit roundFinished(m_rounds);
    }
}

HealthSnapshot Monitor::snapshot() const
{
    HealthSnapshot s;
    const qint64 now = m_clock.nowMs();
    for (const Edge &e : m_topology.edges) {
        // Reachable means every probed port answers.
        const HealthTracker::State plain = m_tracker->state(edgeKey(e.name));
        const HealthTracker::Target *tls = m_tracker->target(edgeTlsKey(e.name));
        HealthTracker::State reach = plain;
        if (tls && (tls->state == HealthTracker::State::Down || plain == HealthTracker::State::Down))
            reach = HealthTracker::State::Down;
        else if (tls && tls->state != plain)
            reach = HealthTracker::State::Unknown;
        s.edges.insert(e.name, reach);
        for (const Route &r : m_topology.routes) {
            const HealthTracker::Target *t = m_tracker->target(routeKey(e.name, r.hostname));
            HealthSnapshot::RouteHealth rh;
            if (t) {
                rh.state = t->state;
                rh.sinceMs = t->lastChangeMs;
                rh.lastGoodMs = t->lastGoodMs;
                rh.originError = t->state == HealthTracker::State::Down
                                 && t->lastDetail.startsWith(toString(ProbeResult::Outcome::OriginError));
            }
            s.routes.insert(HealthSnapshot::routeKey(e.name, r.hostname), rh);
        }
    }
    for (auto it = m_confirmedDown.begin(); it != m_confirmedDown.end(); ++it) {
        if (it.value() > now)
            s.confirmedDown.insert(it.key());
    }
    for (auto it = m_refuted.begin(); it != m_refuted.end(); ++it) {
        if (it.value() > now)
            s.refuted.insert(it.key());
    }
    return s;
}

void Monitor::evaluate()
{
    if (!m_answersLoaded)
        return;
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
        logEvent(QStringLiteral("alert"), QStringLiteral("failover"), QStringLiteral("alert"), alert,
                 QStringLiteral("alert"));
        emit alertRaised(alert);
    }
    m_lastAlerts = alerts;

    for (const QString &edge : plan.confirmationNeeded)
        confirmFromAnotherVantage(edge);
    for (const HostnameDecision &d : plan.decisions) {
        if (d.changes() && !m_unmanaged.contains(d.hostname))
            applyDecision(d);
    }
}

void Monitor::scheduleEvaluation()
{
    if (m_evaluationPending)
        return;
    m_evaluationPending = true;
    QMetaObject::invokeMethod(this, [this] {
        m_evaluationPending = false;
        evaluate();
    }, Qt::QueuedConnection);
}

void Monitor::applyDecision(const HostnameDecision &decision)
{
    if (!m_options.mayAct || !m_holdsLease || m_dnsInFlight.contains(decision.hostname))
        return;
    const Route *route = nullptr;
    for (const Route &r : m_topology.routes) {
        if (r.hostname == decision.hostname)
            route = &r;
    }
    if (!route)
        return;
    m_dnsInFlight.insert(decision.hostname);
    const Route routeCopy = *route;
    const Topology topology = m_topology;
    const int ttl = m_settings.dnsTtl();
    const QSet<QString> desired = decision.desired;
    const QString reason = decision.reason;
    QMetaObject::invokeMethod(m_dnsWorker, [this, worker = m_dnsWorker, routeCopy, topology, desired,
                                            ttl, reason] {
        const Result<QStringList> changes = worker->actuator().setEdges(routeCopy, desired, topology, ttl);
        QMetaObject::invokeMethod(this, [this, routeCopy, desired, changes, reason] {
            m_dnsInFlight.remove(routeCopy.hostname);
            if (changes) {
                m_current.insert(routeCopy.hostname, desired);
                m_publishNeeded = true;
                logEvent(QStringLiteral("dns"), routeCopy.hostname, QStringLiteral("update"),
                         reason + QStringLiteral(": ") + changes->join(QStringLiteral("; ")));
                emit dnsChanged(routeCopy.hostname, *changes);
            } else {
                logEvent(QStringLiteral("dns"), routeCopy.hostname, QStringLiteral("update"), reason,
                         changes.error().message());
            }
            evaluate();
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void Monitor::loadCurrentAnswers()
{
    const Topology topology = m_topology;
    QMetaObject::invokeMethod(m_dnsWorker, [this, worker = m_dnsWorker, topology] {
        QHash<QString, QSet<QString>> current;
        QSet<QString> unmanaged;
        QStringList errors;
        for (const Route &r : topology.routes) {
            const Result<std::optional<QSet<QString>>> edges = worker->actuator().currentEdges(r, topology);
            if (!edges)
                errors.append(edges.error().message());
            else if (!edges->has_value())
                unmanaged.insert(r.hostname);
            else
                current.insert(r.hostname, **edges);
        }
        QMetaObject::invokeMethod(this, [this, current, unmanaged, errors] {
            m_current = current;
            m_unmanaged = unmanaged;
            m_answersLoaded = true;
            m_publishNeeded = true;
            for (const QString &e : errors)
                logEvent(QStringLiteral("dns"), QStringLiteral("read"), QStringLiteral("read"), QString(), e);
            evaluate();
        }, Qt::QueuedConnection);
    }, Qt::QueuedConnection);
}

void Monitor::confirmFromAnotherVantage(const QString &suspect)
{
    if (m_confirming.contains(suspect))
        return;
    const Edge *suspectEdge = m_topology.edge(suspect);
    const Edge *vantage = nullptr;
    for (const Edge &e : m_topology.edges) {
        if (e.name != suspect && !e.sshHostKey.isEmpty()
            && m_tracker->state(edgeKey(e.name)) == HealthTracker::State::Up) {
            vantage = &e;
            break;
        }
    }
    if (!suspectEdge || !vantage)
        return;
    m_confirming.insert(suspect);
    const Edge from = *vantage;
    const QString address = edgeAddress(*suspectEdge);
    const QString dataDir = m_dataDir;
    const qint64 validMs = 5LL * m_settings.healthIntervalMs();
    QThreadPool::globalInstance()->start([this, from, address, suspect, dataDir, validMs] {
        // From the other edge: can a TCP connection to the suspect's port 80 be made?
        bool reachable = false;
        QString detail;
        const Result<SshIdentity> identity = SshIdentity::loadOrCreate(dataDir);
        if (identity) {
            SshSession::Options o;
            o.target = from.ssh;
            o.identityFile = identity->privateKeyFile();
            o.hostKey.pinned = from.sshHostKey;
            o.connectTimeoutMs = 3000;
            Result<std::unique_ptr<SshSession>> s = SshSession::connect(o);
            if (s) {
                const Result<ExecResult> r = (*s)->exec(
                    {QStringLiteral("timeout"), QStringLiteral("2"), QStringLiteral("bash"),
                     QStringLiteral("-c"), QStringLiteral("exec 3<>\"/dev/tcp/$1/80\""),
                     QStringLiteral("kokoa-vantage"), address},
                    {}, 6000);
                reachable = r && r->exitCode == 0;
                detail = r ? QString() : r.error().message();
            } else {
                detail = s.error().message();
            }
        } else {
            detail = identity.error().message();
        }
        QMetaObject::invokeMethod(this, [this, from, suspect, reachable, detail, validMs] {
            m_confirming.remove(suspect);
            const qint64 until = m_clock.nowMs() + validMs;
            if (!detail.isEmpty()) {
                // The vantage itself failed: no evidence either way; act on what we see.
                m_confirmedDown.insert(suspect, until);
            } else if (reachable) {
                m_refuted.insert(suspect, until);
            } else {
                m_confirmedDown.insert(suspect, until);
            }
            logEvent(QStringLiteral("health"), QStringLiteral("edge ") + suspect,
                     QStringLiteral("vantage check"),
                     tr("from edge %1: %2").arg(from.name, reachable ? tr("reachable") : tr("unreachable")),
                     detail.isEmpty() ? QStringLiteral("ok") : detail);
            evaluate();
        }, Qt::QueuedConnection);
    });
}

void Monitor::cycle()
{
    if (m_lease && m_options.mayAct) {
        const qint64 ttl = std::max<qint64>(3LL * m_settings.healthIntervalMs(), 6000);
        const Result<bool> held = m_lease->acquire(ttl);
        const bool nowHeld = held && *held;
        if (nowHeld != m_holdsLease) {
            m_holdsLease = nowHeld;
            logEvent(QStringLiteral("health"), m_options.component,
                     nowHeld ? QStringLiteral("lease taken") : QStringLiteral("lease lost"), m_holder);
            if (nowHeld) {
                loadCurrentAnswers(); // someone else may have changed DNS meanwhile
                m_publishNeeded = true;
            }
        }
    }
    if (m_holdsLease) {
        evaluate();
        if (m_publishNeeded)
            publish();
    }
    StatusStore(m_store.database(), m_clock)
        .beat(m_options.component, m_holder,
              m_holdsLease ? QStringLiteral("acting") : QStringLiteral("standby"))
        .ok();
    emit cycleFinished();
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
    m_publishNeeded = !StatusStore(m_store.database(), m_clock).publishHealth(rows).ok();
}

void Monitor::logEvent(const QString &category, const QString &subject, const QString &action,
                       const QString &reason, const QString &outcome)
{
    Event e;
    e.category = category;
    e.subject = subject;
    e.action = action;
    e.reason = reason;
    e.outcome = outcome;
    if (Status s = m_store.appendEvent(e); !s)
        qCWarning(lcHealth) << "cannot log an event:" << s.error().message();
    qCInfo(lcHealth).noquote() << category << subject << action << reason << outcome;
}

} // namespace kokoa
