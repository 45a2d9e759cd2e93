#pragma once

#include "core/Clock.h"
#include "core/Model.h"
#include "core/Settings.h"
#include "health/DnsActuator.h"
#include "health/FailoverPolicy.h"
#include "health/HealthTracker.h"
#include "health/ProbeResult.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <memory>
#include <vector>

namespace kokoa {

class Store;
class Lease;
class DnsWorker;
class ProbeEngine;

// The health monitor and failover controller: probes every edge and every
// (edge, hostname) asynchronously from one timer wheel, keeps up/down state
// with fall/rise and hold-down, and — while it holds the DNS lease — makes
// each hostname's DNS answer follow FailoverPolicy. Every decision and action
// goes to the event log. Runs in the GUI, in kokoa-watchdog and in
// `kokoactl monitor`; only the lease holder changes DNS.
class Monitor final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString component = QStringLiteral("monitor"); // heartbeat name
        bool mayAct = true;                             // false: observe only
    };

    Monitor(Store &store, QString dataDir, std::unique_ptr<DnsActuator> dns, Options options,
            const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~Monitor() override;

    Status start();
    // Stops probing, waits for DNS work in flight, releases the lease.
    void stop();

    bool holdsLease() const { return m_holdsLease; }
    const HealthTracker &tracker() const { return *m_tracker; }
    const QString &holder() const { return m_holder; }
    int probeRounds() const { return m_rounds; }
    // True when every DNS change asked for has been done (or failed).
    bool dnsIdle() const { return m_dnsInFlight.isEmpty(); }

Q_SIGNALS:
    void alertRaised(const QString &text);
    void dnsChanged(const QString &hostname, const QStringList &changes);
    void cycleFinished();
    // Every probe has run once more since the last emission.
    void roundFinished(int rounds);

private:
    struct Slot;

    void buildProbes();
    void tick();
    void probeFinished(Slot &slot, const ProbeResult &result);
    void cycle();
    void evaluate();
    // Coalesces the evaluations many transitions at once would ask for.
    void scheduleEvaluation();
    void applyDecision(const HostnameDecision &decision);
    void confirmFromAnotherVantage(const QString &suspect);
    void loadCurrentAnswers();
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
    std::unique_ptr<HealthTracker> m_tracker;
    std::unique_ptr<Lease> m_lease;
    std::vector<std::unique_ptr<Slot>> m_slots;
    QHash<int, Slot *> m_slotByTarget; // ProbeEngine target id -> slot
    std::unique_ptr<ProbeEngine> m_engine;
    qsizetype m_slotsAheadOfRound = 0; // slots that ran more than m_rounds times
    size_t m_nextSlot = 0; // the wheel's hand: slots fall due in their order
    QTimer m_wheel;
    QTimer m_cycle;
    QThread *m_dnsThread = nullptr;
    DnsWorker *m_dnsWorker = nullptr;
    bool m_holdsLease = false;
    bool m_answersLoaded = false;
    QHash<QString, QSet<QString>> m_current; // hostname -> edges in DNS
    QSet<QString> m_unmanaged;               // hostnames in manual zones
    QSet<QString> m_dnsInFlight;
    QHash<QString, qint64> m_confirmedDown;  // edge -> valid until
    QHash<QString, qint64> m_refuted;
    QSet<QString> m_confirming;
    QSet<QString> m_lastAlerts;
    QHash<QString, QString> m_lastReasons;   // hostname -> last logged decision
    int m_rounds = 0;
    bool m_publishNeeded = true; // health or DNS answers changed since the last publish
    bool m_evaluationPending = false;
    qint64 m_roundStartedMs = 0;
};

} // namespace kokoa
