#include "validate/Validator.h"

#include "core/Settings.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>

namespace kokoa {
namespace {

constexpr qsizetype maxHostnameLength = 253;
constexpr qsizetype maxLabelLength = 63;
constexpr qsizetype maxRawInput = 1024;

bool matches(const QString &pattern, const QString &input)
{
    // Patterns are literals from this file; compiled once per pattern and thread.
    thread_local QHash<QString, QRegularExpression> cache;
    auto it = cache.find(pattern);
    if (it == cache.end()) {
        it = cache.insert(pattern,
                          QRegularExpression(QRegularExpression::anchoredPattern(pattern)));
    }
    return it->match(input).hasMatch();
}

bool isPlainAscii(const QString &input)
{
    for (const QChar c : input) {
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return false;
    }
    return true;
}

// Characters that are invisible, change direction, or are not meant for
// text. IDNA mapping would drop or tolerate some of them, which lets two
// different-looking inputs name the same host.
bool hasDeceptiveCharacters(const QString &input)
{
    for (const QChar c : input) {
        switch (c.category()) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Other_Surrogate:
        case QChar::Other_PrivateUse:
        case QChar::Other_NotAssigned:
        case QChar::Separator_Space:
        case QChar::Separator_Line:
        case QChar::Separator_Paragraph:
            return true;
        default:
            break;
        }
    }
    return !input.isValidUtf16();
}

struct Subnet
{
    QHostAddress network;
    int prefix;
    const char *what;
};

const QList<Subnet> &nonPublicSubnets()
{
    static const QList<Subnet> subnets = [] {
        const QList<std::pair<const char *, const char *>> table{
            {"0.0.0.0/8", "\"this network\""},
            {"10.0.0.0/8", "private"},
            {"100.64.0.0/10", "carrier-grade NAT"},
            {"127.0.0.0/8", "loopback"},
            {"169.254.0.0/16", "link-local"},
            {"172.16.0.0/12", "private"},
            {"192.0.0.0/24", "IETF protocol assignment"},
            {"192.0.2.0/24", "documentation"},
            {"192.168.0.0/16", "private"},
            {"198.18.0.0/15", "benchmarking"},
            {"198.51.100.0/24", "documentation"},
            {"203.0.113.0/24", "documentation"},
            {"224.0.0.0/4", "multicast"},
            {"240.0.0.0/4", "reserved"},
            {"::/128", "unspecified"},
            {"::1/128", "loopback"},
            {"::ffff:0:0/96", "IPv4-mapped"},
            {"fc00::/7", "unique local (private)"},
            {"fe80::/10", "link-local"},
            {"ff00::/8", "multicast"},
            {"2001:db8::/32", "documentation"},
        };
        QList<Subnet> out;
        for (const auto &[cidr, what] : table) {
            const auto parsed = QHostAddress::parseSubnet(QString::fromLatin1(cidr));
            out.append({parsed.first, parsed.second, what});
        }
        return out;
    }();
    return subnets;
}

// Checks one label of a host name that is already ASCII and lowercase.
QString labelProblem(const QString &label, bool allowUnderscore)
{
    if (label.isEmpty())
        return Validator::tr("contains an empty label (two dots in a row, or a leading dot)");
    if (label.size() > maxLabelLength)
        return Validator::tr("label \"%1…\" is longer than 63 characters").arg(label.left(20));
    const QString pattern = allowUnderscore ? QStringLiteral("[a-z0-9_-]+")
                                            : QStringLiteral("[a-z0-9-]+");
    if (!matches(pattern, label)) {
        return allowUnderscore
                   ? Validator::tr("labels may only contain letters, digits, '-' and '_'")
                   : Validator::tr("labels may only contain letters, digits and '-'");
    }
    if (label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-')))
        return Validator::tr("a label may not start or end with '-'");
    if (label.size() >= 4 && label.mid(2, 2) == QLatin1String("--")
        && !label.startsWith(QLatin1String("xn--"))) {
        return Validator::tr("'--' in the third and fourth position is reserved for IDN (xn--)");
    }
    return {};
}

enum class NameKind { Fqdn, Zone, ConnectHost, TsigName };

// Shared path of every domain-name-like input: raw checks, IDN conversion
// with a stable round trip, then label rules.
Result<QString> domainName(const QString &field, const QString &input, NameKind kind,
                           Validator::Wildcard wildcard)
{
    if (input.isEmpty())
        return Error::invalid(field, input, Validator::tr("a name is required"));
    if (input.size() > maxRawInput || hasDeceptiveCharacters(input)) {
        return Error::invalid(field, input,
                              Validator::tr("contains control, invisible or space characters"));
    }

    QString name = input;
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);

    bool wildcardLabel = false;
    if (name.startsWith(QLatin1String("*."))) {
        if (wildcard == Validator::Wildcard::Forbidden) {
            return Error::invalid(field, input,
                                  Validator::tr("a wildcard is not allowed here"));
        }
        wildcardLabel = true;
        name = name.mid(2);
    }

    QString ace;
    if (isPlainAscii(name)) {
        ace = name.toLower();
    } else {
        const QString nfc = name.normalized(QString::NormalizationForm_C).toLower();
        ace = QString::fromLatin1(QUrl::toAce(nfc, QUrl::AceProcessingOption::IgnoreIDNWhitelist));
        if (ace.isEmpty() || !isPlainAscii(ace)) {
            return Error::invalid(field, input,
                                  Validator::tr("is not a valid internationalised domain name"));
        }
        if (QUrl::fromAce(ace.toLatin1(), QUrl::AceProcessingOption::IgnoreIDNWhitelist) != nfc) {
            return Error::invalid(
                field, input,
                Validator::tr("contains characters that IDNA maps to other characters; "
                              "type the name as it should appear"));
        }
    }

    if (ace.size() + (wildcardLabel ? 2 : 0) > maxHostnameLength)
        return Error::invalid(field, input, Validator::tr("is longer than 253 characters"));

    const QStringList labels = ace.split(QLatin1Char('.'));
    const bool underscore = kind == NameKind::TsigName;
    for (const QString &label : labels) {
        const QString problem = labelProblem(label, underscore);
        if (!problem.isEmpty())
            return Error::invalid(field, input, problem);
    }
    // Punycode labels must decode to Unicode and encode back to themselves.
    for (const QString &label : labels) {
        if (!label.startsWith(QLatin1String("xn--")))
            continue;
        const auto options = QUrl::AceProcessingOption::IgnoreIDNWhitelist;
        const QString decoded = QUrl::fromAce(label.toLatin1(), options);
        if (decoded == label || QUrl::toAce(decoded, options) != label.toLatin1())
            return Error::invalid(field, input, Validator::tr("contains an invalid punycode label"));
    }

    const bool needsTwoLabels = kind == NameKind::Fqdn || kind == NameKind::Zone;
    if (needsTwoLabels && labels.size() < 2) {
        return Error::invalid(field, input,
                              Validator::tr("must be a fully qualified name such as "
                                            "www.example.com"));
    }
    if (kind != NameKind::TsigName && matches(QStringLiteral("[0-9]+"), labels.last())) {
        return Error::invalid(field, input,
                              Validator::tr("the last label may not be all digits"));
    }
    return wildcardLabel ? QStringLiteral("*.") + ace : ace;
}

Result<qint64> boundedInteger(const QString &field, const QString &input, qint64 min, qint64 max)
{
    if (!matches(QStringLiteral("0|[1-9][0-9]{0,17}"), input)) {
        return Error::invalid(field, input,
                              Validator::tr("must be a whole number from %1 to %2")
                                  .arg(min)
                                  .arg(max));
    }
    const qint64 value = input.toLongLong();
    if (value < min || value > max) {
        return Error::invalid(field, input,
                              Validator::tr("must be a whole number from %1 to %2")
                                  .arg(min)
                                  .arg(max));
    }
    return value;
}

} // namespace

