#include "dns/BlockingHttp.h"

#include "dns/DnsLogging.h"
#include "dns/HttpWorker.h"

#include <QNetworkRequest>

#include <algorithm>
#include <chrono>
#include <thread>

namespace kokoa {

BlockingHttp::BlockingHttp(RetryPolicy policy)
    : m_policy(policy)
{}

BlockingHttp::~BlockingHttp() = default;

HttpWorker &BlockingHttp::worker()
{
    if (!m_worker)
        m_worker = std::make_unique<HttpWorker>();
    return *m_worker;
}

BlockingHttp::Attempt BlockingHttp::once(const QByteArray &verb, const QUrl &url,
                                         const QByteArray &jsonBody, const QDeadlineTimer &deadline)
{
    HttpExchange exchange;
    exchange.request = QNetworkRequest(url);
    QNetworkRequest &request = exchange.request;
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    request.setTransferTimeout(m_policy.transferTimeoutMs);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("kokoa"));
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", QByteArrayLiteral("Bearer ") + m_token);
    if (!jsonBody.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    exchange.verb = verb;
    exchange.body = jsonBody;
    exchange.maxResponseBytes = m_policy.maxResponseBytes;
    exchange.deadline = deadline;

    const HttpOutcome outcome = worker().run(exchange);
    Attempt attempt;
    if (outcome.answered) {
        attempt.response.status = outcome.status;
        attempt.response.body = outcome.body;
        bool ok = false;
        const int seconds = outcome.retryAfter.trimmed().toInt(&ok);
        attempt.response.retryAfterSeconds = ok && seconds >= 0 ? seconds : -1;
        return attempt;
    }
    attempt.transportFailed = true;
    attempt.tooLarge = outcome.tooLarge;
    attempt.timedOut = outcome.timedOut;
    if (outcome.tooLarge)
        attempt.transportError =
            tr("the response is larger than %1 bytes").arg(m_policy.maxResponseBytes);
    else if (outcome.timedOut)
        attempt.transportError =
            tr("no complete answer within the %1 ms budget (or %2 ms of silence)")
                .arg(m_policy.budgetMs)
                .arg(m_policy.transferTimeoutMs);
    else
        attempt.transportError = outcome.transportError;
    return attempt;
}

Result<HttpResponse> BlockingHttp::send(const QByteArray &verb, const QUrl &url,
                                        const QString &what, const QByteArray &jsonBody)
{
    // One deadline for every attempt and every wait in between: the call
    // returns within budgetMs whatever the server does.
    const QDeadlineTimer budget(m_policy.budgetMs);
    int backoff = m_policy.initialBackoffMs;
    Attempt last;
    for (int attempt = 1;; ++attempt) {
        last = once(verb, url, jsonBody, budget);
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
        if (attempt >= m_policy.maxAttempts || wait >= left) {
            qCWarning(lcDns).noquote() << what << "giving up after" << attempt << "attempt(s)";
            break;
        }
        qCInfo(lcDns).noquote() << what << "attempt" << attempt << "failed"
                                << (last.transportFailed ? last.transportError
                                                         : QStringLiteral("HTTP %1").arg(status))
                                << "- retrying in" << wait << "ms";
        // A plain sleep: this thread runs nothing else while a call is in
        // progress (no event loop to re-enter), and the wait is bounded.
        std::this_thread::sleep_for(std::chrono::milliseconds(wait));
    }
    if (!last.transportFailed)
        return last.response;
    return Error(last.timedOut ? Error::Kind::Timeout : Error::Kind::Remote,
                 tr("%1: %2 (%n attempt(s))", nullptr, last.response.attempts)
                     .arg(what, last.transportError));
}

} // namespace kokoa
