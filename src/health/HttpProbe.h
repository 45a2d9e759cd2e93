#pragma once

#include "health/HttpResponseParser.h"
#include "health/ProbeResult.h"

#include <QAbstractSocket>
#include <QBasicTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

class QSslError;
class QTcpSocket;

namespace kokoa {

// Probes one hostname on one edge: GET <path> with the hostname as Host (and
// as TLS SNI), over one persistent HTTP/1.1 keep-alive connection to the
// edge's address that is reused from probe to probe, so the TCP and TLS
// handshakes are paid once, not every 2 s. Event driven on the calling
// thread's event loop: no thread, no blocking call.
//
// Certificate errors do not fail a probe (availability is measured, the
// detail notes "certificate not trusted: …"); a failed TLS handshake does.
// After "Connection: close", a body delimited by the close, or anything the
// parser does not accept, the connection is dropped and the next probe opens
// a new one. A request on a reused connection that the edge closed before
// answering is retried once on a fresh connection within the same timeout
// (the usual keep-alive race).
class HttpProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpProbe)

public:
    struct Target
    {
        QHostAddress address; // the edge, an IP literal (v4 or v6)
        quint16 port = 443;
        bool tls = true;
        QString hostname;                       // Host header and SNI
        QString path = QStringLiteral("/");     // health path
    };

    explicit HttpProbe(Target target, QObject *parent = nullptr);
    ~HttpProbe() override;

    const Target &target() const { return m_target; }

    // Starts one probe; finished() follows exactly once, after at most
    // timeoutMs (never from inside this call). While a probe runs, further
    // calls are ignored: the running probe's result answers them.
    void probe(int timeoutMs);
    bool isRunning() const { return m_running; }

    // Whether a connection is open and ready for the next request.
    bool isConnected() const;
    // Connections this probe has opened so far (keep-alive check, stats).
    int connectionsOpened() const { return m_connectionsOpened; }
    // Drops the connection (the next probe opens a new one). Does not end a
    // running probe's wait: use only while idle.
    void closeConnection();

signals:
    void finished(const kokoa::ProbeResult &result);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void openConnection();
    void sendRequest();
    void onConnectionReady();
    void onReadyRead();
    void onSocketError(QAbstractSocket::SocketError error);
    void onSslErrors(const QList<QSslError> &errors);
    // Feeds what the socket has buffered to the parser; true when the probe
    // finished (or the connection was dropped) because of it.
    bool consumeInput();
    void finishWithStatus(const QString &suffix = {});
    void finish(ProbeResult::Outcome outcome, int status, QString detail);
    void dropConnection();
    QString phase() const;

    Target m_target;
    QByteArray m_request;              // built once
    QPointer<QTcpSocket> m_socket;     // child of this; a QSslSocket with TLS
    HttpResponseParser m_parser;
    QBasicTimer m_timeout;
    QElapsedTimer m_elapsed;
    QString m_certificateNote;         // for the current connection
    int m_timeoutMs = 0;
    int m_connectionsOpened = 0;
    bool m_ready = false;              // connected (and encrypted with TLS)
    bool m_running = false;
    bool m_inProbeCall = false;
    bool m_requestSent = false;
    bool m_reusedConnection = false;
    bool m_retried = false;
};

} // namespace kokoa