bool Validator::nonPublicAddressesAllowed()
{
    return qEnvironmentVariable("KOKOA_ALLOW_NONPUBLIC_ADDRESSES") == QLatin1String("1");
}

Result<QString> Validator::hostname(const QString &field, const QString &input,
                                    Wildcard wildcard)
{
    return domainName(field, input, NameKind::Fqdn, wildcard);
}

Result<QString> Validator::zoneName(const QString &field, const QString &input)
{
    return domainName(field, input, NameKind::Zone, Wildcard::Forbidden);
}

Result<QString> Validator::connectHost(const QString &field, const QString &input)
{
    if (matches(QStringLiteral("[0-9.]+"), input))
        return ipv4Address(field, input, AddressScope::Any);
    if (input.contains(QLatin1Char(':')))
        return ipv6Address(field, input, AddressScope::Any);
    return domainName(field, input, NameKind::ConnectHost, Wildcard::Forbidden);
}

Result<QString> Validator::ipAddress(const QString &field, const QString &input,
                                     AddressScope scope)
{
    if (input.contains(QLatin1Char(':')))
        return ipv6Address(field, input, scope);
    return ipv4Address(field, input, scope);
}

static Status checkAddressScope(const QString &field, const QString &input,
                                const QHostAddress &address, Validator::AddressScope scope)
{
    if (address.isNull() || address == QHostAddress::AnyIPv4 || address == QHostAddress::AnyIPv6)
        return Error::invalid(field, input, Validator::tr("the unspecified address is not usable"));
    if (scope == Validator::AddressScope::Any)
        return {};
    const bool allowed = Validator::nonPublicAddressesAllowed();
    for (const Subnet &subnet : nonPublicSubnets()) {
        if (!address.isInSubnet(subnet.network, subnet.prefix))
            continue;
        const bool alwaysRefused = QLatin1String(subnet.what) == QLatin1String("multicast")
                                   || QLatin1String(subnet.what) == QLatin1String("reserved");
        if (allowed && !alwaysRefused)
            continue;
        return Error::invalid(field, input,
                              Validator::tr("is a %1 address, not a public one")
                                  .arg(QString::fromLatin1(subnet.what)));
    }
    if (address.toIPv4Address() == 0xffffffffu)
        return Error::invalid(field, input, Validator::tr("is the broadcast address"));
    return {};
}

