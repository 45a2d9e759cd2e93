#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QUrl>

#include <memory>

namespace kokoa {

class HttpWorker;

// Bounded retries: 429 honours Retry-After, 5xx, timeouts and connection
// errors back off exponentially; everything stops at maxAttempts or when the
// total time budget would be exceeded. budgetMs bounds the whole send():
// every attempt, every byte of every answer and every wait in between.
struct RetryPolicy
{
    int maxAttempts = 4;
    int budgetMs = 10'000; // total per send()
    int initialBackoffMs = 250;
    int maxBackoffMs = 2'000;
    int transferTimeoutMs = 8'000;              // silence allowed within an attempt
    qint64 maxResponseBytes = 32 * 1024 * 1024; // a longer body is an error, never cut
};

struct HttpResponse
{
    int status = 0;
    QByteArray body;
    int attempts = 0;
    int retryAfterSeconds = -1; // of the last response, -1 if absent
};

// Blocking JSON-over-HTTP(S) client for provider APIs. The exchange runs on
// a private thread (HttpWorker); the calling thread only waits, so no event
// loop is re-entered in the caller, and each send() ends within the
// policy's budget (Error::Kind::Timeout) whatever the server does. Redirects are followed only to
// the same origin. The bearer token goes into the Authorization header only: never into a message
// or a log line.
class BlockingHttp final
{
    Q_DECLARE_TR_FUNCTIONS(BlockingHttp)
    Q_DISABLE_COPY_MOVE(BlockingHttp)

public:
    explicit BlockingHttp(RetryPolicy policy = {});
    ~BlockingHttp();

    void setBearerToken(const QByteArray &token) { m_token = token; }
    const RetryPolicy &policy() const { return m_policy; }

    // Returns the final response, which may be an HTTP error after retries;
    // an Error only when no HTTP response arrived at all (Timeout or Remote).
    // what: a short description for messages ("listing records of x").
    Result<HttpResponse> send(const QByteArray &verb, const QUrl &url, const QString &what,
                              const QByteArray &jsonBody = {});

private:
    struct Attempt
    {
        HttpResponse response;
        bool transportFailed = false;
        bool timedOut = false;
        bool tooLarge = false;
        QString transportError;
    };
    Attempt once(const QByteArray &verb, const QUrl &url, const QByteArray &jsonBody,
                 const QDeadlineTimer &deadline);
    HttpWorker &worker();

    RetryPolicy m_policy;
    QByteArray m_token;
    std::unique_ptr<HttpWorker> m_worker;
};

} // namespace kokoa
