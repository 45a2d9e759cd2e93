#include "health/DnsBackoff.h"

namespace kokoa {

bool DnsBackoff::mayTry(const QString &key, qint64 nowMs) const
{
    const auto it = m_entries.constFind(key);
    return it == m_entries.constEnd() || nowMs >= it->retryAtMs;
}

qint64 DnsBackoff::failed(const QString &key, const Error &error, qint64 nowMs)
{
    Entry &e = m_entries[key];
    ++e.failures;
    e.retryable = retryable(error);
    e.lastError = error.message();
    qint64 delay = kNotRetryableDelayMs;
    if (e.retryable) {
        delay = kFirstDelayMs;
        for (int i = 1; i < e.failures && delay < kMaxDelayMs; ++i)
            delay *= 2;
        delay = std::min(delay, kMaxDelayMs);
    }
    e.retryAtMs = nowMs + delay;
    return e.retryAtMs;
}

const DnsBackoff::Entry *DnsBackoff::entry(const QString &key) const
{
    const auto it = m_entries.constFind(key);
    return it == m_entries.constEnd() ? nullptr : &*it;
}

} // namespace kokoa
