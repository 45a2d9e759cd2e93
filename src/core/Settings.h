#pragma once

#include <QCoreApplication>
#include <QMap>
#include <QString>
#include <QStringList>

namespace kokoa {

// Typed view over the user's settings. Stored as key/value text rows; a key
// that was never set reads as its default. Values are checked by
// Validator::setting before they get here.
//
// definitions() is the one table of settings: defaults, validation,
// `kokoactl settings list` and any settings form read it. Every entry is read
// by an accessor below; a setting nothing reads does not belong in it.
class Settings final
{
    Q_DECLARE_TR_FUNCTIONS(Settings)

public:
    enum class Type
    {
        Integer,     // a whole number from minimum to maximum
        Ipv4Network, // a private IPv4 network in CIDR form (Validator::ipv4Range)
        Choice,      // one of a fixed list of words, Settings::choices()
    };

    struct Definition
    {
        const char *key;
        Type type;
        const char *defaultValue;
        qint64 minimum; // Integer only
        qint64 maximum; // Integer only
        // Untranslated, as QT_TR_NOOP marked them: show them through Settings::tr.
        const char *unit; // "s", "ms", … for a form's suffix; empty if none
        const char *description;
    };
    static const QList<Definition> &definitions();
    static const Definition *definition(const QString &key);
    // The words a Choice setting takes (empty for other types).
    static QStringList choices(const QString &key);

    Settings() = default;
    explicit Settings(QMap<QString, QString> explicitValues);

    QString value(const QString &key) const;
    void set(const QString &key, const QString &value) { m_values.insert(key, value); }
    const QMap<QString, QString> &explicitValues() const { return m_values; }

    QString tunnelRange() const { return value(QStringLiteral("tunnel.range")); }
    int dnsTtl() const { return intValue("dns.ttl"); }
    int healthIntervalMs() const { return intValue("health.interval_ms"); }
    int healthTimeoutMs() const { return intValue("health.timeout_ms"); }
    int healthFall() const { return intValue("health.fall"); }
    int healthRise() const { return intValue("health.rise"); }
    int healthHoldDownSeconds() const { return intValue("health.hold_down_s"); }
    int dnsRefreshSeconds() const { return intValue("dns.refresh_s"); }
    int loadIntervalSeconds() const { return intValue("load.interval_s"); }
    // 0: an edge's profile never changes by itself.
    int loadAttackRequestsPerSecond() const { return intValue("load.attack_rps"); }
    bool autoReplaceEdges() const
    {
        return value(QStringLiteral("edges.auto_replace")) == QLatin1String("true");
    }
    int replaceAfterSeconds() const { return intValue("edges.replace_after_s"); }
    int maxReplacementsPerDay() const { return intValue("edges.max_replacements_per_day"); }
    // The desktop window's language: "auto" (the system's), "en" or "ja".
    QString uiLanguage() const { return value(QStringLiteral("ui.language")); }

    struct RateLimit
    {
        int requestsPerSecond;
        int burst;
        int connections;
    };
    RateLimit normalLimits() const;
    RateLimit underAttackLimits() const;

private:
    int intValue(const char *key) const;

    QMap<QString, QString> m_values;
};

} // namespace kokoa