Result<QString> Validator::ipv4Address(const QString &field, const QString &input,
                                       AddressScope scope)
{
    static const QString octet = QStringLiteral("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    if (!matches(octet + QStringLiteral("(\\.") + octet + QStringLiteral("){3}"), input)) {
        return Error::invalid(field, input,
                              tr("must be an IPv4 address in dotted decimal, such as 198.51.7.10"));
    }
    const QHostAddress address(input);
    if (const Status s = checkAddressScope(field, input, address, scope); !s)
        return s.error();
    return address.toString();
}

Result<QString> Validator::ipv6Address(const QString &field, const QString &input,
                                       AddressScope scope)
{
    QHostAddress address;
    if (input.size() > 45 || !matches(QStringLiteral("[0-9A-Fa-f:.]+"), input)
        || !address.setAddress(input) || address.protocol() != QAbstractSocket::IPv6Protocol) {
        return Error::invalid(field, input,
                              tr("must be an IPv6 address without brackets or zone, "
                                 "such as 2a01:4f8::1"));
    }
    if (const Status s = checkAddressScope(field, input, address, scope); !s)
        return s.error();
    return address.toString().toLower();
}

Result<quint16> Validator::port(const QString &field, const QString &input)
{
    const Result<qint64> value = boundedInteger(field, input, 1, 65535);
    if (!value)
        return value.error();
    return quint16(*value);
}

Result<QString> Validator::name(const QString &field, const QString &input)
{
    if (!matches(QStringLiteral("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?"), input)) {
        return Error::invalid(field, input,
                              tr("must be 1 to 32 lowercase letters, digits or '-', "
                                 "starting and ending with a letter or digit"));
    }
    return input;
}

