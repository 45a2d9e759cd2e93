#include "health/TcpProbe.h"

#include "health/HealthLogging.h"
#include "health/ProbeSupport.h"

#include <QNetworkProxy>
#include <QTcpSocket>
#include <QTimerEvent>

namespace kokoa {

TcpProbe::TcpProbe(const QHostAddress &address, quint16 port, QObject *parent)
    : QObject(parent)
    , m_address(address)
    , m_port(port)
{
}

TcpProbe::~TcpProbe()
{
    dropSocket();
}

void TcpProbe::probe(int timeoutMs)
{
    if (m_running) {
        qCDebug(lcHealth) << "TCP probe of" << m_address << m_port
                          << "already running; request ignored";
        return;
    }
    m_inProbeCall = true;
    m_running = true;
    m_timeoutMs = timeoutMs;
    m_elapsed.start();
    m_timeout.start(timeoutMs, Qt::PreciseTimer, this);

    dropSocket();
    auto *socket = new QTcpSocket(this);
    m_socket = socket;
    socket->setProxy(QNetworkProxy::NoProxy);
    connect(socket, &QTcpSocket::connected, this, &TcpProbe::onConnected);
    connect(socket, &QTcpSocket::errorOccurred, this, &TcpProbe::onSocketError);
    socket->connectToHost(m_address, m_port);
    m_inProbeCall = false;
}

void TcpProbe::onConnected()
{
    dropSocket();
    finish(ProbeResult::Outcome::Serving, QStringLiteral("TCP connect to port %1 succeeded").arg(m_port));
}

void TcpProbe::onSocketError(QAbstractSocket::SocketError error)
{
    const QString detail = probe_support::describeSocketError(error, m_socket->errorString());
    dropSocket();
    finish(ProbeResult::Outcome::Unreachable, detail);
}

void TcpProbe::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timeout.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timeout.stop();
    dropSocket();
    finish(ProbeResult::Outcome::Unreachable, probe_support::timeoutDetail(m_timeoutMs));
}

void TcpProbe::dropSocket()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater(); // may be inside one of its signals
}

void TcpProbe::finish(ProbeResult::Outcome outcome, QString detail)
{
    if (!m_running)
        return;
    m_running = false;
    m_timeout.stop();

    ProbeResult result;
    result.outcome = outcome;
    result.latencyMs = m_elapsed.elapsed();
    result.detail = std::move(detail);
    if (m_inProbeCall) {
        QMetaObject::invokeMethod(
            this, [this, result] { emit finished(result); }, Qt::QueuedConnection);
        return;
    }
    emit finished(result);
}

} // namespace kokoa
