#include "gui/MonitorHost.h"

#include "gui/GuiLogging.h"

#include <QSemaphore>

#include <memory>

namespace kokoa::gui {

MonitorHost::MonitorHost(Setup setup, QObject *parent)
    : QObject(parent)
    , m_worker(new MonitorWorker(std::move(setup)))
{
    qRegisterMetaType<kokoa::HealthKey>();
    m_thread.setObjectName(QStringLiteral("kokoa-monitor"));
    m_worker->moveToThread(&m_thread);
    // The worker lives on the monitor thread: these connections are queued.
    connect(m_worker, &MonitorWorker::running, this, &MonitorHost::onRunning);
    connect(m_worker, &MonitorWorker::leaseChanged, this, [this](bool held, const QString &holder) {
        m_holdsLease = held;
        emit leaseChanged(held, holder);
    });
    connect(m_worker, &MonitorWorker::targetChanged, this, &MonitorHost::targetChanged);
    connect(m_worker, &MonitorWorker::answerChanged, this, &MonitorHost::answerChanged);
    connect(m_worker, &MonitorWorker::alertRaised, this, &MonitorHost::alertRaised);
    connect(m_worker, &MonitorWorker::fatalError, this, &MonitorHost::fatalError);
}

MonitorHost::~MonitorHost()
{
    shutdown();
}

void MonitorHost::start()
{
    if (!m_worker)
        return;
    if (!m_thread.isRunning())
        m_thread.start();
    resume();
}

void MonitorHost::pause()
{
    if (!m_worker || m_paused)
        return;
    m_paused = true;
    QMetaObject::invokeMethod(m_worker, &MonitorWorker::stopMonitor, Qt::QueuedConnection);
    emit pausedChanged(true);
}

void MonitorHost::resume()
{
    if (!m_worker || !m_thread.isRunning())
        return;
    const bool wasPaused = std::exchange(m_paused, false);
    QMetaObject::invokeMethod(m_worker, &MonitorWorker::startMonitor, Qt::QueuedConnection);
    if (wasPaused)
        emit pausedChanged(false);
}

void MonitorHost::shutdown()
{
    if (!m_worker)
        return;
    if (m_thread.isRunning()) {
        // Monitor::stop() is bounded; the semaphore bounds the wait for it
        // here too, should the thread be stuck elsewhere.
        auto closed = std::make_shared<QSemaphore>();
        QMetaObject::invokeMethod(m_worker, [worker = m_worker, closed] {
            worker->close();
            closed->release();
        });
        if (!closed->tryAcquire(1, kShutdownBoundMs))
            qCWarning(lcGui) << "the monitor did not stop within" << kShutdownBoundMs << "ms";
        m_thread.quit();
        if (!m_thread.wait(kShutdownBoundMs)) {
            // Deleting the worker under a running thread would be worse than
            // leaving it: the process is ending anyway.
            qCCritical(lcGui) << "the monitor thread did not end; leaving it";
            m_worker = nullptr;
            return;
        }
    }
    delete m_worker; // the thread has ended: no event of the worker is pending
    m_worker = nullptr;
    m_running = false;
    m_holdsLease = false;
}

void MonitorHost::onRunning(bool running)
{
    if (!running)
        m_holdsLease = false;
    if (m_running == running)
        return;
    m_running = running;
    emit runningChanged(running);
}

} // namespace kokoa::gui
