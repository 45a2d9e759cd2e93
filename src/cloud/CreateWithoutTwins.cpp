#include "cloud/CreateWithoutTwins.h"

#include "cloud/CloudLogging.h"

#include <QDeadlineTimer>
#include <QThread>

namespace kokoa {

Result<CreateWithoutTwins::Outcome>
CreateWithoutTwins::run(const Post &post, const FindByName &find, const RetryPolicy &policy)
{
    const QDeadlineTimer budget(policy.budgetMs);
    int backoff = policy.initialBackoffMs;
    std::optional<Error> last;
    for (int attempt = 1; attempt <= policy.maxAttempts; ++attempt) {
        Result<HttpResponse> r = post();
        int wait = backoff;
        backoff = std::min(backoff * 2, policy.maxBackoffMs);
        if (r && r->status == 429) {
            if (r->retryAfterSeconds >= 0)
                wait = r->retryAfterSeconds * 1000;
            if (attempt == policy.maxAttempts || wait >= budget.remainingTime())
                return Outcome{*r, std::nullopt};
        } else if (r && r->status < 500) {
            return Outcome{*r, std::nullopt};
        } else {
            // Unknown outcome: the server may exist.
            Result<std::optional<CloudServer>> found = find();
            if (found && found->has_value())
                return Outcome{std::nullopt, **found};
            if (attempt == policy.maxAttempts || wait >= budget.remainingTime()) {
                if (!r)
                    return r.error();
                return Outcome{*r, std::nullopt};
            }
        }
        qCInfo(lcCloud) << "create attempt" << attempt << "failed; retrying in" << wait << "ms";
        QThread::msleep(ulong(wait));
    }
    return Error(Error::Kind::Internal, tr("no create attempt was made"));
}

} // namespace kokoa
