#pragma once

#include "core/Clock.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

namespace kokoa {

class Store;

// The monitor's way into the event log. A failure that repeats unchanged
// (same subject, action, reason and outcome) is written once, then counted;
// the count is written when the outcome changes or once per
// kRepeatSummaryMs, so a stuck provider cannot flood the log. Old events are
// pruned by age and count.
class EventRecorder final
{
    Q_DECLARE_TR_FUNCTIONS(EventRecorder)

public:
    static constexpr qint64 kRepeatSummaryMs = 10 * 60'000;
    // A month of history is what a user looks back on after an incident;
    // 100,000 rows keep the database small (~20 MB) even on a noisy month.
    static constexpr qint64 kKeepEventsMs = 30LL * 24 * 3600'000;
    static constexpr int kKeepEvents = 100'000;
    static constexpr qint64 kPruneEveryMs = 3600'000;

    EventRecorder(Store &store, const Clock &clock)
        : m_store(store)
        , m_clock(clock)
    {}

    void record(const QString &category, const QString &subject, const QString &action,
                const QString &reason, const QString &outcome);
    // Writes due repeat counts and prunes when it is time; called every cycle.
    void maintain();
    // Writes every pending repeat count (on stop).
    void flush();
    int suppressed() const { return m_suppressed; }

private:
    struct Repeat
    {
        QString category;
        QString subject;
        QString action;
        QString reason;
        QString outcome;
        int count = 0;
        qint64 sinceMs = 0;
    };

    void write(const QString &category, const QString &subject, const QString &action,
               const QString &reason, const QString &outcome);
    void writeRepeat(Repeat &r);

    Store &m_store;
    const Clock &m_clock;
    QHash<QString, Repeat> m_repeats; // category|subject|action -> last failure
    qint64 m_nextPruneMs = 0;
    int m_suppressed = 0;
};

} // namespace kokoa
