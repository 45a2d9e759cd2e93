#include "health/ProbeSupport.h"

namespace kokoa::probe_support {

QString describeSocketError(QAbstractSocket::SocketError error, const QString &errorString)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QAbstractSocket::RemoteHostClosedError:
        return QStringLiteral("connection closed by the edge");
    case QAbstractSocket::HostNotFoundError:
        return QStringLiteral("address not usable: ") + errorString;
    case QAbstractSocket::NetworkError:
        return QStringLiteral("network error: ") + errorString;
    case QAbstractSocket::SocketTimeoutError:
        return QStringLiteral("socket timeout");
    case QAbstractSocket::SslHandshakeFailedError:
        return QStringLiteral("TLS handshake failed: ") + errorString;
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return QStringLiteral("TLS error: ") + errorString;
    default:
        return errorString;
    }
}

QString timeoutDetail(int timeoutMs, const QString &phase)
{
    QString detail = QStringLiteral("timeout after %1 ms").arg(timeoutMs);
    if (!phase.isEmpty())
        detail += QStringLiteral(" (") + phase + u')';
    return detail;
}

} // namespace kokoa::probe_support
