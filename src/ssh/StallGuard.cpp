#include "ssh/StallGuard.h"

#include <QCoreApplication>

#include <sys/socket.h>

namespace kokoa {

StallGuard::StallGuard(int socket, int overallMs, int stallMs)
    : m_socket(socket)
    , m_deadline(Clock::now() + std::chrono::milliseconds(overallMs))
    , m_stall(stallMs)
    , m_lastProgress(Clock::now())
    , m_watcher([this] { watch(); })
{}

StallGuard::~StallGuard()
{
    {
        const std::lock_guard lock(m_mutex);
        m_done = true;
    }
    m_wake.notify_all();
    m_watcher.join();
}

void StallGuard::progressed()
{
    const std::lock_guard lock(m_mutex);
    m_lastProgress = Clock::now();
}

bool StallGuard::fired() const
{
    const std::lock_guard lock(m_mutex);
    return !m_reason.isEmpty();
}

QString StallGuard::reason() const
{
    const std::lock_guard lock(m_mutex);
    return m_reason;
}

void StallGuard::watch()
{
    std::unique_lock lock(m_mutex);
    while (!m_done) {
        const Clock::time_point stallAt = m_lastProgress + m_stall;
        const Clock::time_point wakeAt = std::min(m_deadline, stallAt);
        if (Clock::now() >= wakeAt) {
            const bool overall = Clock::now() >= m_deadline;
            m_reason =
                overall
                    ? QCoreApplication::translate("StallGuard",
                                                  "it did not finish within the deadline")
                    : QCoreApplication::translate("StallGuard", "no progress for %1 s")
                          .arg(std::chrono::duration_cast<std::chrono::seconds>(m_stall).count());
            // shutdown(2), not close(2): libssh still owns the descriptor;
            // its blocked poll wakes up with an error.
            ::shutdown(m_socket, SHUT_RDWR);
            return;
        }
        m_wake.wait_until(lock, wakeAt);
    }
}

} // namespace kokoa
