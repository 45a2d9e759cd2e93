#pragma once

#include <QByteArray>
#include <QMutex>
#include <QTcpServer>
#include <QThread>

#include <atomic>

namespace kokoa::fuzz {

// A minimal HTTP/1.1 server on 127.0.0.1 that answers every request with one
// canned JSON body (keep-alive, Content-Length). It lets a fuzz target drive
// CloudflareProvider through its public interface: the provider's only way
// in is a URL, so the fuzzed bytes have to arrive over a socket. Requests for
// a later page get an empty last page so a fuzzed total_pages cannot make
// one input cost a thousand round trips. It answers from a thread of its
// own: the provider blocks the calling thread while it waits for a reply.
class LoopbackJsonServer final
{
public:
    LoopbackJsonServer();
    ~LoopbackJsonServer();

    bool listen();
    quint16 port() const { return m_port; }
    void setResponse(int status, const QByteArray &body);
    int requestsServed() const { return m_served.load(); }

private:
    void accept();
    void answer(QTcpSocket *socket);
    QByteArray responseFor(const QByteArray &requestLine) const;

    QThread m_thread;
    QTcpServer *m_server = nullptr; // lives in m_thread, deleted when it ends
    quint16 m_port = 0;
    mutable QMutex m_mutex; // guards the canned answer
    int m_status = 200;
    QByteArray m_body;
    std::atomic<int> m_served = 0;
};

} // namespace kokoa::fuzz
