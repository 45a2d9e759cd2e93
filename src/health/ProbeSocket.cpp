#include "health/ProbeSocket.h"

#include "health/ProbeSupport.h"

#include <QUrl>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <net/if.h>
#include <netinet/in.h>

namespace kokoa::probe_socket {

QByteArray buildRequest(const HttpTarget &target)
{
    QString path = target.path.isEmpty() ? QStringLiteral("/") : target.path;
    if (!path.startsWith(u'/'))
        path.prepend(u'/');
    const QByteArray encodedPath = QUrl::toPercentEncoding(path, "!$&'()*+,;=:@/?%");
    const QByteArray host = QUrl::toAce(target.hostname);
    return "GET " + encodedPath + " HTTP/1.1\r\nHost: " + host +
           "\r\nUser-Agent: kokoa-health\r\nConnection: keep-alive\r\n\r\n";
}

bool toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage *storage,
                socklen_t *length)
{
    *storage = {};
    if (address.protocol() == QAbstractSocket::IPv4Protocol) {
        auto *in = reinterpret_cast<sockaddr_in *>(storage);
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        in->sin_addr.s_addr = htonl(address.toIPv4Address());
        *length = sizeof(sockaddr_in);
        return true;
    }
    if (address.protocol() == QAbstractSocket::IPv6Protocol) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(port);
        const Q_IPV6ADDR bytes = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, bytes.c, sizeof bytes.c);
        const QString scope = address.scopeId();
        if (!scope.isEmpty()) {
            bool numeric = false;
            const uint index = scope.toUInt(&numeric);
            in6->sin6_scope_id = numeric ? index : if_nametoindex(scope.toLatin1().constData());
        }
        *length = sizeof(sockaddr_in6);
        return true;
    }
    return false;
}

QString errnoDetail(int error)
{
    QAbstractSocket::SocketError kind = QAbstractSocket::UnknownSocketError;
    switch (error) {
    case ECONNREFUSED:
        kind = QAbstractSocket::ConnectionRefusedError;
        break;
    case ECONNRESET:
    case EPIPE:
        kind = QAbstractSocket::RemoteHostClosedError;
        break;
    case ENETUNREACH:
    case EHOSTUNREACH:
    case ENETDOWN:
        kind = QAbstractSocket::NetworkError;
        break;
    case ETIMEDOUT:
        kind = QAbstractSocket::SocketTimeoutError;
        break;
    default:
        break;
    }
    return probe_support::describeSocketError(kind, QString::fromLocal8Bit(std::strerror(error)));
}

bool wouldBlock(int error)
{
    return error == EAGAIN || error == EWOULDBLOCK;
}

} // namespace kokoa::probe_socket
