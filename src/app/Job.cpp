#include "app/Job.h"

#include "app/AppLogging.h"

#include <QThread>

namespace kokoa {

Job::Job(QObject *parent)
    : QObject(parent)
    , m_mailbox(new QObject(this))
{}

Job::~Job()
{
    cancel();
    waitForWork();
}

void Job::cancel()
{
    m_cancel.store(true);
}

bool Job::launch(Work work)
{
    if (m_launched) {
        qCWarning(lcApp) << "a job runs once; start() ignored";
        return false;
    }
    m_launched = true;
    m_running = true;
    // The work is done with what it captured by the time the thread ends.
    m_thread.reset(QThread::create([this, work = std::move(work)] {
        const Control control(*this);
        std::function<void()> done = work(control);
        post([this, done = std::move(done)] {
            waitForWork();
            m_running = false;
            if (done)
                done();
        });
    }));
    m_thread->setObjectName(QStringLiteral("kokoa-job"));
    m_thread->start();
    return true;
}

void Job::post(std::function<void()> fn) const
{
    QMetaObject::invokeMethod(m_mailbox, std::move(fn), Qt::QueuedConnection);
}

void Job::waitForWork()
{
    if (m_thread)
        m_thread->wait();
}

} // namespace kokoa
