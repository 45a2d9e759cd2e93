#include "dns/HttpWorker.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <condition_variable>
#include <memory>
#include <mutex>

namespace kokoa {

namespace {

// How long a caller waits beyond the deadline for the worker to report the
// abort it made at the deadline.
constexpr int reportGraceMs = 1000;

struct Pending
{
    std::mutex mutex;
    std::condition_variable done;
    bool finished = false;
    HttpOutcome outcome;

    void finish(HttpOutcome o)
    {
        {
            std::lock_guard lock(mutex);
            outcome = std::move(o);
            finished = true;
        }
        done.notify_all();
    }
};

QNetworkAccessManager *managerOf(QObject *context)
{
    auto *manager =
        context->findChild<QNetworkAccessManager *>(QString(), Qt::FindDirectChildrenOnly);
    return manager ? manager : new QNetworkAccessManager(context);
}

// In the worker thread: starts the exchange; `pending` is told how it ended.
void start(QObject *context, const HttpExchange &exchange, const std::shared_ptr<Pending> &pending)
{
    if (exchange.deadline.hasExpired()) {
        HttpOutcome o;
        o.timedOut = true;
        pending->finish(o);
        return;
    }
    QNetworkReply *reply =
        managerOf(context)->sendCustomRequest(exchange.request, exchange.verb, exchange.body);
    auto outcome = std::make_shared<HttpOutcome>();
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    QObject::connect(deadline, &QTimer::timeout, reply, [reply, outcome] {
        outcome->timedOut = true;
        reply->abort();
    });
    if (!exchange.deadline.isForever())
        deadline->start(int(std::clamp<qint64>(exchange.deadline.remainingTime(), 1, INT_MAX)));
    const qint64 limit = exchange.maxResponseBytes;
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                     [reply, outcome, limit](qint64 got, qint64 total) {
                         if (limit > 0 && (got > limit || total > limit)) {
                             outcome->tooLarge = true;
                             reply->abort();
                         }
                     });
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, outcome, pending] {
        HttpOutcome o = *outcome;
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        const QNetworkReply::NetworkError error = reply->error();
        // An HTTP error status is an answer; an abort or a broken transfer is not,
        // even when the headers had arrived (the body would be cut).
        o.answered =
            !o.timedOut && !o.tooLarge && status.isValid() &&
            (error == QNetworkReply::NoError || (error >= QNetworkReply::ContentAccessDenied &&
                                                 error != QNetworkReply::ProtocolUnknownError &&
                                                 error != QNetworkReply::ProtocolFailure));
        if (o.answered) {
            o.status = status.toInt();
            o.body = reply->readAll();
            o.retryAfter = reply->rawHeader("Retry-After");
        } else {
            o.timedOut = o.timedOut || error == QNetworkReply::TimeoutError ||
                         (error == QNetworkReply::OperationCanceledError && !o.tooLarge);
            o.transportError = reply->errorString();
        }
        reply->deleteLater();
        pending->finish(std::move(o));
    });
}

} // namespace

HttpWorker::HttpWorker()
{
    m_thread.setObjectName(QStringLiteral("kokoa-http"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread.start();
}

HttpWorker::~HttpWorker()
{
    m_thread.quit();
    m_thread.wait();
}

HttpOutcome HttpWorker::run(const HttpExchange &exchange)
{
    auto pending = std::make_shared<Pending>();
    QObject *context = m_context;
    QMetaObject::invokeMethod(
        m_context, [context, exchange, pending] { start(context, exchange, pending); },
        Qt::QueuedConnection);
    std::unique_lock lock(pending->mutex);
    if (exchange.deadline.isForever()) {
        pending->done.wait(lock, [&pending] { return pending->finished; });
        return pending->outcome;
    }
    const auto wait = std::chrono::milliseconds(
        std::max<qint64>(0, exchange.deadline.remainingTime()) + reportGraceMs);
    if (!pending->done.wait_for(lock, wait, [&pending] { return pending->finished; })) {
        // The worker did not report its own abort in time; the exchange is
        // abandoned (its result, if any, lands in `pending` and is dropped).
        HttpOutcome o;
        o.timedOut = true;
        return o;
    }
    return pending->outcome;
}

} // namespace kokoa
