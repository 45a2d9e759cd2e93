#include "store/TopologyJson.h"

#include "validate/Validator.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace kokoa {
namespace {

QJsonObject zoneJsonImpl(const Zone &z)
{
    return {{QStringLiteral("name"), z.name},
            {QStringLiteral("provider"), toString(z.provider)},
            {QStringLiteral("provider_settings"), z.providerSettings},
            {QStringLiteral("secret_ref"), z.secretRef}};
}

QJsonObject originJsonImpl(const Origin &o)
{
    return {{QStringLiteral("name"), o.name},
            {QStringLiteral("ssh"), o.ssh.toString()},
            {QStringLiteral("tunnel_address"), o.tunnelAddress},
            {QStringLiteral("wireguard_public_key"), o.wgPublicKey},
            {QStringLiteral("ssh_host_key"), o.sshHostKey},
            {QStringLiteral("state"), toString(o.state)}};
}

QJsonObject edgeJsonImpl(const Edge &e)
{
    return {{QStringLiteral("name"), e.name},
            {QStringLiteral("ssh"), e.ssh.toString()},
            {QStringLiteral("public_ipv4"), e.publicIpv4},
            {QStringLiteral("public_ipv6"), e.publicIpv6},
            {QStringLiteral("provider"), e.provider},
            {QStringLiteral("provider_id"), e.providerId},
            {QStringLiteral("tunnel_address"), e.tunnelAddress},
            {QStringLiteral("wireguard_public_key"), e.wgPublicKey},
            {QStringLiteral("ssh_host_key"), e.sshHostKey},
            {QStringLiteral("state"), toString(e.state)},
            {QStringLiteral("profile"), toString(e.profile)}};
}

QJsonObject routeJsonImpl(const Route &r)
{
    return {{QStringLiteral("hostname"), r.hostname},
            {QStringLiteral("origin"), r.originName},
            {QStringLiteral("port"), int(r.port)},
            {QStringLiteral("websocket"), r.websocket},
            {QStringLiteral("max_body_bytes"), r.maxBodyBytes},
            {QStringLiteral("timeout_seconds"), r.timeoutSeconds},
            {QStringLiteral("health_path"), r.healthPath},
            {QStringLiteral("tls"), toString(r.tls)}};
}

template <typename T> QJsonArray arrayOf(const QList<T> &items, QJsonObject (*toJson)(const T &))
{
    QJsonArray out;
    for (const T &item : items)
        out.append(toJson(item));
    return out;
}

// Reads one JSON object field by field, remembering where it is so every
// error names the path ("routes[3].port").
class ObjectReader
{
public:
    ObjectReader(QJsonObject object, QString path)
        : m_object(std::move(object))
        , m_path(std::move(path))
    {}

    Status allowOnly(const QStringList &keys) const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            if (!keys.contains(it.key()))
                return fail(it.key(), TopologyJson::tr("unknown key"));
        }
        return {};
    }

    Result<QString> string(const QString &key, bool required = true) const
    {
        const QJsonValue v = m_object.value(key);
        if (v.isUndefined() && !required)
            return QString();
        if (!v.isString())
            return fail(key, TopologyJson::tr("must be a string"));
        return v.toString();
    }

    Result<qint64> integer(const QString &key, qint64 min, qint64 max) const
    {
        const QJsonValue v = m_object.value(key);
        const double d = v.toDouble(-1);
        // Range first: converting a double outside qint64's range is undefined.
        if (!v.isDouble() || !(d >= double(min) && d <= double(max)) || d != std::trunc(d)) {
            return fail(key,
                        TopologyJson::tr("must be a whole number from %1 to %2").arg(min).arg(max));
        }
        return qint64(d);
    }

    Result<bool> boolean(const QString &key) const
    {
        const QJsonValue v = m_object.value(key);
        if (!v.isBool())
            return fail(key, TopologyJson::tr("must be true or false"));
        return v.toBool();
    }

    Result<QJsonObject> object(const QString &key) const
    {
        const QJsonValue v = m_object.value(key);
        if (!v.isObject())
            return fail(key, TopologyJson::tr("must be an object"));
        return v.toObject();
    }

    template <typename Enum>
    Result<Enum> choice(const QString &key, std::optional<Enum> (*parse)(const QString &)) const
    {
        const Result<QString> text = string(key);
        if (!text)
            return text.error();
        const std::optional<Enum> value = parse(*text);
        if (!value)
            return fail(key, TopologyJson::tr("%1 is not one of the allowed values").arg(*text));
        return *value;
    }

    Result<SshTarget> ssh(const QString &key) const
    {
        const Result<QString> text = string(key);
        if (!text)
            return text.error();
        return Validator::sshTarget(where(key), *text);
    }

    Error fail(const QString &key, const QString &rule) const
    {
        return Error(Error::Kind::InvalidInput, where(key) + QStringLiteral(": ") + rule,
                     where(key));
    }

    QString where(const QString &key) const { return m_path + QLatin1Char('.') + key; }

