#pragma once

#include "app/Job.h"

#include <any>

namespace kokoa {

// Any one blocking use case (a zone's credential check, a DNS sync, an
// export) run off the caller's thread as a Job: a window starts it, keeps
// its event loop turning, and reads the typed result when finished() comes.
// The task gets its input by value (a lambda's captures) and must not touch
// objects of the caller's thread; it may look at control.cancelled().
class TaskJob final : public Job
{
    Q_OBJECT

public:
    using Task = std::function<std::any(const Control &control)>;

    explicit TaskJob(Task task, QObject *parent = nullptr);
    ~TaskJob() override;

    // False when the job has been started before: a job runs once.
    bool start();
    bool isFinished() const { return m_finished; }
    // After finished(): what the task returned, if it is a T; else nullptr.
    template <typename T> const T *result() const { return std::any_cast<T>(&m_result); }

signals:
    void finished();

private:
    Task m_task;
    std::any m_result;
    bool m_finished = false;
};

} // namespace kokoa
