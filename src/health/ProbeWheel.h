#pragma once

#include "core/Clock.h"
#include "core/Model.h"
#include "health/HealthKey.h"
#include "health/ProbeResult.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>
#include <vector>

namespace kokoa {

class Prober;

// The probe schedule: one target per edge (TCP 80, and 443 when some route
// is served over TLS) and per (edge, hostname), each probed once per
// interval, first runs spread evenly over one interval (no bursts, no
// jitter), the edges interleaved so each edge's probes are spread over the
// interval too. The owner turns the wheel; time comes from the injected clock.
class ProbeWheel final : public QObject
{
    Q_OBJECT

public:
    using ProberFactory = std::function<std::unique_ptr<Prober>()>;

    ProbeWheel(ProberFactory makeProber, const Clock &clock, QObject *parent = nullptr);
    ~ProbeWheel() override;

    // Tracker keys of the targets: the stored form of their HealthKey.
    static QString edgeKey(const QString &edge) { return HealthKey::edge(edge).toString(); }
    static QString edgeTlsKey(const QString &edge) { return HealthKey::edgeTls(edge).toString(); }
    static QString routeKey(const QString &edge, const QString &hostname)
    {
        return HealthKey::route(edge, hostname).toString();
    }

    // Replaces every target with those of `topology` (results of probes in
    // flight are dropped); returns their keys. `tlsHostnames`: routes probed
    // over TLS (those with a certificate).
    QSet<QString> rebuild(const Topology &topology, const QSet<QString> &tlsHostnames,
                          int intervalMs);
    void clear();
    // Hands over the results that came in since the last turn, then starts
    // the probes that are due, re-probes included.
    void turn(int intervalMs, int timeoutMs);
    // Probes the target `count` more times besides its schedule, the k-th
    // starting k * gapMs from now, each on a connection of its own (they may
    // overlap: a dead target costs one timeout, not `count`). Their results
    // come as probed() like any other. Ignored (false) while an earlier burst
    // of the same target is under way, and for unknown keys. While a burst
    // is under way (scheduled or running) it replaces the target's schedule.
    bool reprobe(const QString &key, int count, int gapMs, int timeoutMs);
    bool reprobing(const QString &key) const;
    // A scheduled probe with no sign of life from its edge `ms` after it
    // started is reported by silent() (from the next rebuild on; 0: never).
    void setSilenceAfter(int ms) { m_silenceAfterMs = ms; }
    // Re-probes started so far (tests, stats).
    int reprobesStarted() const { return m_reprobesStarted; }

    int rounds() const { return m_rounds; }
    qsizetype size() const { return qsizetype(m_slots.size()); }
    // Every target has a result from a probe started at or after this time.
    qint64 oldestResultMs() const;

Q_SIGNALS:
    void probed(const QString &key, const QString &edge, const QString &hostname,
                const kokoa::ProbeResult &result);
    // A probe has had no sign of life from its edge for a while; it runs on.
    void silent(const QString &key, const QString &edge, const QString &hostname);
    // Every probe has run once more since the last emission.
    void roundFinished(int rounds);

private:
    struct Slot;
    struct Reprobe
    {
        Slot *slot;
        qint64 atMs;
        int timeoutMs;
    };
    void finished(Slot &slot, const ProbeResult &result);
    void reprobeFinished(Slot &slot, int target, const ProbeResult &result);
    void startDueReprobes(qint64 now);
    int spareTarget(Slot &slot);

    ProberFactory m_makeProber;
    const Clock &m_clock;
    std::unique_ptr<Prober> m_prober;
    std::vector<std::unique_ptr<Slot>> m_slots;
    QHash<int, Slot *> m_slotByTarget;  // prober target id -> slot
    QHash<int, Slot *> m_spareByTarget; // re-probe target id -> slot
    QHash<QString, Slot *> m_slotByKey;
    std::vector<Reprobe> m_reprobes; // scheduled, not started yet
    int m_reprobesStarted = 0;
    qsizetype m_slotsAheadOfRound = 0; // slots that ran more than m_rounds times
    size_t m_nextSlot = 0;             // the hand: slots fall due in their order
    int m_rounds = 0;
    int m_silenceAfterMs = 0;
};

} // namespace kokoa
