#include "dns/TxtPropagation.h"

#include "dns/DnsLogging.h"
#include "dns/DnsWire.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QHostInfo>
#include <QNetworkDatagram>
#include <QRandomGenerator>
#include <QThread>
#include <QUdpSocket>

namespace kokoa {

using namespace dnswire;

namespace {

Result<QHostAddress> addressOf(const QString &host)
{
    QHostAddress address(host);
    if (!address.isNull())
        return address;
    const QHostInfo info = QHostInfo::fromName(host);
    if (info.addresses().isEmpty())
        return Error(Error::Kind::Remote,
                     TxtPropagation::tr("the name server %1 does not resolve").arg(host));
    return info.addresses().first();
}

} // namespace

Result<QSet<QByteArray>> TxtPropagation::query(const DnsServerAddress &server, const QString &name,
                                               int timeoutMs)
{
    const Result<QHostAddress> address = addressOf(server.host);
    if (!address)
        return address.error();
    Message request;
    request.id = quint16(QRandomGenerator::global()->bounded(1, 0xffff));
    request.flags = flagsFor(OpQuery); // no RD: the server's own data only
    request.questions.append({name, TypeTxt, ClassIn});
    const Result<QByteArray> wire = build(request);
    if (!wire)
        return wire.error();
    QUdpSocket socket;
    if (socket.writeDatagram(*wire, *address, server.port) != wire->size())
        return Error(Error::Kind::Remote, tr("asking %1 for the TXT records at %2: %3")
                                              .arg(server.toString(), name, socket.errorString()));
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (!socket.hasPendingDatagrams() &&
            !socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            break;
        while (socket.hasPendingDatagrams()) {
            const QNetworkDatagram datagram = socket.receiveDatagram();
            const Result<Message> reply = parse(datagram.data());
            if (!reply || reply->id != request.id || !reply->isResponse())
                continue; // not the answer to this question
            if (reply->rcode() != NoError && reply->rcode() != NxDomain)
                return Error(Error::Kind::Remote,
                             tr("%1 answered %2 for the TXT records at %3")
                                 .arg(server.toString(), rcodeName(reply->rcode()), name));
            QSet<QByteArray> values;
            for (const ResourceRecord &rr : reply->answers) {
                if (rr.type == TypeTxt && rr.name == name.toLower())
                    values.insert(txtText(rr.rdata));
            }
            return values;
        }
    }
    return Error(Error::Kind::Timeout,
                 tr("%1 did not answer the question for the TXT records at %2 within %3 ms")
                     .arg(server.toString(), name)
                     .arg(timeoutMs));
}

Status TxtPropagation::waitUntilAnswered(const QList<DnsServerAddress> &servers,
                                         const QString &name, const QSet<QByteArray> &values,
                                         const Options &options)
{
    if (servers.isEmpty())
        return Error(Error::Kind::InvalidInput,
                     tr("no authoritative name server is known to check %1 on").arg(name));
    const QDeadlineTimer deadline(options.timeoutMs);
    QList<DnsServerAddress> waiting = servers;
    QString lastProblem;
    for (;;) {
        QList<DnsServerAddress> still;
        for (const DnsServerAddress &server : std::as_const(waiting)) {
            const Result<QSet<QByteArray>> answered =
                query(server, name,
                      int(std::min<qint64>(options.queryTimeoutMs,
                                           std::max<qint64>(1, deadline.remainingTime()))));
            if (answered && answered->contains(values))
                continue;
            lastProblem = answered ? tr("%1 does not answer it yet").arg(server.toString())
                                   : answered.error().message();
            still.append(server);
        }
        if (still.isEmpty())
            return {};
        waiting = still;
        if (deadline.remainingTime() < options.intervalMs)
            break;
        // Bounded polling of a remote server: nothing here can signal a change.
        QThread::msleep(quint64(options.intervalMs));
    }
    return Error(Error::Kind::Timeout,
                 tr("the TXT record at %1 was not served by every authoritative name server "
                    "within %2 s (%3)")
                     .arg(name)
                     .arg(options.timeoutMs / 1000)
                     .arg(lastProblem));
}

} // namespace kokoa
