#include "health/ProbeEngine.h"

#include "health/HealthLogging.h"
#include "health/HttpResponseParser.h"
#include "health/ProbeSocket.h"
#include "health/ProbeSupport.h"
#include "health/TlsSession.h"

#include <QSocketNotifier>
#include <QTimerEvent>

#include <cerrno>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace kokoa {

namespace {

constexpr int readBufferSize = 16 * 1024;
constexpr int epollBatch = 256;

using probe_socket::buildRequest;
using probe_socket::errnoDetail;
using probe_socket::toSockaddr;
using probe_socket::wouldBlock;

} // namespace

struct ProbeEngine::Target
{
    enum class Kind
    {
        Http,
        Tcp
    };
    enum class State
    {
        Closed,
        Connecting,
        Handshaking,
        Ready
    };

    TargetId id = -1;
    Kind kind = Kind::Http;
    HttpTarget http;    // address and port also for TCP targets
    QByteArray request; // built once
    sockaddr_storage sockaddr{};
    socklen_t sockaddrLength = 0;

    // The connection
    int fd = -1;
    quint32 serial = 0;   // tells stale epoll events from the current socket's
    quint32 interest = 0; // registered epoll events, 0 when not registered
    State state = State::Closed;
    std::unique_ptr<TlsSession> tls;
    QByteArray out; // request bytes not sent yet
    qsizetype outPos = 0;
    HttpResponseParser parser;
    QString certificateNote;
    int connectionsOpened = 0;

    // The running probe
    bool running = false;
    bool requestSent = false;
    bool reusedConnection = false;
    bool retried = false;
    quint32 generation = 0; // tells stale deadlines from the running probe's
    int timeoutMs = 0;
    qint64 startMs = 0;
    qint64 lastSendMs = 0; // the connect, the handshake or the request went out
};

ProbeEngine::ProbeEngine(QObject *parent)
    : Prober(parent)
{
    m_clock.start();
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0) {
        qCWarning(lcHealth) << "cannot create the probe engine's epoll set:"
                            << std::strerror(errno);
        return;
    }
    m_notifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &ProbeEngine::onEpollReady);
}

ProbeEngine::~ProbeEngine()
{
    delete m_notifier; // before its descriptor goes
    m_notifier = nullptr;
    for (auto &t : m_targets) {
        if (t)
            dropConnection(*t);
    }
    if (m_epoll >= 0)
        ::close(m_epoll);
}

ProbeEngine::TargetId ProbeEngine::addTarget(std::unique_ptr<Target> target)
{
    target->id = TargetId(m_targets.size());
    target->request =
        target->kind == Target::Kind::Http ? buildRequest(target->http) : QByteArray();
    if (!toSockaddr(target->http.address, target->http.port, &target->sockaddr,
                    &target->sockaddrLength))
        target->sockaddrLength = 0;
    m_targets.push_back(std::move(target));
    ++m_liveTargets;
    return m_targets.back()->id;
}

ProbeEngine::TargetId ProbeEngine::addHttp(HttpTarget target)
{
    if (target.tls && !m_tls)
        m_tls = std::make_unique<TlsContext>();
    auto t = std::make_unique<Target>();
    t->kind = Target::Kind::Http;
    t->http = std::move(target);
    return addTarget(std::move(t));
}

ProbeEngine::TargetId ProbeEngine::addTcp(const QHostAddress &address, quint16 port)
{
    auto t = std::make_unique<Target>();
    t->kind = Target::Kind::Tcp;
    t->http.address = address;
    t->http.port = port;
    t->http.tls = false;
    return addTarget(std::move(t));
}

void ProbeEngine::remove(TargetId id)
{
    Target *t = find(id);
    if (!t)
        return;
    dropConnection(*t);
    t->running = false;
    ++t->generation;
    // The target may be the one whose event is being handled: freed later.
    m_removed.push_back(std::move(m_targets[size_t(id)]));
    --m_liveTargets;
    if (!m_cleanupPosted) {
        m_cleanupPosted = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_cleanupPosted = false;
                m_removed.clear();
            },
            Qt::QueuedConnection);
    }
}

