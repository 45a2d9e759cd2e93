#include "validate/ModelValidator.h"

#include "validate/Validator.h"

#include <QJsonValue>
#include <QRegularExpression>
#include <QSet>

namespace kokoa {
namespace {

Status secretReference(const QString &ref)
{
    static const QRegularExpression rule(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z0-9][a-z0-9._-]{0,127}")));
    if (ref.isEmpty() || rule.match(ref).hasMatch())
        return {};
    return Error::invalid(QStringLiteral("secret_ref"), ref,
                          ModelValidator::tr("must be a secret name of letters, digits, '.', "
                                             "'_' and '-'"));
}

Status onlyKeys(const QJsonObject &object, const QStringList &allowed, const QString &where)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!allowed.contains(it.key())) {
            return Error(Error::Kind::InvalidInput,
                         ModelValidator::tr("%1: unknown setting %2 (allowed: %3)")
                             .arg(where, quoteForMessage(it.key()),
                                  allowed.isEmpty() ? ModelValidator::tr("none")
                                                    : allowed.join(QStringLiteral(", "))),
                         where);
        }
        if (!it.value().isString()) {
            return Error(Error::Kind::InvalidInput,
                         ModelValidator::tr("%1: %2 must be a string").arg(where, it.key()), where);
        }
    }
    return {};
}

// Runs a Validator function on a string field of a JSON object, replacing
// the value by its canonical form.
template <typename Check>
Status canonicalise(QJsonObject &object, const QString &key, const QString &field, Check check,
                    bool required)
{
    if (!object.contains(key)) {
        if (!required)
            return {};
        return Error(Error::Kind::InvalidInput, ModelValidator::tr("%1: is required").arg(field),
                     field);
    }
    const auto checked = check(field, object.value(key).toString());
    if (!checked)
        return checked.error();
    if constexpr (std::is_same_v<std::decay_t<decltype(*checked)>, QString>)
        object.insert(key, *checked);
    else
        object.insert(key, QString::number(*checked));
    return {};
}

Status providerSettings(Zone &zone)
{
    const QString where = QStringLiteral("zone ") + zone.name + QStringLiteral(" provider");
    QJsonObject &s = zone.providerSettings;
    switch (zone.provider) {
    case DnsProvider::Manual:
        if (!zone.secretRef.isEmpty()) {
            return Error(Error::Kind::InvalidInput,
                         ModelValidator::tr("%1: a manual zone has no secret").arg(where), where);
        }
        return onlyKeys(s, {}, where);
    case DnsProvider::Cloudflare:
        if (Status st = onlyKeys(s, {QStringLiteral("api_base"), QStringLiteral("zone_id")}, where);
            !st) {
            return st;
        }
        if (Status st = canonicalise(s, QStringLiteral("api_base"), QStringLiteral("api-base"),
                                     Validator::apiBaseUrl, true);
            !st) {
            return st;
        }
        return canonicalise(s, QStringLiteral("zone_id"), QStringLiteral("zone-id"),
                            Validator::providerId, false);
    case DnsProvider::Rfc2136:
        if (Status st = onlyKeys(s,
                                 {QStringLiteral("server"), QStringLiteral("port"),
                                  QStringLiteral("tsig_name"), QStringLiteral("tsig_algorithm")},
                                 where);
            !st) {
            return st;
        }
        if (Status st = canonicalise(s, QStringLiteral("server"), QStringLiteral("server"),
                                     Validator::connectHost, true);
            !st) {
            return st;
        }
        if (Status st = canonicalise(s, QStringLiteral("port"), QStringLiteral("server port"),
                                     Validator::port, true);
            !st) {
            return st;
        }
        if (Status st = canonicalise(s, QStringLiteral("tsig_name"), QStringLiteral("tsig-name"),
                                     Validator::tsigKeyName, true);
            !st) {
            return st;
        }
        return canonicalise(s, QStringLiteral("tsig_algorithm"), QStringLiteral("tsig-algorithm"),
                            Validator::tsigAlgorithm, true);
    }
    return {};
}

template <typename T> Status assign(T &target, const Result<T> &checked)
{
    if (!checked)
        return checked.error();
    target = *checked;
    return {};
}

