#include "health/Monitor.h"

#include "core/DataDirectory.h"
#include "health/AnswerKeeper.h"
#include "health/FastInterval.h"
#include "health/HealthLogging.h"
#include "health/HealthPicture.h"
#include "health/LeaseKeeper.h"
#include "health/ProbeEngine.h"
#include "health/ProbeWheel.h"
#include "store/CertificateStore.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QMetaMethod>
#include <QRandomGenerator>

namespace kokoa {

namespace {

const Route *findRoute(const Topology &topology, const QString &hostname)
{
    for (const Route &r : topology.routes) {
        if (r.hostname == hostname)
            return &r;
    }
    return nullptr;
}

QSet<QString> edgeNames(const Topology &topology)
{
    QSet<QString> names;
    for (const Edge &e : topology.edges)
        names.insert(e.name);
    return names;
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
    , m_config(store, m_dataDir)
    , m_events(store, clock)
    , m_publisher(store.database(), m_options.component, m_holder, clock)
    , m_lease(new LeaseKeeper(store.database(), m_holder, clock, this))
    , m_dns(new AnswerKeeper(std::move(dns), m_config, m_events, clock, this))
{
    if (!m_options.makeProber)
        m_options.makeProber = [] { return std::make_unique<ProbeEngine>(); };
    if (!m_options.vantageProbe)
        m_options.vantageProbe = VantageChecker::sshProbe(m_dataDir);
    m_vantage = new VantageChecker(m_options.vantageProbe, m_clock, this);
    if (m_options.loadFetch) {
        m_load = new LoadReader(m_options.loadFetch, m_clock, this);
        connect(m_load, &LoadReader::loadRead, this,
                [this](const QString &edge, const EdgeLoad &load) {
                    publishLoads();
                    emit loadRead(edge, load);
                });
    }
    m_probes = new ProbeWheel(m_options.makeProber, m_clock, this);
    connect(m_probes, &ProbeWheel::probed, this, &Monitor::probeFinished);
    connect(m_probes, &ProbeWheel::silent, this, &Monitor::probeSilent);
    m_probes->setSilenceAfter(FastInterval::kSilentAfterMs);
    connect(m_probes, &ProbeWheel::roundFinished, this, &Monitor::roundFinished);
    connect(&m_wheel, &QTimer::timeout, this, &Monitor::tick);
    connect(m_lease, &LeaseKeeper::leaseChanged, this, &Monitor::onLeaseChanged);
    connect(m_dns, &AnswerKeeper::answerChanged, this, &Monitor::answerChanged);
    connect(m_dns, &AnswerKeeper::dnsChanged, this, &Monitor::dnsChanged);
    connect(m_dns, &AnswerKeeper::alertRaised, this, &Monitor::alertRaised);
    connect(m_dns, &AnswerKeeper::updated, this, [this] {
        m_publisher.markDirty();
        scheduleEvaluation();
    });
    connect(m_dns, &AnswerKeeper::answersRead, this, [this] {
        m_publisher.markDirty();
        evaluate();
    });
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
    // Children in a set order, while the members they refer to still exist:
    // the checker first (it waits for the checks still running).
    delete m_vantage;
    delete m_load; // waits for the readings still running
    delete m_dns;
    delete m_probes;
    delete m_lease;
}

Status Monitor::start()
{
    if (m_running)
        return {};
    if (Status s = m_config.load(); !s)
        return s;
    // A database that refuses writes (read-only data directory, full disk)
    // would leave a monitor that can neither act nor report: refuse to start.
    if (Status s = m_publisher.announce(QStringLiteral("starting")); !s) {
        return Error(Error::Kind::Storage,
                     tr("cannot write to the database %1 (is the data directory read-only?): %2")
                         .arg(m_store.database().path(), s.error().message()));
    }
    m_tracker = std::make_unique<HealthTracker>(settings().healthFall(), settings().healthRise(),
                                                qint64(settings().healthHoldDownSeconds()) * 1000);
    m_running = true;
    m_publisher.invalidate();
    buildProbes();
    m_dns->start();
    m_nextCycleMs = m_clock.nowMs();
    m_wheel.start(m_options.wakeMs);
    logEvent(QStringLiteral("health"), m_options.component, QStringLiteral("start"),
             tr("%1 edges, %2 routes, %3 probes")
                 .arg(topology().edges.size())
                 .arg(topology().routes.size())
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
    m_vantage->cancelAll();
    // The wait below must not outlast the lease: renew it to cover the bound.
    if (m_lease->held() && m_dns->busy())
        m_lease->renew(LeaseKeeper::ttlFor(settings().healthIntervalMs()) + m_options.stopBoundMs);
    // The lease is released only once no DNS change can land any more.
    if (m_dns->stop(m_options.stopBoundMs)) {
        m_lease->release();
    } else if (m_lease->held()) {
        logEvent(QStringLiteral("dns"), m_options.component, QStringLiteral("stop"),
                 tr("a DNS change is still running; the lease is left to expire"),
                 QStringLiteral("timeout"));
        m_lease->abandon();
    }
    m_publisher.clear();
    m_events.flush();
    logEvent(QStringLiteral("health"), m_options.component, QStringLiteral("stop"), QString());
}

bool Monitor::holdsLease() const
{
    return m_lease->held();
}

int Monitor::probeRounds() const
{
    return m_probes->rounds();
}

int Monitor::reprobesStarted() const
{
    return m_probes->reprobesStarted();
}

bool Monitor::dnsIdle() const
{
    return !m_dns->busy();
}

const QHash<QString, QSet<QString>> &Monitor::dnsAnswers() const
{
    return m_dns->book().answers();
}

const DnsBackoff &Monitor::dnsBackoff() const
{
    return m_dns->backoff();
}

Status Monitor::reload()
{
    if (!m_running)
        return m_config.load();
    const QSet<QString> edgesBefore = edgeNames(topology());
    if (Status s = m_config.load(); !s)
        return s;
    m_tracker->setParameters(settings().healthFall(), settings().healthRise(),
                             qint64(settings().healthHoldDownSeconds()) * 1000);
    buildProbes();
    for (const QString &gone : edgesBefore - edgeNames(topology()))
        m_vantage->forget(gone);
    m_dns->reconfigured();
    m_publisher.markDirty();
    logEvent(QStringLiteral("config"), m_options.component, QStringLiteral("reload"),
             tr("%1 edges, %2 routes, %3 probes")
                 .arg(topology().edges.size())
                 .arg(topology().routes.size())
                 .arg(m_probes->size()));
    emit configurationReloaded();
    return {};
}

void Monitor::buildProbes()
{
    const QSet<QString> certified =
        CertificateStore(m_store.database(), m_dataDir).certifiedOrNone(topology());
    QSet<QString> tls;
    for (const Route &route : topology().routes) {
        if (route.tls != TlsMode::Off && certified.contains(route.hostname))
            tls.insert(route.hostname);
    }
    // Targets of removed edges and routes are forgotten; the others keep
    // their state across a reload.
    m_tracker->retain(m_probes->rebuild(topology(), tls, settings().healthIntervalMs()));
}

void Monitor::tick()
{
    m_probes->turn(settings().healthIntervalMs(), settings().healthTimeoutMs());
    if (m_running && m_clock.nowMs() >= m_nextCycleMs) {
        m_nextCycleMs = m_clock.nowMs() + settings().healthIntervalMs();
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
    if (!result.isServing())
        reprobeAfterFailure(key, edge, !edgeProbe,
                            result.outcome == ProbeResult::Outcome::Unreachable);
    // An edge that stops answering is checked from other vantages at its
    // first failure, so the confirmation is ready by the time `fall` is
    // reached: a hostname's probe that got no answer at all counts, since
    // the edge's probes are spread over the interval and one of them is
    // the first to notice.
    const bool unanswered =
        edgeProbe ? !result.isServing() : result.outcome == ProbeResult::Outcome::Unreachable;
    if (unanswered)
        confirmUpEdgeUnlessCheckedRecently(edge);
    const QString subject = key.section(QLatin1Char(':'), 1);
    if (const std::optional<qint64> until = m_tracker->takeSuppression(key, now)) {
        const HealthTracker::Target *target = m_tracker->target(key);
        logEvent(
            QStringLiteral("health"), subject, QStringLiteral("up suppressed"),
            tr("answers again, held down for %1 s more (fallen %2 time(s) soon after coming back)")
                .arg((*until - now + 999) / 1000)
                .arg(target ? target->flaps : 0));
    }
    // Other edges' verdicts are about a streak of failures from here, and
    // the bound on their "reachable" counts that streak: an edge that
    // answers ends it (one that never fell had kept its first verdict's
    // clock forever, and every later check on it counted as outlived).
    if (edgeProbe && result.isServing() && m_vantage->hasStreak(edge)) {
        m_vantage->endStreak(edge);
        m_outlivedLogged.remove(edge);
    }
    if (t) {
        if (edgeProbe && t->to == HealthTracker::State::Up) {
            m_vantage->forget(edge);
            m_outlivedLogged.remove(edge);
        }
        m_publisher.markDirty();
        logEvent(QStringLiteral("health"), subject,
                 toString(t->from) + QStringLiteral(" → ") + toString(t->to), result.detail);
        if (t->to == HealthTracker::State::Down)
            reportDamping(key, subject, now);
        if (const std::optional<HealthKey> typed = HealthKey::parse(key);
            typed && t->to != HealthTracker::State::Unknown) {
            emit targetChanged(*typed, t->to == HealthTracker::State::Up, result.detail);
        }
    }
    // A recovering target changes the picture without a transition.
    if (t || m_allDownEndedMs > 0 || m_tracker->state(key) == HealthTracker::State::Down)
        scheduleEvaluation();
}

// A probe with no sign of life from its edge well past any round trip:
// the edge's re-probes and the cross-check start now, not at the probe's
// timeout (about a second sooner). Nothing counts as failed until a result
// says so.
void Monitor::probeSilent(const QString &, const QString &edge, const QString &)
{
    const QString edgeKey = ProbeWheel::edgeKey(edge);
    if (m_tracker->state(edgeKey) != HealthTracker::State::Up)
        return;
    reprobeBurst(edgeKey, FastInterval::gapMs(settings().healthIntervalMs()),
                 FastInterval::timeoutMs(settings().healthTimeoutMs()));
    confirmUpEdgeUnlessCheckedRecently(edge);
}

// An edge still up that stops answering is checked from the other vantages
// at once, unless a check answered recently: a lossy edge must not start one
// at every lost probe.
void Monitor::confirmUpEdgeUnlessCheckedRecently(const QString &edge)
{
    if (m_tracker->state(ProbeWheel::edgeKey(edge)) == HealthTracker::State::Up &&
        !m_vantage->checkedRecently(edge)) {
        requestConfirmation(edge);
    }
}

// A fall soon after coming back is a flap: the hold-down doubled (up to its
// cap), and that suppression is an event like the held-back comeback.
void Monitor::reportDamping(const QString &key, const QString &subject, qint64 nowMs)
{
    const HealthTracker::Target *target = m_tracker->target(key);
    if (!target || target->flaps == 0)
        return;
    logEvent(QStringLiteral("health"), subject, QStringLiteral("flap damped"),
             tr("fell again %1 s after coming back (%2 time(s) in a row): held down for %3 s")
                 .arg((nowMs - target->lastUpMs) / 1000)
                 .arg(target->flaps)
                 .arg((target->downUntilMs - nowMs + 999) / 1000));
}

// fastinter: a failed probe is repeated at short gaps until `fall` is
// reached or one succeeds. An edge that does not answer a hostname's probe
// at all is suspect as a whole: its own TCP probe is repeated quickly (one
// cheap connect decides for all its routes, which follow the edge down).
// The hostname's own probe is repeated too, but patiently: with time for
// nginx's own verdict on the tunnel (a 504 after its 5 s connect timeout)
// and for TCP's retransmissions, so random packet loss on the way to the
// origin cannot fail `fall` probes in a row.
void Monitor::reprobeAfterFailure(const QString &key, const QString &edge, bool hostnameProbe,
                                  bool unanswered)
{
    const int gap = FastInterval::gapMs(settings().healthIntervalMs());
    if (unanswered && hostnameProbe) {
        reprobeBurst(ProbeWheel::edgeKey(edge), gap,
                     FastInterval::timeoutMs(settings().healthTimeoutMs()));
    }
    reprobeBurst(key, gap,
                 hostnameProbe ? FastInterval::hostnameTimeoutMs(settings().healthTimeoutMs())
                               : FastInterval::timeoutMs(settings().healthTimeoutMs()));
}

void Monitor::reprobeBurst(const QString &key, int gapMs, int timeoutMs)
{
    const HealthTracker::Target *target = m_tracker->target(key);
    if (target && target->state == HealthTracker::State::Down)
        return; // recovery keeps the normal interval, rise and hold-down
    const int left = settings().healthFall() - (target ? target->badInRow : 0);
    if (left > 0 && !m_probes->reprobing(key))
        m_probes->reprobe(key, left, gapMs, timeoutMs);
}

// After every edge looked down (our own uplink, most likely), the first
// results back describe only part of the world: DNS is left alone until
// every target has been probed again.
void Monitor::trackAllDown()
{
    const bool allDown = HealthPicture(topology(), *m_tracker, *m_vantage).allEdgesDown();
    const qint64 now = m_clock.nowMs();
    if (m_allDown && !allDown)
        m_allDownEndedMs = now;
    if (allDown)
        m_allDownEndedMs = 0;
    m_allDown = allDown;
    if (m_allDownEndedMs > 0 && m_probes->oldestResultMs() >= m_allDownEndedMs)
        m_allDownEndedMs = 0;
}

void Monitor::assessEdges()
{
    if (!m_options.mayAct || !isSignalConnected(QMetaMethod::fromSignal(&Monitor::edgesAssessed)))
        return;
    QStringList downHere;
    QStringList confirmed;
    for (const Edge &e : topology().edges) {
        if (m_tracker->state(HealthKey::edge(e.name).toString()) != HealthTracker::State::Down)
            continue;
        downHere.append(e.name);
        if (m_vantage->confirmedDown(e.name))
            confirmed.append(e.name);
    }
    emit edgesAssessed(downHere, confirmed, m_allDown);
}

void Monitor::evaluate()
{
    if (!m_dns->book().loaded() || !m_running)
        return;
    trackAllDown();
    QHash<QString, QSet<QString>> current = m_dns->book().answers();
    // Manual zones: Kokoa assumes every edge is in DNS and only reports.
    for (const QString &host : m_dns->book().unmanagedHostnames())
        current.insert(host, edgeNames(topology()));
    const HealthPicture picture(topology(), *m_tracker, *m_vantage);
    const FailoverPlan plan =
        FailoverPolicy::decide(topology(), picture.snapshot(m_allDownEndedMs > 0), current);

    const QSet<QString> alerts(plan.alerts.begin(), plan.alerts.end());
    for (const QString &alert : alerts - m_lastAlerts) {
        logEvent(QStringLiteral("alert"), QStringLiteral("failover"), QStringLiteral("alert"),
                 alert, QStringLiteral("alert"));
        emit alertRaised(alert);
    }
    m_lastAlerts = alerts;

    for (const QString &edge : plan.confirmationNeeded)
        requestConfirmation(edge);
    for (const Edge &e : topology().edges) {
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
    // sent: a change queued behind a slow one is never sent stale. Every
    // hostname is decided on its own; what one evaluation decides goes out
    // together, one change per zone.
    if (!m_options.mayAct || !m_lease->held() || m_dns->busy())
        return;
    const AnswerBook &book = m_dns->book();
    QList<AnswerChange> changes;
    for (const HostnameDecision &d : plan.decisions) {
        const Route *route = findRoute(topology(), d.hostname);
        // A hostname whose answer could not be read yet looks empty: the
        // edges not probed yet would seem to have no place to keep.
        if (!d.changes() || book.unmanaged(d.hostname) || !book.contains(d.hostname) || !route ||
            !m_dns->mayTry(*route)) {
            continue;
        }
        changes.append(changeFor(*route, d));
    }
    if (changes.isEmpty())
        return;
    // Evaluations also run between cycles (a cross-check answering, DNS
    // read back): an edge removed since the last cycle must not be put back
    // by a decision made under the configuration that still had it. The
    // reload reads DNS again, and that read decides afresh.
    if (m_config.changed() && reloadBeforeActing())
        return;
    m_dns->apply(changes, settings().dnsTtl());
}

bool Monitor::reloadBeforeActing()
{
    if (Status s = reload(); !s) {
        // Acting on the configuration held beats not acting at all; the
        // next cycle tries the reload again.
        logEvent(QStringLiteral("config"), m_options.component, QStringLiteral("reload"), QString(),
                 s.error().message());
        return false;
    }
    return true;
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

AnswerChange Monitor::changeFor(const Route &route, const HostnameDecision &decision) const
{
    AnswerChange change;
    change.route = route;
    change.reason = decision.reason;
    for (const Edge &e : topology().edges) {
        if (decision.desired.contains(e.name))
            change.edges.insert(e.name); // never an edge the configuration no longer has
    }
    return change;
}

void Monitor::requestConfirmation(const QString &suspect)
{
    const Edge *suspectEdge = topology().edge(suspect);
    if (!suspectEdge || m_vantage->running(suspect))
        return;
    const QList<Edge> vantages =
        HealthPicture(topology(), *m_tracker, *m_vantage).vantagesFor(suspect);
    const qint64 interval = settings().healthIntervalMs();
    m_vantage->check(*suspectEdge, vantages, 5 * interval, kMaxRefutationIntervals * interval);
}

void Monitor::onLeaseChanged(bool held, const QString &holder)
{
    emit leaseChanged(held, holder);
    if (!m_running)
        return; // released by stop()
    logEvent(QStringLiteral("health"), m_options.component,
             held ? QStringLiteral("lease taken") : QStringLiteral("lease lost"), m_holder);
    if (held) {
        // Someone else may have changed DNS meanwhile: read it all, and
        // only writes made after this read again.
        const Result<qint64> stamp = m_store.dnsWrittenElsewhere();
        m_dnsWrittenElsewhere = stamp ? *stamp : -1;
        m_dns->read();
        m_publisher.invalidate();
    } else {
        // Another monitor acts now: a change decided before is not sent.
        m_dns->cancelDecided();
    }
}

void Monitor::cycle()
{
    if (m_config.changed())
        reloadBeforeActing();
    if (m_options.mayAct)
        m_lease->renew(LeaseKeeper::ttlFor(settings().healthIntervalMs()));
    if (m_lease->held()) {
        readDnsWrittenElsewhere();
        m_dns->readIfDue();
        evaluate();
        assessEdges();
        // One reader of the edges' load at a time: the lease holder.
        if (m_load)
            m_load->readDue(topology().edges, qint64(settings().loadIntervalSeconds()) * 1000);
    }
    writeCycle();
    m_events.maintain();
    emit cycleFinished();
}

// The answer book is what this monitor last read or wrote; a write by
// anyone else makes it stale, and a decision from a stale book may leave a
// healthy edge out (or keep a dead one in) until the next scheduled read.
void Monitor::readDnsWrittenElsewhere()
{
    const Result<qint64> stamp = m_store.dnsWrittenElsewhere();
    if (!stamp || *stamp == m_dnsWrittenElsewhere)
        return;
    m_dnsWrittenElsewhere = *stamp;
    m_dns->read();
}

void Monitor::publishLoads()
{
    QHash<QString, StatusStore::HealthRow> rows;
    const QHash<QString, EdgeLoad> &loads = m_load->loads();
    for (auto it = loads.begin(); it != loads.end(); ++it) {
        const QString key = HealthKey::edgeLoad(it.key()).toString();
        rows.insert(key, {key, it->error.isEmpty() ? QStringLiteral("ok") : QStringLiteral("error"),
                          it->atMs, it->toDetail(), 0});
    }
    m_publisher.setLoadRows(std::move(rows));
}

const QHash<QString, EdgeLoad> &Monitor::loads() const
{
    static const QHash<QString, EdgeLoad> none;
    return m_load ? m_load->loads() : none;
}

void Monitor::writeCycle()
{
    const bool held = m_lease->held();
    const Status s = m_publisher.cycle(held ? QStringLiteral("acting") : QStringLiteral("standby"),
                                       held, *m_tracker, m_dns->book(), m_dns->backoff());
    if (m_publisher.consecutiveFailures() < kMaxWriteFailures)
        return;
    const QString text = tr("cannot write to the database %1 (%2 times in a row): %3")
                             .arg(m_store.database().path())
                             .arg(m_publisher.consecutiveFailures())
                             .arg(s.error().message());
    qCCritical(lcHealth).noquote() << text;
    stop();
    emit fatalError(text);
}

void Monitor::logEvent(const QString &category, const QString &subject, const QString &action,
                       const QString &reason, const QString &outcome)
{
    m_events.record(category, subject, action, reason, outcome);
}

} // namespace kokoa
