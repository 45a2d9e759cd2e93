#pragma once

#include "core/Model.h"
#include "core/Result.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <functional>
#include <memory>

class QThread;

namespace kokoa {

class DnsActuator;
class DnsWorker;
struct AnswerChange;
struct DnsRelay;

// Runs the monitor's DNS work on its own thread (provider calls block and
// must not stall probing), one job at a time, and hands the results back on
// the owner's thread. Nothing that runs on the DNS thread refers to the
// driver directly: results go through a relay the driver detaches when it is
// destroyed, so a job that outlives it cannot touch freed memory.
class DnsDriver final : public QObject
{
    Q_OBJECT

public:
    // How long destruction waits for the DNS thread before leaving it behind.
    static constexpr int kShutdownBoundMs = 2000;

    explicit DnsDriver(std::unique_ptr<DnsActuator> actuator, QObject *parent = nullptr);
    ~DnsDriver() override;

    void start();
    // A job was handed to the DNS thread and its result has not come back.
    bool busy() const { return m_busy > 0; }

    // Reads every route's current answer; answersRead follows.
    void read(const Topology &topology);
    // Makes each route's answer hold exactly its edges: one change per
    // zone, the zones at the same time (a slow provider does not hold up
    // another zone's change). applied follows for each route, with a
    // Cancelled error and nothing written if reset() came first.
    void apply(const QList<AnswerChange> &changes, const Topology &topology, int ttl);
    // The configuration changed: providers are made again from it (zones,
    // secrets) and changes decided before it are dropped.
    void reset();
    // Changes decided before now and not started yet are dropped (applied
    // follows with Cancelled), e.g. when the lease changed hands.
    void cancelDecided();
    // No new job starts from now on; waits up to boundMs for a DNS change
    // in flight. True when no change can land any more.
    bool stop(int boundMs);
    // Hands over now the results that came back and wait for the event loop
    // (after stop(): what the awaited change did is reported before the end).
    void deliverPending() { deliverResults(); }

private Q_SLOTS:
    // Runs the results the DNS thread handed back (invoked by name from it).
    void deliverResults();

Q_SIGNALS:
    // errors: hostname -> why its answer could not be read
    void answersRead(const QHash<QString, QSet<QString>> &current, const QSet<QString> &unmanaged,
                     const QHash<QString, kokoa::Error> &errors);
    void applied(const kokoa::Route &route, const QSet<QString> &desired,
                 const kokoa::Result<QStringList> &changes);

private:
    enum class Job
    {
        Read,
        Write,
        Reset // not waited for: changes nothing in DNS
    };
    void post(Job kind, std::function<void(DnsWorker &)> job);

    QThread *m_thread = nullptr; // not a child: it may have to be left behind
    DnsWorker *m_worker = nullptr;
    std::shared_ptr<DnsRelay> m_relay;
    int m_busy = 0;
};

} // namespace kokoa
