#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QNetworkRequest>
#include <QString>
#include <QThread>

namespace kokoa {

// One HTTP exchange and what came of it.
struct HttpExchange
{
    QNetworkRequest request;
    QByteArray verb;
    QByteArray body;
    qint64 maxResponseBytes = 0;
    QDeadlineTimer deadline{QDeadlineTimer::Forever}; // the whole exchange, body included
};

struct HttpOutcome
{
    bool answered = false; // an HTTP status arrived and the body is complete
    int status = 0;
    QByteArray body;
    QByteArray retryAfter;
    bool timedOut = false;  // the deadline passed or the transfer went silent
    bool tooLarge = false;  // the body exceeded maxResponseBytes
    QString transportError; // when not answered
};

// Runs HTTP exchanges on a private thread with its own event loop and
// network manager, so a caller can block for the answer without running an
// event loop of its own: nothing else in the caller's thread runs meanwhile,
// and a deadline bounds the whole exchange, not only silences (a server
// trickling one byte every few seconds is cut off at the deadline).
class HttpWorker final
{
    Q_DISABLE_COPY_MOVE(HttpWorker)

public:
    HttpWorker();
    ~HttpWorker();

    // Blocks until the exchange ends or its deadline passes.
    HttpOutcome run(const HttpExchange &exchange);

private:
    QThread m_thread;
    QObject *m_context = nullptr; // lives in m_thread, parent of the manager
};

} // namespace kokoa
