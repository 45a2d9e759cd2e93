#include "app/TaskJob.h"
#include "core/Result.h"

#include <QMutex>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QWaitCondition>

using namespace kokoa;

// A blocking use case run as a TaskJob leaves the caller's event loop free,
// hands its typed result back on the caller's thread, and sees cancel().
class TestTaskJob : public QObject
{
    Q_OBJECT

private slots:
    void blockingTaskLeavesTheCallerFree();
    void cancelReachesTheTask();
    void destroyedWhileRunningWaitsForTheTask();
};

namespace {

// Lets a test hold a task until it says so.
struct Gate
{
    QMutex mutex;
    QWaitCondition opened;
    bool open = false;

    void wait()
    {
        QMutexLocker lock(&mutex);
        while (!open)
            opened.wait(&mutex);
    }
    void release()
    {
        QMutexLocker lock(&mutex);
        open = true;
        opened.wakeAll();
    }
};

} // namespace

void TestTaskJob::blockingTaskLeavesTheCallerFree()
{
    auto gate = std::make_shared<Gate>();
    QThread *caller = QThread::currentThread();
    std::atomic<QThread *> ranOn = nullptr;
    TaskJob job([gate, &ranOn](const Job::Control &) -> std::any {
        ranOn = QThread::currentThread();
        gate->wait();
        return Result<int>(42);
    });
    QSignalSpy finished(&job, &TaskJob::finished);
    QThread *finishedOn = nullptr;
    connect(&job, &TaskJob::finished, this, [&] { finishedOn = QThread::currentThread(); });
    QVERIFY(job.start());
    QVERIFY(!job.start());

    // The task blocks; the caller's event loop still delivers a timer.
    bool timerFired = false;
    QTimer::singleShot(0, this, [&] { timerFired = true; });
    QTRY_VERIFY_WITH_TIMEOUT(timerFired, 5000);
    QVERIFY(!job.isFinished());
    QTRY_VERIFY_WITH_TIMEOUT(ranOn.load() != nullptr, 5000);
    QVERIFY(ranOn.load() != caller);

    gate->release();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
    QCOMPARE(finishedOn, caller);
    const Result<int> *result = job.result<Result<int>>();
    QVERIFY(result);
    QCOMPARE(**result, 42);
    QVERIFY(!job.result<QString>()); // the wrong type reads as none
}

void TestTaskJob::cancelReachesTheTask()
{
    TaskJob job([](const Job::Control &control) -> std::any {
        // Bounded: a task that never saw the cancel ends the test as a failure.
        QDeadlineTimer bound(10000);
        while (!control.cancelled() && !bound.hasExpired())
            QThread::yieldCurrentThread();
        return Result<int>(Error(Error::Kind::Cancelled, QStringLiteral("cancelled")));
    });
    QVERIFY(job.start());
    job.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(job.isFinished(), 15000);
    QCOMPARE(job.result<Result<int>>()->error().kind(), Error::Kind::Cancelled);
}

void TestTaskJob::destroyedWhileRunningWaitsForTheTask()
{
    auto gate = std::make_shared<Gate>();
    std::atomic_bool ended = false;
    auto job = std::make_unique<TaskJob>([gate, &ended](const Job::Control &) -> std::any {
        gate->wait();
        ended = true;
        return {};
    });
    QVERIFY(job->start());
    // Opens the gate from another thread, while the destructor waits (or
    // just before): either way the task must have ended when it returns.
    std::unique_ptr<QThread> opener(QThread::create([gate] { gate->release(); }));
    opener->start();
    job.reset();
    QVERIFY(ended.load());
    opener->wait();
}

QTEST_GUILESS_MAIN(TestTaskJob)
#include "tst_task_job.moc"
