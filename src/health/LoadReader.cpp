#include "health/LoadReader.h"

#include "health/HealthLogging.h"
#include "ssh/SshIdentity.h"
#include "ssh/SshSession.h"

namespace kokoa {

LoadReader::Fetch LoadReader::sshFetch(const QString &dataDir)
{
    return [dataDir](const Edge &edge) -> Result<StubStatus> {
        const Result<SshIdentity> identity = SshIdentity::loadOrCreate(dataDir);
        if (!identity)
            return identity.error();
        SshSession::Options o;
        o.target = edge.ssh;
        o.identityFile = identity->privateKeyFile();
        o.hostKey.pinned = edge.sshHostKey;
        // Short: a stopping monitor waits for nothing longer than this.
        o.connectTimeoutMs = 2000;
        Result<std::unique_ptr<SshSession>> session = SshSession::connect(o);
        if (!session)
            return session.error();
        return StubStatus::fetch(**session, edge.tunnelAddress, 4000);
    };
}

LoadReader::LoadReader(Fetch fetch, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_fetch(std::move(fetch))
    , m_clock(clock)
{
    m_pool.setMaxThreadCount(kMaxParallel);
}

LoadReader::~LoadReader()
{
    // Answers posted after this are dropped with the object's events.
    m_pool.waitForDone();
}

bool LoadReader::readable(const Edge &edge)
{
    return edge.state == HostState::Deployed && !edge.sshHostKey.isEmpty() &&
           !edge.tunnelAddress.isEmpty();
}

void LoadReader::readDue(const QList<Edge> &edges, qint64 intervalMs)
{
    QSet<QString> listed;
    const qint64 now = m_clock.nowMs();
    for (const Edge &edge : edges) {
        if (!readable(edge))
            continue;
        listed.insert(edge.name);
        if (m_inFlight.contains(edge.name))
            continue;
        const auto started = m_startedMs.constFind(edge.name);
        if (started != m_startedMs.constEnd() && now - *started < intervalMs)
            continue;
        m_startedMs.insert(edge.name, now);
        m_inFlight.insert(edge.name);
        m_pool.start([this, edge, fetch = m_fetch] {
            const Result<StubStatus> reading = fetch(edge);
            QMetaObject::invokeMethod(
                this, [this, name = edge.name, reading] { take(name, reading); },
                Qt::QueuedConnection);
        });
    }
    for (const QString &gone : m_startedMs.keys()) {
        if (!listed.contains(gone)) {
            m_loads.remove(gone);
            m_last.remove(gone);
            m_startedMs.remove(gone);
        }
    }
}

void LoadReader::take(const QString &edge, const Result<StubStatus> &reading)
{
    m_inFlight.remove(edge);
    if (!m_startedMs.contains(edge))
        return; // forgotten meanwhile
    const qint64 now = m_clock.nowMs();
    EdgeLoad load;
    if (reading) {
        const auto previous = m_last.constFind(edge);
        load = EdgeLoad::between(previous == m_last.constEnd()
                                     ? std::nullopt
                                     : std::optional<std::pair<StubStatus, qint64>>(*previous),
                                 *reading, now);
        m_last.insert(edge, {*reading, now});
    } else {
        // The numbers stay as last read; the error says they are old.
        load = m_loads.value(edge);
        load.error = reading.error().message();
        qCDebug(lcHealth).noquote() << "load of" << edge << "not read:" << load.error;
    }
    m_loads.insert(edge, load);
    emit loadRead(edge, load);
}

} // namespace kokoa
