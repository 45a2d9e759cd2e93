#include "health/HealthKey.h"

namespace kokoa {

namespace {

const QLatin1String kEdge("edge:");
const QLatin1String kTlsSuffix(":443");
const QLatin1String kRoute("route:");
const QLatin1String kDns("dns:");
const QLatin1String kDnsHeld("dns-backoff:");
const QLatin1String kLoad("load:");
const QLatin1String kApiBudget("api-budget:");

} // namespace

QString HealthKey::toString() const
{
    switch (m_kind) {
    case Kind::Edge:
        return kEdge + m_edge;
    case Kind::EdgeTls:
        return kEdge + m_edge + kTlsSuffix;
    case Kind::Route:
        return kRoute + m_edge + QLatin1Char('|') + m_subject;
    case Kind::DnsAnswer:
        return kDns + m_subject;
    case Kind::DnsHeld:
        return kDnsHeld + m_subject;
    case Kind::EdgeLoad:
        return kLoad + m_edge;
    case Kind::ApiBudget:
        return kApiBudget + m_subject;
    }
    return {};
}

std::optional<HealthKey> HealthKey::parse(const QString &text)
{
    // Edge names are DNS labels (no ':' or '|'), so the separators are unambiguous.
    if (text.startsWith(kEdge)) {
        const QString rest = text.mid(kEdge.size());
        if (rest.endsWith(kTlsSuffix))
            return edgeTls(rest.chopped(kTlsSuffix.size()));
        if (rest.isEmpty() || rest.contains(QLatin1Char(':')))
            return std::nullopt;
        return edge(rest);
    }
    if (text.startsWith(kRoute)) {
        const QString rest = text.mid(kRoute.size());
        const qsizetype bar = rest.indexOf(QLatin1Char('|'));
        if (bar <= 0 || bar == rest.size() - 1)
            return std::nullopt;
        return route(rest.left(bar), rest.mid(bar + 1));
    }
    if (text.startsWith(kLoad)) {
        const QString rest = text.mid(kLoad.size());
        if (rest.isEmpty() || rest.contains(QLatin1Char(':')) || rest.contains(QLatin1Char('|')))
            return std::nullopt;
        return edgeLoad(rest);
    }
    if (text.startsWith(kApiBudget) && text.size() > kApiBudget.size())
        return apiBudget(text.mid(kApiBudget.size()));
    if (text.startsWith(kDnsHeld) && text.size() > kDnsHeld.size())
        return dnsHeld(text.mid(kDnsHeld.size()));
    if (text.startsWith(kDns) && text.size() > kDns.size())
        return dnsAnswer(text.mid(kDns.size()));
    return std::nullopt;
}

} // namespace kokoa