private:
    QJsonObject m_object;
    QString m_path;
};

// Collects the first error of a chain of reads.
class FirstError
{
public:
    template <typename T> T take(Result<T> result, T fallback = T())
    {
        if (!result) {
            if (!m_error)
                m_error = result.error();
            return fallback;
        }
        return std::move(result).value();
    }
    void check(const Status &status)
    {
        if (!status && !m_error)
            m_error = status.error();
    }
    const std::optional<Error> &error() const { return m_error; }

private:
    std::optional<Error> m_error;
};

Result<Zone> readZone(const ObjectReader &r)
{
    FirstError e;
    Zone z;
    e.check(r.allowOnly({QStringLiteral("name"), QStringLiteral("provider"),
                         QStringLiteral("provider_settings"), QStringLiteral("secret_ref")}));
    z.name = e.take(r.string(QStringLiteral("name")));
    z.provider =
        e.take(r.choice(QStringLiteral("provider"), &dnsProviderFromString), DnsProvider::Manual);
    z.providerSettings = e.take(r.object(QStringLiteral("provider_settings")));
    z.secretRef = e.take(r.string(QStringLiteral("secret_ref")));
    if (e.error())
        return *e.error();
    return z;
}

Result<Origin> readOrigin(const ObjectReader &r)
{
    FirstError e;
    Origin o;
    e.check(r.allowOnly({QStringLiteral("name"), QStringLiteral("ssh"),
                         QStringLiteral("tunnel_address"), QStringLiteral("wireguard_public_key"),
                         QStringLiteral("ssh_host_key"), QStringLiteral("state")}));
    o.name = e.take(r.string(QStringLiteral("name")));
    o.ssh = e.take(r.ssh(QStringLiteral("ssh")));
    o.tunnelAddress = e.take(r.string(QStringLiteral("tunnel_address")));
    o.wgPublicKey = e.take(r.string(QStringLiteral("wireguard_public_key")));
    o.sshHostKey = e.take(r.string(QStringLiteral("ssh_host_key"), false));
    o.state = e.take(r.choice(QStringLiteral("state"), &hostStateFromString), HostState::New);
    if (e.error())
        return *e.error();
    return o;
}

Result<Edge> readEdge(const ObjectReader &r)
{
    FirstError e;
    Edge edge;
    e.check(r.allowOnly(
        {QStringLiteral("name"), QStringLiteral("ssh"), QStringLiteral("public_ipv4"),
         QStringLiteral("public_ipv6"), QStringLiteral("provider"), QStringLiteral("provider_id"),
         QStringLiteral("tunnel_address"), QStringLiteral("wireguard_public_key"),
         QStringLiteral("ssh_host_key"), QStringLiteral("state"), QStringLiteral("profile")}));
    edge.name = e.take(r.string(QStringLiteral("name")));
    edge.ssh = e.take(r.ssh(QStringLiteral("ssh")));
    edge.publicIpv4 = e.take(r.string(QStringLiteral("public_ipv4")));
    edge.publicIpv6 = e.take(r.string(QStringLiteral("public_ipv6")));
    edge.provider = e.take(r.string(QStringLiteral("provider")));
    edge.providerId = e.take(r.string(QStringLiteral("provider_id")));
    edge.tunnelAddress = e.take(r.string(QStringLiteral("tunnel_address")));
    edge.wgPublicKey = e.take(r.string(QStringLiteral("wireguard_public_key")));
    edge.sshHostKey = e.take(r.string(QStringLiteral("ssh_host_key"), false));
    edge.state = e.take(r.choice(QStringLiteral("state"), &hostStateFromString), HostState::New);
    edge.profile =
        e.take(r.choice(QStringLiteral("profile"), &edgeProfileFromString), EdgeProfile::Normal);
    if (e.error())
        return *e.error();
    return edge;
}

