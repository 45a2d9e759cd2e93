#include "cloud/ServerReadiness.h"

#include <QDeadlineTimer>
#include <QThread>

namespace kokoa {

Result<CloudServer> ServerReadiness::waitUntilRunning(CloudProvider &provider, const QString &id,
                                                      Policy policy)
{
    const QDeadlineTimer deadline(policy.timeoutMs);
    QString lastStatus;
    for (;;) {
        Result<std::optional<CloudServer>> s = provider.server(id);
        if (!s)
            return s.error();
        if (!s->has_value())
            return Error(
                Error::Kind::NotFound,
                tr("server %1 disappeared at the provider while booting").arg(quoteForMessage(id)));
        if ((*s)->running)
            return **s;
        lastStatus = (*s)->status;
        if (deadline.remainingTime() < policy.intervalMs)
            return Error(Error::Kind::Timeout,
                         tr("server %1 was not running after %2 s (status %3)")
                             .arg(quoteForMessage(id))
                             .arg(policy.timeoutMs / 1000)
                             .arg(quoteForMessage(lastStatus)));
        QThread::msleep(ulong(policy.intervalMs));
    }
}

} // namespace kokoa
