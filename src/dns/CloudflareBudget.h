#pragma once

#include "core/Clock.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QMutex>

#include <deque>

namespace kokoa {

// Cloudflare's API allows 1,200 requests per 5 minutes per user and then
// refuses every request for 5 minutes: a failing edge would lock Kokoa out
// of its own DNS exactly when it must act. Every request to the API is
// counted here over a sliding 5-minute window, and when the budget runs low
// the work is given up in a fixed order:
//   1. scheduled refreshes of a zone's known records stop at half the
//      budget (the kept records answer instead): steady state spends at
//      most half;
//   2. reads (a zone listed again after an error) stop at 80 %;
//   3. changes (failover, certificates, commands) go on to the limit.
// (A 429 that outlasts the retries carries its Retry-After to the zone's
// back-off, DnsBackoff.)
// One budget per process, shared by every zone's provider (Cloudflare
// counts per user, not per zone); thread-safe (zones change in parallel).
class CloudflareBudget final
{
    Q_DECLARE_TR_FUNCTIONS(CloudflareBudget)
    Q_DISABLE_COPY_MOVE(CloudflareBudget)

public:
    static constexpr int kLimit = 1200;
    static constexpr qint64 kWindowMs = 5 * 60 * 1000;
    // What a request is for, in the order the work is given up.
    enum class Use
    {
        Refresh,
        Read,
        Change
    };
    enum class Level
    {
        Normal,          // below half
        RefreshesPaused, // half or more
        ReadsPaused,     // 80 % or more
        Exhausted        // at the limit
    };
    struct Snapshot
    {
        int used = 0; // requests in the last window
        int limit = kLimit;
        Level level = Level::Normal;
        qint64 total = 0; // requests since the process started
    };

    explicit CloudflareBudget(const Clock &clock = Clock::system(), int limit = kLimit);
    // The process's budget.
    static CloudflareBudget &shared();

    // The most requests in the window that still leave room for `use`.
    static int ceilingFor(Use use, int limit);
    // Whether `requests` more for `use` fit; the error names the budget and
    // the order. Nothing is counted: spend() counts what was really sent.
    Status admit(Use use, const QString &zone, int requests = 1) const;
    void spend(int requests);
    Snapshot snapshot() const;

    static QString toString(Level level);

private:
    void expire(qint64 nowMs) const;
    Level levelFor(int used) const;

    const Clock &m_clock;
    int m_limit;
    mutable QMutex m_mutex;
    mutable std::deque<qint64> m_sent; // times of the requests in the window
    qint64 m_total = 0;
};

} // namespace kokoa
