#include "FakeDnsActuator.h"

#include "store/Lease.h"
#include "store/Store.h"

#include <QThread>

#include <chrono>

namespace kokoa::test {

void FakeDnsState::setRecords(const QString &host, const QStringList &addresses)
{
    QMutexLocker lock(&mutex);
    records.insert(host, addresses);
}

void FakeDnsState::fail(std::optional<Error> error)
{
    QMutexLocker lock(&mutex);
    failWith = std::move(error);
}

void FakeDnsState::slowWrites(int ms)
{
    QMutexLocker lock(&mutex);
    writeTakesMs = ms;
}

void FakeDnsState::holdReads(bool held)
{
    QMutexLocker lock(&mutex);
    readsHeld = held;
    readsReleased.notify_all();
}

void FakeDnsState::holdWrites(bool held)
{
    QMutexLocker lock(&mutex);
    writesHeld = held;
    writesReleased.notify_all();
}

QList<QStringList> FakeDnsState::allWrites()
{
    QMutexLocker lock(&mutex);
    return writes;
}

Result<std::optional<QSet<QString>>> FakeDnsActuator::currentEdges(const Route &route,
                                                                   const Topology &topology)
{
    QMutexLocker lock(&m_state->mutex);
    ++m_state->reads;
    m_state->readsReleased.wait_for(m_state->mutex, std::chrono::seconds(5),
                                    [&] { return !m_state->readsHeld; });
    if (m_state->readFailWith)
        return *m_state->readFailWith;
    const QStringList addresses = m_state->records.value(route.hostname);
    return std::optional<QSet<QString>>(
        edgesOf(QSet<QString>(addresses.begin(), addresses.end()), topology));
}

Result<QStringList> FakeDnsActuator::setEdges(const Route &route, const QSet<QString> &edges,
                                              const Topology &topology, int ttl)
{
    ++m_state->writesStarted;
    int takes = 0;
    {
        QMutexLocker lock(&m_state->mutex);
        takes = m_state->writeTakesMs;
    }
    if (takes > 0)
        QThread::msleep(ulong(takes)); // a slow API, not synchronisation
    QMutexLocker lock(&m_state->mutex);
    m_state->writesReleased.wait_for(
        m_state->mutex, std::chrono::milliseconds(FakeDnsState::kHoldBoundMs), [&] {
            return !m_state->writesHeld ||
                   (!m_state->heldZone.isEmpty() && m_state->heldZone != route.zoneName);
        });
    if (!m_state->databaseToWatch.isEmpty()) {
        auto store = Store::open(m_state->databaseToWatch, *m_state->clock);
        const auto holder =
            store ? Lease((*store)->database(), Lease::dnsLeaseName(), QString(), *m_state->clock)
                        .current()
                  : Result<std::pair<QString, qint64>>(store.error());
        m_state->leaseAtWriteEnd.append(holder ? holder->first : QStringLiteral("error"));
    }
    const QStringList addresses = ProviderDnsActuator::addressesOf(edges, topology);
    m_state->writes.append(addresses);
    m_state->ttls.append(ttl);
    ++m_state->writesFinished;
    if (m_state->failWith)
        return *m_state->failWith;
    m_state->records.insert(route.hostname, addresses);
    return QStringList{QStringLiteral("set %1").arg(addresses.join(QLatin1Char(' ')))};
}

void FakeDnsActuator::setZoneEdges(QList<AnswerChange> &changes, const Topology &topology, int ttl)
{
    QStringList hostnames;
    for (const AnswerChange &c : std::as_const(changes))
        hostnames.append(c.route.hostname);
    hostnames.sort();
    {
        QMutexLocker lock(&m_state->mutex);
        m_state->zoneChanges.append({changes.value(0).route.zoneName, hostnames});
    }
    DnsActuator::setZoneEdges(changes, topology, ttl);
}

void FakeDnsActuator::reset()
{
    QMutexLocker lock(&m_state->mutex);
    ++m_state->resets;
}

} // namespace kokoa::test
