#include "dns/CloudflareBudget.h"

#include <QMutexLocker>

#include <algorithm>

namespace kokoa {

CloudflareBudget::CloudflareBudget(const Clock &clock, int limit)
    : m_clock(clock)
    , m_limit(std::max(1, limit))
{}

CloudflareBudget &CloudflareBudget::shared()
{
    static CloudflareBudget budget;
    return budget;
}

int CloudflareBudget::ceilingFor(Use use, int limit)
{
    switch (use) {
    case Use::Refresh:
        return limit / 2;
    case Use::Read:
        return limit * 4 / 5;
    case Use::Change:
        return limit;
    }
    return limit;
}

void CloudflareBudget::expire(qint64 nowMs) const
{
    while (!m_sent.empty() && m_sent.front() <= nowMs - kWindowMs)
        m_sent.pop_front();
}

CloudflareBudget::Level CloudflareBudget::levelFor(int used) const
{
    if (used >= ceilingFor(Use::Change, m_limit))
        return Level::Exhausted;
    if (used >= ceilingFor(Use::Read, m_limit))
        return Level::ReadsPaused;
    if (used >= ceilingFor(Use::Refresh, m_limit))
        return Level::RefreshesPaused;
    return Level::Normal;
}

Status CloudflareBudget::admit(Use use, const QString &zone, int requests) const
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock.nowMs();
    expire(now);
    const int used = int(m_sent.size());
    const int ceiling = ceilingFor(use, m_limit);
    if (used + requests <= ceiling)
        return {};
    const QString what = use == Use::Refresh ? tr("refreshes stop at %1 requests").arg(ceiling)
                         : use == Use::Read  ? tr("reads stop at %1 requests").arg(ceiling)
                                             : tr("changes stop at the limit");
    // Room comes back when enough of the oldest requests leave the window.
    qint64 retryAfterMs = kWindowMs;
    if (!m_sent.empty()) {
        const size_t freeing = size_t(std::clamp(used + requests - ceiling - 1, 0, used - 1));
        retryAfterMs = std::max<qint64>(1, m_sent.at(freeing) + kWindowMs - now);
    }
    return Error(Error::Kind::Remote,
                 tr("Cloudflare zone %1: API budget: %2 of %3 requests used in the last 5 "
                    "minutes; %4 (refreshes are given up first, failover changes last)")
                     .arg(zone)
                     .arg(used)
                     .arg(m_limit)
                     .arg(what))
        .withRetryAfter(retryAfterMs);
}

void CloudflareBudget::spend(int requests)
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock.nowMs();
    expire(now);
    for (int i = 0; i < requests; ++i)
        m_sent.push_back(now);
    m_total += requests;
}

CloudflareBudget::Snapshot CloudflareBudget::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock.nowMs();
    expire(now);
    Snapshot s;
    s.used = int(m_sent.size());
    s.limit = m_limit;
    s.level = levelFor(s.used);
    s.total = m_total;
    return s;
}

QString CloudflareBudget::toString(Level level)
{
    switch (level) {
    case Level::Normal:
        return QStringLiteral("normal");
    case Level::RefreshesPaused:
        return QStringLiteral("refreshes paused");
    case Level::ReadsPaused:
        return QStringLiteral("reads paused");
    case Level::Exhausted:
        return QStringLiteral("exhausted");
    }
    return {};
}

} // namespace kokoa
