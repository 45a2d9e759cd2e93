#pragma once

#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class QThread;

namespace kokoa {

// A long operation (deploy; later certificate issue, burn and replace) that a
// window or a command drives without waiting for it: start() returns at once,
// the work runs on a thread of its own, and its signals (progress, finished)
// are emitted on the thread the job lives in, from its event loop.
//
// cancel() asks the work to stop at its next safe point; the work decides
// what that is (a deployment finishes a host's file set). Destroying a
// running job cancels it and waits for the work to end; signals still on
// their way are dropped with the job. A slot connected to finished() may
// deleteLater() the job, not delete it outright.
//
// A subclass starts its work with launch(). The work must not touch the
// subclass: it gets its input by value and hands results back through
// Control::post(), whose functions run on the job's thread while the job
// still exists.
class Job : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Job)

public:
    // What the work gets from its job, callable from the work's thread.
    class Control final
    {
    public:
        bool cancelled() const { return m_job.m_cancel.load(); }
        const std::atomic_bool *cancelFlag() const { return &m_job.m_cancel; }
        // Runs fn on the job's thread, later, unless the job is gone by then.
        void post(std::function<void()> fn) const { m_job.post(std::move(fn)); }

    private:
        friend class Job;
        explicit Control(Job &job)
            : m_job(job)
        {}
        Job &m_job;
    };
    // The work; returns what to run on the job's thread once it is over
    // (typically: emit finished(result)).
    using Work = std::function<std::function<void()>(const Control &control)>;

    explicit Job(QObject *parent = nullptr);
    ~Job() override;

    bool isRunning() const { return m_running; }
    bool isCancelled() const { return m_cancel.load(); }

    // Safe from any thread, any number of times. Once the work has ended it
    // changes nothing; before start() it makes the work stop at its first
    // safe point.
    void cancel();

protected:
    // Starts work on its own thread. False (and nothing runs) when the job
    // is already running or has run: a job runs once.
    bool launch(Work work);

private:
    void post(std::function<void()> fn) const;
    void waitForWork();

    std::atomic_bool m_cancel = false;
    bool m_running = false;
    bool m_launched = false;
    std::unique_ptr<QThread> m_thread;
    // The receiver of posted functions (a child, so it follows the job to
    // another thread). Deleted with the job once the work has ended, it takes
    // what is still queued along, unrun.
    QObject *m_mailbox;
};

} // namespace kokoa
