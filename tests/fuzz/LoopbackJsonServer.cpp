#include "LoopbackJsonServer.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <cctype>

namespace kokoa::fuzz {

namespace {

// Bounds what a request may buffer here: the provider's requests are small.
constexpr qsizetype maxRequestBytes = 64 * 1024;

QByteArray lastPage()
{
    return QByteArrayLiteral(
        R"({"success":true,"errors":[],"result":[],"result_info":{"page":2,"total_pages":1}})");
}

} // namespace

LoopbackJsonServer::LoopbackJsonServer()
    : m_server(new QTcpServer)
{
    m_server->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_server, &QObject::deleteLater);
    QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this] { accept(); });
    m_thread.start();
}

LoopbackJsonServer::~LoopbackJsonServer()
{
    m_thread.quit();
    m_thread.wait();
}

bool LoopbackJsonServer::listen()
{
    // The listening socket belongs to the server's thread: listen there.
    bool listening = false;
    QMetaObject::invokeMethod(
        m_server,
        [this, &listening] {
            listening = m_server->listen(QHostAddress::LocalHost, 0);
            m_port = m_server->serverPort();
        },
        Qt::BlockingQueuedConnection);
    return listening;
}

void LoopbackJsonServer::setResponse(int status, const QByteArray &body)
{
    QMutexLocker lock(&m_mutex);
    m_status = status;
    m_body = body;
}

void LoopbackJsonServer::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        QObject::connect(socket, &QTcpSocket::readyRead, socket,
                         [this, socket] { answer(socket); });
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void LoopbackJsonServer::answer(QTcpSocket *socket)
{
    QByteArray pending = socket->property("pending").toByteArray() + socket->readAll();
    for (;;) {
        const qsizetype end = pending.indexOf("\r\n\r\n");
        if (end < 0)
            break;
        // GET and DELETE carry no body; a body's length is in Content-Length.
        qsizetype bodyLength = 0;
        const QByteArray head = pending.left(end);
        const qsizetype cl = head.toLower().indexOf("content-length:");
        if (cl >= 0) {
            const qsizetype eol = head.indexOf("\r\n", cl);
            bodyLength = head.mid(cl + 15, eol < 0 ? -1 : eol - cl - 15).trimmed().toLongLong();
        }
        if (pending.size() < end + 4 + bodyLength)
            break;
        const QByteArray requestLine = head.left(head.indexOf("\r\n"));
        pending.remove(0, end + 4 + bodyLength);
        socket->write(responseFor(requestLine));
        ++m_served;
    }
    if (pending.size() > maxRequestBytes) {
        socket->abort();
        return;
    }
    socket->setProperty("pending", pending);
}

QByteArray LoopbackJsonServer::responseFor(const QByteArray &requestLine) const
{
    // "...&per_page=100&page=N ..." as CloudflareProvider::records() asks.
    bool laterPage = false;
    const qsizetype at = requestLine.indexOf("&page=");
    if (at >= 0) {
        qsizetype end = at + 6;
        while (end < requestLine.size() && std::isdigit(quint8(requestLine.at(end))))
            ++end;
        laterPage = requestLine.mid(at + 6, end - at - 6).toInt() > 1;
    }
    QMutexLocker lock(&m_mutex);
    const QByteArray body = laterPage ? lastPage() : m_body;
    const int status = laterPage ? 200 : m_status;
    return "HTTP/1.1 " + QByteArray::number(status) +
           " Fuzz\r\n"
           "Content-Type: application/json\r\n"
           "Content-Length: " +
           QByteArray::number(body.size()) +
           "\r\n"
           "\r\n" +
           body;
}

} // namespace kokoa::fuzz
