#pragma once

#include "ManualClock.h"
#include "health/DnsActuator.h"

#include <QMutex>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <optional>

namespace kokoa::test {

// The DNS provider FakeDnsActuator stands for: one A RRset per hostname.
// Shared by the test and the DNS thread.
struct FakeDnsState
{
    QMutex mutex;
    QHash<QString, QStringList> records; // hostname -> sorted addresses
    QList<QStringList> writes;           // every address set written, in order
    QList<int> ttls;
    // One entry per change of a zone (setZoneEdges): the zone and the
    // hostnames it changed together, sorted.
    QList<std::pair<QString, QStringList>> zoneChanges;
    int reads = 0;
    int resets = 0;
    std::optional<Error> failWith;
    std::optional<Error> readFailWith;
    int writeTakesMs = 0;
    bool readsHeld = false;                    // reads wait until released (bounded)
    std::condition_variable_any readsReleased; // with `mutex`
    bool writesHeld = false;                   // writes wait until released (bounded)
    QString heldZone;                          // set: only this zone's writes are held
    std::condition_variable_any writesReleased;
    std::atomic<int> writesStarted{0};
    std::atomic<int> writesFinished{0};
    QString databaseToWatch;      // set: who holds the DNS lease as each write ends
    const Clock *clock = nullptr; // the monitor's (it does not move while stop() waits)
    QStringList leaseAtWriteEnd;

    void setRecords(const QString &host, const QStringList &addresses);
    void fail(std::optional<Error> error);
    void slowWrites(int ms);
    void holdReads(bool held);
    // Held writes start (writesStarted counts them) and then wait for the
    // test to release them, at most kHoldBoundMs.
    void holdWrites(bool held);
    static constexpr int kHoldBoundMs = 10000;
    QList<QStringList> allWrites();
};

class FakeDnsActuator final : public DnsActuator
{
public:
    explicit FakeDnsActuator(std::shared_ptr<FakeDnsState> state)
        : m_state(std::move(state))
    {}

    Result<std::optional<QSet<QString>>> currentEdges(const Route &route,
                                                      const Topology &topology) override;
    Result<QStringList> setEdges(const Route &route, const QSet<QString> &edges,
                                 const Topology &topology, int ttl) override;
    void setZoneEdges(QList<AnswerChange> &changes, const Topology &topology, int ttl) override;
    void reset() override;

private:
    std::shared_ptr<FakeDnsState> m_state;
};

} // namespace kokoa::test
