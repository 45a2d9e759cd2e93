#include "dns/BlockingHttp.h"

#include "dns/DnsLogging.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace kokoa {

BlockingHttp::BlockingHttp(RetryPolicy policy) : m_policy(policy) {}

BlockingHttp::~BlockingHttp() = default;

QNetworkAccessManager &BlockingHttp::manager()
{
    // Created in the thread that makes the calls; an instance stays there.
    if (!m_manager)
        m_manager = std::make_unique<QNetworkAccessManager>();
    Q_ASSERT(m_manager->thread() == QThread::currentThread());
    return *m_manager;
}

void BlockingHttp::waitMs(int ms)
{
    if (ms <= 0)
        return;
    // A local loop rather than a sleep: objects of this thread keep working.
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

BlockingHttp::Attempt BlockingHttp::once(const QByteArray &verb, const QUrl &url,
                                         const QByteArray &jsonBody)
{
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    request.setTransferTimeout(m_policy.transferTimeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("kokoa"));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + m_token);
    if (!jsonBody.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));

    QNetworkReply *reply = manager().sendCustomRequest(request, verb, jsonBody);
    QEventLoop loop;
    Attempt attempt;
    const qint64 limit = m_policy.maxResponseBytes;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                     [reply, limit, &attempt](qint64 received, qint64 total) {
                         if (received > limit || total > limit) {
                             attempt.tooLarge = true;
                             reply->abort();
                         }
                     });
    if (!reply->isFinished())
        loop.exec();

    if (attempt.tooLarge) {
        // What arrived is cut: never parse it as if it were the answer.
        attempt.transportFailed = true;
        attempt.transportError = tr("the response is larger than %1 bytes").arg(limit);
        reply->deleteLater();
        return attempt;
    }
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        attempt.response.status = status.toInt();
        attempt.response.body = reply->readAll();
        bool ok = false;
        const int seconds = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
        attempt.response.retryAfterSeconds = ok && seconds >= 0 ? seconds : -1;
    } else {
        attempt.transportFailed = true;
        attempt.timedOut = reply->error() == QNetworkReply::OperationCanceledError
            || reply->error() == QNetworkReply::TimeoutError;
        attempt.transportError = attempt.timedOut
            ? tr("no answer within %1 ms").arg(m_policy.transferTimeoutMs)
            : reply->errorString();
    }
    reply->deleteLater();
    return attempt;
}

Result<HttpResponse> BlockingHttp::send(const QByteArray &verb, const QUrl &url, const QString &what,
                                        const QByteArray &jsonBody)
{
    const QDeadlineTimer budget(m_policy.budgetMs);
    int backoff = m_policy.initialBackoffMs;
    Attempt last;
    for (int attempt = 1;; ++attempt) {
        last = once(verb, url, jsonBody);
        last.response.attempts = attempt;
        if (last.tooLarge) // the same answer again would not help
            return Error(Error::Kind::Remote, tr("%1: %2").arg(what, last.transportError));
        const int status = last.response.status;
        const bool retryable = last.transportFailed || status == 429 || status >= 500;
        if (!retryable)
            return last.response;

        int wait = backoff;
        if (status == 429 && last.response.retryAfterSeconds >= 0)
            wait = last.response.retryAfterSeconds * 1000;
        backoff = std::min(backoff * 2, m_policy.maxBackoffMs);
        const qint64 left = budget.remainingTime();
        if (attempt >= m_policy.maxAttempts || wait > left) {
            qCWarning(lcDns).noquote() << what << "giving up after" << attempt << "attempt(s)";
            break;
        }
        qCInfo(lcDns).noquote() << what << "attempt" << attempt << "failed"
                                << (last.transportFailed ? last.transportError
                                                         : QStringLiteral("HTTP %1").arg(status))
                                << "- retrying in" << wait << "ms";
        waitMs(wait);
    }
    if (!last.transportFailed)
        return last.response;
    return Error(last.timedOut ? Error::Kind::Timeout : Error::Kind::Remote,
                 tr("%1: %2 (%n attempt(s))", nullptr, last.response.attempts)
                     .arg(what, last.transportError));
}

} // namespace kokoa
