#pragma once

#include "core/Error.h"

#include <QHash>
#include <QString>

namespace kokoa {

// When the monitor may send a DNS change again after one failed. Keys are
// hostnames and zones ("zone:example.com"): a refused request (bad
// credentials, a read-only token) blocks the whole zone. A retryable error
// backs off exponentially up to a cap; an error a retry cannot fix is not
// resent until the configuration changes (clear()) or a long back-off ends,
// so a 403 never turns into a request loop that locks the account out.
class DnsBackoff final
{
public:
    static constexpr qint64 kFirstDelayMs = 2'000;
    static constexpr qint64 kMaxDelayMs = 5 * 60'000;
    // Long enough to stay far below any provider's rate limit, short enough
    // that a fixed-by-hand problem (token rights restored) heals by itself.
    static constexpr qint64 kNotRetryableDelayMs = 30 * 60'000;

    struct Entry
    {
        int failures = 0;
        qint64 retryAtMs = 0;
        bool retryable = true;
        QString lastError;
    };

    // Whether a DNS change that failed with `error` is worth retrying soon.
    // Beyond Error::retryable(): a conflict (the records changed between
    // our read and our update, e.g. a `dns sync` meanwhile) heals with a
    // fresh read.
    static bool retryable(const Error &error)
    {
        return error.retryable() || error.kind() == Error::Kind::Conflict;
    }
    bool mayTry(const QString &key, qint64 nowMs) const;
    // Records a failure; returns when the key may be tried again.
    qint64 failed(const QString &key, const Error &error, qint64 nowMs);
    void succeeded(const QString &key) { m_entries.remove(key); }
    // The configuration changed: every blocked request may be tried again.
    void clear() { m_entries.clear(); }
    const Entry *entry(const QString &key) const;
    const QHash<QString, Entry> &entries() const { return m_entries; }

    static QString zoneKey(const QString &zone) { return QStringLiteral("zone:") + zone; }

private:
    QHash<QString, Entry> m_entries;
};

} // namespace kokoa
