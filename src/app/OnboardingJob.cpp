#include "app/OnboardingJob.h"

#include <QMutex>
#include <QWaitCondition>

namespace kokoa::app {

// Shared by the job and its work: the work may outlive the question (the
// job is being destroyed), so neither owns it alone.
struct OnboardingJob::Answer
{
    QMutex mutex;
    QWaitCondition changed;
    bool open = false;
    bool abandoned = false; // the job is going away: refuse
    std::optional<HostKeyDecision> decision;

    // On the work's thread: waits for the window's answer. A cancelled job
    // refuses; the wait wakes up for an answer, for the job's destruction,
    // and every so often to look at the cancel flag.
    HostKeyDecision await(const Job::Control &control)
    {
        QMutexLocker lock(&mutex);
        while (!decision && !abandoned && !control.cancelled())
            changed.wait(&mutex, QDeadlineTimer(kCancelPollMs));
        open = false;
        const HostKeyDecision result =
            decision && !control.cancelled() ? *decision : HostKeyDecision::Refuse;
        decision.reset();
        return result;
    }

    static constexpr int kCancelPollMs = 100;
};

OnboardingJob::OnboardingJob(QString dataDir, HostOnboarding::Request request, QObject *parent)
    : Job(parent)
    , m_dataDir(std::move(dataDir))
    , m_request(std::move(request))
    , m_answer(std::make_shared<Answer>())
{}

OnboardingJob::~OnboardingJob()
{
    // Before Job's destructor waits for the work: an open question must not
    // keep it waiting.
    QMutexLocker lock(&m_answer->mutex);
    m_answer->abandoned = true;
    m_answer->changed.wakeAll();
}

void OnboardingJob::answerHostKey(HostKeyDecision decision)
{
    QMutexLocker lock(&m_answer->mutex);
    if (!m_answer->open)
        return;
    m_answer->decision = decision;
    m_answer->changed.wakeAll();
}

bool OnboardingJob::start()
{
    // `self` is only dereferenced in posted functions, which run on this
    // job's thread while it exists (see Job).
    OnboardingJob *self = this;
    return launch([self, dataDir = m_dataDir, request = m_request,
                   answer = m_answer](const Control &control) -> std::function<void()> {
        HostOnboarding::Request r = request;
        r.decideHostKey = [self, answer, control](const HostKeyQuestion &question) {
            {
                QMutexLocker lock(&answer->mutex);
                answer->open = true;
                answer->decision.reset();
            }
            control.post([self, question] { emit self->hostKeyQuestion(question); });
            return answer->await(control);
        };
        Result<HostOnboarding::Outcome> outcome = HostOnboarding(dataDir).establish(r);
        return [self, outcome = std::move(outcome)] {
            self->m_result = outcome;
            emit self->finished(outcome);
        };
    });
}

} // namespace kokoa::app
