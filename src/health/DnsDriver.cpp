#include "health/DnsDriver.h"

#include "health/DnsActuator.h"
#include "health/HealthLogging.h"

#include <QDeadlineTimer>
#include <QMutex>
#include <QThread>
#include <QWaitCondition>

namespace kokoa {

// Owns the DnsActuator on the DNS thread.
class DnsWorker final : public QObject
{
public:
    explicit DnsWorker(std::unique_ptr<DnsActuator> actuator)
        : m_actuator(std::move(actuator))
    {}
    DnsActuator &actuator() { return *m_actuator; }

private:
    std::unique_ptr<DnsActuator> m_actuator;
};

// Shared by the driver and the jobs it posted.
struct DnsRelay
{
    QMutex mutex;
    QWaitCondition idle;
    DnsDriver *target = nullptr; // null once the driver is gone
    bool stopping = false;
    int pending = 0;        // posted and not finished
    int writes = 0;         // of those, changes to DNS
    quint64 generation = 0; // of the configuration, bumped by reset()

    bool shouldRun()
    {
        QMutexLocker lock(&mutex);
        return !stopping && target;
    }
    // A change decided under an older configuration (an edge since removed)
    // is not written: the monitor decides again from a fresh read.
    bool current(quint64 decidedUnder)
    {
        QMutexLocker lock(&mutex);
        return generation == decidedUnder;
    }
    // Ends a job; `deliver` runs on the driver's thread if it still exists.
    template <typename Fn> void finish(bool write, Fn deliver)
    {
        QMutexLocker lock(&mutex);
        --pending;
        if (write)
            --writes;
        idle.wakeAll();
        if (target)
            QMetaObject::invokeMethod(target, std::move(deliver), Qt::QueuedConnection);
    }
};

DnsDriver::DnsDriver(std::unique_ptr<DnsActuator> actuator, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_worker(new DnsWorker(std::move(actuator)))
    , m_relay(std::make_shared<DnsRelay>())
{
    m_relay->target = this;
    m_thread->setObjectName(QStringLiteral("kokoa-dns"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
}

DnsDriver::~DnsDriver()
{
    {
        QMutexLocker lock(&m_relay->mutex);
        m_relay->target = nullptr;
        m_relay->stopping = true;
    }
    if (!m_thread->isRunning() && !m_thread->isFinished()) {
        // Never started (the monitor's start failed): no thread will emit
        // finished() to delete the worker.
        delete m_worker;
        delete m_thread;
        return;
    }
    m_thread->quit();
    if (m_thread->wait(kShutdownBoundMs)) {
        delete m_thread;
        return;
    }
    // A provider call is still blocked (it ends at its own deadline). The
    // thread and the worker are left behind rather than destroyed under it;
    // the relay keeps the call from reaching this object.
    qCWarning(lcHealth) << "a DNS call is still running at shutdown; leaving it to its deadline";
}

void DnsDriver::start()
{
    {
        QMutexLocker lock(&m_relay->mutex);
        m_relay->stopping = false;
    }
    m_thread->start();
}

template <typename Job> void DnsDriver::post(bool write, Job job)
{
    {
        QMutexLocker lock(&m_relay->mutex);
        if (m_relay->stopping)
            return;
        ++m_relay->pending;
        if (write)
            ++m_relay->writes;
    }
    ++m_busy;
    QMetaObject::invokeMethod(m_worker, std::move(job), Qt::QueuedConnection);
}

void DnsDriver::read(const Topology &topology)
{
    post(false, [relay = m_relay, worker = m_worker, topology] {
        QHash<QString, QSet<QString>> current;
        QSet<QString> unmanaged;
        QHash<QString, Error> errors;
        for (const Route &r : topology.routes) {
            if (!relay->shouldRun())
                break;
            const Result<std::optional<QSet<QString>>> edges =
                worker->actuator().currentEdges(r, topology);
            if (!edges)
                errors.insert(r.hostname, edges.error());
            else if (!edges->has_value())
                unmanaged.insert(r.hostname);
            else
                current.insert(r.hostname, **edges);
        }
        relay->finish(false, [relay, current, unmanaged, errors] {
            DnsDriver *d = relay->target;
            --d->m_busy;
            emit d->answersRead(current, unmanaged, errors);
        });
    });
}

void DnsDriver::apply(const Route &route, const QSet<QString> &desired, const Topology &topology,
                      int ttl)
{
    quint64 generation = 0;
    {
        QMutexLocker lock(&m_relay->mutex);
        generation = m_relay->generation;
    }
    post(true, [relay = m_relay, worker = m_worker, route, desired, topology, ttl, generation] {
        Result<QStringList> changes =
            Error(Error::Kind::Cancelled, tr("stopped before the DNS change was sent"));
        if (!relay->current(generation)) {
            changes = Error(
                Error::Kind::Cancelled,
                tr("the configuration or the DNS lease changed before the DNS change was sent"));
        } else if (relay->shouldRun()) {
            changes = worker->actuator().setEdges(route, desired, topology, ttl);
        }
        relay->finish(true, [relay, route, desired, changes] {
            DnsDriver *d = relay->target;
            --d->m_busy;
            emit d->applied(route, desired, changes);
        });
    });
}

void DnsDriver::reset()
{
    {
        QMutexLocker lock(&m_relay->mutex);
        ++m_relay->generation;
    }
    // Not a job: it changes nothing in DNS, so nobody waits for it.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->actuator().reset(); }, Qt::QueuedConnection);
}

void DnsDriver::cancelDecided()
{
    QMutexLocker lock(&m_relay->mutex);
    ++m_relay->generation;
}

bool DnsDriver::stop(int boundMs)
{
    QMutexLocker lock(&m_relay->mutex);
    m_relay->stopping = true;
    // A read in flight changes nothing: only writes are waited for.
    QDeadlineTimer deadline(boundMs);
    while (m_relay->writes > 0) {
        if (!m_relay->idle.wait(&m_relay->mutex, deadline))
            break;
    }
    return m_relay->writes == 0;
}

} // namespace kokoa