ProbeEngine::Target *ProbeEngine::find(TargetId id) const
{
    if (id < 0 || size_t(id) >= m_targets.size())
        return nullptr;
    return m_targets[size_t(id)].get();
}

bool ProbeEngine::isRunning(TargetId id) const
{
    const Target *t = find(id);
    return t && t->running;
}

bool ProbeEngine::isConnected(TargetId id) const
{
    const Target *t = find(id);
    return t && t->fd >= 0 && t->state == Target::State::Ready;
}

int ProbeEngine::connectionsOpened(TargetId id) const
{
    const Target *t = find(id);
    return t ? t->connectionsOpened : 0;
}

// ---------------------------------------------------------------- probing

void ProbeEngine::probe(TargetId id, int timeoutMs)
{
    Target *found = find(id);
    if (!found)
        return;
    Target &t = *found;
    if (t.running) {
        qCDebug(lcHealth) << "probe of" << t.http.hostname << "on" << t.http.address << t.http.port
                          << "already running; request ignored";
        return;
    }
    ++m_inProbeCall;
    t.running = true;
    ++t.generation;
    t.retried = false;
    t.requestSent = false;
    t.timeoutMs = timeoutMs;
    t.startMs = nowMs();
    t.parser.reset();
    m_deadlines.push({t.startMs + timeoutMs, id, t.generation});
    if (m_silenceAfterMs > 0 && m_silenceAfterMs < timeoutMs)
        m_deadlines.push({t.startMs + m_silenceAfterMs, id, t.generation, true});
    armTimer();

    if (t.kind == Target::Kind::Http && t.fd >= 0 && t.state == Target::State::Ready) {
        t.reusedConnection = true;
        sendRequest(t);
    } else {
        t.reusedConnection = false;
        dropConnection(t);
        openConnection(t);
    }
    --m_inProbeCall;
}

void ProbeEngine::openConnection(Target &t)
{
    Q_ASSERT(t.fd < 0);
    t.certificateNote.clear();
    if (t.sockaddrLength == 0) {
        finish(t, ProbeResult::Outcome::Unreachable, 0,
               QStringLiteral("address not usable: ") + t.http.address.toString());
        return;
    }
    const int fd = ::socket(t.sockaddr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        finish(t, ProbeResult::Outcome::Unreachable, 0,
               QStringLiteral("cannot open a socket: ") +
                   QString::fromLocal8Bit(std::strerror(errno)));
        return;
    }
    ++t.connectionsOpened;
    t.lastSendMs = nowMs();
    ++t.serial;
    t.fd = fd;
    t.interest = 0;
    t.state = Target::State::Connecting;
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    if (::connect(fd, reinterpret_cast<const sockaddr *>(&t.sockaddr), t.sockaddrLength) == 0) {
        onConnected(t);
        return;
    }
    const int error = errno;
    if (error == EINPROGRESS) {
        setInterest(t, EPOLLOUT);
        return;
    }
    onConnectionEnded(t, false, errnoDetail(error));
}

void ProbeEngine::onConnected(Target &t)
{
    if (t.kind == Target::Kind::Tcp) {
        // Closed with a reset, as HAProxy's checks do: three packets fewer
        // than a FIN exchange, and no TIME_WAIT left behind for each check
        // (50 a second at 100 edges).
        const linger abort{1, 0};
        ::setsockopt(t.fd, SOL_SOCKET, SO_LINGER, &abort, sizeof abort);
        dropConnection(t);
        finish(t, ProbeResult::Outcome::Serving, 0,
               QStringLiteral("TCP connect to port %1 succeeded").arg(t.http.port));
        return;
    }
    if (t.http.tls) {
        t.tls = std::make_unique<TlsSession>(*m_tls, t.fd, t.http.hostname);
        t.state = Target::State::Handshaking;
        t.lastSendMs = nowMs();
        driveHandshake(t);
        return;
    }
    t.state = Target::State::Ready;
    setInterest(t, EPOLLIN);
    if (t.running && !t.requestSent)
        sendRequest(t);
}

