#include "DashboardFakes.h"

#include "health/ProbeResult.h"

#include <QHostAddress>

namespace kokoa::test {

VantageChecker::Probe SharedProbeWorld::vantageProbe()
{
    return [this](const Edge &from, const QString &address) {
        using A = VantageChecker::Answer;
        if (isDown(from.publicIpv4))
            return VantageChecker::Reply{A::NoEvidence, QStringLiteral("cannot connect")};
        return VantageChecker::Reply{isDown(address) ? A::Unreachable : A::Reachable, {}};
    };
}

Prober::TargetId SharedWorldProber::addHttp(HttpTarget target)
{
    m_addresses.push_back(target.address.toString());
    return TargetId(m_addresses.size() - 1);
}

Prober::TargetId SharedWorldProber::addTcp(const QHostAddress &address, quint16)
{
    m_addresses.push_back(address.toString());
    return TargetId(m_addresses.size() - 1);
}

void SharedWorldProber::probe(TargetId id, int)
{
    ProbeResult r;
    if (m_world.isDown(m_addresses.at(size_t(id)))) {
        r.detail = QStringLiteral("timeout");
    } else {
        r.outcome = ProbeResult::Outcome::Serving;
        r.detail = QStringLiteral("HTTP 200");
    }
    QMetaObject::invokeMethod(
        this, [this, id, r] { emit finished(id, r); }, Qt::QueuedConnection);
}

} // namespace kokoa::test