Result<SshTarget> Validator::sshTarget(const QString &field, const QString &input)
{
    if (input.size() > maxRawInput || hasDeceptiveCharacters(input))
        return Error::invalid(field, input, tr("contains control, invisible or space characters"));
    SshTarget target;
    QString rest = input;
    if (const qsizetype at = rest.indexOf(QLatin1Char('@')); at >= 0) {
        const QString user = rest.left(at);
        if (!matches(QStringLiteral("[a-z_][a-z0-9_-]{0,31}"), user)) {
            return Error::invalid(field, input,
                                  tr("the user name must be 1 to 32 lowercase letters, digits, "
                                     "'_' or '-', not starting with a digit or '-'"));
        }
        target.user = user;
        rest = rest.mid(at + 1);
    }

    QString host = rest;
    QString portText;
    if (rest.startsWith(QLatin1Char('['))) {
        const qsizetype close = rest.indexOf(QLatin1Char(']'));
        if (close < 0)
            return Error::invalid(field, input, tr("an IPv6 address needs a closing ']'"));
        host = rest.mid(1, close - 1);
        const QString after = rest.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(QLatin1Char(':')))
                return Error::invalid(field, input, tr("expected ':port' after ']'"));
            portText = after.mid(1);
        }
        const Result<QString> v6 = ipv6Address(field, host, AddressScope::Any);
        if (!v6)
            return v6.error();
        target.host = *v6;
    } else {
        if (rest.count(QLatin1Char(':')) > 1) {
            return Error::invalid(field, input,
                                  tr("write an IPv6 address in brackets: user@[2a01:4f8::1]:22"));
        }
        if (const qsizetype colon = rest.indexOf(QLatin1Char(':')); colon >= 0) {
            host = rest.left(colon);
            portText = rest.mid(colon + 1);
        }
        const Result<QString> checked = connectHost(field, host);
        if (!checked)
            return checked.error();
        target.host = *checked;
    }
    if (!portText.isNull()) {
        const Result<quint16> p = port(field, portText);
        if (!p)
            return p.error();
        target.port = *p;
    }
    return target;
}

Result<QString> Validator::healthPath(const QString &field, const QString &input)
{
    if (!matches(QStringLiteral("/([A-Za-z0-9._~/=&?-]|%[0-9A-Fa-f]{2}){0,255}"), input)) {
        return Error::invalid(field, input,
                              tr("must start with '/' and contain only letters, digits, "
                                 "%-escapes and . _ ~ / = & ? - (at most 256 characters)"));
    }
    return input;
}

Result<qint64> Validator::bodySize(const QString &field, const QString &input)
{
    static constexpr qint64 limit = qint64(64) * 1024 * 1024 * 1024;
    const QString rule = tr("must be 0 (unlimited) or a size such as 512k, 10m or 1g, "
                            "at most 64g");
    if (!matches(QStringLiteral("(0|[1-9][0-9]{0,11})[kKmMgG]?"), input))
        return Error::invalid(field, input, rule);
    qint64 multiplier = 1;
    QString digits = input;
    switch (input.back().toLower().unicode()) {
    case u'k': multiplier = 1024; break;
    case u'm': multiplier = 1024 * 1024; break;
    case u'g': multiplier = 1024 * 1024 * 1024; break;
    default: break;
    }
    if (multiplier != 1)
        digits.chop(1);
    const qint64 value = digits.toLongLong();
    if (value > limit / multiplier)
        return Error::invalid(field, input, rule);
    return value * multiplier;
}

Result<int> Validator::timeoutSeconds(const QString &field, const QString &input)
{
    const Result<qint64> value = boundedInteger(field, input, 1, 86400);
    if (!value)
        return value.error();
    return int(*value);
}

Result<QString> Validator::wireGuardKey(const QString &field, const QString &input)
{
    if (!matches(QStringLiteral("[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]="), input)) {
        return Error::invalid(field, input,
                              tr("must be a WireGuard key: 44 characters of base64 as printed "
                                 "by 'wg pubkey'"));
    }
    return input;
}

