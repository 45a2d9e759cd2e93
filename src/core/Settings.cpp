#include "core/Settings.h"

namespace kokoa {

const QList<Settings::Definition> &Settings::definitions()
{
    static const QList<Definition> all{
        {"tunnel.range", "10.100.0.0/16", "IPv4 range tunnel addresses are taken from"},
        {"dns.ttl", "60", "TTL in seconds of the A/AAAA records Kokoa manages"},
        {"health.interval_ms", "2000", "time between two probes of one target"},
        {"health.timeout_ms", "1500", "probe timeout, shorter than the interval"},
        {"health.fall", "3", "failed probes in a row before a target is down"},
        {"health.rise", "2", "good probes in a row before a target is up"},
        {"health.hold_down_s", "30", "seconds a flapping edge waits before it returns"},
        {"dns.refresh_s", "60",
         "seconds between two reads of DNS by the monitor (repairs changes made by others)"},
        {"edges.auto_replace", "false", "replace a dead or attacked edge automatically"},
        {"ratelimit.normal.rate", "20", "requests per second per client address"},
        {"ratelimit.normal.burst", "40", "requests a client may send above the rate"},
        {"ratelimit.normal.connections", "64", "open connections per client address"},
        {"ratelimit.attack.rate", "2", "requests per second per client, under attack"},
        {"ratelimit.attack.burst", "10", "burst per client, under attack"},
        {"ratelimit.attack.connections", "8", "open connections per client, under attack"},
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
    return value(QString::fromLatin1(key)).toInt();
}

} // namespace kokoa
