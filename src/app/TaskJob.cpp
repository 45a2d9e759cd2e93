#include "app/TaskJob.h"

namespace kokoa {

TaskJob::TaskJob(Task task, QObject *parent)
    : Job(parent)
    , m_task(std::move(task))
{}

TaskJob::~TaskJob() = default;

bool TaskJob::start()
{
    // `self` is only dereferenced in the posted function, which runs on this
    // job's thread while it exists (see Job).
    TaskJob *self = this;
    return launch([self, task = m_task](const Control &control) -> std::function<void()> {
        std::any result = task(control);
        return [self, result = std::move(result)] {
            self->m_result = result;
            self->m_finished = true;
            emit self->finished();
        };
    });
}

} // namespace kokoa
