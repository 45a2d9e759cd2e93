#pragma once

#include "core/Clock.h"
#include "core/Model.h"
#include "core/Settings.h"
#include "health/ConfigWatcher.h"
#include "health/DnsActuator.h"
#include "health/DnsBackoff.h"
#include "health/EventRecorder.h"
#include "health/FailoverPolicy.h"
#include "health/HealthKey.h"
#include "health/HealthPublisher.h"
#include "health/HealthTracker.h"
#include "health/LoadReader.h"
#include "health/ProbeResult.h"
#include "health/VantageChecker.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>

namespace kokoa {

class Store;
class AnswerKeeper;
class LeaseKeeper;
class Prober;
class ProbeWheel;

// The health monitor and failover controller. It coordinates parts with
// one job each: ProbeWheel probes every edge and every (edge, hostname),
// HealthTracker keeps up/down with fall/rise and hold-down, VantageChecker
// asks other edges before an edge goes, LeaseKeeper holds the DNS lease,
// AnswerKeeper reads and writes each hostname's answer (on the DNS
// thread, with back-off), HealthPublisher writes heartbeats and health for
// readers (HealthView), EventRecorder writes the event log. While it holds
// the lease the monitor makes each hostname's answer follow FailoverPolicy.
// Runs in the GUI, in kokoa-watchdog and in `kokoactl monitor`; only the
// lease holder changes DNS. Every decision uses the injected clock; the one
// real timer only wakes the wheel to look at that clock.
class Monitor final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString component = QStringLiteral("monitor"); // heartbeat name
        bool mayAct = true;                            // false: observe only
        // Empty: the real ones (ProbeEngine, SSH from other edges).
        std::function<std::unique_ptr<Prober>()> makeProber = {};
        VantageChecker::Probe vantageProbe = {};
        // Reads the edges' load; empty: not read (the shells pass
        // LoadReader::sshFetch, tests a stand-in or nothing).
        LoadReader::Fetch loadFetch = {};
        int wakeMs = 25;        // how often the wheel looks at the clock
        int stopBoundMs = 4000; // how long stop() waits for a DNS change in flight
    };

    // A refutation from other vantages holds at most this many intervals
    // while the probes from here keep failing.
    static constexpr int kMaxRefutationIntervals = 30;
    // Consecutive failed heartbeat writes after which the monitor gives up.
    static constexpr int kMaxWriteFailures = 3;

    Monitor(Store &store, QString dataDir, std::unique_ptr<DnsActuator> dns, Options options,
            const Clock &clock = Clock::system(), QObject *parent = nullptr);
    // Stops (see stop()), then waits for the cross-checks still running: no
    // job of the monitor outlives it.
    ~Monitor() override;

    Status start();
    // Stops probing and cross-checking, extends the lease over its wait,
    // waits (bounded by Options::stopBoundMs) for the DNS change in flight,
    // then releases the lease; a change still running past the bound keeps
    // the lease until it expires, so no other monitor acts meanwhile.
    void stop();
    // Reads the configuration again after a change (the monitor also
    // notices changes by itself, once per cycle).
    Status reload();

    bool holdsLease() const;
    // Asks the other edges whether `edge` answers (no-op while a check of
    // it runs); the answer shows in the next edgesAssessed().
    void confirmDown(const QString &edge) { requestConfirmation(edge); }
    const HealthTracker &tracker() const { return *m_tracker; }
    const QString &holder() const { return m_holder; }
    int probeRounds() const;
    // Short-interval re-probes after failures (fastinter) started so far.
    int reprobesStarted() const;
    // True when no DNS work is in flight.
    bool dnsIdle() const;
    // hostname -> edges in its DNS answer, as last read or written.
    const QHash<QString, QSet<QString>> &dnsAnswers() const;
    const DnsBackoff &dnsBackoff() const;
    const Topology &topology() const { return m_config.topology(); }
    // The edges' load, as last read (only while holding the lease).
    const QHash<QString, EdgeLoad> &loads() const;

Q_SIGNALS:
    void alertRaised(const QString &text);
    void dnsChanged(const QString &hostname, const QStringList &changes);
    // A probe target went up or down (reason: the probe's detail).
    void targetChanged(const kokoa::HealthKey &key, bool up, const QString &reason);
    // A hostname's DNS answer as read or written differs from before.
    void answerChanged(const QString &hostname, const QStringList &edges);
    // This monitor took or lost the DNS lease; holder: who holds it now.
    void leaseChanged(bool held, const QString &holder);
    void cycleFinished();
    // An edge's load was read (or its reading failed: load.error).
    void loadRead(const QString &edge, const kokoa::EdgeLoad &load);
    // While this monitor acts (holds the lease): after each cycle, the edges
    // down from here, those of them other edges confirm down, and whether
    // every edge is down (then the suspect is our own network). For
    // automatic replacement; computed only while something listens.
    void edgesAssessed(const QStringList &downHere, const QStringList &confirmedDown,
                       bool everyEdgeDown);
    // Every probe has run once more since the last emission.
    void roundFinished(int rounds);
    void configurationReloaded();
    // The monitor cannot go on (its database refuses writes); it has stopped.
    void fatalError(const QString &text);

private:
    const Settings &settings() const { return m_config.settings(); }
    void buildProbes();
    void tick();
    void probeFinished(const QString &key, const QString &edge, const QString &hostname,
                       const ProbeResult &result);
    void probeSilent(const QString &key, const QString &edge, const QString &hostname);
    void reportDamping(const QString &key, const QString &subject, qint64 nowMs);
    void reprobeAfterFailure(const QString &key, const QString &edge, bool hostnameProbe,
                             bool unanswered);
    void reprobeBurst(const QString &key, int gapMs, int timeoutMs);
    void cycle();
    // DNS written by someone else (`dns sync`, a burn) is read again now.
    void readDnsWrittenElsewhere();
    void onLeaseChanged(bool held, const QString &holder);
    void writeCycle();
    void evaluate();
    // reload(), logging a failure; false when the configuration could not
    // be read (the one held stays in use).
    bool reloadBeforeActing();
    // Coalesces the evaluations many transitions at once would ask for.
    void scheduleEvaluation();
    AnswerChange changeFor(const Route &route, const HostnameDecision &decision) const;
    void requestConfirmation(const QString &suspect);
    void confirmUpEdgeUnlessCheckedRecently(const QString &edge);
    void trackAllDown();
    void assessEdges();
    void publishLoads();
    void logEvent(const QString &category, const QString &subject, const QString &action,
                  const QString &reason, const QString &outcome = QStringLiteral("ok"));

    Store &m_store;
    QString m_dataDir;
    Options m_options;
    const Clock &m_clock;
    QString m_holder;
    ConfigWatcher m_config;
    EventRecorder m_events;
    HealthPublisher m_publisher;
    std::unique_ptr<HealthTracker> m_tracker;
    LeaseKeeper *m_lease = nullptr; // child
    ProbeWheel *m_probes = nullptr; // child
    QTimer m_wheel;
    qint64 m_nextCycleMs = 0;
    qint64 m_dnsWrittenElsewhere = -1;   // the store's stamp when last looked at
    AnswerKeeper *m_dns = nullptr;       // child
    VantageChecker *m_vantage = nullptr; // child
    LoadReader *m_load = nullptr;        // child
    bool m_running = false;
    QSet<QString> m_lastAlerts;
    QSet<QString> m_outlivedLogged; // edges whose refutation ran out
    bool m_allDown = false;
    qint64 m_allDownEndedMs = 0; // 0: not settling after an all-down period
    bool m_evaluationPending = false;
};

} // namespace kokoa
