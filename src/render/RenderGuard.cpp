#include "render/RenderGuard.h"

namespace kokoa::render {
namespace {

bool isLower(char16_t c)
{
    return c >= u'a' && c <= u'z';
}
bool isUpper(char16_t c)
{
    return c >= u'A' && c <= u'Z';
}
bool isDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

bool allOf(const QString &value, bool (*allowed)(char16_t))
{
    for (const QChar c : value) {
        if (!allowed(c.unicode()))
            return false;
    }
    return true;
}

bool hostnameChar(char16_t c)
{
    return isLower(c) || isDigit(c) || c == u'.' || c == u'-';
}
bool ipv4Char(char16_t c)
{
    return isDigit(c) || c == u'.';
}
bool addressChar(char16_t c)
{
    return isDigit(c) || (c >= u'a' && c <= u'f') || c == u'.' || c == u':';
}
bool pathChar(char16_t c)
{
    return isLower(c) || isUpper(c) || isDigit(c) || c == u'.' || c == u'_' || c == u'/' ||
           c == u'-';
}
bool nameChar(char16_t c)
{
    return isLower(c) || isDigit(c) || c == u'-';
}
bool keyChar(char16_t c)
{
    return isLower(c) || isUpper(c) || isDigit(c) || c == u'+' || c == u'/' || c == u'=';
}
bool userChar(char16_t c)
{
    return isLower(c) || isDigit(c) || c == u'_' || c == u'-';
}

bool hostnameOk(const QString &value)
{
    const QString bare = value.startsWith(QLatin1String("*.")) ? value.mid(2) : value;
    return !bare.isEmpty() && value.size() <= 253 && allOf(bare, hostnameChar) &&
           !bare.startsWith(QLatin1Char('.')) && !bare.endsWith(QLatin1Char('.')) &&
           !bare.startsWith(QLatin1Char('-')) && !bare.contains(QLatin1String(".."));
}

bool pathOk(const QString &value)
{
    return value.startsWith(QLatin1Char('/')) && value.size() <= 4096 && allOf(value, pathChar);
}

bool keyOk(const QString &value)
{
    return value.size() == 44 && value.endsWith(QLatin1Char('=')) && allOf(value, keyChar) &&
           value.indexOf(QLatin1Char('=')) == 43;
}

bool userOk(const QString &value)
{
    return !value.isEmpty() && value.size() <= 32 && !isDigit(value.front().unicode()) &&
           value.front() != QLatin1Char('-') && allOf(value, userChar);
}

struct Rule
{
    bool (*ok)(const QString &);
    const char *description;
};

Rule ruleFor(ValueKind kind)
{
    switch (kind) {
    case ValueKind::Hostname:
        return {hostnameOk, "a host name may only contain a-z, 0-9, '.', '-' and a leading '*.'"};
    case ValueKind::Ipv4:
        return {
            [](const QString &v) { return !v.isEmpty() && v.size() <= 15 && allOf(v, ipv4Char); },
            "an IPv4 address may only contain 0-9 and '.'"};
    case ValueKind::IpAddress:
        return {[](const QString &v) {
                    return !v.isEmpty() && v.size() <= 45 && allOf(v, addressChar);
                },
                "an address may only contain 0-9, a-f, '.' and ':'"};
    case ValueKind::Path:
        return {pathOk, "a path must be absolute and may only contain A-Z, a-z, 0-9, '.', '_', "
                        "'/' and '-'"};
    case ValueKind::Name:
        return {
            [](const QString &v) { return !v.isEmpty() && v.size() <= 63 && allOf(v, nameChar); },
            "a name may only contain a-z, 0-9 and '-'"};
    case ValueKind::WireGuardKey:
        return {keyOk, "a WireGuard key is 44 characters of base64"};
    case ValueKind::UnixUser:
        return {userOk, "a user name may only contain a-z, 0-9, '_' and '-'"};
    }
    return {[](const QString &) { return false; }, "unknown kind of value"};
}

} // namespace

Status checkValue(ValueKind kind, const QString &what, const QString &value)
{
    const Rule rule = ruleFor(kind);
    if (rule.ok(value))
        return {};
    return Error(Error::Kind::Internal,
                 QStringLiteral("refusing to render %1 %2: %3")
                     .arg(what, quoteForMessage(value), QString::fromLatin1(rule.description)),
                 what);
}

Status checkNumber(const QString &what, qint64 value, qint64 min, qint64 max)
{
    if (value >= min && value <= max)
        return {};
    return Error(Error::Kind::Internal,
                 QStringLiteral("refusing to render %1 %2: must be between %3 and %4")
                     .arg(what)
                     .arg(value)
                     .arg(min)
                     .arg(max),
                 what);
}

} // namespace kokoa::render