void ProbeEngine::driveHandshake(Target &t)
{
    switch (t.tls->handshake()) {
    case TlsSession::Io::Done: {
        const QString problem = t.tls->certificateProblem();
        if (!problem.isEmpty())
            t.certificateNote = QStringLiteral("certificate not trusted: ") + problem;
        t.state = Target::State::Ready;
        setInterest(t, EPOLLIN);
        if (t.running && !t.requestSent)
            sendRequest(t);
        return;
    }
    case TlsSession::Io::WantRead:
        setInterest(t, EPOLLIN);
        return;
    case TlsSession::Io::WantWrite:
        setInterest(t, EPOLLOUT);
        return;
    case TlsSession::Io::Closed:
    case TlsSession::Io::Error:
        onConnectionEnded(t, false,
                          QStringLiteral("TLS handshake failed: ") + t.tls->errorString());
        return;
    }
}

void ProbeEngine::sendRequest(Target &t)
{
    t.lastSendMs = nowMs();
    t.requestSent = true;
    t.out = t.request; // shared, not copied
    t.outPos = 0;
    flushOutput(t);
}

void ProbeEngine::flushOutput(Target &t)
{
    while (t.outPos < t.out.size()) {
        const char *data = t.out.constData() + t.outPos;
        const qsizetype left = t.out.size() - t.outPos;
        if (t.tls) {
            int written = 0;
            switch (t.tls->write(data, int(left), &written)) {
            case TlsSession::Io::Done:
                t.outPos += written;
                continue;
            case TlsSession::Io::WantWrite:
                setInterest(t, EPOLLIN | EPOLLOUT);
                return;
            case TlsSession::Io::WantRead:
                setInterest(t, EPOLLIN);
                return;
            case TlsSession::Io::Closed:
                onConnectionEnded(t, true, QStringLiteral("connection closed by the edge"));
                return;
            case TlsSession::Io::Error:
                onConnectionEnded(t, false, QStringLiteral("TLS error: ") + t.tls->errorString());
                return;
            }
        }
        const ssize_t n = ::send(t.fd, data, size_t(left), MSG_NOSIGNAL);
        if (n >= 0) {
            t.outPos += n;
            continue;
        }
        const int error = errno;
        if (error == EINTR)
            continue;
        if (wouldBlock(error)) {
            setInterest(t, EPOLLIN | EPOLLOUT);
            return;
        }
        onConnectionEnded(t, error == ECONNRESET || error == EPIPE, errnoDetail(error));
        return;
    }
    t.out.clear();
    t.outPos = 0;
    setInterest(t, EPOLLIN);
}

// ---------------------------------------------------------------- events

// At 100 edges × 10 hostnames the answers arrive one by one, ~500 a second:
// each woke the event loop, and those wake-ups were most of the monitor's
// CPU. Its wheel wakes every 25 ms anyway and collects them in one go.
void ProbeEngine::collectOnDemand()
{
    m_onDemand = true;
    if (m_notifier)
        m_notifier->setEnabled(false);
}

void ProbeEngine::collect()
{
    if (m_epoll >= 0)
        onEpollReady();
}

void ProbeEngine::onEpollReady()
{
    epoll_event events[epollBatch];
    for (int round = 0; round < 4; ++round) {
        const int n = epoll_wait(m_epoll, events, epollBatch, 0);
        for (int i = 0; i < n; ++i) {
            const quint64 key = events[i].data.u64;
            Target *t = find(TargetId(quint32(key)));
            // Skips events of a socket closed earlier in this batch.
            if (!t || t->fd < 0 || t->serial != quint32(key >> 32))
                continue;
            handleEvents(*t, events[i].events);
        }
        if (n < epollBatch)
            break;
    }
}

