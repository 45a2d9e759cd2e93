#include "health/DnsDriver.h"

#include "health/DnsActuator.h"
#include "health/HealthLogging.h"

#include <QMutex>
#include <QThread>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

namespace kokoa {

class DnsWorker;

// Shared by the driver, its worker and the jobs. Jobs and their results
// pass through the two queues under `mutex` rather than inside Qt's events,
// and the events only wake the other side: the hand-over then goes through a
// lock every tool (ThreadSanitizer too) can see.
struct DnsRelay
{
    QMutex mutex;
    std::condition_variable_any idle;
    DnsDriver *target = nullptr; // null once the driver is gone
    bool stopping = false;
    int pending = 0;                                      // posted and not finished
    int writes = 0;                                       // of those, changes to DNS
    quint64 generation = 0;                               // of the configuration, bumped by reset()
    std::deque<std::function<void(DnsWorker &)>> jobs;    // for the DNS thread
    std::deque<std::function<void(DnsDriver &)>> results; // for the driver's thread

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
    void finish(bool write, std::function<void(DnsDriver &)> deliver)
    {
        QMutexLocker lock(&mutex);
        --pending;
        if (write)
            --writes;
        idle.notify_all();
        if (target) {
            results.push_back(std::move(deliver));
            QMetaObject::invokeMethod(target, "deliverResults", Qt::QueuedConnection);
        }
    }
};

// Owns the DnsActuator on the DNS thread and runs the jobs posted to it.
class DnsWorker final : public QObject
{
    Q_OBJECT

public:
    DnsWorker(std::unique_ptr<DnsActuator> actuator, std::shared_ptr<DnsRelay> relay)
        : m_actuator(std::move(actuator))
        , m_relay(std::move(relay))
    {}
    DnsActuator &actuator() { return *m_actuator; }

    // Each zone's changes on a thread of its own, the first on this one.
    void applyByZone(QList<AnswerChange> &changes, const Topology &topology, int ttl)
    {
        QList<QString> order;
        QHash<QString, QList<AnswerChange>> byZone;
        for (AnswerChange &c : changes) {
            if (!byZone.contains(c.route.zoneName))
                order.append(c.route.zoneName);
            byZone[c.route.zoneName].append(std::move(c));
        }
        std::vector<std::thread> others;
        for (qsizetype i = 1; i < order.size(); ++i) {
            QList<AnswerChange> *zone = &byZone[order[i]];
            others.emplace_back(
                [this, zone, &topology, ttl] { m_actuator->setZoneEdges(*zone, topology, ttl); });
        }
        if (!order.isEmpty())
            m_actuator->setZoneEdges(byZone[order.first()], topology, ttl);
        for (std::thread &t : others)
            t.join();
        changes.clear();
        for (const QString &zone : std::as_const(order))
            changes += byZone.value(zone);
    }

    Q_INVOKABLE void runJobs()
    {
        for (;;) {
            std::function<void(DnsWorker &)> job;
            {
                QMutexLocker lock(&m_relay->mutex);
                if (m_relay->jobs.empty())
                    return;
                job = std::move(m_relay->jobs.front());
                m_relay->jobs.pop_front();
            }
            job(*this);
        }
    }

private:
    std::unique_ptr<DnsActuator> m_actuator;
    std::shared_ptr<DnsRelay> m_relay;
};

DnsDriver::DnsDriver(std::unique_ptr<DnsActuator> actuator, QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_relay(std::make_shared<DnsRelay>())
{
    m_worker = new DnsWorker(std::move(actuator), m_relay);
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

void DnsDriver::post(Job kind, std::function<void(DnsWorker &)> job)
{
    {
        QMutexLocker lock(&m_relay->mutex);
        if (kind != Job::Reset) {
            if (m_relay->stopping)
                return;
            ++m_relay->pending;
            if (kind == Job::Write)
                ++m_relay->writes;
        }
        m_relay->jobs.push_back(std::move(job));
    }
    if (kind != Job::Reset)
        ++m_busy;
    QMetaObject::invokeMethod(m_worker, "runJobs", Qt::QueuedConnection);
}

void DnsDriver::deliverResults()
{
    for (;;) {
        std::function<void(DnsDriver &)> deliver;
        {
            QMutexLocker lock(&m_relay->mutex);
            if (m_relay->results.empty())
                return;
            deliver = std::move(m_relay->results.front());
            m_relay->results.pop_front();
        }
        --m_busy;
        deliver(*this);
    }
}

void DnsDriver::read(const Topology &topology)
{
    post(Job::Read, [relay = m_relay, topology](DnsWorker &worker) {
        QHash<QString, QSet<QString>> current;
        QSet<QString> unmanaged;
        QHash<QString, Error> errors;
        worker.actuator().beginRead();
        for (const Route &r : topology.routes) {
            if (!relay->shouldRun())
                break;
            const Result<std::optional<QSet<QString>>> edges =
                worker.actuator().currentEdges(r, topology);
            if (!edges)
                errors.insert(r.hostname, edges.error());
            else if (!edges->has_value())
                unmanaged.insert(r.hostname);
            else
                current.insert(r.hostname, **edges);
        }
        relay->finish(false, [current, unmanaged, errors](DnsDriver &d) {
            emit d.answersRead(current, unmanaged, errors);
        });
    });
}

void DnsDriver::apply(const QList<AnswerChange> &changes, const Topology &topology, int ttl)
{
    quint64 generation = 0;
    {
        QMutexLocker lock(&m_relay->mutex);
        generation = m_relay->generation;
    }
    post(Job::Write, [relay = m_relay, changes, topology, ttl, generation](DnsWorker &worker) {
        QList<AnswerChange> work = changes;
        Error cancelled(Error::Kind::Cancelled, tr("stopped before the DNS change was sent"));
        const bool current = relay->current(generation);
        if (!current) {
            cancelled = Error(
                Error::Kind::Cancelled,
                tr("the configuration or the DNS lease changed before the DNS change was sent"));
        }
        if (current && relay->shouldRun()) {
            worker.applyByZone(work, topology, ttl);
        } else {
            for (AnswerChange &c : work)
                c.changes = cancelled;
        }
        relay->finish(true, [work](DnsDriver &d) {
            for (const AnswerChange &c : work)
                emit d.applied(c.route, c.edges, c.changes);
        });
    });
}

void DnsDriver::reset()
{
    {
        QMutexLocker lock(&m_relay->mutex);
        ++m_relay->generation;
    }
    // Not counted as work: it changes nothing in DNS, so nobody waits for it.
    post(Job::Reset, [](DnsWorker &worker) { worker.actuator().reset(); });
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
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(boundMs);
    m_relay->idle.wait_until(m_relay->mutex, deadline, [&] { return m_relay->writes == 0; });
    return m_relay->writes == 0;
}

} // namespace kokoa

#include "DnsDriver.moc"
