#pragma once

#include <QByteArray>
#include <QTcpServer>

namespace kokoa::fuzz {

// A minimal HTTP/1.1 server on 127.0.0.1 that answers every request with one
// canned JSON body (keep-alive, Content-Length). It lets a fuzz target drive
// CloudflareProvider through its public interface: the provider's only way
// in is a URL, so the fuzzed bytes have to arrive over a socket. Requests for
// a later page get an empty last page so a fuzzed total_pages cannot make
// one input cost a thousand round trips.
class LoopbackJsonServer final
{
public:
    LoopbackJsonServer();

    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    void setResponse(int status, const QByteArray &body);
    int requestsServed() const { return m_served; }

private:
    void accept();
    void answer(QTcpSocket *socket);
    QByteArray responseFor(const QByteArray &requestLine) const;

    QTcpServer m_server;
    int m_status = 200;
    QByteArray m_body;
    int m_served = 0;
};

} // namespace kokoa::fuzz
