#pragma once

#include "app/HostOnboarding.h"
#include "app/Job.h"

#include <memory>
#include <optional>

namespace kokoa::app {

// First contact with a host (HostOnboarding) as a Job, for a window: the SSH
// work runs off the caller's thread, and the host-key question arrives as a
// signal the window answers later (a dialog) with answerHostKey(). While the
// question is open the connection waits, before any authentication; cancel()
// or destroying the job refuses the key.
class OnboardingJob final : public Job
{
    Q_OBJECT

public:
    // The request's own decideHostKey is replaced by the question signal.
    OnboardingJob(QString dataDir, HostOnboarding::Request request, QObject *parent = nullptr);
    ~OnboardingJob() override;

    // False when the job has been started before: a job runs once.
    bool start();
    // The answer to the open hostKeyQuestion(); from any thread. Ignored
    // when no question is open.
    void answerHostKey(HostKeyDecision decision);
    // After finished(): the same result it carried.
    const std::optional<Result<HostOnboarding::Outcome>> &result() const { return m_result; }

signals:
    void hostKeyQuestion(const kokoa::HostKeyQuestion &question);
    void finished(const kokoa::Result<kokoa::app::HostOnboarding::Outcome> &result);

private:
    struct Answer;

    QString m_dataDir;
    HostOnboarding::Request m_request;
    std::shared_ptr<Answer> m_answer;
    std::optional<Result<HostOnboarding::Outcome>> m_result;
};

} // namespace kokoa::app
