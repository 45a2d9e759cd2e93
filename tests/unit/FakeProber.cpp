#include "FakeProber.h"

namespace kokoa::test {

FakeProber::FakeProber(ProbeWorld &world)
    : m_world(world)
{
    m_world.prober = this;
}

FakeProber::~FakeProber()
{
    if (m_world.prober == this)
        m_world.prober = nullptr;
}

Prober::TargetId FakeProber::addHttp(HttpTarget target)
{
    return add(target.address.toString(), target.hostname);
}

Prober::TargetId FakeProber::addTcp(const QHostAddress &address, quint16)
{
    return add(address.toString(), {});
}

void FakeProber::probe(TargetId id, int timeoutMs)
{
    const auto &[address, host] = m_targets.at(size_t(id));
    if (!host.isEmpty() && m_world.answerAfterMs.contains(address)) {
        if (timeoutMs < m_world.answerAfterMs.value(address)) {
            ProbeResult r;
            r.detail =
                QStringLiteral("timeout after %1 ms (waiting for the response)").arg(timeoutMs);
            QMetaObject::invokeMethod(
                this, [this, id, r] { emit finished(id, r); }, Qt::QueuedConnection);
        } else {
            m_held.append(id);
        }
        return;
    }
    if (m_world.slow.contains(address)) {
        m_held.append(id);
        if (m_silenceAfterMs > 0 && m_world.down.contains(address)) {
            QMetaObject::invokeMethod(
                this, [this, id] { emit silent(id); }, Qt::QueuedConnection);
        }
        return;
    }
    deliver(id);
}

void FakeProber::release()
{
    for (int id : std::exchange(m_held, {}))
        deliver(id);
}

Prober::TargetId FakeProber::add(const QString &address, const QString &host)
{
    m_targets.emplace_back(address, host);
    return TargetId(m_targets.size() - 1);
}

void FakeProber::deliver(TargetId id)
{
    const auto &[address, host] = m_targets.at(size_t(id));
    ProbeResult r;
    if (m_world.down.contains(address)) {
        r.detail = QStringLiteral("timeout");
    } else if (!host.isEmpty() && m_world.originErr.contains(address)) {
        r.outcome = ProbeResult::Outcome::OriginError;
        r.httpStatus = 502;
        r.detail = QStringLiteral("HTTP 502");
    } else {
        r.outcome = ProbeResult::Outcome::Serving;
        r.detail = QStringLiteral("HTTP 200");
    }
    QMetaObject::invokeMethod(
        this, [this, id, r] { emit finished(id, r); }, Qt::QueuedConnection);
}

} // namespace kokoa::test
