#pragma once

#include "health/Prober.h"

#include <QHash>
#include <QMutex>
#include <QSet>

#include <vector>

namespace kokoa::test {

class FakeProber;

// A set of addresses that the test thread changes while the monitor's
// vantage pool reads it: every access takes the set's own lock.
class SharedAddressSet
{
public:
    void insert(const QString &address)
    {
        QMutexLocker lock(&m_mutex);
        m_addresses.insert(address);
    }
    void remove(const QString &address)
    {
        QMutexLocker lock(&m_mutex);
        m_addresses.remove(address);
    }
    void clear()
    {
        QMutexLocker lock(&m_mutex);
        m_addresses.clear();
    }
    bool contains(const QString &address) const
    {
        QMutexLocker lock(&m_mutex);
        return m_addresses.contains(address);
    }

private:
    mutable QMutex m_mutex;
    QSet<QString> m_addresses;
};

// What the fake probes and vantages see; a test changes it between rounds.
// The vantage probes run on pool threads and read only the shared sets.
struct ProbeWorld
{
    SharedAddressSet down;   // addresses that answer nothing
    QSet<QString> originErr; // addresses that answer 502 for every hostname
    QSet<QString> slow;      // addresses whose probes do not finish until released
                             // (silent too when the address is also down)
    SharedAddressSet liars;  // vantage edges (addresses) that always say "reachable"
    // Addresses whose hostname probes answer this late (a stalled tunnel):
    // a probe with a shorter timeout times out, a more patient one is held
    // until release() and then answers.
    QHash<QString, int> answerAfterMs;
    FakeProber *prober = nullptr; // the one the monitor uses now
};

// A Prober whose results come from a ProbeWorld, delivered from the event
// loop like the real engine's.
class FakeProber final : public Prober
{
public:
    explicit FakeProber(ProbeWorld &world);
    ~FakeProber() override;

    TargetId addHttp(HttpTarget target) override;
    TargetId addTcp(const QHostAddress &address, quint16 port) override;
    void probe(TargetId id, int timeoutMs) override;
    void reportSilenceAfter(int ms) override { m_silenceAfterMs = ms; }
    // The slow probes finish now.
    void release();

private:
    TargetId add(const QString &address, const QString &host);
    void deliver(TargetId id);

    ProbeWorld &m_world;
    std::vector<std::pair<QString, QString>> m_targets; // address, hostname
    QList<int> m_held;
    int m_silenceAfterMs = 0;
};

} // namespace kokoa::test
