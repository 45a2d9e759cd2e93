#include "FakeDnsServer.h"

#include <QDateTime>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace kokoa;
using namespace kokoa::dnswire;

namespace {

// Reads exactly n bytes within about two seconds.
bool readExact(int fd, QByteArray &out, int n)
{
    out.clear();
    while (out.size() < n) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, 2000) <= 0)
            return false;
        char buf[4096];
        const ssize_t got =
            ::read(fd, buf, size_t(std::min<int>(int(sizeof buf), n - int(out.size()))));
        if (got <= 0)
            return false;
        out.append(buf, int(got));
    }
    return true;
}

// A TSIG record with an error code and an empty MAC (RFC 8945 5.3.2).
QByteArray withTsigError(const QByteArray &message, const TsigKey &key, quint16 error)
{
    QByteArray rdata = *canonicalName(key.algorithm);
    const quint64 now = quint64(QDateTime::currentSecsSinceEpoch());
    putU16(rdata, quint16(now >> 32));
    putU32(rdata, quint32(now & 0xffffffffu));
    putU16(rdata, Tsig::defaultFudge);
    putU16(rdata, 0);              // MAC size
    rdata.append(message.left(2)); // original id
    putU16(rdata, error);
    putU16(rdata, 0); // other len
    QByteArray out = message;
    out.append(*canonicalName(key.name));
    putU16(out, TypeTsig);
    putU16(out, ClassAny);
    putU32(out, 0);
    putU16(out, quint16(rdata.size()));
    out.append(rdata);
    const quint16 arcount = getU16(message, 10) + 1;
    out[10] = char(arcount >> 8);
    out[11] = char(arcount & 0xff);
    return out;
}

// The MAC inside a request's TSIG RDATA (algorithm name, 6+2 bytes, size, MAC).
QByteArray requestMac(const Message &request)
{
    if (request.additional.isEmpty() || request.additional.last().type != TypeTsig)
        return {};
    const QByteArray &d = request.additional.last().rdata;
    qsizetype at = 0;
    while (at < d.size() && d.at(at) != 0)
        at += 1 + quint8(d.at(at));
    at += 1 + 8;
    if (at + 2 > d.size())
        return {};
    return d.mid(at + 2, getU16(d, at));
}

} // namespace

FakeDnsServer::FakeDnsServer(TsigKey key, Responder responder)
    : m_key(std::move(key))
    , m_responder(std::move(responder))
{}

FakeDnsServer::~FakeDnsServer()
{
    m_stop = true;
    if (m_thread.joinable())
        m_thread.join();
    if (m_listenFd >= 0)
        ::close(m_listenFd);
}

bool FakeDnsServer::start()
{
    m_listenFd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_listenFd < 0)
        return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (::bind(m_listenFd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 ||
        ::listen(m_listenFd, 8) != 0 ||
        ::getsockname(m_listenFd, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        return false;
    }
    m_port = ntohs(addr.sin_port);
    m_thread = std::thread([this] { run(); });
    return true;
}

void FakeDnsServer::run()
{
    while (!m_stop) {
        pollfd p{m_listenFd, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0)
            continue;
        const int fd = ::accept(m_listenFd, nullptr, nullptr);
        if (fd < 0)
            continue;
        serve(fd);
        ::close(fd);
    }
}

void FakeDnsServer::serve(int fd)
{
    QByteArray length;
    QByteArray wire;
    if (!readExact(fd, length, 2) || !readExact(fd, wire, getU16(length, 0)))
        return;
    ++m_requests;
    Result<Message> request = parse(wire);
    if (!request)
        return;
    Message reply = m_responder(*request);
    reply.id = request->id;
    reply.flags |= FlagQr;
    Result<QByteArray> built = build(reply);
    if (!built)
        return;
    QByteArray message = *built;
    if (m_signing == Signing::TsigError) {
        message = withTsigError(message, m_key, m_tsigError);
    } else if (m_signing == Signing::Signed) {
        Result<Tsig::Signed> signedReply =
            Tsig::sign(*built, m_key, quint64(QDateTime::currentSecsSinceEpoch()),
                       Tsig::defaultFudge, requestMac(*request));
        if (!signedReply)
            return;
        message = signedReply->message;
    }
    QByteArray out;
    putU16(out, quint16(message.size()));
    out.append(message);
    qsizetype sent = 0;
    while (sent < out.size()) {
        const ssize_t n = ::write(fd, out.constData() + sent, size_t(out.size() - sent));
        if (n <= 0)
            return;
        sent += n;
    }
}
