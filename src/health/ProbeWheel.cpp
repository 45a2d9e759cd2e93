#include "health/ProbeWheel.h"

#include "health/Prober.h"

#include <QHostAddress>

#include <algorithm>
#include <limits>

namespace kokoa {

struct ProbeWheel::Slot
{
    QString key;
    QString edge;
    QString hostname; // empty for an edge probe
    int target = -1;  // prober target id
    qint64 nextDueMs = 0;
    qint64 startedMs = 0;     // when the running (or last) probe started
    qint64 lastResultMs = -1; // start time of the probe whose result came last
    bool running = false;
    int runs = 0;
};

ProbeWheel::ProbeWheel(ProberFactory makeProber, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_makeProber(std::move(makeProber))
    , m_clock(clock)
{}

ProbeWheel::~ProbeWheel() = default;

void ProbeWheel::clear()
{
    m_slotByTarget.clear();
    m_slots.clear();
    m_prober.reset();
}

QSet<QString> ProbeWheel::rebuild(const Topology &topology, const QSet<QString> &tlsHostnames,
                                  int intervalMs)
{
    clear();
    m_prober = m_makeProber();
    connect(m_prober.get(), &Prober::finished, this, [this](int target, const ProbeResult &result) {
        if (Slot *slot = m_slotByTarget.value(target))
            finished(*slot, result);
    });
    QSet<QString> keys;
    auto add = [&](QString key, const QString &edge, const QString &hostname, int target) {
        auto slot = std::make_unique<Slot>();
        keys.insert(key);
        slot->key = std::move(key);
        slot->edge = edge;
        slot->hostname = hostname;
        slot->target = target;
        slot->runs = m_rounds;
        m_slotByTarget.insert(target, slot.get());
        m_slots.push_back(std::move(slot));
    };
    for (const Edge &edge : topology.edges) {
        const QHostAddress address(edge.publicIpv4.isEmpty() ? edge.publicIpv6 : edge.publicIpv4);
        add(edgeKey(edge.name), edge.name, QString(), m_prober->addTcp(address, 80));
        if (!tlsHostnames.isEmpty())
            add(edgeTlsKey(edge.name), edge.name, QString(), m_prober->addTcp(address, 443));
        for (const Route &route : topology.routes) {
            const bool tls = tlsHostnames.contains(route.hostname);
            // A wildcard is probed through a name it covers.
            const QString host = route.hostname.startsWith(QLatin1String("*."))
                                     ? QStringLiteral("kokoa-health") + route.hostname.mid(1)
                                     : route.hostname;
            add(routeKey(edge.name, route.hostname), edge.name, route.hostname,
                m_prober->addHttp({address, quint16(tls ? 443 : 80), tls, host, route.healthPath}));
        }
    }
    m_slotsAheadOfRound = 0;
    m_nextSlot = 0;
    const qint64 now = m_clock.nowMs();
    const qsizetype n = size();
    for (qsizetype i = 0; i < n; ++i)
        m_slots[size_t(i)]->nextDueMs = now + (n ? intervalMs * i / n : 0);
    return keys;
}

void ProbeWheel::turn(int intervalMs, int timeoutMs)
{
    // Every slot has the same interval and the first runs were spread in
    // slot order, so slots fall due in that order, round after round: the
    // hand only visits the slots that are due.
    const qint64 now = m_clock.nowMs();
    for (size_t visited = 0; visited < m_slots.size(); ++visited) {
        Slot &slot = *m_slots[m_nextSlot];
        if (slot.nextDueMs > now)
            break;
        // Fixed steps from the schedule, not from "now": no drift.
        slot.nextDueMs += intervalMs;
        if (slot.nextDueMs <= now)
            slot.nextDueMs = now + intervalMs;
        if (!slot.running) { // a probe still running keeps its result coming
            slot.running = true;
            slot.startedMs = now;
            m_prober->probe(slot.target, timeoutMs);
        }
        m_nextSlot = (m_nextSlot + 1) % m_slots.size();
    }
}

void ProbeWheel::finished(Slot &slot, const ProbeResult &result)
{
    slot.running = false;
    slot.lastResultMs = slot.startedMs;
    ++slot.runs;
    // A round ends when every probe has run once more.
    bool roundEnded = false;
    if (slot.runs == m_rounds + 1 && ++m_slotsAheadOfRound == size()) {
        ++m_rounds;
        m_slotsAheadOfRound = 0;
        for (const std::unique_ptr<Slot> &s : m_slots) {
            if (s->runs > m_rounds)
                ++m_slotsAheadOfRound;
        }
        roundEnded = true;
    }
    // Copies: a handler may rebuild the wheel.
    const QString key = slot.key;
    const QString edge = slot.edge;
    const QString hostname = slot.hostname;
    emit probed(key, edge, hostname, result);
    if (roundEnded)
        emit roundFinished(m_rounds);
}

qint64 ProbeWheel::oldestResultMs() const
{
    qint64 oldest = std::numeric_limits<qint64>::max();
    for (const std::unique_ptr<Slot> &s : m_slots)
        oldest = std::min(oldest, s->lastResultMs);
    return oldest;
}

} // namespace kokoa
