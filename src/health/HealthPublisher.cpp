#include "health/HealthPublisher.h"

#include "dns/CloudflareBudget.h"
#include "health/AnswerBook.h"
#include "health/DnsBackoff.h"
#include "health/HealthKey.h"
#include "health/HealthLogging.h"
#include "health/HealthTracker.h"

namespace kokoa {

namespace {

bool sameRow(const StatusStore::HealthRow &a, const StatusStore::HealthRow &b)
{
    return a.state == b.state && a.sinceMs == b.sinceMs && a.detail == b.detail;
}

} // namespace

HealthPublisher::HealthPublisher(Database &db, QString component, QString holder,
                                 const Clock &clock)
    : m_status(db, clock)
    , m_component(std::move(component))
    , m_holder(std::move(holder))
{}

Status HealthPublisher::announce(const QString &detail)
{
    m_failures = 0;
    return m_status.beat(m_component, m_holder, detail);
}

Status HealthPublisher::cycle(const QString &detail, bool publish, const HealthTracker &tracker,
                              const AnswerBook &answers, const DnsBackoff &backoff)
{
    // The Cloudflare budget moves with every request, not with the health.
    if (publish && budgetRow() != m_published.value(budgetKey()).detail)
        m_dirty = true;
    const bool writeHealth = publish && m_dirty;
    QHash<QString, StatusStore::HealthRow> rows;
    StatusStore::HealthChange change;
    if (writeHealth) {
        rows = rowsFor(tracker, answers, backoff);
        rows.insert(m_loadRows);
        change = changeTo(rows);
    }
    const Status s = m_status.beatAndPublish(m_component, m_holder, detail, change);
    m_failures = s ? 0 : m_failures + 1;
    if (s && writeHealth) {
        m_published = std::move(rows);
        m_replaceAll = false;
        m_dirty = false;
    }
    return s;
}

void HealthPublisher::clear()
{
    if (Status s = m_status.clearHeartbeat(m_component, m_holder); !s)
        qCWarning(lcHealth) << "cannot remove the heartbeat:" << s.error().message();
}

void HealthPublisher::invalidate()
{
    m_replaceAll = true;
    m_dirty = true;
}

QHash<QString, StatusStore::HealthRow> HealthPublisher::rowsFor(const HealthTracker &tracker,
                                                                const AnswerBook &answers,
                                                                const DnsBackoff &backoff)
{
    QHash<QString, StatusStore::HealthRow> rows;
    auto add = [&](const HealthKey &key, const QString &state, qint64 sinceMs,
                   const QString &detail) {
        const QString text = key.toString();
        rows.insert(text, {text, state, sinceMs, detail, 0});
    };
    // The tracker's keys are the stored form of the targets' HealthKeys.
    for (auto it = tracker.targets().begin(); it != tracker.targets().end(); ++it)
        rows.insert(it.key(), {it.key(), toString(it->state), it->lastChangeMs, it->lastDetail, 0});
    for (auto it = answers.answers().begin(); it != answers.answers().end(); ++it) {
        add(HealthKey::dnsAnswer(it.key()), QStringLiteral("answer"), 0,
            AnswerBook::sorted(*it).join(QLatin1Char(',')));
    }
    for (auto it = backoff.entries().begin(); it != backoff.entries().end(); ++it) {
        add(HealthKey::dnsHeld(it.key()),
            it->retryable ? QStringLiteral("retrying") : QStringLiteral("paused"), it->retryAtMs,
            it->lastError);
    }
    // Shown once this process has sent Cloudflare requests.
    const CloudflareBudget::Snapshot budget = CloudflareBudget::shared().snapshot();
    if (budget.total > 0) {
        add(HealthKey::apiBudget(QStringLiteral("cloudflare")),
            CloudflareBudget::toString(budget.level), 0, budgetRow());
    }
    return rows;
}

QString HealthPublisher::budgetKey()
{
    return HealthKey::apiBudget(QStringLiteral("cloudflare")).toString();
}

QString HealthPublisher::budgetRow()
{
    const CloudflareBudget::Snapshot budget = CloudflareBudget::shared().snapshot();
    if (budget.total == 0)
        return {};
    return QStringLiteral("%1/%2").arg(budget.used).arg(budget.limit);
}

StatusStore::HealthChange
HealthPublisher::changeTo(const QHash<QString, StatusStore::HealthRow> &rows) const
{
    StatusStore::HealthChange change;
    change.replaceAll = m_replaceAll;
    for (auto it = rows.begin(); it != rows.end(); ++it) {
        const auto before = m_published.constFind(it.key());
        if (m_replaceAll || before == m_published.constEnd() || !sameRow(*before, *it))
            change.upserts.append(*it);
    }
    if (!m_replaceAll) {
        for (auto it = m_published.begin(); it != m_published.end(); ++it) {
            if (!rows.contains(it.key()))
                change.removedKeys.append(it.key());
        }
    }
    return change;
}

} // namespace kokoa
