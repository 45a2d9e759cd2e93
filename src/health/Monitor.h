#pragma once

#include "core/Clock.h"
#include "core/Model.h"
#include "core/Settings.h"
#include "health/DnsActuator.h"
#include "health/DnsBackoff.h"
#include "health/EventRecorder.h"
#include "health/FailoverPolicy.h"
#include "health/HealthTracker.h"
#include "health/ProbeResult.h"
#include "health/VantageChecker.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>

namespace kokoa {

class Store;
class Lease;
class DnsDriver;
class Prober;
class ProbeWheel;

// The health monitor and failover controller: probes every edge and every
// (edge, hostname) asynchronously from one timer wheel, keeps up/down state
// with fall/rise and hold-down, and — while it holds the DNS lease — makes
// each hostname's DNS answer follow FailoverPolicy. It follows the
// configuration as it changes, re-reads DNS periodically, and backs off on
// DNS errors. Every decision and action goes to the event log. Runs in the
// GUI, in kokoa-watchdog and in `kokoactl monitor`; only the lease holder
// changes DNS. All timing comes from the injected clock; a real timer only
// wakes the wheel.
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
        int wakeMs = 25;        // how often the wheel looks for due work
        int stopBoundMs = 4000; // how long stop() waits for a DNS change in flight
    };

    // A refutation from other vantages holds at most this many intervals
    // while the probes from here keep failing.
    static constexpr int kMaxRefutationIntervals = 30;
    // Consecutive failed heartbeat writes after which the monitor gives up.
    static constexpr int kMaxWriteFailures = 3;

    Monitor(Store &store, QString dataDir, std::unique_ptr<DnsActuator> dns, Options options,
            const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~Monitor() override;

    Status start();
    // Stops probing, waits (bounded) for the DNS change in flight, then
    // releases the lease; a change still running past the bound keeps the
    // lease until it expires, so no other monitor acts meanwhile.
    void stop();
    // Reads the configuration again (done by itself when it changes).
    Status reload();

    bool holdsLease() const { return m_holdsLease; }
    const HealthTracker &tracker() const { return *m_tracker; }
    const QString &holder() const { return m_holder; }
    int probeRounds() const;
    // True when no DNS work is in flight.
    bool dnsIdle() const;
    // hostname -> edges in its DNS answer, as last read or written.
    const QHash<QString, QSet<QString>> &dnsAnswers() const { return m_current; }
    const DnsBackoff &dnsBackoff() const { return m_backoff; }
    const Topology &topology() const { return m_topology; }

Q_SIGNALS:
    void alertRaised(const QString &text);
    void dnsChanged(const QString &hostname, const QStringList &changes);
    void cycleFinished();
    // Every probe has run once more since the last emission.
    void roundFinished(int rounds);
    void configurationReloaded();
    // The monitor cannot go on (its database refuses writes); it has stopped.
    void fatalError(const QString &text);

private:
    Status loadConfiguration();
    Result<QString> configStamp();
    void reloadIfChanged();
    void buildProbes();
    void tick();
    void probeFinished(const QString &key, const QString &edge, const QString &hostname,
                       const ProbeResult &result);
    void cycle();
    void renewLease();
    void beat();
    void evaluate();
    // Coalesces the evaluations many transitions at once would ask for.
    void scheduleEvaluation();
    void dispatch(const HostnameDecision &decision);
    void onApplied(const Route &route, const QSet<QString> &desired,
                   const Result<QStringList> &changes);
    void readAnswers();
    void onAnswersRead(const QHash<QString, QSet<QString>> &current, const QSet<QString> &unmanaged,
                       const QHash<QString, Error> &errors);
    QList<Edge> vantagesFor(const QString &suspect) const;
    void requestConfirmation(const QString &suspect);
    void trackAllDown();
    void publish();
    void logEvent(const QString &category, const QString &subject, const QString &action,
                  const QString &reason, const QString &outcome = QStringLiteral("ok"));
    HealthSnapshot snapshot() const;

    Store &m_store;
    QString m_dataDir;
    Options m_options;
    const Clock &m_clock;
    QString m_holder;
    Topology m_topology;
    Settings m_settings;
    QString m_configStamp;
    EventRecorder m_events;
    DnsBackoff m_backoff;
    std::unique_ptr<HealthTracker> m_tracker;
    std::unique_ptr<Lease> m_lease;
    ProbeWheel *m_probes = nullptr; // child
    QTimer m_wheel;
    qint64 m_nextCycleMs = 0;
    qint64 m_nextDnsReadMs = 0;
    DnsDriver *m_dns = nullptr;          // child
    VantageChecker *m_vantage = nullptr; // child
    bool m_running = false;
    bool m_holdsLease = false;
    bool m_answersLoaded = false;
    bool m_reading = false;
    bool m_readAgain = false;
    int m_writeFailures = 0;
    QHash<QString, QSet<QString>> m_current; // hostname -> edges in DNS
    QSet<QString> m_unmanaged;               // hostnames in manual zones
    QHash<QString, QString> m_reasons;       // hostname -> reason of the change in flight
    QSet<QString> m_lastAlerts;
    QSet<QString> m_outlivedLogged; // edges whose refutation ran out
    bool m_allDown = false;
    qint64 m_allDownEndedMs = 0; // 0: not settling after an all-down period
    bool m_publishNeeded = true; // health or DNS answers changed since the last publish
    bool m_evaluationPending = false;
};

} // namespace kokoa
