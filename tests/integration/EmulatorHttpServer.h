#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QTcpServer>

#include <functional>
#include <memory>

class QThread;
class QTcpSocket;

// The HTTP/1.1 plumbing the provider emulators share: one request per
// connection, answered by a handler, on 127.0.0.1 and a free port, in a
// thread of its own (the clients under test block their own thread).
class EmulatorHttpServer final : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QString path;                          // without the query
        QString query;                         // still encoded
        QHash<QByteArray, QByteArray> headers; // names in lower case
        QByteArray body;
    };
    struct Reply
    {
        int status = 200;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    using Handler = std::function<Reply(const Request &)>;

    explicit EmulatorHttpServer(Handler handler);
    ~EmulatorHttpServer() override;

    bool start();
    quint16 port() const { return m_port; }

private:
    void onConnection();
    void onReadyRead(QTcpSocket *socket);

    Handler m_handler;
    QTcpServer *m_server; // child: follows this object to its thread
    std::unique_ptr<QThread> m_thread;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    quint16 m_port = 0;
};
