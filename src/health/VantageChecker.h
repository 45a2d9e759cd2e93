#pragma once

#include "core/Clock.h"
#include "core/Model.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <atomic>
#include <functional>
#include <list>
#include <memory>
#include <thread>

namespace kokoa {

struct VantageRelay;

// Asks other edges whether an edge that looks down from here is down for
// them too, before its records go. Several vantages are asked at once and a
// majority decides, so one lying or badly routed vantage cannot keep a dead
// edge in DNS; and a refutation holds only for a bounded time while the
// probes from here keep failing. Each vantage is asked on a thread of the
// checker's own (all at once: they wait on the network, not on a core), and
// answers come back through a relay; destroying the checker detaches the
// relay and joins the threads still running (each probe is bounded, see
// sshProbe), so no check outlives it or the state its probe uses.
class VantageChecker final : public QObject
{
    Q_OBJECT

public:
    enum class Answer
    {
        Reachable,
        Unreachable,
        NoEvidence
    };
    struct Reply
    {
        Answer answer = Answer::NoEvidence;
        QString detail; // why there is no evidence
    };
    // Runs on a pool thread: from edge `from`, can `address` port 80 be
    // reached? Must end by itself within a few seconds.
    using Probe = std::function<Reply(const Edge &from, const QString &address)>;
    // Over SSH with the control plane's key; bounded to a few seconds.
    static Probe sshProbe(const QString &dataDir);

    static constexpr int kMaxVantages = 3;

    VantageChecker(Probe probe, const Clock &clock, QObject *parent = nullptr);
    ~VantageChecker() override;

    // Starts a check of `suspect` from up to kMaxVantages of `vantages`
    // unless one runs. A verdict holds for validMs; a refutation no longer
    // counts once the suspect has been refuted for maxRefutationMs in a row.
    void check(const Edge &suspect, const QList<Edge> &vantages, qint64 validMs,
               qint64 maxRefutationMs);
    bool running(const QString &edge) const { return m_pending.contains(edge); }
    // A confirmation or a refutation's bound is kept for the edge.
    bool hasStreak(const QString &edge) const
    {
        return m_refutedSince.contains(edge) || m_confirmedUntil.contains(edge);
    }
    // The edge answered: its streak of failures is over. A confirmation is
    // dropped and the bound on a refutation starts again at the next one.
    // The refutation no longer keeps the edge in DNS (it answered failures
    // that are over: a death after them is news), but it still stands in
    // the way of another check for its time (checkedRecently), so an edge
    // whose hostname probes keep timing out is not checked again at once.
    void endStreak(const QString &edge);
    bool confirmedDown(const QString &edge) const;
    // Other edges reach it, about the failures it is having now: it stays.
    bool refuted(const QString &edge) const;
    // Other edges reached it within the verdict's validity, whatever
    // happened since: no new check is needed for a failure that could be
    // the same as the one they answered.
    bool checkedRecently(const QString &edge) const;
    // Refuted for longer than allowed while still failing from here.
    bool refutationOutlived(const QString &edge) const;
    // The edge is up again (or gone): its verdicts end.
    void forget(const QString &edge);
    // The monitor stops: checks still running are ignored when they answer,
    // and every verdict ends.
    void cancelAll();

Q_SIGNALS:
    void decided(const QString &suspect, const QString &summary, bool refuted);

private Q_SLOTS:
    // Takes the answers the probe threads left in the relay (invoked by name).
    void takeAnswers();

private:
    struct Asking
    {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };
    // Joins the threads whose probe has ended.
    void reap();

    struct Pending
    {
        int asked = 0;
        int reachable = 0;
        int unreachable = 0;
        int silent = 0;
        QStringList notes;
        qint64 validMs = 0;
        qint64 maxRefutationMs = 0;
    };
    void answered(quint64 generation, const QString &suspect, const QString &from,
                  const Reply &reply);
    void decide(const QString &suspect, const Pending &p);

    Probe m_probe;
    const Clock &m_clock;
    std::shared_ptr<VantageRelay> m_relay;
    quint64 m_generation = 0; // bumped by cancelAll(): older answers are dropped
    QHash<QString, Pending> m_pending;
    QHash<QString, qint64> m_confirmedUntil;
    QHash<QString, qint64> m_refutedUntil;
    QHash<QString, qint64> m_refutedSince;    // first refutation of this failure
    QHash<QString, qint64> m_refutationLimit; // m_refutedSince + max
    QSet<QString> m_refutationOfEndedStreak;  // answered failures that are over
    std::list<Asking> m_asking;               // last: joined before the other members go
};

} // namespace kokoa