Result<Route> readRoute(const ObjectReader &r)
{
    FirstError e;
    Route route;
    e.check(r.allowOnly({QStringLiteral("hostname"), QStringLiteral("origin"),
                         QStringLiteral("port"), QStringLiteral("websocket"),
                         QStringLiteral("max_body_bytes"), QStringLiteral("timeout_seconds"),
                         QStringLiteral("health_path"), QStringLiteral("tls")}));
    route.hostname = e.take(r.string(QStringLiteral("hostname")));
    route.originName = e.take(r.string(QStringLiteral("origin")));
    route.port = quint16(e.take(r.integer(QStringLiteral("port"), 1, 65535)));
    route.websocket = e.take(r.boolean(QStringLiteral("websocket")));
    route.maxBodyBytes =
        e.take(r.integer(QStringLiteral("max_body_bytes"), 0, qint64(64) * 1024 * 1024 * 1024));
    route.timeoutSeconds = int(e.take(r.integer(QStringLiteral("timeout_seconds"), 1, 86400)));
    route.healthPath = e.take(r.string(QStringLiteral("health_path")));
    route.tls = e.take(r.choice(QStringLiteral("tls"), &tlsModeFromString), TlsMode::Http01);
    if (e.error())
        return *e.error();
    return route;
}

template <typename T>
Result<QList<T>> readArray(const QJsonObject &root, const QString &key,
                           Result<T> (*read)(const ObjectReader &))
{
    const QJsonValue value = root.value(key);
    if (!value.isArray()) {
        return Error(Error::Kind::InvalidInput, TopologyJson::tr("%1: must be an array").arg(key),
                     key);
    }
    QList<T> out;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = key + QStringLiteral("[%1]").arg(i);
        if (!array.at(i).isObject()) {
            return Error(Error::Kind::InvalidInput,
                         TopologyJson::tr("%1: must be an object").arg(path), path);
        }
        Result<T> item = read(ObjectReader(array.at(i).toObject(), path));
        if (!item)
            return item.error();
        out.append(std::move(item).value());
    }
    return out;
}

} // namespace

QJsonObject TopologyJson::toJson(const Zone &zone)
{
    return zoneJsonImpl(zone);
}
QJsonObject TopologyJson::toJson(const Origin &origin)
{
    return originJsonImpl(origin);
}
QJsonObject TopologyJson::toJson(const Edge &edge)
{
    return edgeJsonImpl(edge);
}
QJsonObject TopologyJson::toJson(const Route &route)
{
    return routeJsonImpl(route);
}

QByteArray TopologyJson::write(const Topology &topology, const Settings &settings)
{
    QJsonObject settingsObject;
    for (auto it = settings.explicitValues().begin(); it != settings.explicitValues().end(); ++it)
        settingsObject.insert(it.key(), it.value());
    const QJsonObject root{{QStringLiteral("format"), QStringLiteral("kokoa")},
                           {QStringLiteral("version"), formatVersion},
                           {QStringLiteral("settings"), settingsObject},
                           {QStringLiteral("zones"), arrayOf(topology.zones, &zoneJsonImpl)},
                           {QStringLiteral("origins"), arrayOf(topology.origins, &originJsonImpl)},
                           {QStringLiteral("edges"), arrayOf(topology.edges, &edgeJsonImpl)},
                           {QStringLiteral("routes"), arrayOf(topology.routes, &routeJsonImpl)}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

Result<Configuration> TopologyJson::read(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        return Error(Error::Kind::InvalidInput, tr("the file is not a JSON object: %1 at offset %2")
                                                    .arg(parseError.errorString())
                                                    .arg(parseError.offset));
    }
    const QJsonObject root = doc.object();
    const ObjectReader top(root, QStringLiteral("$"));
    FirstError e;
    e.check(top.allowOnly({QStringLiteral("format"), QStringLiteral("version"),
                           QStringLiteral("settings"), QStringLiteral("zones"),
                           QStringLiteral("origins"), QStringLiteral("edges"),
                           QStringLiteral("routes")}));
    if (e.take(top.string(QStringLiteral("format"))) != QLatin1String("kokoa") && !e.error())
        e.check(top.fail(QStringLiteral("format"), tr("must be \"kokoa\"")));
    e.take(top.integer(QStringLiteral("version"), formatVersion, formatVersion));
    const QJsonObject settingsObject = e.take(top.object(QStringLiteral("settings")));
    if (e.error())
        return *e.error();

    Configuration config;
    for (auto it = settingsObject.begin(); it != settingsObject.end(); ++it) {
        if (!it.value().isString()) {
            return Error(Error::Kind::InvalidInput,
                         tr("settings.%1: must be a string").arg(it.key()), it.key());
        }
        config.settings.set(it.key(), it.value().toString());
    }
    config.topology.zones = e.take(readArray(root, QStringLiteral("zones"), &readZone));
    config.topology.origins = e.take(readArray(root, QStringLiteral("origins"), &readOrigin));
    config.topology.edges = e.take(readArray(root, QStringLiteral("edges"), &readEdge));
    config.topology.routes = e.take(readArray(root, QStringLiteral("routes"), &readRoute));
    if (e.error())
        return *e.error();
    return config;
}

} // namespace kokoa
