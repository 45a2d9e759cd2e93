#pragma once

#include "health/ProbeResult.h"

#include <QAbstractSocket>
#include <QBasicTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <QPointer>

class QTcpSocket;

namespace kokoa {

// Is anything listening on (edge address, port)? Connects, reports, closes.
// Serving when the connection was established, Unreachable otherwise. Event
// driven on the calling thread's event loop.
class TcpProbe final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpProbe)

public:
    TcpProbe(const QHostAddress &address, quint16 port, QObject *parent = nullptr);
    ~TcpProbe() override;

    const QHostAddress &address() const { return m_address; }
    quint16 port() const { return m_port; }

    // Starts one probe; finished() follows exactly once, after at most
    // timeoutMs (never from inside this call). Ignored while one is running.
    void probe(int timeoutMs);
    bool isRunning() const { return m_running; }

signals:
    void finished(const kokoa::ProbeResult &result);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void onConnected();
    void onSocketError(QAbstractSocket::SocketError error);
    void finish(ProbeResult::Outcome outcome, QString detail);
    void dropSocket();

    QHostAddress m_address;
    quint16 m_port;
    QPointer<QTcpSocket> m_socket; // child of this, one per attempt
    QBasicTimer m_timeout;
    QElapsedTimer m_elapsed;
    int m_timeoutMs = 0;
    bool m_running = false;
    bool m_inProbeCall = false;
};

} // namespace kokoa
