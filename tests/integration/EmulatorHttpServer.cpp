#include "EmulatorHttpServer.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QThread>

EmulatorHttpServer::EmulatorHttpServer(Handler handler)
    : m_handler(std::move(handler))
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &EmulatorHttpServer::onConnection);
}

EmulatorHttpServer::~EmulatorHttpServer()
{
    if (!m_thread)
        return;
    QThread *home = QThread::currentThread();
    QMetaObject::invokeMethod(
        this,
        [this, home] {
            const QList<QTcpSocket *> sockets = m_server->findChildren<QTcpSocket *>();
            for (QTcpSocket *socket : sockets) {
                socket->disconnect(this);
                delete socket;
            }
            m_server->close();
            moveToThread(home);
        },
        Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

bool EmulatorHttpServer::start()
{
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(QStringLiteral("api-emulator"));
    moveToThread(m_thread.get());
    m_thread->start();
    bool ok = false;
    QMetaObject::invokeMethod(
        this,
        [this, &ok] {
            ok = m_server->listen(QHostAddress(QHostAddress::LocalHost), 0);
            m_port = m_server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    return ok;
}

void EmulatorHttpServer::onConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void EmulatorHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer.append(socket->readAll());
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return; // a request may arrive in pieces
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    Request request;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length", "0").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return;
    const QList<QByteArray> requestLine = lines[0].trimmed().split(' ');
    request.method = requestLine.value(0);
    const QByteArray target = requestLine.value(1);
    const qsizetype q = target.indexOf('?');
    request.path = QString::fromLatin1(q < 0 ? target : target.left(q));
    request.query = q < 0 ? QString() : QString::fromLatin1(target.mid(q + 1));
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.clear();

    const Reply reply = m_handler(request);
    QByteArray out = "HTTP/1.1 " + QByteArray::number(reply.status) + " Status\r\n";
    out += "Content-Type: application/json\r\n";
    out += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
    for (const auto &h : reply.headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Connection: close\r\n\r\n" + reply.body;
    socket->write(out);
    socket->disconnectFromHost();
}
