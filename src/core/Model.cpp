#include "core/Model.h"

#include <array>
#include <utility>

namespace kokoa {
namespace {

template <typename Enum, std::size_t N>
QString nameOf(const std::array<std::pair<Enum, const char *>, N> &table, Enum value)
{
    for (const auto &[candidate, name] : table) {
        if (candidate == value)
            return QString::fromLatin1(name);
    }
    return {};
}

template <typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, const char *>, N> &table,
                            const QString &text)
{
    for (const auto &[candidate, name] : table) {
        if (text == QLatin1String(name))
            return candidate;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<DnsProvider, const char *>, 3> providerNames{{
    {DnsProvider::Manual, "manual"},
    {DnsProvider::Cloudflare, "cloudflare"},
    {DnsProvider::Rfc2136, "rfc2136"},
}};
constexpr std::array<std::pair<HostState, const char *>, 4> stateNames{{
    {HostState::New, "new"},
    {HostState::Bootstrapped, "bootstrapped"},
    {HostState::Deployed, "deployed"},
    {HostState::Failed, "failed"},
}};
constexpr std::array<std::pair<EdgeProfile, const char *>, 2> profileNames{{
    {EdgeProfile::Normal, "normal"},
    {EdgeProfile::UnderAttack, "under-attack"},
}};
constexpr std::array<std::pair<TlsMode, const char *>, 3> tlsNames{{
    {TlsMode::Http01, "http-01"},
    {TlsMode::Dns01, "dns-01"},
    {TlsMode::Off, "off"},
}};

template <typename T> const T *findByName(const QList<T> &items, const QString &name)
{
    for (const T &item : items) {
        if (item.name == name)
            return &item;
    }
    return nullptr;
}

} // namespace

QString toString(DnsProvider provider)
{
    return nameOf(providerNames, provider);
}
QString toString(HostState state)
{
    return nameOf(stateNames, state);
}
QString toString(EdgeProfile profile)
{
    return nameOf(profileNames, profile);
}
QString toString(TlsMode mode)
{
    return nameOf(tlsNames, mode);
}

std::optional<DnsProvider> dnsProviderFromString(const QString &text)
{
    return valueOf(providerNames, text);
}
std::optional<HostState> hostStateFromString(const QString &text)
{
    return valueOf(stateNames, text);
}
std::optional<EdgeProfile> edgeProfileFromString(const QString &text)
{
    return valueOf(profileNames, text);
}
std::optional<TlsMode> tlsModeFromString(const QString &text)
{
    return valueOf(tlsNames, text);
}

QString certificateDirName(const QString &hostname)
{
    if (hostname.startsWith(QLatin1String("*.")))
        return QStringLiteral("_wildcard.") + hostname.mid(2);
    return hostname;
}

const Origin *Topology::origin(const QString &name) const
{
    return findByName(origins, name);
}
const Edge *Topology::edge(const QString &name) const
{
    return findByName(edges, name);
}
const Zone *Topology::zone(const QString &name) const
{
    return findByName(zones, name);
}

} // namespace kokoa