Status hostCommon(QString &name, SshTarget &ssh, QString &tunnelAddress, QString &wgPublicKey,
                  QString &sshHostKey, const QString &kind)
{
    if (Status s = assign(name, Validator::name(kind + QStringLiteral(" name"), name)); !s)
        return s;
    const QString prefix = kind + QLatin1Char(' ') + name + QLatin1Char(' ');
    if (Status s =
            assign(ssh, Validator::sshTarget(prefix + QStringLiteral("ssh"), ssh.toString()));
        !s) {
        return s;
    }
    if (!tunnelAddress.isEmpty()) {
        if (Status s = assign(
                tunnelAddress,
                Validator::tunnelAddress(prefix + QStringLiteral("tunnel address"), tunnelAddress));
            !s) {
            return s;
        }
    }
    if (!sshHostKey.isEmpty()) {
        if (Status s = assign(sshHostKey, Validator::hostKeyFingerprint(
                                              prefix + QStringLiteral("ssh host key"), sshHostKey));
            !s) {
            return s;
        }
    }
    if (!wgPublicKey.isEmpty()) {
        return assign(wgPublicKey, Validator::wireGuardKey(prefix + QStringLiteral("wireguard key"),
                                                           wgPublicKey));
    }
    return {};
}

template <typename T> Status uniqueNames(const QList<T> &items, const QString &kind)
{
    QSet<QString> seen;
    for (const T &item : items) {
        if (seen.contains(item.name)) {
            return Error(Error::Kind::Conflict,
                         ModelValidator::tr("%1 %2 appears twice").arg(kind, item.name), kind);
        }
        seen.insert(item.name);
    }
    return {};
}

} // namespace

Result<Zone> ModelValidator::zone(const Zone &input)
{
    Zone zone = input;
    if (Status s = assign(zone.name, Validator::zoneName(QStringLiteral("zone name"), zone.name));
        !s) {
        return s.error();
    }
    if (Status s = secretReference(zone.secretRef); !s)
        return s.error();
    if (Status s = providerSettings(zone); !s)
        return s.error();
    return zone;
}

QString ModelValidator::zoneSecretName(const QString &zoneName)
{
    return QStringLiteral("zone-") + zoneName;
}

Status ModelValidator::ownSecret(Zone &zone)
{
    if (zone.provider == DnsProvider::Manual)
        return {}; // zone() refuses a secret on a manual zone
    const QString own = zoneSecretName(zone.name);
    if (!zone.secretRef.isEmpty() && zone.secretRef != own) {
        return Error::invalid(
            QStringLiteral("zone %1 secret_ref").arg(zone.name), zone.secretRef,
            tr("must be %1 (or empty): a zone only uses its own secret").arg(own));
    }
    zone.secretRef = own;
    return {};
}

Status ModelValidator::distinctEdge(const Edge &edge, const QList<Edge> &others)
{
    for (const Edge &other : others) {
        if (other.name == edge.name)
            continue;
        for (const QString &address : {edge.publicIpv4, edge.publicIpv6}) {
            if (!address.isEmpty() &&
                (address == other.publicIpv4 || address == other.publicIpv6)) {
                return Error(Error::Kind::Conflict,
                             tr("edge %1: public-ip %2 is used by another edge (%3)")
                                 .arg(edge.name, address, other.name),
                             QStringLiteral("public-ip"));
            }
        }
        // The user name does not make another machine.
        if (edge.ssh.host.compare(other.ssh.host, Qt::CaseInsensitive) == 0 &&
            edge.ssh.port == other.ssh.port) {
            return Error(Error::Kind::Conflict,
                         tr("edge %1: ssh host %2 port %3 is used by another edge (%4)")
                             .arg(edge.name, edge.ssh.host)
                             .arg(edge.ssh.port)
                             .arg(other.name),
                         QStringLiteral("ssh"));
        }
    }
    return {};
}

Result<Origin> ModelValidator::origin(const Origin &input)
{
    Origin origin = input;
    if (Status s = hostCommon(origin.name, origin.ssh, origin.tunnelAddress, origin.wgPublicKey,
                              origin.sshHostKey, QStringLiteral("origin"));
        !s) {
        return s.error();
    }
    return origin;
}