void ProbeEngine::handleEvents(Target &t, quint32 events)
{
    switch (t.state) {
    case Target::State::Closed:
        return;
    case Target::State::Connecting: {
        int error = 0;
        socklen_t length = sizeof error;
        if (::getsockopt(t.fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
            error = errno;
        if (error != 0)
            onConnectionEnded(t, false, errnoDetail(error));
        else if (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))
            onConnected(t);
        return;
    }
    case Target::State::Handshaking:
        driveHandshake(t);
        return;
    case Target::State::Ready:
        break;
    }
    const quint32 serial = t.serial;
    if (t.outPos < t.out.size()) {
        flushOutput(t);
        if (t.fd < 0 || t.serial != serial)
            return;
    }
    if (events & (EPOLLIN | EPOLLERR | EPOLLHUP))
        readInput(t);
}

void ProbeEngine::readInput(Target &t)
{
    char buffer[readBufferSize];
    for (;;) {
        qsizetype n = 0;
        if (t.tls) {
            int got = 0;
            switch (t.tls->read(buffer, readBufferSize, &got)) {
            case TlsSession::Io::Done:
                n = got;
                break;
            case TlsSession::Io::WantRead:
                return;
            case TlsSession::Io::WantWrite:
                setInterest(t, EPOLLIN | EPOLLOUT);
                return;
            case TlsSession::Io::Closed:
                onConnectionEnded(t, true, QStringLiteral("connection closed by the edge"));
                return;
            case TlsSession::Io::Error:
                onConnectionEnded(t, false, QStringLiteral("TLS error: ") + t.tls->errorString());
                return;
            }
        } else {
            const ssize_t got = ::recv(t.fd, buffer, readBufferSize, 0);
            if (got == 0) {
                onConnectionEnded(t, true, QStringLiteral("connection closed by the edge"));
                return;
            }
            if (got < 0) {
                const int error = errno;
                if (error == EINTR)
                    continue;
                if (!wouldBlock(error))
                    onConnectionEnded(t, error == ECONNRESET, errnoDetail(error));
                return;
            }
            n = got;
        }
        if (!t.running || !t.requestSent) {
            // Bytes nobody asked for: the connection is out of step.
            qCDebug(lcHealth) << "unsolicited data from" << t.http.address << "for"
                              << t.http.hostname << "- dropping the connection";
            dropConnection(t);
            return;
        }
        if (feedParser(t, buffer, n))
            return;
        // A short plain read drained the socket; level-triggered epoll
        // reports more. (TLS may hold decrypted bytes: read on.)
        if (!t.tls && n < readBufferSize)
            return;
    }
}

bool ProbeEngine::feedParser(Target &t, const char *data, qsizetype size)
{
    qsizetype used = 0;
    switch (t.parser.feed(QByteArrayView(data, size), &used)) {
    case HttpResponseParser::Status::NeedMore:
        return false;
    case HttpResponseParser::Status::Complete:
        // Extra bytes after the response, or the edge wants to close: the
        // answer counts, the connection does not.
        if (used < size || !t.parser.keepAlive())
            dropConnection(t);
        finishWithStatus(t);
        return true;
    case HttpResponseParser::Status::Error: {
        const QString why = t.parser.errorString();
        dropConnection(t);
        finish(t, ProbeResult::Outcome::Unreachable, 0,
               QStringLiteral("invalid HTTP response: ") + why);
        return true;
    }
    }
    return false;
}

void ProbeEngine::onConnectionEnded(Target &t, bool closedByPeer, const QString &why)
{
    if (!t.running) {
        // An idle keep-alive connection went away (the edge's idle timeout,
        // a restart): reconnect on the next probe.
        qCDebug(lcHealth) << "idle connection to" << t.http.address << "for" << t.http.hostname
                          << "ended:" << why;
        dropConnection(t);
        return;
    }
    if (closedByPeer && t.requestSent &&
        t.parser.finishOnClose() == HttpResponseParser::Status::Complete) {
        dropConnection(t);
        finishWithStatus(t);
        return;
    }
    if (t.reusedConnection && !t.retried && !t.parser.hasStarted()) {
        // The edge closed the kept-alive connection as we reused it: one
        // more try on a new connection, within the same timeout.
        qCDebug(lcHealth) << "reused connection to" << t.http.address << "for" << t.http.hostname
                          << "failed before an answer (" << why << "); retrying";
        t.retried = true;
        t.reusedConnection = false;
        t.requestSent = false;
        t.parser.reset();
        dropConnection(t);
        openConnection(t);
        return;
    }
    const bool gotHeaders = t.parser.headersComplete();
    const bool started = t.parser.hasStarted();
    dropConnection(t);
    if (gotHeaders) {
        finishWithStatus(t, QStringLiteral(" (connection lost before the end of the body)"));
        return;
    }
    QString detail = why;
    if (closedByPeer && t.requestSent)
        detail = started ? QStringLiteral("connection closed in the middle of the response")
                         : QStringLiteral("connection closed without a response");
    finish(t, ProbeResult::Outcome::Unreachable, 0, detail);
}

void ProbeEngine::setInterest(Target &t, quint32 events)
{
    if (t.fd < 0 || t.interest == events)
        return;
    epoll_event event{};
    event.events = events;
    event.data.u64 = (quint64(t.serial) << 32) | quint32(t.id);
    const int op = t.interest == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (epoll_ctl(m_epoll, op, t.fd, &event) != 0) {
        qCWarning(lcHealth) << "epoll_ctl failed for" << t.http.address << ":"
                            << std::strerror(errno);
        return;
    }
    t.interest = events;
}

void ProbeEngine::dropConnection(Target &t)
{
    if (t.fd < 0)
        return;
    t.tls.reset();
    ::close(t.fd); // also leaves the epoll set
    t.fd = -1;
    ++t.serial;
    t.interest = 0;
    t.state = Target::State::Closed;
    t.out.clear();
    t.outPos = 0;
}

// ---------------------------------------------------------------- timeouts

// Silence is judged on what went out at least the whole window ago: a
// collection that came late (a busy thread) may have just connected and
// sent the request, and that request gets a window of its own.
void ProbeEngine::checkSilence(Target &t)
{
    const qint64 quietUntil = t.lastSendMs + m_silenceAfterMs;
    if (nowMs() < quietUntil) {
        m_deadlines.push({quietUntil, t.id, t.generation, true});
        return;
    }
    if (hasNoSignOfLife(t))
        emit silent(t.id);
}

// No SYN-ACK yet, or bytes sent that the far end's kernel has not
// acknowledged: nothing on the way there answers. A request acknowledged
// but not answered is a slow server, which says nothing against the edge.
bool ProbeEngine::hasNoSignOfLife(const Target &t) const
{
    if (t.fd < 0 || t.state == Target::State::Closed)
        return false;
    if (t.state == Target::State::Connecting)
        return true;
    tcp_info info{};
    socklen_t length = sizeof info;
    if (::getsockopt(t.fd, IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
        return false;
    return info.tcpi_unacked > 0;
}

void ProbeEngine::onTimeout(Target &t)
{
    if (t.kind == Target::Kind::Tcp) {
        dropConnection(t);
        finish(t, ProbeResult::Outcome::Unreachable, 0, probe_support::timeoutDetail(t.timeoutMs));
        return;
    }
    const bool gotHeaders = t.parser.headersComplete();
    QString phase;
    switch (t.state) {
    case Target::State::Closed:
    case Target::State::Connecting:
        phase = QStringLiteral("connecting");
        break;
    case Target::State::Handshaking:
        phase = QStringLiteral("TLS handshake");
        break;
    case Target::State::Ready:
        phase = t.parser.hasStarted() ? QStringLiteral("reading the response")
                                      : QStringLiteral("waiting for the response");
        break;
    }
    dropConnection(t); // reset: a late answer must not be taken for the next one
    if (gotHeaders) {
        // The edge answered; only the body is slow. Report the answer.
        finishWithStatus(t, QStringLiteral(" (body incomplete after %1 ms)").arg(t.timeoutMs));
        return;
    }
    finish(t, ProbeResult::Outcome::Unreachable, 0,
           probe_support::timeoutDetail(t.timeoutMs, phase));
}

void ProbeEngine::timerEvent(QTimerEvent *event)
{
    if (event->timerId() != m_timer.timerId()) {
        QObject::timerEvent(event);
        return;
    }
    m_timer.stop();
    m_timerAtMs = -1;
    // An answer that came in before the deadline is a result, not a timeout.
    if (m_onDemand)
        collect();
    expireDeadlines();
    armTimer();
}

void ProbeEngine::expireDeadlines()
{
    const qint64 now = nowMs();
    while (!m_deadlines.empty()) {
        const Deadline top = m_deadlines.top();
        Target *t = find(top.id);
        if (!t || !t->running || t->generation != top.generation) {
            m_deadlines.pop(); // the probe finished before
            continue;
        }
        if (top.atMs > now)
            break;
        m_deadlines.pop();
        // Handlers may push deadlines or remove targets: the loop reads top anew.
        if (top.silenceCheck)
            checkSilence(*t);
        else
            onTimeout(*t);
    }
}

void ProbeEngine::armTimer()
{
    // Deadlines of finished probes are dropped as they reach the top, so
    // the timer wakes for running probes only (about once per timeout).
    while (!m_deadlines.empty()) {
        const Deadline &top = m_deadlines.top();
        const Target *t = find(top.id);
        if (t && t->running && t->generation == top.generation)
            break;
        m_deadlines.pop();
    }
    if (m_deadlines.empty())
        return; // an armed timer fires and finds nothing: harmless
    const qint64 at = m_deadlines.top().atMs;
    if (m_timerAtMs >= 0 && m_timerAtMs <= at)
        return;
    m_timer.start(int(qMax<qint64>(0, at - nowMs())), Qt::PreciseTimer, this);
    m_timerAtMs = at;
}

// ---------------------------------------------------------------- results

void ProbeEngine::finishWithStatus(Target &t, const QString &suffix)
{
    const int status = t.parser.statusCode();
    finish(t, ProbeResult::outcomeForStatus(status), status,
           QStringLiteral("HTTP %1").arg(status) + suffix);
}

void ProbeEngine::finish(Target &t, ProbeResult::Outcome outcome, int status, QString detail)
{
    if (!t.running)
        return;
    t.running = false;
    ++t.generation;

    ProbeResult result;
    result.outcome = outcome;
    result.httpStatus = status;
    result.latencyMs = nowMs() - t.startMs;
    result.detail = std::move(detail);
    if (!t.certificateNote.isEmpty() && outcome != ProbeResult::Outcome::Unreachable)
        result.detail += QStringLiteral("; ") + t.certificateNote;

    if (m_inProbeCall > 0) {
        // Never emit from inside probe(): callers may not expect re-entrancy.
        m_queued.emplace_back(t.id, std::move(result));
        if (!m_deliveryPosted) {
            m_deliveryPosted = true;
            QMetaObject::invokeMethod(this, &ProbeEngine::deliverQueued, Qt::QueuedConnection);
        }
        return;
    }
    emit finished(t.id, result);
}

void ProbeEngine::deliverQueued()
{
    m_deliveryPosted = false;
    auto queued = std::exchange(m_queued, {});
    for (const auto &[id, result] : queued) {
        if (find(id)) // removed targets end without a result
            emit finished(id, result);
    }
}

} // namespace kokoa
