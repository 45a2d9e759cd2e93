#pragma once

#include "core/Clock.h"
#include "core/Result.h"
#include "store/StatusStore.h"

#include <QHash>

namespace kokoa {

class AnswerBook;
class Database;
class DnsBackoff;
class HealthTracker;

// What the monitor writes for others to read: its heartbeat every cycle
// and, while it holds the DNS lease, the health it sees (every target under
// its HealthKey, the DNS answers, the changes held back). One short
// transaction per cycle carries both, with only the rows that changed, so a
// window sharing the database waits at most for a few statements.
class HealthPublisher final
{
public:
    HealthPublisher(Database &db, QString component, QString holder, const Clock &clock);

    // The first heartbeat; a failure means the database refuses writes.
    Status announce(const QString &detail);
    // The cycle's write: the heartbeat, plus the health when `publish` and
    // something changed since the last write. Returns the write's status;
    // consecutiveFailures() counts the failed ones.
    Status cycle(const QString &detail, bool publish, const HealthTracker &tracker,
                 const AnswerBook &answers, const DnsBackoff &backoff);
    // Removes the heartbeat (on stop).
    void clear();
    // Rows published beside the health (the edges' load, HealthKey
    // EdgeLoad); they replace the previous ones with the next write.
    void setLoadRows(QHash<QString, StatusStore::HealthRow> rows)
    {
        m_loadRows = std::move(rows);
        m_dirty = true;
    }
    // The health changed: the next cycle writes it.
    void markDirty() { m_dirty = true; }
    // Rows may have been written by another monitor meanwhile (the lease
    // changed hands): the next write replaces them all.
    void invalidate();
    int consecutiveFailures() const { return m_failures; }

    static QHash<QString, StatusStore::HealthRow>
    rowsFor(const HealthTracker &tracker, const AnswerBook &answers, const DnsBackoff &backoff);

private:
    // The Cloudflare budget's row: "<used>/<limit>" over the last 5 minutes.
    static QString budgetKey();
    static QString budgetRow();
    StatusStore::HealthChange changeTo(const QHash<QString, StatusStore::HealthRow> &rows) const;

    StatusStore m_status;
    QString m_component;
    QString m_holder;
    QHash<QString, StatusStore::HealthRow> m_published; // as last written
    QHash<QString, StatusStore::HealthRow> m_loadRows;
    bool m_replaceAll = true;
    bool m_dirty = true;
    int m_failures = 0;
};

} // namespace kokoa
