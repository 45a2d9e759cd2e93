#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QStringList>
#include <QTcpServer>

#include <optional>

class QTcpSocket;

namespace kokoa::test {

// A scriptable edge for the probe tests, on loopback: answers each HTTP
// request (head up to the blank line) with `response`, optionally slowly,
// byte by byte, or never; counts connections and requests; with TLS it
// records the SNI name of each ClientHello (read with MSG_PEEK before the
// QSslSocket takes the descriptor over, since Qt 6.4 has no server-side SNI
// API).
class FakeEdgeServer final : public QTcpServer
{
    Q_OBJECT

public:
    explicit FakeEdgeServer(QObject *parent = nullptr);

    bool start(const QHostAddress &address = QHostAddress::LocalHost);

    // Behaviour (set before the probe runs)
    QByteArray response; // sent for every request
    bool silent = false; // accept and read, never answer
    QByteArray greeting; // sent as soon as a connection is accepted
    bool closeAfterResponse = false;
    bool closeIdleAfterResponse = false; // close ~10 ms after answering
    int byteDelayMs = -1;                // >= 0: one byte per write, this far apart
    int responseDelayMs = 0;
    bool tls = false;
    QSslCertificate certificate;
    QSslKey privateKey;

    // What happened
    int connections = 0;
    int requests = 0;
    QList<QByteArray> requestHeads;
    QStringList sniNames; // one per TLS ClientHello ("" if none)

    static QByteArray httpResponse(int status, const QByteArray &body = "ok",
                                   const QByteArray &extraHeaders = {});

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void sniffClientHello(qintptr descriptor);
    void serve(QTcpSocket *socket);
    void answer(QTcpSocket *socket);
    void drip(QTcpSocket *socket, QByteArray rest);
    void afterResponse(QTcpSocket *socket);
};

// The server_name of a TLS ClientHello record; nullopt until the record is
// complete, "" when it has none.
std::optional<QString> sniFromClientHello(const QByteArray &record, bool *malformed);

} // namespace kokoa::test
