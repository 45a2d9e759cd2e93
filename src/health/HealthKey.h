#pragma once

#include <QHash>
#include <QMetaType>
#include <QString>

#include <optional>

namespace kokoa {

// What a piece of published health is about: an edge (port 80, or 443 for
// the TLS probe), one route on one edge, the DNS answer of a hostname, or a
// DNS change held back after errors. The monitor keys its targets with it,
// the database stores its one string form (toString/parse), and every reader
// (status, a dashboard) gets the typed fields back instead of parsing text.
class HealthKey final
{
public:
    enum class Kind
    {
        Edge,      // "edge:<edge>"
        EdgeTls,   // "edge:<edge>:443"
        Route,     // "route:<edge>|<hostname>"
        DnsAnswer, // "dns:<hostname>"
        DnsHeld,   // "dns-backoff:<hostname, zone:<name> or read:<zone>>"
        EdgeLoad,  // "load:<edge>": requests/s and open connections (EdgeLoad)
        ApiBudget, // "api-budget:<provider>" (cloudflare)
    };

    HealthKey() = default; // an edge with no name: only for containers and signals
    static HealthKey edge(const QString &edge) { return {Kind::Edge, edge, {}}; }
    static HealthKey edgeTls(const QString &edge) { return {Kind::EdgeTls, edge, {}}; }
    static HealthKey route(const QString &edge, const QString &hostname)
    {
        return {Kind::Route, edge, hostname};
    }
    static HealthKey dnsAnswer(const QString &hostname) { return {Kind::DnsAnswer, {}, hostname}; }
    static HealthKey edgeLoad(const QString &edge) { return {Kind::EdgeLoad, edge, {}}; }
    // `target`: a DnsBackoff key (a hostname, or "zone:<name>").
    static HealthKey dnsHeld(const QString &target) { return {Kind::DnsHeld, {}, target}; }
    // A DNS provider's request budget (CloudflareBudget).
    static HealthKey apiBudget(const QString &provider) { return {Kind::ApiBudget, {}, provider}; }

    // The stored form back; nullopt for text no monitor writes.
    static std::optional<HealthKey> parse(const QString &text);
    QString toString() const;

    Kind kind() const { return m_kind; }
    // Empty for the DNS kinds.
    const QString &edgeName() const { return m_edge; }
    // The hostname (Route, DnsAnswer) or the held-back target (DnsHeld).
    const QString &subject() const { return m_subject; }
    bool isEdge() const { return m_kind == Kind::Edge || m_kind == Kind::EdgeTls; }

    friend bool operator==(const HealthKey &, const HealthKey &) = default;

private:
    HealthKey(Kind kind, QString edge, QString subject)
        : m_kind(kind)
        , m_edge(std::move(edge))
        , m_subject(std::move(subject))
    {}

    Kind m_kind = Kind::Edge;
    QString m_edge;
    QString m_subject;
};

inline size_t qHash(const HealthKey &key, size_t seed = 0)
{
    return qHashMulti(seed, int(key.kind()), key.edgeName(), key.subject());
}

} // namespace kokoa

Q_DECLARE_METATYPE(kokoa::HealthKey)
