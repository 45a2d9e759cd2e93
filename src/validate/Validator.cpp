#include "validate/Validator.h"

#include "core/Settings.h"
#include "validate/DomainName.h"
#include "validate/TextRules.h"

#include <QHostAddress>
#include <QStringDecoder>
#include <QUrl>

#include <algorithm>
#include <cctype>

namespace kokoa {

using detail::domainName;
using detail::hasDeceptiveCharacters;
using detail::isPlainAscii;
using detail::matches;
using detail::maxRawInput;
using detail::NameKind;

namespace {

struct Subnet
{
    QHostAddress network;
    int prefix;
    const char *what;
    bool alwaysRefused; // even with KOKOA_ALLOW_NONPUBLIC_ADDRESSES=1
};

const QList<Subnet> &nonPublicSubnets()
{
    struct Row
    {
        const char *cidr;
        const char *what;
        bool always;
    };
    static const QList<Subnet> subnets = [] {
        // IANA special-purpose registries (RFC 6890 and updates). The names
        // appear in errors, so they are translated with the message.
        const QList<Row> table{
            {"0.0.0.0/8", QT_TRANSLATE_NOOP("Validator", "\"this network\""), false},
            {"10.0.0.0/8", QT_TRANSLATE_NOOP("Validator", "private"), false},
            {"100.64.0.0/10", QT_TRANSLATE_NOOP("Validator", "carrier-grade NAT"), false},
            {"127.0.0.0/8", QT_TRANSLATE_NOOP("Validator", "loopback"), false},
            {"169.254.0.0/16", QT_TRANSLATE_NOOP("Validator", "link-local"), false},
            {"172.16.0.0/12", QT_TRANSLATE_NOOP("Validator", "private"), false},
            {"192.0.0.0/24", QT_TRANSLATE_NOOP("Validator", "IETF protocol assignment"), false},
            {"192.0.2.0/24", QT_TRANSLATE_NOOP("Validator", "documentation"), false},
            {"192.88.99.0/24", QT_TRANSLATE_NOOP("Validator", "6to4 relay anycast"), false},
            {"192.168.0.0/16", QT_TRANSLATE_NOOP("Validator", "private"), false},
            {"198.18.0.0/15", QT_TRANSLATE_NOOP("Validator", "benchmarking"), false},
            {"198.51.100.0/24", QT_TRANSLATE_NOOP("Validator", "documentation"), false},
            {"203.0.113.0/24", QT_TRANSLATE_NOOP("Validator", "documentation"), false},
            {"224.0.0.0/4", QT_TRANSLATE_NOOP("Validator", "multicast"), true},
            {"240.0.0.0/4", QT_TRANSLATE_NOOP("Validator", "reserved"), true},
            {"::/128", QT_TRANSLATE_NOOP("Validator", "unspecified"), false},
            {"::1/128", QT_TRANSLATE_NOOP("Validator", "loopback"), false},
            // An IPv4 address in IPv6 clothing: give the IPv4 address itself.
            {"::ffff:0:0/96", QT_TRANSLATE_NOOP("Validator", "IPv4-mapped"), true},
            {"64:ff9b:1::/48", QT_TRANSLATE_NOOP("Validator", "local-use NAT64"), false},
            {"100::/64", QT_TRANSLATE_NOOP("Validator", "discard-only"), false},
            {"2001::/23", QT_TRANSLATE_NOOP("Validator", "IETF protocol assignment"), false},
            {"2001:db8::/32", QT_TRANSLATE_NOOP("Validator", "documentation"), false},
            {"3fff::/20", QT_TRANSLATE_NOOP("Validator", "documentation"), false},
            {"fc00::/7", QT_TRANSLATE_NOOP("Validator", "unique local (private)"), false},
            {"fe80::/10", QT_TRANSLATE_NOOP("Validator", "link-local"), false},
            {"fec0::/10", QT_TRANSLATE_NOOP("Validator", "site-local (deprecated)"), false},
            {"ff00::/8", QT_TRANSLATE_NOOP("Validator", "multicast"), true},
        };
        QList<Subnet> out;
        for (const Row &row : table) {
            const auto parsed = QHostAddress::parseSubnet(QString::fromLatin1(row.cidr));
            Q_ASSERT(!parsed.first.isNull());
            out.append({parsed.first, parsed.second, row.what, row.always});
        }
        return out;
    }();
    return subnets;
}

bool inSubnet(const QHostAddress &address, const char *cidr)
{
    const auto subnet = QHostAddress::parseSubnet(QString::fromLatin1(cidr));
    return address.isInSubnet(subnet.first, subnet.second);
}

// Ranges that are safe to route into the tunnel: RFC 1918 and CGNAT.
bool isPrivateIpv4(const QHostAddress &address)
{
    return inSubnet(address, "10.0.0.0/8") || inSubnet(address, "172.16.0.0/12") ||
           inSubnet(address, "192.168.0.0/16") || inSubnet(address, "100.64.0.0/10");
}

bool isNonPublic(const QHostAddress &address)
{
    for (const Subnet &subnet : nonPublicSubnets()) {
        if (address.isInSubnet(subnet.network, subnet.prefix))
            return !subnet.alwaysRefused;
    }
    return false;
}

bool isMulticastOrBroadcast(const QHostAddress &address)
{
    return address.isMulticast() || (address.protocol() == QAbstractSocket::IPv4Protocol &&
                                     address.toIPv4Address() == 0xffffffffu);
}

// An error about one part of a composite value ("the port of an SSH
// target"), reported against the whole value so the message quotes what the
// user typed: ssh: "root@h:0" is not valid: port: "0" is not valid: ...
Error partError(const QString &field, const QString &input, const Error &inner)
{
    return Error::invalid(field, input, inner.message());
}

Result<qint64> boundedInteger(const QString &field, const QString &input, qint64 min, qint64 max)
{
    if (!matches(QStringLiteral("0|[1-9][0-9]{0,17}"), input)) {
        return Error::invalid(
            field, input, Validator::tr("must be a whole number from %1 to %2").arg(min).arg(max));
    }
    const qint64 value = input.toLongLong();
    if (value < min || value > max) {
        return Error::invalid(
            field, input, Validator::tr("must be a whole number from %1 to %2").arg(min).arg(max));
    }
    return value;
}

} // namespace

bool Validator::nonPublicAddressesAllowed()
{
    return qEnvironmentVariable("KOKOA_ALLOW_NONPUBLIC_ADDRESSES") == QLatin1String("1");
}

Result<QString> Validator::hostname(const QString &field, const QString &input, Wildcard wildcard)
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

Result<QString> Validator::ipAddress(const QString &field, const QString &input, AddressScope scope)
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
    // Nothing Kokoa connects to or publishes is a group or broadcast address.
    if (isMulticastOrBroadcast(address)) {
        return Error::invalid(field, input, Validator::tr("is a multicast or broadcast address"));
    }
    if (scope == Validator::AddressScope::Any)
        return {};
    // ::a.b.c.d (deprecated IPv4-compatible form), but not :: and ::1.
    if (address.protocol() == QAbstractSocket::IPv6Protocol &&
        address.isInSubnet(QHostAddress(QStringLiteral("::")), 96) && !address.isLoopback()) {
        return Error::invalid(field, input,
                              Validator::tr("is an IPv4-compatible IPv6 address (deprecated); "
                                            "give the IPv4 address"));
    }
    const bool allowed = Validator::nonPublicAddressesAllowed();
    for (const Subnet &subnet : nonPublicSubnets()) {
        if (!address.isInSubnet(subnet.network, subnet.prefix))
            continue;
        if (allowed && !subnet.alwaysRefused)
            continue;
        return Error::invalid(
            field, input,
            Validator::tr("is a %1 address, not a public one").arg(Validator::tr(subnet.what)));
    }
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
    if (input.size() > 45 || !matches(QStringLiteral("[0-9A-Fa-f:.]+"), input) ||
        !address.setAddress(input) || address.protocol() != QAbstractSocket::IPv6Protocol) {
        return Error::invalid(field, input,
                              tr("must be an IPv6 address without brackets or zone, "
                                 "such as 2a01:4f8::1"));
    }
    // An embedded IPv4 part ("::ffff:1.2.3.4") is strict dotted decimal too.
    if (input.contains(QLatin1Char('.'))) {
        static const QString octet =
            QStringLiteral("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
        const QString tail = input.mid(input.lastIndexOf(QLatin1Char(':')) + 1);
        if (!matches(octet + QStringLiteral("(\\.") + octet + QStringLiteral("){3}"), tail)) {
            return Error::invalid(field, input,
                                  tr("the embedded IPv4 part must be in dotted decimal"));
        }
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
        const Result<QString> v6 = ipv6Address(QStringLiteral("host"), host, AddressScope::Any);
        if (!v6)
            return partError(field, input, v6.error());
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
        const Result<QString> checked = connectHost(QStringLiteral("host"), host);
        if (!checked)
            return partError(field, input, checked.error());
        target.host = *checked;
    }
    if (!portText.isNull()) {
        const Result<quint16> p = port(QStringLiteral("port"), portText);
        if (!p)
            return partError(field, input, p.error());
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
    const qsizetype query = input.indexOf(QLatin1Char('?'));
    const QString path = query < 0 ? input : input.left(query);
    // "//host/x" is a network-path reference to another host for a URL
    // resolver; dot segments walk out of the intended path.
    if (path.contains(QLatin1String("//"))) {
        return Error::invalid(field, input, tr("may not contain '//'"));
    }
    const QStringList segments = path.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment == QLatin1String(".") || segment == QLatin1String("..")) {
            return Error::invalid(field, input, tr("may not contain '.' or '..' segments"));
        }
    }
    // %-escapes are for bytes that cannot be written plainly (UTF-8 and
    // reserved characters). Escaped controls, '%', '/', '\' or unreserved
    // characters (%2e%2e) only serve to sneak something past a decoder.
    const QByteArray raw = input.toLatin1();
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw.at(i) != '%')
            continue;
        const uchar byte = uchar(raw.mid(i + 1, 2).toUInt(nullptr, 16));
        const bool unreserved =
            std::isalnum(byte) || byte == '-' || byte == '.' || byte == '_' || byte == '~';
        if (byte < 0x20 || byte == 0x7f || byte == '%' || byte == '/' || byte == '\\' ||
            (byte < 0x80 && unreserved)) {
            return Error::invalid(field, input,
                                  tr("%-escapes may not encode control characters, '%', '/', "
                                     "'\\' or characters that need no escape"));
        }
    }
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = utf8.decode(QByteArray::fromPercentEncoding(raw));
    // %20 is an ordinary escaped space; other spaces and invisible
    // characters are look-alike tricks.
    if (utf8.hasError() || hasDeceptiveCharacters(QString(decoded).remove(QLatin1Char(' ')))) {
        return Error::invalid(field, input,
                              tr("%-escapes must encode valid UTF-8 without invisible "
                                 "characters"));
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
    case u'k':
        multiplier = 1024;
        break;
    case u'm':
        multiplier = 1024 * 1024;
        break;
    case u'g':
        multiplier = 1024 * 1024 * 1024;
        break;
    default:
        break;
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

Result<QString> Validator::hostKeyFingerprint(const QString &field, const QString &input)
{
    if (!matches(QStringLiteral("SHA256:[A-Za-z0-9+/]{43}"), input)) {
        return Error::invalid(field, input,
                              tr("must be a SHA256 fingerprint as ssh-keygen -l prints it, "
                                 "SHA256: followed by 43 base64 characters"));
    }
    return input;
}

Result<QByteArray> Validator::apiToken(const QString &field, const QByteArray &secret)
{
    const bool printable =
        !secret.isEmpty() && secret.size() <= 4096 &&
        std::all_of(secret.begin(), secret.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
    if (!printable) {
        return Error(Error::Kind::InvalidInput,
                     tr("%1: must be 1 to 4096 printable characters without spaces (the value "
                        "is not shown)")
                         .arg(field),
                     field);
    }
    return secret;
}

Result<QByteArray> Validator::tsigSecret(const QString &field, const QByteArray &secret)
{
    if (Result<QByteArray> token = apiToken(field, secret); !token)
        return token;
    const auto decoded =
        QByteArray::fromBase64Encoding(secret, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() < 16) {
        return Error(Error::Kind::InvalidInput,
                     tr("%1: must be a base64 key of at least 16 bytes, as made by tsig-keygen "
                        "(the value is not shown)")
                         .arg(field),
                     field);
    }
    return secret;
}

Result<QString> Validator::apiBaseUrl(const QString &field, const QString &input)
{
    const QString rule = tr("must be an http(s) URL without user, query or fragment, such as "
                            "https://api.cloudflare.com/client/v4");
    if (input.size() > maxRawInput || !isPlainAscii(input))
        return Error::invalid(field, input, rule);
    // Parsed by hand: QUrl (like inet_aton) reads "http://127.1" and
    // "http://0x7f.1" as 127.0.0.1 and decodes %-escapes, so what it checks is
    // not what the user wrote.
    const qsizetype schemeEnd = input.indexOf(QLatin1String("://"));
    if (schemeEnd < 0)
        return Error::invalid(field, input, rule);
    const QString scheme = input.left(schemeEnd).toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return Error::invalid(field, input, rule);
    const QString rest = input.mid(schemeEnd + 3);
    if (rest.contains(QLatin1Char('@')) || rest.contains(QLatin1Char('?')) ||
        rest.contains(QLatin1Char('#')) || rest.contains(QLatin1Char('%')) ||
        rest.contains(QLatin1Char('\\'))) {
        return Error::invalid(field, input, rule);
    }
    const qsizetype slash = rest.indexOf(QLatin1Char('/'));
    const QString authority = slash < 0 ? rest : rest.left(slash);
    QString path = slash < 0 ? QString() : rest.mid(slash);

    QString hostText = authority;
    QString portText;
    bool bracketed = false;
    if (authority.startsWith(QLatin1Char('['))) {
        const qsizetype close = authority.indexOf(QLatin1Char(']'));
        if (close < 0)
            return Error::invalid(field, input, rule);
        bracketed = true;
        hostText = authority.mid(1, close - 1);
        const QString after = authority.mid(close + 1);
        if (!after.isEmpty()) {
            if (!after.startsWith(QLatin1Char(':')))
                return Error::invalid(field, input, rule);
            portText = after.mid(1);
        }
    } else if (const qsizetype colon = authority.indexOf(QLatin1Char(':')); colon >= 0) {
        hostText = authority.left(colon);
        portText = authority.mid(colon + 1);
    }
    const Result<QString> host =
        bracketed ? ipv6Address(QStringLiteral("host"), hostText, AddressScope::Any)
                  : connectHost(QStringLiteral("host"), hostText);
    if (!host)
        return partError(field, input, host.error());
    if (!bracketed && host->contains(QLatin1Char(':')))
        return Error::invalid(field, input, rule); // IPv6 needs brackets in a URL
    int portNumber = -1;
    if (!portText.isNull()) {
        const Result<quint16> p = port(QStringLiteral("port"), portText);
        if (!p)
            return partError(field, input, p.error());
        portNumber = *p;
    }

    if (!matches(QStringLiteral("(/[A-Za-z0-9._~-]+)*/?"), path))
        return Error::invalid(field, input, rule);
    const QStringList segments = path.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        if (segment == QLatin1String(".") || segment == QLatin1String(".."))
            return Error::invalid(field, input, rule);
    }
    if (path.endsWith(QLatin1Char('/')))
        path.chop(1);

    if (scheme == QLatin1String("http")) {
        // Plain http carries the API token in clear text: only to this
        // machine. A test network (KOKOA_ALLOW_NONPUBLIC_ADDRESSES=1) may also
        // use a non-public address literal, never a name or a public address.
        const QHostAddress address(*host);
        const bool testNetwork =
            nonPublicAddressesAllowed() && !address.isNull() && isNonPublic(address);
        if (!address.isLoopback() && !testNetwork) {
            return Error::invalid(field, input,
                                  tr("plain http is only allowed to a loopback address "
                                     "(127.0.0.0/8 or [::1]); use https"));
        }
    }
    const QString shownHost = bracketed ? QLatin1Char('[') + *host + QLatin1Char(']') : *host;
    QString canonical = scheme + QStringLiteral("://") + shownHost;
    if (portNumber != -1)
        canonical += QLatin1Char(':') + QString::number(portNumber);
    canonical += path;

    // Whatever later builds requests from this string must see the same host.
    const QUrl url(canonical, QUrl::StrictMode);
    if (!url.isValid() || url.host(QUrl::FullyEncoded) != *host)
        return Error::invalid(field, input, rule);
    return canonical;
}

Result<QString> Validator::tunnelAddress(const QString &field, const QString &input)
{
    const Result<QString> address = ipv4Address(field, input, AddressScope::Any);
    if (!address)
        return address.error();
    if (!isPrivateIpv4(QHostAddress(*address))) {
        return Error::invalid(field, input,
                              tr("a tunnel address must be private (10.0.0.0/8, "
                                 "172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10)"));
    }
    return address;
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
    // The range is routed into the tunnel on every host: a public range
    // would capture real traffic.
    const quint32 last = value | ~mask;
    if (!isPrivateIpv4(QHostAddress(value)) || !isPrivateIpv4(QHostAddress(last))) {
        return Error::invalid(field, input,
                              tr("the tunnel range must lie inside 10.0.0.0/8, "
                                 "172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10"));
    }
    return QString(*address + QLatin1Char('/') + QString::number(*prefix));
}

Result<QString> Validator::tsigKeyName(const QString &field, const QString &input)
{
    return domainName(field, input, NameKind::TsigName, Wildcard::Forbidden);
}

Result<QString> Validator::tsigAlgorithm(const QString &field, const QString &input)
{
    if (input == QLatin1String("hmac-sha256") || input == QLatin1String("hmac-sha384") ||
        input == QLatin1String("hmac-sha512")) {
        return input;
    }
    return Error::invalid(field, input, tr("must be one of hmac-sha256, hmac-sha384, hmac-sha512"));
}

Result<QString> Validator::providerId(const QString &field, const QString &input)
{
    if (!matches(QStringLiteral("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}"), input)) {
        return Error::invalid(field, input,
                              tr("must be 1 to 128 letters, digits, '.', '_', ':' or '-'"));
    }
    return input;
}

Result<QString> Validator::choice(const QString &field, const QString &input,
                                  const QStringList &choices)
{
    if (!choices.contains(input))
        return Error::invalid(field, input, tr("must be one of %1").arg(choices.join(u", ")));
    return input;
}

Result<QString> Validator::setting(const QString &key, const QString &value)
{
    const Settings::Definition *definition = Settings::definition(key);
    if (!definition) {
        QStringList known;
        for (const Settings::Definition &d : Settings::definitions())
            known.append(QString::fromLatin1(d.key));
        return Error::invalid(
            QStringLiteral("setting"), key,
            tr("unknown setting (known: %1)").arg(known.join(QStringLiteral(", "))));
    }
    // The key is a known one from here on, safe to show as is.
    const QString field = QStringLiteral("setting ") + key;
    switch (definition->type) {
    case Settings::Type::Ipv4Network:
        return ipv4Range(field, value);
    case Settings::Type::Choice:
        return choice(field, value, Settings::choices(key));
    case Settings::Type::Integer:
        break;
    }
    const Result<qint64> number =
        boundedInteger(field, value, definition->minimum, definition->maximum);
    if (!number)
        return number.error();
    return QString::number(*number);
}

Status Validator::settingsConsistent(const Settings &settings)
{
    if (settings.healthTimeoutMs() >= settings.healthIntervalMs()) {
        return Error(Error::Kind::InvalidInput,
                     tr("setting health.timeout_ms: %1 must be shorter than health.interval_ms "
                        "(%2)")
                         .arg(settings.healthTimeoutMs())
                         .arg(settings.healthIntervalMs()),
                     QStringLiteral("setting health.timeout_ms"));
    }
    return {};
}

} // namespace kokoa
