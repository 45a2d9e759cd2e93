#include "health/HttpProbe.h"

#include "health/HealthLogging.h"
#include "health/ProbeSupport.h"

#include <QNetworkProxy>
#include <QSslSocket>
#include <QTimerEvent>
#include <QUrl>

namespace kokoa {

using probe_support::describeSocketError;
using probe_support::timeoutDetail;

namespace {

QByteArray buildRequest(const HttpProbe::Target &target)
{
    QString path = target.path.isEmpty() ? QStringLiteral("/") : target.path;
    if (!path.startsWith(u'/'))
        path.prepend(u'/');
    // Keeps the characters a path and query may carry; encodes spaces,
    // control characters and non-ASCII so the request line stays one line.
    const QByteArray encodedPath = QUrl::toPercentEncoding(path, "!$&'()*+,;=:@/?%");
    const QByteArray host = QUrl::toAce(target.hostname);
    return "GET " + encodedPath + " HTTP/1.1\r\nHost: " + host
        + "\r\nUser-Agent: kokoa-health\r\nConnection: keep-alive\r\n\r\n";
}

} // namespace

HttpProbe::HttpProbe(Target target, QObject *parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_request(buildRequest(m_target))
{
}

HttpProbe::~HttpProbe()
{
    dropConnection();
}

bool HttpProbe::isConnected() const
{
    return m_socket && m_ready && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpProbe::closeConnection()
{
    if (!m_running)
        dropConnection();
}

void HttpProbe::probe(int timeoutMs)
{
    if (m_running) {
        qCDebug(lcHealth) << "probe of" << m_target.hostname << "on" << m_target.address
                          << "already running; request ignored";
        return;
    }
    m_inProbeCall = true;
    m_running = true;
    m_retried = false;
    m_requestSent = false;
    m_timeoutMs = timeoutMs;
    m_parser.reset();
    m_elapsed.start();
    m_timeout.start(timeoutMs, Qt::PreciseTimer, this);

    if (isConnected() && m_socket->bytesAvailable() == 0) {
        m_reusedConnection = true;
        sendRequest();
    } else {
        m_reusedConnection = false;
        dropConnection();
        openConnection();
    }
    m_inProbeCall = false;
}

void HttpProbe::openConnection()
{
    Q_ASSERT(!m_socket);
    m_ready = false;
    m_certificateNote.clear();
    ++m_connectionsOpened;

    QTcpSocket *socket = nullptr;
    if (m_target.tls) {
        auto *ssl = new QSslSocket(this);
        connect(ssl, &QSslSocket::encrypted, this, &HttpProbe::onConnectionReady);
        connect(ssl, &QSslSocket::sslErrors, this, &HttpProbe::onSslErrors);
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
        connect(socket, &QTcpSocket::connected, this, &HttpProbe::onConnectionReady);
    }
    m_socket = socket;
    socket->setProxy(QNetworkProxy::NoProxy);
    connect(socket, &QTcpSocket::readyRead, this, &HttpProbe::onReadyRead);
    connect(socket, &QTcpSocket::errorOccurred, this, &HttpProbe::onSocketError);

    const QString address = m_target.address.toString();
    if (m_target.tls) {
        // Connect to the edge's IP, but present the hostname as SNI and
        // check the certificate against it.
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(
            address, m_target.port, m_target.hostname, QIODevice::ReadWrite,
            QAbstractSocket::AnyIPProtocol);
    } else {
        socket->connectToHost(address, m_target.port, QIODevice::ReadWrite,
                              QAbstractSocket::AnyIPProtocol);
    }
}

void HttpProbe::dropConnection()
{
    m_ready = false;
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    // May be inside one of its signals: delete it from the event loop.
    socket->deleteLater();
}

void HttpProbe::onConnectionReady()
{
    m_ready = true;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_running && !m_requestSent)
        sendRequest();
}

void HttpProbe::onSslErrors(const QList<QSslError> &errors)
{
    // Availability is what is measured: an untrusted or mismatched
    // certificate still lets the edge answer. Noted, not failed.
    if (!errors.isEmpty())
        m_certificateNote = QStringLiteral("certificate not trusted: ") + errors.first().errorString();
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket.data()))
        ssl->ignoreSslErrors();
}

void HttpProbe::sendRequest()
{
    m_requestSent = true;
    m_socket->write(m_request);
    // Send now rather than on the next event loop pass: one poll() over all
    // sockets fewer per probe. Errors it raises are reported deferred.
    m_socket->flush();
}

void HttpProbe::onReadyRead()
{
    if (!m_running || !m_requestSent) {
        // Bytes nobody asked for: the connection is out of step.
        qCDebug(lcHealth) << "unsolicited data from" << m_target.address << "for"
                          << m_target.hostname << "- dropping the connection";
        dropConnection();
        return;
    }
    consumeInput();
}