Result<QString> Validator::apiBaseUrl(const QString &field, const QString &input)
{
    const QString rule = tr("must be an http(s) URL without user, query or fragment, such as "
                            "https://api.cloudflare.com/client/v4");
    if (input.size() > maxRawInput || !isPlainAscii(input))
        return Error::invalid(field, input, rule);
    const QUrl url(input, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        || !url.userInfo().isEmpty() || url.hasQuery() || url.hasFragment()
        || url.host().isEmpty()) {
        return Error::invalid(field, input, rule);
    }
    if (!matches(QStringLiteral("(/[A-Za-z0-9._~-]+)*/?"), url.path()))
        return Error::invalid(field, input, rule);
    const Result<QString> host = connectHost(field, url.host());
    if (!host)
        return host.error();
    if (scheme == QLatin1String("http")) {
        const QHostAddress address(*host);
        if (!address.isLoopback() && !nonPublicAddressesAllowed()) {
            return Error::invalid(field, input,
                                  tr("plain http is only allowed to a loopback address; "
                                     "use https"));
        }
    }
    QString path = url.path();
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    const QString shownHost = host->contains(QLatin1Char(':'))
                                  ? QLatin1Char('[') + *host + QLatin1Char(']')
                                  : *host;
    QString canonical = scheme + QStringLiteral("://") + shownHost;
    if (url.port() != -1)
        canonical += QLatin1Char(':') + QString::number(url.port());
    return QString(canonical + path);
}

Result<QString> Validator::ipv4Range(const QString &field, const QString &input)
{
    const QString rule = tr("must be an IPv4 network in CIDR form, /8 to /29, "
                            "such as 10.100.0.0/16");
    const qsizetype slash = input.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return Error::invalid(field, input, rule);
    const Result<QString> address = ipv4Address(field, input.left(slash), AddressScope::Any);
    const Result<qint64> prefix = boundedInteger(field, input.mid(slash + 1), 8, 29);
    if (!address || !prefix)
        return Error::invalid(field, input, rule);
    const quint32 value = QHostAddress(*address).toIPv4Address();
    const quint32 mask = ~quint32(0) << (32 - *prefix);
    if ((value & ~mask) != 0) {
        return Error::invalid(field, input,
                              tr("host bits are set; the network is %1/%2")
                                  .arg(QHostAddress(value & mask).toString())
                                  .arg(*prefix));
    }
    return QString(*address + QLatin1Char('/') + QString::number(*prefix));
}

Result<QString> Validator::tsigKeyName(const QString &field, const QString &input)
{
    return domainName(field, input, NameKind::TsigName, Wildcard::Forbidden);
}

Result<QString> Validator::tsigAlgorithm(const QString &field, const QString &input)
{
    if (input == QLatin1String("hmac-sha256") || input == QLatin1String("hmac-sha384")
        || input == QLatin1String("hmac-sha512")) {
        return input;
    }
    return Error::invalid(field, input,
                          tr("must be one of hmac-sha256, hmac-sha384, hmac-sha512"));
}

Result<QString> Validator::providerId(const QString &field, const QString &input)
{
    if (!matches(QStringLiteral("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}"), input)) {
        return Error::invalid(field, input,
                              tr("must be 1 to 128 letters, digits, '.', '_', ':' or '-'"));
    }
    return input;
}

Result<QString> Validator::setting(const QString &key, const QString &value)
{
    const QString field = QStringLiteral("setting ") + key;
    if (!Settings::definition(key)) {
        return Error(Error::Kind::InvalidInput, tr("%1: unknown setting").arg(quoteForMessage(key)),
                     QStringLiteral("key"));
    }
    auto integer = [&](qint64 min, qint64 max) -> Result<QString> {
        const Result<qint64> v = boundedInteger(field, value, min, max);
        if (!v)
            return v.error();
        return QString::number(*v);
    };
    if (key == QLatin1String("tunnel.range"))
        return ipv4Range(field, value);
    if (key == QLatin1String("dns.ttl"))
        return integer(30, 86400);
    if (key == QLatin1String("health.interval_ms"))
        return integer(500, 60000);
    if (key == QLatin1String("health.timeout_ms"))
        return integer(100, 59000);
    if (key == QLatin1String("health.fall") || key == QLatin1String("health.rise"))
        return integer(1, 10);
    if (key == QLatin1String("health.hold_down_s"))
        return integer(0, 3600);
    if (key == QLatin1String("edges.auto_replace")) {
        if (value == QLatin1String("true") || value == QLatin1String("false"))
            return value;
        return Error::invalid(field, value, tr("must be true or false"));
    }
    if (key.endsWith(QLatin1String(".rate")))
        return integer(1, 100000);
    if (key.endsWith(QLatin1String(".burst")))
        return integer(0, 100000);
    return integer(1, 100000); // *.connections
}

} // namespace kokoa
