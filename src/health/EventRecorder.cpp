#include "health/EventRecorder.h"

#include "health/HealthLogging.h"
#include "store/Store.h"

namespace kokoa {

void EventRecorder::record(const QString &category, const QString &subject, const QString &action,
                           const QString &reason, const QString &outcome)
{
    const QString key = category + QLatin1Char('|') + subject + QLatin1Char('|') + action;
    const bool failure = outcome != QLatin1String("ok");
    const auto it = m_repeats.find(key);
    if (it != m_repeats.end()) {
        if (failure && it->reason == reason && it->outcome == outcome) {
            ++it->count;
            ++m_suppressed;
            return;
        }
        writeRepeat(*it);
        m_repeats.erase(it);
    }
    if (failure)
        m_repeats.insert(key,
                         Repeat{category, subject, action, reason, outcome, 0, m_clock.nowMs()});
    write(category, subject, action, reason, outcome);
}

void EventRecorder::maintain()
{
    const qint64 now = m_clock.nowMs();
    for (Repeat &r : m_repeats) {
        if (r.count > 0 && now - r.sinceMs >= kRepeatSummaryMs)
            writeRepeat(r);
    }
    if (now < m_nextPruneMs)
        return;
    m_nextPruneMs = now + kPruneEveryMs;
    const Result<int> pruned = m_store.pruneEvents(kKeepEventsMs, kKeepEvents);
    if (!pruned)
        qCWarning(lcHealth) << "cannot prune the event log:" << pruned.error().message();
    else if (*pruned > 0)
        qCInfo(lcHealth) << "pruned" << *pruned << "old events";
}

void EventRecorder::flush()
{
    for (Repeat &r : m_repeats)
        writeRepeat(r);
}

void EventRecorder::writeRepeat(Repeat &r)
{
    if (r.count > 0) {
        write(r.category, r.subject, r.action,
              tr("%1 (repeated %n more time(s))", nullptr, r.count).arg(r.reason), r.outcome);
    }
    r.count = 0;
    r.sinceMs = m_clock.nowMs();
}

void EventRecorder::write(const QString &category, const QString &subject, const QString &action,
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
