#include "FakeEdgeServer.h"

#include <QPointer>
#include <QSocketNotifier>
#include <QSslSocket>
#include <QTimer>

#include <optional>
#include <sys/socket.h>
#include <unistd.h>

namespace kokoa::test {

FakeEdgeServer::FakeEdgeServer(QObject *parent)
    : QTcpServer(parent)
    , response(httpResponse(200))
{}

bool FakeEdgeServer::start(const QHostAddress &address)
{
    return listen(address, 0);
}

QByteArray FakeEdgeServer::httpResponse(int status, const QByteArray &body,
                                        const QByteArray &extraHeaders)
{
    return "HTTP/1.1 " + QByteArray::number(status) +
           " Whatever\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n" +
           extraHeaders + "\r\n" + body;
}

void FakeEdgeServer::incomingConnection(qintptr descriptor)
{
    ++connections;
    if (tls) {
        sniffClientHello(descriptor);
        return;
    }
    auto *socket = new QTcpSocket(this);
    socket->setSocketDescriptor(descriptor);
    serve(socket);
}

void FakeEdgeServer::sniffClientHello(qintptr descriptor)
{
    auto *notifier = new QSocketNotifier(descriptor, QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [this, notifier, descriptor] {
        char buffer[16 * 1024];
        const ssize_t n = ::recv(int(descriptor), buffer, sizeof buffer, MSG_PEEK);
        bool malformed = false;
        std::optional<QString> sni;
        if (n > 0)
            sni = sniFromClientHello(QByteArray(buffer, qsizetype(n)), &malformed);
        if (n > 0 && !sni && !malformed)
            return; // wait for the rest of the record
        notifier->setEnabled(false);
        notifier->deleteLater();
        if (n <= 0) {
            ::close(int(descriptor));
            return;
        }
        sniNames.append(sni.value_or(QStringLiteral("<malformed>")));
        auto *socket = new QSslSocket(this);
        socket->setSocketDescriptor(descriptor);
        socket->setLocalCertificate(certificate);
        socket->setPrivateKey(privateKey);
        socket->setPeerVerifyMode(QSslSocket::VerifyNone);
        serve(socket);
        socket->startServerEncryption();
    });
}

void FakeEdgeServer::serve(QTcpSocket *socket)
{
    auto buffer = std::make_shared<QByteArray>();
    if (!greeting.isEmpty())
        socket->write(greeting);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
        buffer->append(socket->readAll());
        qsizetype end;
        while ((end = buffer->indexOf("\r\n\r\n")) >= 0) {
            requestHeads.append(buffer->left(end + 4));
            buffer->remove(0, end + 4);
            ++requests;
            if (silent)
                continue;
            if (responseDelayMs > 0) {
                QPointer<QTcpSocket> guard(socket);
                QTimer::singleShot(responseDelayMs, this, [this, guard] {
                    if (guard)
                        answer(guard);
                });
            } else {
                answer(socket);
            }
        }
    });
}

void FakeEdgeServer::answer(QTcpSocket *socket)
{
    if (byteDelayMs >= 0) {
        drip(socket, response);
        return;
    }
    socket->write(response);
    afterResponse(socket);
}

void FakeEdgeServer::drip(QTcpSocket *socket, QByteArray rest)
{
    if (rest.isEmpty()) {
        afterResponse(socket);
        return;
    }
    socket->write(rest.left(1));
    socket->flush();
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(byteDelayMs, this, [this, guard, rest] {
        if (guard)
            drip(guard, rest.mid(1));
    });
}

void FakeEdgeServer::afterResponse(QTcpSocket *socket)
{
    if (closeAfterResponse) {
        socket->disconnectFromHost(); // after the pending bytes are written
    } else if (closeIdleAfterResponse) {
        QPointer<QTcpSocket> guard(socket);
        QTimer::singleShot(10, this, [guard] {
            if (guard)
                guard->disconnectFromHost();
        });
    }
}

std::optional<QString> sniFromClientHello(const QByteArray &record, bool *malformed)
{
    *malformed = false;
    const auto u8 = [&](qsizetype i) { return int(quint8(record.at(i))); };
    const auto u16 = [&](qsizetype i) { return (u8(i) << 8) | u8(i + 1); };
    if (record.size() < 5)
        return std::nullopt;
    if (u8(0) != 22) { // not a handshake record
        *malformed = true;
        return std::nullopt;
    }
    const qsizetype recordEnd = 5 + u16(3);
    if (record.size() < recordEnd)
        return std::nullopt;
    // handshake: type(1) length(3) version(2) random(32)
    qsizetype p = 5;
    if (recordEnd < p + 38 || u8(p) != 1) {
        *malformed = true;
        return std::nullopt;
    }
    p += 4 + 2 + 32;
    const auto skip = [&](int lengthBytes) {
        if (p + lengthBytes > recordEnd)
            return false;
        const int len = lengthBytes == 1 ? u8(p) : u16(p);
        p += lengthBytes + len;
        return p <= recordEnd;
    };
    if (!skip(1) || !skip(2) || !skip(1)) { // session id, cipher suites, compression
        *malformed = true;
        return std::nullopt;
    }
    if (p + 2 > recordEnd)
        return QString(); // no extensions
    const qsizetype extensionsEnd = qMin(recordEnd, p + 2 + u16(p));
    p += 2;
    while (p + 4 <= extensionsEnd) {
        const int type = u16(p);
        const int len = u16(p + 2);
        p += 4;
        if (type == 0 && len >= 5 && p + len <= extensionsEnd) {
            // server_name_list(2) name_type(1) name(2 + n)
            const int nameLength = u16(p + 3);
            if (u8(p + 2) == 0 && 5 + nameLength <= len)
                return QString::fromLatin1(record.mid(p + 5, nameLength));
        }
        p += len;
    }
    return QString();
}

} // namespace kokoa::test
