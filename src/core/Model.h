#pragma once

#include "core/SshTarget.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// The objects a user describes. Plain values: the Store persists them, the
// Validator builds them from input, the renderers read them.
namespace kokoa {

enum class DnsProvider
{
    Manual,
    Cloudflare,
    Rfc2136
};
enum class HostState
{
    New,
    Bootstrapped,
    Deployed,
    Failed
};
enum class EdgeProfile
{
    Normal,
    UnderAttack
};
enum class TlsMode
{
    Http01,
    Dns01,
    Off
};

QString toString(DnsProvider provider);
QString toString(HostState state);
QString toString(EdgeProfile profile);
QString toString(TlsMode mode);
std::optional<DnsProvider> dnsProviderFromString(const QString &text);
std::optional<HostState> hostStateFromString(const QString &text);
std::optional<EdgeProfile> edgeProfileFromString(const QString &text);
std::optional<TlsMode> tlsModeFromString(const QString &text);

struct Zone
{
    qint64 id = 0;
    QString name; // ACE, lowercase, no trailing dot
    DnsProvider provider = DnsProvider::Manual;
    // Provider specific, validated per provider: api_base (Cloudflare);
    // server, port, tsig_name, tsig_algorithm (RFC 2136).
    QJsonObject providerSettings;
    QString secretRef; // name of the secret in the SecretStore, empty if none
};

struct Origin
{
    qint64 id = 0;
    QString name;
    SshTarget ssh;
    QString tunnelAddress; // IPv4 inside the tunnel range
    QString wgPublicKey;   // base64, empty until the host made its key
    QString sshHostKey;    // pinned SHA256 fingerprint, empty until first contact
    HostState state = HostState::New;
};

struct Edge
{
    qint64 id = 0;
    QString name;
    SshTarget ssh;
    QString publicIpv4; // at least one of the two is set
    QString publicIpv6;
    QString provider;   // VPS provider kind, empty when added by hand
    QString providerId; // the provider's id of the server
    QString tunnelAddress;
    QString wgPublicKey;
    QString sshHostKey;
    HostState state = HostState::New;
    EdgeProfile profile = EdgeProfile::Normal;
};

struct Route
{
    static constexpr qint64 defaultMaxBodyBytes = 10 * 1024 * 1024;
    static constexpr int defaultTimeoutSeconds = 60;
    static constexpr int defaultWebsocketTimeoutSeconds = 3600;

    qint64 id = 0;
    QString hostname; // ACE, lowercase, no trailing dot
    QString zoneName; // the zone that contains the hostname
    QString originName;
    quint16 port = 0; // service port on the origin
    bool websocket = false;
    qint64 maxBodyBytes = defaultMaxBodyBytes; // 0 = unlimited
    int timeoutSeconds = defaultTimeoutSeconds;
    QString healthPath = QStringLiteral("/");
    TlsMode tls = TlsMode::Http01;
};

struct Event
{
    qint64 id = 0;
    QDateTime at;     // UTC
    QString category; // "config", "deploy", "health", "dns", ...
    QString subject;  // the object acted on, e.g. "edge tokyo-1"
    QString action;
    QString reason;
    QString outcome; // "ok" or the error message
};

// Directory name of a hostname's certificate, on the control plane and on
// edges ("*.x" becomes "_wildcard.x", since '*' is a poor file name).
QString certificateDirName(const QString &hostname);

// Everything a user described, as one value: what export writes, import
// reads and the renderers work from.
struct Topology
{
    QList<Zone> zones;
    QList<Origin> origins;
    QList<Edge> edges;
    QList<Route> routes;

    const Origin *origin(const QString &name) const;
    const Edge *edge(const QString &name) const;
    const Zone *zone(const QString &name) const;
};

} // namespace kokoa
