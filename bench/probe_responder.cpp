// A stand-in for many edges, for bench_monitor_full: listens on N loopback ports
// (port 0: the kernel picks) and answers every HTTP/1.1 request head with a
// small keep-alive 200, whatever the Host. Prints "PORTS p1 p2 …" once
// listening. Runs until killed. Usage: probe_responder [count]
#include <QCoreApplication>
#include <QTcpServer>
#include <QTcpSocket>

#include <cstdio>
#include <memory>
#include <sys/resource.h>
#include <vector>

namespace {

const QByteArray response =
    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok";

void serve(QTcpSocket *socket)
{
    auto tail = std::make_shared<QByteArray>(); // unterminated request head so far
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, tail] {
        tail->append(socket->readAll());
        QByteArray out;
        qsizetype end;
        while ((end = tail->indexOf("\r\n\r\n")) >= 0) {
            tail->remove(0, end + 4);
            out += response;
        }
        if (tail->size() > 64 * 1024)
            socket->abort();
        else if (!out.isEmpty())
            socket->write(out);
    });
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? QByteArray(argv[1]).toInt() : 100;
    if (count <= 0)
        return 2;
    // "--edges-on-port-80": listen on 127.0.1.1 … 127.0.1.<count> port 80, as
    // that many edges would (for bench_monitor_full; needs root).
    const bool port80 = argc > 2 && QByteArray(argv[2]) == "--edges-on-port-80";

    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }

    std::vector<std::unique_ptr<QTcpServer>> servers;
    QByteArray line = "PORTS";
    for (int i = 0; i < count; ++i) {
        auto server = std::make_unique<QTcpServer>();
        const QHostAddress address = port80 ? QHostAddress(QStringLiteral("127.0.1.%1").arg(i + 1))
                                            : QHostAddress(QHostAddress::LocalHost);
        if (!server->listen(address, port80 ? 80 : 0)) {
            std::fprintf(stderr, "probe_responder: listen failed: %s\n",
                         qPrintable(server->errorString()));
            return 1;
        }
        QTcpServer *raw = server.get();
        QObject::connect(raw, &QTcpServer::newConnection, raw, [raw] {
            while (QTcpSocket *socket = raw->nextPendingConnection())
                serve(socket);
        });
        line += ' ' + QByteArray::number(raw->serverPort());
        servers.push_back(std::move(server));
    }
    std::printf("%s\n", line.constData());
    std::fflush(stdout);
    return app.exec();
}
