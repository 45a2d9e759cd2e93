#pragma once

#include "app/EdgeBurn.h"
#include "core/Clock.h"
#include "core/Result.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>

namespace kokoa {
class Monitor;
class Store;
class TaskJob;
} // namespace kokoa

namespace kokoa::app {

// Automatic replacement (setting edges.auto_replace): an edge that stays
// down from every vantage for edges.replace_after_s is burned and replaced
// (EdgeBurn, on a thread of its own), by whichever monitor holds the DNS
// lease: Monitor::edgesAssessed feeds it, and only the acting monitor emits
// that. Guards, each stated in an event when it holds something back:
// - every edge down: the suspect is our own network, nothing is replaced,
//   and every edge's time starts again once one answers;
// - down from here is not enough: other edges must confirm it (it asks the
//   monitor to check when the time is up);
// - one replacement at a time, and an edge in anyone's unfinished burn is
//   left to that burn;
// - at most edges.max_replacements_per_day burns it started in 24 hours
//   (counted in the store, so a restart does not reset it); then it alerts;
// - never while the provider reports errors (checked before the burn
//   starts), and an edge added by hand has no provider to replace it from.
// A failed automatic burn is resumed later, waiting longer after each
// failure.
class AutoReplacement final : public QObject
{
    Q_OBJECT

public:
    // What one run did, handed back from the worker thread.
    struct Outcome
    {
        bool started = false; // a burn was recorded (it counts against the cap)
        bool ok = false;
        QString replacement;
        QString detail; // the error's text, or what was done
    };
    // Runs the automatic burn of `edge` (resuming its unfinished burn) on a
    // worker thread, with its own store connection. Replaceable in tests.
    using Burner = std::function<Outcome(const QString &databasePath, const QString &dataDir,
                                         const QString &edge)>;

    // A failed burn is tried again after this, doubled per failure up to
    // kMaxRetryMs.
    static constexpr qint64 kMaxRetryMs = 3'600'000;

    AutoReplacement(Store &store, QString dataDir, const Clock &clock = Clock::system(),
                    QObject *parent = nullptr);
    ~AutoReplacement() override;

    void setBurner(Burner burner) { m_burner = std::move(burner); }
    // How the real burner reaches providers and hosts; the defaults are the
    // application's (tests script them).
    struct BurnSetup
    {
        ProviderService::Opener opener; // empty: as the application opens them
        Deployer::Connector connector = Deployer::sshConnector();
        EdgeBurn::Probe probe; // empty: ReplacementProbe
        std::optional<EdgeCreation::Timing> timing;
    };
    // The real burner: the provider is asked first, then EdgeBurn runs.
    static Burner edgeBurner(BurnSetup setup);
    static Burner edgeBurner() { return edgeBurner(BurnSetup()); }

    // Takes the monitor's assessments and asks it for confirmations.
    void follow(Monitor &monitor);
    void onAssessment(const QStringList &downHere, const QStringList &confirmedDown,
                      bool everyEdgeDown);
    bool idle() const { return !m_job; }

Q_SIGNALS:
    // The acting monitor should ask other edges about `edge`.
    void confirmationWanted(const QString &edge);
    void alertRaised(const QString &text);
    // An automatic burn ended.
    void replaced(const QString &edge, bool ok, const QString &detail);

private:
    void track(const QStringList &downHere, qint64 nowMs);
    bool resumeUnfinished(qint64 nowMs, QSet<QString> *busy);
    bool considerEdge(const QString &edge, const QStringList &confirmedDown, int maxPerDay,
                      qint64 nowMs);
    bool underDailyCap(int maxPerDay);
    void start(const QString &edge, const QString &reason);
    void finished(const QString &edge);
    void noteOnce(const QString &key, const QString &edge, const QString &reason,
                  const QString &outcome, bool alert);
    void logEvent(const QString &edge, const QString &reason, const QString &outcome);

    Store &m_store;
    QString m_dataDir;
    const Clock &m_clock;
    Burner m_burner;
    std::unique_ptr<TaskJob> m_job;
    QHash<QString, qint64> m_downSinceMs; // edges down from here, since when
    QHash<QString, qint64> m_retryAtMs;   // after a failed burn: not before then
    QHash<QString, int> m_failures;
    QSet<QString> m_noted; // what was said once and holds still
};

} // namespace kokoa::app