bool HttpProbe::consumeInput()
{
    char buffer[16 * 1024];
    while (m_socket && m_socket->bytesAvailable() > 0) {
        const qint64 n = m_socket->read(buffer, sizeof buffer);
        if (n <= 0)
            break;
        qsizetype used = 0;
        switch (m_parser.feed(QByteArrayView(buffer, qsizetype(n)), &used)) {
        case HttpResponseParser::Status::NeedMore:
            break;
        case HttpResponseParser::Status::Complete:
            if (used < n || m_socket->bytesAvailable() > 0 || !m_parser.keepAlive()) {
                // Extra bytes after the response, or the edge wants to
                // close: the answer counts, the connection does not.
                dropConnection();
            }
            finishWithStatus();
            return true;
        case HttpResponseParser::Status::Error: {
            const QString why = m_parser.errorString();
            dropConnection();
            finish(ProbeResult::Outcome::Unreachable, 0,
                   QStringLiteral("invalid HTTP response: ") + why);
            return true;
        }
        }
    }
    return false;
}

void HttpProbe::onSocketError(QAbstractSocket::SocketError error)
{
    if (!m_running) {
        // An idle keep-alive connection went away (the edge's idle timeout,
        // a restart): reconnect on the next probe.
        qCDebug(lcHealth) << "idle connection to" << m_target.address << "for"
                          << m_target.hostname << "ended:" << m_socket->errorString();
        dropConnection();
        return;
    }
    // Whatever arrived before the error still counts.
    if (m_requestSent && consumeInput())
        return;

    const QString socketError = m_socket ? m_socket->errorString() : QString();
    if (error == QAbstractSocket::RemoteHostClosedError && m_requestSent
        && m_parser.finishOnClose() == HttpResponseParser::Status::Complete) {
        dropConnection();
        finishWithStatus();
        return;
    }
    if (m_reusedConnection && !m_retried && !m_parser.hasStarted()) {
        // The edge closed the kept-alive connection as we reused it: one
        // more try on a new connection, within the same timeout.
        qCDebug(lcHealth) << "reused connection to" << m_target.address << "for"
                          << m_target.hostname << "failed before an answer (" << socketError
                          << "); retrying on a new connection";
        m_retried = true;
        m_reusedConnection = false;
        m_requestSent = false;
        m_parser.reset();
        dropConnection();
        openConnection();
        return;
    }
    const bool gotHeaders = m_parser.headersComplete();
    dropConnection();
    if (gotHeaders) {
        finishWithStatus(QStringLiteral(" (connection lost before the end of the body)"));
        return;
    }
    QString detail = describeSocketError(error, socketError);
    if (error == QAbstractSocket::RemoteHostClosedError && m_requestSent)
        detail = m_parser.hasStarted()
            ? QStringLiteral("connection closed in the middle of the response")
            : QStringLiteral("connection closed without a response");
    finish(ProbeResult::Outcome::Unreachable, 0, detail);
}

void HttpProbe::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timeout.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timeout.stop();
    if (!m_running)
        return;
    const bool gotHeaders = m_parser.headersComplete();
    const QString where = phase();
    dropConnection(); // reset: a late answer must not be taken for the next one
    if (gotHeaders) {
        // The edge answered; only the body is slow. Report the answer.
        finishWithStatus(QStringLiteral(" (body incomplete after %1 ms)").arg(m_timeoutMs));
        return;
    }
    finish(ProbeResult::Outcome::Unreachable, 0, timeoutDetail(m_timeoutMs, where));
}

QString HttpProbe::phase() const
{
    if (!m_ready)
        return m_target.tls && m_socket
                && m_socket->state() == QAbstractSocket::ConnectedState
            ? QStringLiteral("TLS handshake")
            : QStringLiteral("connecting");
    return m_parser.hasStarted() ? QStringLiteral("reading the response")
                                 : QStringLiteral("waiting for the response");
}

void HttpProbe::finishWithStatus(const QString &suffix)
{
    const int status = m_parser.statusCode();
    finish(ProbeResult::outcomeForStatus(status), status,
           QStringLiteral("HTTP %1").arg(status) + suffix);
}

void HttpProbe::finish(ProbeResult::Outcome outcome, int status, QString detail)
{
    if (!m_running)
        return;
    m_running = false;
    m_timeout.stop();

    ProbeResult result;
    result.outcome = outcome;
    result.httpStatus = status;
    result.latencyMs = m_elapsed.elapsed();
    result.detail = std::move(detail);
    if (!m_certificateNote.isEmpty() && outcome != ProbeResult::Outcome::Unreachable)
        result.detail += QStringLiteral("; ") + m_certificateNote;

    if (m_inProbeCall) {
        // Never emit from inside probe(): callers may not expect re-entrancy.
        QMetaObject::invokeMethod(
            this, [this, result] { emit finished(result); }, Qt::QueuedConnection);
        return;
    }
    emit finished(result);
}

} // namespace kokoa