Result<Edge> ModelValidator::edge(const Edge &input)
{
    Edge edge = input;
    if (Status s = hostCommon(edge.name, edge.ssh, edge.tunnelAddress, edge.wgPublicKey,
                              edge.sshHostKey, QStringLiteral("edge"));
        !s) {
        return s.error();
    }
    const QString prefix = QStringLiteral("edge ") + edge.name + QLatin1Char(' ');
    if (edge.publicIpv4.isEmpty() && edge.publicIpv6.isEmpty()) {
        return Error(Error::Kind::InvalidInput,
                     tr("%1public-ip: an edge needs a public IPv4 or IPv6 address").arg(prefix),
                     QStringLiteral("public-ip"));
    }
    if (!edge.publicIpv4.isEmpty()) {
        if (Status s =
                assign(edge.publicIpv4,
                       Validator::ipv4Address(prefix + QStringLiteral("public-ip"), edge.publicIpv4,
                                              Validator::AddressScope::Public));
            !s) {
            return s.error();
        }
    }
    if (!edge.publicIpv6.isEmpty()) {
        if (Status s =
                assign(edge.publicIpv6,
                       Validator::ipv6Address(prefix + QStringLiteral("public-ip"), edge.publicIpv6,
                                              Validator::AddressScope::Public));
            !s) {
            return s.error();
        }
    }
    if (!edge.provider.isEmpty()) {
        if (Status s = assign(edge.provider,
                              Validator::name(prefix + QStringLiteral("provider"), edge.provider));
            !s) {
            return s.error();
        }
    }
    if (!edge.providerId.isEmpty()) {
        if (Status s = assign(
                edge.providerId,
                Validator::providerId(prefix + QStringLiteral("provider-id"), edge.providerId));
            !s) {
            return s.error();
        }
    }
    return edge;
}

Result<Route> ModelValidator::route(const Route &input)
{
    Route route = input;
    const bool wildcardOk = route.tls != TlsMode::Http01;
    const Result<QString> host = Validator::hostname(QStringLiteral("hostname"), route.hostname,
                                                     wildcardOk ? Validator::Wildcard::Allowed
                                                                : Validator::Wildcard::Forbidden);
    if (!host) {
        // Name the real problem first: "*.a;b.com" is refused for its ';',
        // whatever its TLS mode; a good wildcard name only for the mode.
        if (!wildcardOk && route.hostname.startsWith(QLatin1String("*."))) {
            const Result<QString> asWildcard = Validator::hostname(
                QStringLiteral("hostname"), route.hostname, Validator::Wildcard::Allowed);
            if (!asWildcard)
                return asWildcard.error();
            return Error::invalid(QStringLiteral("hostname"), route.hostname,
                                  tr("a wildcard needs TLS mode dns-01 (HTTP-01 cannot "
                                     "validate wildcards) or TLS off"));
        }
        return host.error();
    }
    route.hostname = *host;
    const QString prefix = QStringLiteral("route ") + route.hostname + QLatin1Char(' ');
    if (Status s = assign(route.originName,
                          Validator::name(prefix + QStringLiteral("origin"), route.originName));
        !s) {
        return s.error();
    }
    if (!route.zoneName.isEmpty()) {
        if (Status s = assign(route.zoneName,
                              Validator::zoneName(prefix + QStringLiteral("zone"), route.zoneName));
            !s) {
            return s.error();
        }
    }
    if (route.port == 0) {
        return Error::invalid(prefix + QStringLiteral("port"), QStringLiteral("0"),
                              tr("must be a whole number from 1 to 65535"));
    }
    if (route.maxBodyBytes < 0 || route.maxBodyBytes > qint64(64) * 1024 * 1024 * 1024) {
        return Error::invalid(prefix + QStringLiteral("max-body"),
                              QString::number(route.maxBodyBytes),
                              tr("must be from 0 (unlimited) to 64g"));
    }
    if (route.timeoutSeconds < 1 || route.timeoutSeconds > 86400) {
        return Error::invalid(prefix + QStringLiteral("timeout"),
                              QString::number(route.timeoutSeconds),
                              tr("must be a whole number from 1 to 86400"));
    }
    if (Status s =
            assign(route.healthPath,
                   Validator::healthPath(prefix + QStringLiteral("health-path"), route.healthPath));
        !s) {
        return s.error();
    }
    return route;
}

