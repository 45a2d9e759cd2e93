#include "core/Settings.h"

namespace kokoa {

const QList<Settings::Definition> &Settings::definitions()
{
    constexpr qint64 noLimit = 0;
    static const QList<Definition> all{
        {"tunnel.range", Type::Ipv4Network, "10.100.0.0/16", noLimit, noLimit, "",
         QT_TR_NOOP("IPv4 range tunnel addresses are taken from")},
        {"dns.ttl", Type::Integer, "60", 30, 86400, QT_TR_NOOP("s"),
         QT_TR_NOOP("TTL in seconds of the A/AAAA records Kokoa manages")},
        {"health.interval_ms", Type::Integer, "2000", 500, 60000, QT_TR_NOOP("ms"),
         QT_TR_NOOP("time between two probes of one target")},
        {"health.timeout_ms", Type::Integer, "1500", 100, 59000, QT_TR_NOOP("ms"),
         QT_TR_NOOP("probe timeout, shorter than the interval")},
        {"health.fall", Type::Integer, "3", 1, 10, QT_TR_NOOP("probes"),
         QT_TR_NOOP("failed probes in a row before a target is down")},
        {"health.rise", Type::Integer, "2", 1, 10, QT_TR_NOOP("probes"),
         QT_TR_NOOP("good probes in a row before a target is up")},
        {"health.hold_down_s", Type::Integer, "30", 0, 3600, QT_TR_NOOP("s"),
         QT_TR_NOOP("seconds a flapping edge waits before it returns")},
        {"dns.refresh_s", Type::Integer, "60", 10, 86400, QT_TR_NOOP("s"),
         QT_TR_NOOP("seconds between two reads of DNS by the monitor (repairs changes made by "
                    "others)")},
        {"ratelimit.normal.rate", Type::Integer, "20", 1, 100000, QT_TR_NOOP("requests/s"),
         QT_TR_NOOP("requests per second per client address")},
        {"ratelimit.normal.burst", Type::Integer, "40", 0, 100000, QT_TR_NOOP("requests"),
         QT_TR_NOOP("requests a client may send above the rate")},
        {"ratelimit.normal.connections", Type::Integer, "64", 1, 100000, QT_TR_NOOP("connections"),
         QT_TR_NOOP("open connections per client address")},
        {"ratelimit.attack.rate", Type::Integer, "2", 1, 100000, QT_TR_NOOP("requests/s"),
         QT_TR_NOOP("requests per second per client, under attack")},
        {"ratelimit.attack.burst", Type::Integer, "10", 0, 100000, QT_TR_NOOP("requests"),
         QT_TR_NOOP("burst per client, under attack")},
        {"ratelimit.attack.connections", Type::Integer, "8", 1, 100000, QT_TR_NOOP("connections"),
         QT_TR_NOOP("open connections per client, under attack")},
        {"load.interval_s", Type::Integer, "10", 2, 3600, QT_TR_NOOP("s"),
         QT_TR_NOOP("seconds between two readings of an edge's load (requests/s, connections)")},
        {"load.attack_rps", Type::Integer, "0", 0, 10000000, QT_TR_NOOP("requests/s"),
         QT_TR_NOOP("an edge above this many requests/s is switched to the under-attack profile "
                    "(0 = never automatically)")},
        {"ui.language", Type::Choice, "auto", noLimit, noLimit, "",
         QT_TR_NOOP("language of the desktop window: auto (the system's), en or ja")},
        {"certificates.rekey_on_edge_removal", Type::Integer, "0", 0, 1,
         QT_TR_NOOP("1 = automatic"),
         QT_TR_NOOP("re-key and revoke the certificates a removed edge held (1), or only say "
                    "how (0)")},
        {"edges.auto_replace", Type::Choice, "false", noLimit, noLimit, "",
         QT_TR_NOOP("true: the monitor holding the DNS lease burns and replaces an edge that "
                    "stays down from every vantage")},
        {"edges.replace_after_s", Type::Integer, "300", 10, 86400, QT_TR_NOOP("s"),
         QT_TR_NOOP("seconds an edge stays down from every vantage before it is replaced "
                    "automatically")},
        {"edges.max_replacements_per_day", Type::Integer, "3", 0, 100, QT_TR_NOOP("replacements"),
         QT_TR_NOOP("automatic replacements in 24 hours after which Kokoa only alerts")},
    };
    return all;
}

const Settings::Definition *Settings::definition(const QString &key)
{
    for (const Definition &d : definitions()) {
        if (key == QLatin1String(d.key))
            return &d;
    }
    return nullptr;
}

QStringList Settings::choices(const QString &key)
{
    if (key == QLatin1String("ui.language"))
        return {QStringLiteral("auto"), QStringLiteral("en"), QStringLiteral("ja")};
    if (key == QLatin1String("edges.auto_replace"))
        return {QStringLiteral("false"), QStringLiteral("true")};
    return {};
}

Settings::Settings(QMap<QString, QString> explicitValues)
    : m_values(std::move(explicitValues))
{}

QString Settings::value(const QString &key) const
{
    if (const auto it = m_values.constFind(key); it != m_values.constEnd())
        return *it;
    if (const Definition *d = definition(key))
        return QString::fromLatin1(d->defaultValue);
    return {};
}

Settings::RateLimit Settings::normalLimits() const
{
    return {intValue("ratelimit.normal.rate"), intValue("ratelimit.normal.burst"),
            intValue("ratelimit.normal.connections")};
}

Settings::RateLimit Settings::underAttackLimits() const
{
    return {intValue("ratelimit.attack.rate"), intValue("ratelimit.attack.burst"),
            intValue("ratelimit.attack.connections")};
}

int Settings::intValue(const char *key) const
{
    // Accessors name only keys of the table, as integers.
    Q_ASSERT(definition(QString::fromLatin1(key)) &&
             definition(QString::fromLatin1(key))->type == Type::Integer);
    return value(QString::fromLatin1(key)).toInt();
}

} // namespace kokoa
