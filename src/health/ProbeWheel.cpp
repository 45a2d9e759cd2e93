#include "health/ProbeWheel.h"

#include "health/Prober.h"

#include <QHostAddress>

#include <algorithm>
#include <limits>
#include <optional>

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
    // Re-probes: each needs a connection of its own, so a slot keeps spare
    // prober targets to the same place (made on first use, reused).
    QHostAddress address;
    quint16 port = 0;
    HttpTarget http;             // for a hostname probe
    std::vector<int> idleSpares; // spare targets no re-probe uses now
    int burstLeft = 0;           // re-probes scheduled or running
};

ProbeWheel::ProbeWheel(ProberFactory makeProber, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_makeProber(std::move(makeProber))
    , m_clock(clock)
{}

ProbeWheel::~ProbeWheel() = default;

void ProbeWheel::clear()
{
    m_reprobes.clear();
    m_slotByKey.clear();
    m_spareByTarget.clear();
    m_slotByTarget.clear();
    m_slots.clear();
    m_prober.reset();
}

QSet<QString> ProbeWheel::rebuild(const Topology &topology, const QSet<QString> &tlsHostnames,
                                  int intervalMs)
{
    clear();
    m_prober = m_makeProber();
    m_prober->collectOnDemand(); // turn() collects
    m_prober->reportSilenceAfter(m_silenceAfterMs);
    connect(m_prober.get(), &Prober::silent, this, [this](int target) {
        // Re-probes are there to decide; only a scheduled probe says more.
        if (const Slot *slot = m_slotByTarget.value(target))
            emit silent(slot->key, slot->edge, slot->hostname);
    });
    connect(m_prober.get(), &Prober::finished, this, [this](int target, const ProbeResult &result) {
        if (Slot *slot = m_slotByTarget.value(target))
            finished(*slot, result);
        else if (Slot *spareOf = m_spareByTarget.value(target))
            reprobeFinished(*spareOf, target, result);
    });
    QSet<QString> keys;
    auto add = [&](QString key, const QString &edge, const QHostAddress &address, quint16 port,
                   std::optional<HttpTarget> http) {
        auto slot = std::make_unique<Slot>();
        keys.insert(key);
        slot->key = std::move(key);
        slot->edge = edge;
        slot->address = address;
        slot->port = port;
        if (http) {
            slot->hostname = http->hostname;
            slot->http = *http;
            slot->target = m_prober->addHttp(*http);
        } else {
            slot->target = m_prober->addTcp(address, port);
        }
        slot->runs = m_rounds;
        m_slotByTarget.insert(slot->target, slot.get());
        m_slotByKey.insert(slot->key, slot.get());
        m_slots.push_back(std::move(slot));
    };
    // Slot order interleaves the edges: each edge's probes (its TCP probe,
    // then one per hostname) are spread over the whole interval, so a dead
    // edge fails some probe soon after it dies, and that failure re-probes it.
    auto addressOf = [](const Edge &edge) {
        return QHostAddress(edge.publicIpv4.isEmpty() ? edge.publicIpv6 : edge.publicIpv4);
    };
    for (const Edge &edge : topology.edges)
        add(edgeKey(edge.name), edge.name, addressOf(edge), 80, std::nullopt);
    if (!tlsHostnames.isEmpty()) {
        for (const Edge &edge : topology.edges)
            add(edgeTlsKey(edge.name), edge.name, addressOf(edge), 443, std::nullopt);
    }
    for (const Route &route : topology.routes) {
        const bool tls = tlsHostnames.contains(route.hostname);
        // A wildcard is probed through a name it covers.
        const QString host = route.hostname.startsWith(QLatin1String("*."))
                                 ? QStringLiteral("kokoa-health") + route.hostname.mid(1)
                                 : route.hostname;
        const quint16 port = tls ? 443 : 80;
        for (const Edge &edge : topology.edges) {
            const QHostAddress address = addressOf(edge);
            add(routeKey(edge.name, route.hostname), edge.name, address, port,
                HttpTarget{address, port, tls, host, route.healthPath});
            m_slots.back()->hostname = route.hostname; // the configured name, not the probed one
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
    if (m_prober)
        m_prober->collect(); // what came in since the last turn
    const qint64 now = m_clock.nowMs();
    for (size_t visited = 0; visited < m_slots.size(); ++visited) {
        Slot &slot = *m_slots[m_nextSlot];
        if (slot.nextDueMs > now)
            break;
        // Fixed steps from the schedule, not from "now": no drift.
        slot.nextDueMs += intervalMs;
        if (slot.nextDueMs <= now)
            slot.nextDueMs = now + intervalMs;
        // A probe still running keeps its result coming. A burst of
        // re-probes under way replaces the schedule until it ends (HAProxy's
        // fastinter does the same): a regular probe beside it, with its
        // shorter timeout, would count against the target while the
        // patient re-probes are still waiting for their answer.
        if (!slot.running && slot.burstLeft == 0) {
            slot.running = true;
            slot.startedMs = now;
            m_prober->probe(slot.target, timeoutMs);
        }
        m_nextSlot = (m_nextSlot + 1) % m_slots.size();
    }
    startDueReprobes(now);
}

bool ProbeWheel::reprobe(const QString &key, int count, int gapMs, int timeoutMs)
{
    Slot *slot = m_slotByKey.value(key);
    if (!slot || slot->burstLeft > 0 || count <= 0)
        return false;
    const qint64 now = m_clock.nowMs();
    slot->burstLeft = count;
    for (int k = 1; k <= count; ++k)
        m_reprobes.push_back({slot, now + qint64(k) * gapMs, timeoutMs});
    return true;
}

bool ProbeWheel::reprobing(const QString &key) const
{
    const Slot *slot = m_slotByKey.value(key);
    return slot && slot->burstLeft > 0;
}

void ProbeWheel::startDueReprobes(qint64 now)
{
    if (m_reprobes.empty())
        return;
    // Taken out first: a prober may finish synchronously in a test double.
    std::vector<Reprobe> due;
    for (auto it = m_reprobes.begin(); it != m_reprobes.end();) {
        if (it->atMs <= now) {
            due.push_back(*it);
            it = m_reprobes.erase(it);
        } else {
            ++it;
        }
    }
    for (const Reprobe &r : due) {
        ++m_reprobesStarted;
        m_prober->probe(spareTarget(*r.slot), r.timeoutMs);
    }
}

int ProbeWheel::spareTarget(Slot &slot)
{
    if (!slot.idleSpares.empty()) {
        const int id = slot.idleSpares.back();
        slot.idleSpares.pop_back();
        return id;
    }
    const int id = slot.hostname.isEmpty() ? m_prober->addTcp(slot.address, slot.port)
                                           : m_prober->addHttp(slot.http);
    m_spareByTarget.insert(id, &slot);
    return id;
}

void ProbeWheel::reprobeFinished(Slot &slot, int target, const ProbeResult &result)
{
    slot.idleSpares.push_back(target);
    slot.burstLeft = std::max(0, slot.burstLeft - 1);
    // Copies: a handler may rebuild the wheel.
    const QString key = slot.key;
    const QString edge = slot.edge;
    const QString hostname = slot.hostname;
    emit probed(key, edge, hostname, result);
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