Result<QString> ModelValidator::zoneFor(const QString &hostname, const QList<Zone> &zones)
{
    QString bare = hostname.toLower();
    if (bare.endsWith(QLatin1Char('.')))
        bare.chop(1);
    if (bare.startsWith(QLatin1String("*.")))
        bare = bare.mid(2);
    const Zone *best = nullptr;
    for (const Zone &z : zones) {
        const bool contains = bare == z.name || bare.endsWith(QLatin1Char('.') + z.name);
        if (contains && (!best || z.name.size() > best->name.size()))
            best = &z;
    }
    if (!best) {
        return Error(
            Error::Kind::InvalidInput,
            tr("hostname: no zone contains %1; add its zone first").arg(quoteForMessage(hostname)),
            QStringLiteral("hostname"), hostname);
    }
    return best->name;
}

Status ModelValidator::topology(Topology &t)
{
    for (Zone &z : t.zones) {
        if (Status s = assign(z, zone(z)); !s)
            return s;
        if (Status s = ownSecret(z); !s)
            return s;
    }
    for (Origin &o : t.origins) {
        if (Status s = assign(o, origin(o)); !s)
            return s;
    }
    for (Edge &e : t.edges) {
        if (Status s = assign(e, edge(e)); !s)
            return s;
    }
    if (Status s = uniqueNames(t.zones, QStringLiteral("zone")); !s)
        return s;
    if (Status s = uniqueNames(t.origins, QStringLiteral("origin")); !s)
        return s;
    if (Status s = uniqueNames(t.edges, QStringLiteral("edge")); !s)
        return s;

    QSet<QString> addresses;
    auto claim = [&](const QString &address, const QString &owner) -> Status {
        if (address.isEmpty())
            return {};
        if (addresses.contains(address)) {
            return Error(Error::Kind::Conflict,
                         tr("%1: tunnel address %2 is used by another host").arg(owner, address),
                         QStringLiteral("tunnel address"));
        }
        addresses.insert(address);
        return {};
    };
    for (const Origin &o : std::as_const(t.origins)) {
        if (Status s = claim(o.tunnelAddress, QStringLiteral("origin ") + o.name); !s)
            return s;
    }
    for (const Edge &e : std::as_const(t.edges)) {
        if (Status s = claim(e.tunnelAddress, QStringLiteral("edge ") + e.name); !s)
            return s;
    }
    for (qsizetype i = 1; i < t.edges.size(); ++i) {
        if (Status s = distinctEdge(t.edges.at(i), t.edges.mid(0, i)); !s)
            return s;
    }

    QSet<QString> hostnames;
    for (Route &r : t.routes) {
        if (Status s = assign(r, route(r)); !s)
            return s;
        if (hostnames.contains(r.hostname)) {
            return Error(Error::Kind::Conflict, tr("route %1 appears twice").arg(r.hostname),
                         QStringLiteral("hostname"));
        }
        hostnames.insert(r.hostname);
        if (!t.origin(r.originName)) {
            return Error(Error::Kind::InvalidInput,
                         tr("route %1: origin %2 does not exist").arg(r.hostname, r.originName),
                         QStringLiteral("origin"));
        }
        const Result<QString> zoneName = zoneFor(r.hostname, t.zones);
        if (!zoneName)
            return zoneName.error();
        // A zone given by hand must be the one the records belong in: a parent
        // zone would get records for a delegated sub-zone.
        if (!r.zoneName.isEmpty() && r.zoneName != *zoneName) {
            return Error(Error::Kind::InvalidInput,
                         tr("route %1: zone %2 is not the zone of this hostname; it belongs "
                            "to zone %3")
                             .arg(r.hostname, r.zoneName, *zoneName),
                         QStringLiteral("zone"));
        }
        r.zoneName = *zoneName;
    }
    return {};
}

} // namespace kokoa
