#pragma once

#include "health/HttpTarget.h"
#include "health/ProbeResult.h"
#include "health/Prober.h"

#include <QBasicTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QObject>
#include <queue>

#include <memory>
#include <utility>
#include <vector>

class QSocketNotifier;

namespace kokoa {

class TlsContext;

// Probes every edge and every (edge, hostname) at a small CPU cost: raw
// non-blocking sockets in one Linux epoll set whose descriptor is the only
// thing the thread's Qt event loop watches (one QSocketNotifier), ready
// sockets handled in batches, every probe timeout in one deadline heap behind
// one timer, and TLS through OpenSSL directly (one SSL_CTX per engine).
// Event driven on the thread that owns the engine; no extra thread.
//
// (One QTcpSocket per probe costs ~6x more: Qt's loop polls every watched
// socket on every wake-up; see bench/RESULTS.md.) Per target: one persistent
// HTTP/1.1 keep-alive connection reused from probe to probe; the hostname as
// Host and as TLS SNI; certificate problems noted in the detail ("certificate
// not trusted: …"), a failed handshake fails the probe; after
// "Connection: close", a body delimited by the close, extra bytes or a parse
// error the connection is dropped; a reused connection the edge closed before
// any response byte is retried once on a fresh one within the same timeout.
// A TCP target connects, reports and closes.
class ProbeEngine final : public Prober
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProbeEngine)

public:
    using HttpTarget = kokoa::HttpTarget;

    explicit ProbeEngine(QObject *parent = nullptr);
    ~ProbeEngine() override;

    // Ids are small, never reused, never negative.
    TargetId addHttp(HttpTarget target) override;
    TargetId addTcp(const QHostAddress &address, quint16 port) override;
    // Closes the target's connection; a running probe ends without a result.
    // Safe from a finished() handler.
    void remove(TargetId id);

    // Starts one probe of the target; finished(id, …) follows exactly once,
    // after at most timeoutMs (never from inside this call). Ignored while a
    // probe of the same target runs (and for unknown ids).
    void probe(TargetId id, int timeoutMs) override;
    void collectOnDemand() override;
    void collect() override;
    void reportSilenceAfter(int ms) override { m_silenceAfterMs = ms; }
    bool isRunning(TargetId id) const;

    // Whether the target has a connection ready for the next request.
    bool isConnected(TargetId id) const;
    // Connections opened for the target so far (keep-alive check, stats).
    int connectionsOpened(TargetId id) const;

    int targetCount() const { return m_liveTargets; }

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Target;
    struct Deadline
    {
        qint64 atMs;
        TargetId id;
        quint32 generation;
        bool silenceCheck = false; // reports silence instead of ending the probe
        bool operator>(const Deadline &other) const { return atMs > other.atMs; }
    };

    TargetId addTarget(std::unique_ptr<Target> target);
    Target *find(TargetId id) const;
    void onEpollReady();
    void handleEvents(Target &t, quint32 events);
    void openConnection(Target &t);
    void onConnected(Target &t);
    void driveHandshake(Target &t);
    void sendRequest(Target &t);
    void flushOutput(Target &t);
    void readInput(Target &t);
    // true when the probe finished or the connection was dropped
    bool feedParser(Target &t, const char *data, qsizetype size);
    void onConnectionEnded(Target &t, bool closedByPeer, const QString &why);
    void onTimeout(Target &t);
    void checkSilence(Target &t);
    bool hasNoSignOfLife(const Target &t) const;
    void setInterest(Target &t, quint32 events);
    void dropConnection(Target &t);
    void finishWithStatus(Target &t, const QString &suffix = {});
    void finish(Target &t, ProbeResult::Outcome outcome, int status, QString detail);
    void deliverQueued();
    void expireDeadlines();
    void armTimer();
    qint64 nowMs() const { return m_clock.elapsed(); }

    int m_epoll = -1;
    QSocketNotifier *m_notifier = nullptr;          // child of this
    std::unique_ptr<TlsContext> m_tls;              // made on the first TLS target
    std::vector<std::unique_ptr<Target>> m_targets; // index = id
    std::vector<std::unique_ptr<Target>> m_removed; // freed from the event loop
    int m_liveTargets = 0;
    std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> m_deadlines;
    QBasicTimer m_timer;
    qint64 m_timerAtMs = -1; // when m_timer fires, -1 when stopped
    QElapsedTimer m_clock;
    std::vector<std::pair<TargetId, ProbeResult>> m_queued; // results made inside probe()
    bool m_deliveryPosted = false;
    bool m_cleanupPosted = false;
    int m_inProbeCall = 0;
    bool m_onDemand = false; // collect() reads the epoll set, not the notifier
    int m_silenceAfterMs = 0;
};

} // namespace kokoa
