#pragma once

#include <QString>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace kokoa {

// A deadline for a blocking libssh call that has none of its own (SFTP reads
// and writes wait for the server forever). A watcher thread shuts the
// session's socket down when the whole operation takes longer than
// `overallMs`, or when progressed() was not called for `stallMs`: the
// blocked call then fails at once. The session is unusable afterwards,
// which is what a host that stopped answering deserves.
class StallGuard final
{
public:
    StallGuard(int socket, int overallMs, int stallMs);
    ~StallGuard();
    StallGuard(const StallGuard &) = delete;
    StallGuard &operator=(const StallGuard &) = delete;

    // Some bytes went through: the stall clock starts again.
    void progressed();
    bool fired() const;
    // Why it fired ("no progress for 20 s"), empty when it did not.
    QString reason() const;

private:
    using Clock = std::chrono::steady_clock;
    void watch();

    const int m_socket;
    const Clock::time_point m_deadline;
    const std::chrono::milliseconds m_stall;
    Clock::time_point m_lastProgress;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_done = false;
    QString m_reason;
    std::thread m_watcher;
};

} // namespace kokoa
