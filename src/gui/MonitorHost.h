#pragma once

#include "gui/MonitorWorker.h"

#include <QObject>
#include <QThread>

namespace kokoa::gui {

// Runs the health monitor (component "gui") on a thread of its own while
// the window is open, so probing and DNS work never stall the window. Only
// the DNS lease holder acts: when kokoa-watchdog holds the lease, this
// monitor stays on standby and changes nothing. Pausing stops the monitor,
// which releases the lease. The Monitor's signals arrive on the GUI thread.
class MonitorHost final : public QObject
{
    Q_OBJECT

public:
    using Setup = MonitorWorker::Setup;
    // How long shutdown() waits for the monitor to stop and the thread to end.
    static constexpr int kShutdownBoundMs = 10000;

    explicit MonitorHost(Setup setup, QObject *parent = nullptr);
    // shutdown()
    ~MonitorHost() override;

    // Starts the thread and the monitor (not paused).
    void start();
    void pause();
    void resume();
    // Stops the monitor, then the thread, bounded by kShutdownBoundMs.
    void shutdown();

    bool isPaused() const { return m_paused; }
    // The monitor runs (started and not stopped or failed).
    bool isRunning() const { return m_running; }
    bool holdsLease() const { return m_holdsLease; }

signals:
    void pausedChanged(bool paused);
    void runningChanged(bool running);
    void leaseChanged(bool held, const QString &holder);
    void targetChanged(const kokoa::HealthKey &key, bool up, const QString &reason);
    void answerChanged(const QString &hostname, const QStringList &edges);
    void alertRaised(const QString &text);
    void fatalError(const QString &text);

private:
    void onRunning(bool running);

    QThread m_thread;
    MonitorWorker *m_worker = nullptr; // lives on m_thread; deleted in shutdown()
    bool m_paused = false;
    bool m_running = false;
    bool m_holdsLease = false;
};

} // namespace kokoa::gui
