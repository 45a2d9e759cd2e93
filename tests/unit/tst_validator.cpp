#include "HostileInputs.h"
#include "core/Settings.h"
#include "validate/Validator.h"

#include <QTest>

#include <atomic>
#include <optional>
#include <thread>

using namespace kokoa;

namespace {

const char *const allowEnv = "KOKOA_ALLOW_NONPUBLIC_ADDRESSES";

// Sets or clears KOKOA_ALLOW_NONPUBLIC_ADDRESSES for one scope.
class NonPublicAllowed final
{
public:
    explicit NonPublicAllowed(bool allowed)
        : m_had(qEnvironmentVariableIsSet(allowEnv))
        , m_old(qgetenv(allowEnv))
    {
        if (allowed)
            qputenv(allowEnv, "1");
        else
            qunsetenv(allowEnv);
    }
    ~NonPublicAllowed()
    {
        if (m_had)
            qputenv(allowEnv, m_old);
        else
            qunsetenv(allowEnv);
    }
    Q_DISABLE_COPY_MOVE(NonPublicAllowed)

private:
    bool m_had;
    QByteArray m_old;
};

QString errorText(const Error &e)
{
    return e.message();
}

template <typename T> QString describe(const Result<T> &r)
{
    if (r.ok())
        return QStringLiteral("accepted");
    return errorText(r.error());
}

// Control characters, and Unicode line breaks a terminal or log would honour.
bool hasRawControl(const QString &text)
{
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029 ||
            c.category() == QChar::Other_Format || c.isSurrogate())
            return true;
    }
    return false;
}

// What every refusal must look like: names the field first, quotes the
// value safely, one line.
QString messageProblem(const Error &error, const QString &field, const QString &value)
{
    const QString m = error.message();
    if (!m.startsWith(field + QStringLiteral(": ")))
        return QStringLiteral("does not start with the field name: ") + m;
    if (!m.contains(quoteForMessage(value)))
        return QStringLiteral("does not quote the value: ") + m;
    if (hasRawControl(m))
        return QStringLiteral("contains raw control characters: ") + quoteForMessage(m);
    if (error.kind() != Error::Kind::InvalidInput)
        return QStringLiteral("is not InvalidInput");
    return {};
}

struct Outcome
{
    bool accepted = false;
    QString canonical;
    QString message;
    QString field; // the field the message must start with
};

template <typename T> Outcome outcomeOf(const Result<T> &r, const QString &field)
{
    Outcome o;
    o.field = field;
    o.accepted = r.ok();
    if (r.ok()) {
        if constexpr (std::is_same_v<T, QString>)
            o.canonical = *r;
        else if constexpr (std::is_same_v<T, SshTarget>)
            o.canonical = r->toString();
        else
            o.canonical = QString::number(*r);
    } else {
        o.message = r.error().message();
    }
    return o;
}

// Runs the validator a hostile case targets. Host names are tried with
// wildcards allowed too: a case must be refused in every mode.
QList<std::pair<Outcome, Error>> validate(const HostileInputs::Case &c)
{
    QList<std::pair<Outcome, Error>> out;
    auto add = [&](const auto &result, const QString &field) {
        out.append({outcomeOf(result, field), result.ok() ? Error() : result.error()});
    };
    const QString &f = c.field;
    const QString &v = c.value;
    if (f == QLatin1String("hostname")) {
        add(Validator::hostname(f, v), f);
        add(Validator::hostname(f, v, Validator::Wildcard::Allowed), f);
    } else if (f == QLatin1String("zone")) {
        add(Validator::zoneName(f, v), f);
    } else if (f == QLatin1String("name")) {
        add(Validator::name(f, v), f);
    } else if (f == QLatin1String("ssh")) {
        add(Validator::sshTarget(f, v), f);
    } else if (f == QLatin1String("public-ip")) {
        add(Validator::ipAddress(f, v, Validator::AddressScope::Public), f);
    } else if (f == QLatin1String("port")) {
        add(Validator::port(f, v), f);
    } else if (f == QLatin1String("health-path")) {
        add(Validator::healthPath(f, v), f);
    } else if (f == QLatin1String("max-body")) {
        add(Validator::bodySize(f, v), f);
    } else if (f == QLatin1String("timeout")) {
        add(Validator::timeoutSeconds(f, v), f);
    } else if (f == QLatin1String("api-base")) {
        add(Validator::apiBaseUrl(f, v), f);
    } else if (f == QLatin1String("tsig-name")) {
        add(Validator::tsigKeyName(f, v), f);
    } else if (f == QLatin1String("wg-key")) {
        add(Validator::wireGuardKey(f, v), f);
    } else if (f == QLatin1String("setting-value")) {
        add(Validator::setting(c.settingKey, v), QStringLiteral("setting ") + c.settingKey);
    }
    return out;
}

} // namespace

class TestValidator : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void hostnameAccepts_data();
    void hostnameAccepts();
    void hostnameRejects_data();
    void hostnameRejects();
    void hostnameLengthLimits();
    void wildcard_data();
    void wildcard();
    void zoneName_data();
    void zoneName();
    void connectHost_data();
    void connectHost();
    void ipv4_data();
    void ipv4();
    void ipv6_data();
    void ipv6();
    void publicScope_data();
    void publicScope();
    void port_data();
    void port();
    void name_data();
    void name();
    void sshTargetAccepts_data();
    void sshTargetAccepts();
    void sshTargetRejects_data();
    void sshTargetRejects();
    void healthPath_data();
    void healthPath();
    void bodySize_data();
    void bodySize();
    void timeout_data();
    void timeout();
    void wireGuardKey_data();
    void wireGuardKey();
    void apiBaseUrl_data();
    void apiBaseUrl();
    void ipv4Range_data();
    void ipv4Range();
    void tunnelAddress_data();
    void tunnelAddress();
    void tsig_data();
    void tsig();
    void providerId_data();
    void providerId();
    void setting_data();
    void setting();
    void everySettingEnforcesItsRange_data();
    void everySettingEnforcesItsRange();
    void settingsConsistent();
    void errorMessagesAreOneLine();

    void hostileGeneratorIsDeterministic();
    void hostileInputsRejected();
    void hostileInputsRejectedWithNonPublicAllowed();
    void threadsAgree();
};

void TestValidator::init()
{
    qunsetenv(allowEnv);
}
void TestValidator::cleanup()
{
    qunsetenv(allowEnv);
}

// ---------------------------------------------------------------- host names

void TestValidator::hostnameAccepts_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    auto row = [](const char *tag, const QString &in, const char *out) {
        QTest::newRow(tag) << in << QString::fromLatin1(out);
    };
    row("plain", QStringLiteral("www.example.com"), "www.example.com");
    row("upper", QStringLiteral("WWW.Example.COM"), "www.example.com");
    row("trailing dot", QStringLiteral("example.com."), "example.com");
    row("idn", QStringLiteral("例え.jp"), "xn--r8jz45g.jp");
    row("idn upper latin", QStringLiteral("BÜCHER.de"), "xn--bcher-kva.de");
    row("idn already ace", QStringLiteral("xn--r8jz45g.jp"), "xn--r8jz45g.jp");
    row("ace upper", QStringLiteral("XN--R8JZ45G.JP"), "xn--r8jz45g.jp");
    row("japanese mixed with latin", QStringLiteral("shop日本.example.jp"),
        "xn--shop-j79hm9d.example.jp");
    row("cyrillic label, latin tld", QStringLiteral("пример.com"), "xn--e1afmkfd.com");
    row("digits label", QStringLiteral("123.example.com"), "123.example.com");
    row("hyphen inside", QStringLiteral("my-site.example.com"), "my-site.example.com");
    row("63 char label", QString(63, QLatin1Char('a')) + QStringLiteral(".com"),
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com");
    row("one letter labels", QStringLiteral("a.b.c"), "a.b.c");
    row("hex-like non-final label", QStringLiteral("0x7f.example.com"), "0x7f.example.com");
    row("precomposed accent", QStringLiteral("café.fr"), "xn--caf-dma.fr");
}

void TestValidator::hostnameAccepts()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    const auto result = Validator::hostname(QStringLiteral("hostname"), input);
    QVERIFY2(result.ok(), qPrintable(describe(result)));
    QCOMPARE(*result, canonical);
    // Canonical forms are fixed points.
    const auto again = Validator::hostname(QStringLiteral("hostname"), *result);
    QVERIFY2(again.ok(), qPrintable(describe(again)));
    QCOMPARE(*again, canonical);
}

void TestValidator::hostnameRejects_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("ruleFragment");
    auto row = [](const char *tag, const QString &in, const char *rule) {
        QTest::newRow(tag) << in << QString::fromLatin1(rule);
    };
    row("empty", QString(), "required");
    row("semicolon", QStringLiteral("a;b.example.com"), "labels may only contain");
    row("brace", QStringLiteral("a{.example.com"), "labels may only contain");
    row("newline", QStringLiteral("a.example.com\nserver"), "control");
    row("crlf header", QStringLiteral("example.com\r\nHost: evil"), "control");
    row("nul", QString::fromUtf16(u"a.exa\u0000mple.com", 15), "control");
    row("tab", QStringLiteral("exa\tmple.com"), "control");
    row("space", QStringLiteral("exa mple.com"), "control");
    row("soft hyphen", QString::fromUtf16(u"exa\u00ADmple.com"), "invisible");
    row("zero width space", QString::fromUtf16(u"exa\u200Bmple.com"), "invisible");
    row("zero width joiner", QString::fromUtf16(u"exa\u200Dmple.com"), "invisible");
    row("bom", QChar(0xFEFF) + QStringLiteral("example.com"), "invisible");
    row("rtl override", QString::fromUtf16(u"\u202Eexample.com"), "invisible");
    row("no-break space", QString::fromUtf16(u"example.com\u00A0"), "space");
    row("fullwidth letter", QString::fromUtf16(u"\uFF45xample.com"), "maps");
    row("fullwidth dot", QString::fromUtf16(u"example\uFF0Ecom"), "maps");
    row("ideographic dot", QString::fromUtf16(u"example\u3002com"), "maps");
    row("halfwidth ideographic dot", QString::fromUtf16(u"example\uFF61com"), "maps");
    row("fullwidth dot and semicolon", QString::fromUtf16(u"a;example\uFF0Ecom"), "");
    row("decomposed accent", QString::fromUtf16(u"cafe\u0301.fr"), "maps");
    row("combining overlay on ascii", QString::fromUtf16(u"exa\u0336mple.com"), "combining mark");
    row("combining mark first", QString::fromUtf16(u"\u0301example.com"), "");
    row("enclosing mark", QString::fromUtf16(u"a\u20DD.example.com"), "combining");
    row("grapheme joiner", QString::fromUtf16(u"exa\u034Fmple.com"), "maps");
    row("variation selector", QString::fromUtf16(u"exa\uFE0Fmple.com"), "maps");
    row("cyrillic a in latin", QString::fromUtf16(u"ex\u0430mple.com"), "scripts");
    row("cyrillic a as punycode", QStringLiteral("xn--exmple-4nf.com"), "scripts");
    row("greek omicron in latin", QString::fromUtf16(u"g\u03BFogle.com"), "scripts");
    row("long label", QString(64, QLatin1Char('a')) + QStringLiteral(".com"), "63");
    row("single label", QStringLiteral("localhost"), "fully qualified");
    row("numeric tld", QStringLiteral("1.2.3.4"), "number");
    row("short ipv4", QStringLiteral("127.1"), "number");
    row("hex ipv4", QStringLiteral("0x7f.1"), "number");
    row("hex last label", QStringLiteral("a.0x1"), "number");
    row("inet_aton hex", QStringLiteral("0x7f.0x0.0x0.0x1"), "number");
    row("five octets", QStringLiteral("1.2.3.4.5"), "number");
    row("ipv6 literal", QStringLiteral("::ffff:127.0.0.1"), "");
    row("scoped ipv6", QStringLiteral("fe80::1%eth0"), "");
    row("bracketed ipv6", QStringLiteral("[::1]"), "");
    row("wildcard", QStringLiteral("*.example.com"), "wildcard");
    row("bad punycode", QStringLiteral("xn--a.example.com"), "punycode");
    row("empty punycode", QStringLiteral("xn--.example.com"), "");
    row("reserved hyphens", QStringLiteral("ab--cd.example.com"), "reserved");
    row("leading hyphen", QStringLiteral("-a.example.com"), "'-'");
    row("trailing hyphen", QStringLiteral("a-.example.com"), "'-'");
    row("empty label", QStringLiteral("a..example.com"), "empty label");
    row("leading dot", QStringLiteral(".example.com"), "empty label");
    row("two trailing dots", QStringLiteral("example.com.."), "empty label");
    row("only dot", QStringLiteral("."), "");
    row("underscore", QStringLiteral("_acme.example.com"), "labels may only contain");
    row("percent", QStringLiteral("exa%6dple.com"), "");
    row("nginx variable", QStringLiteral("$host"), "");
    row("traversal", QStringLiteral("../../etc/passwd"), "");
    row("server block", QStringLiteral("a.example.com;\nserver { listen 80; }"), "");
    row("at sign", QStringLiteral("user@example.com"), "");
    row("lone surrogate", QString(QChar(0xD800)) + QStringLiteral(".example.com"), "");
    row("private use", QString::fromUtf16(u"\uE000.example.com"), "");
    row("huge", QString(5000, QLatin1Char('a')), "");
}

void TestValidator::hostnameRejects()
{
    QFETCH(QString, input);
    QFETCH(QString, ruleFragment);
    const auto result = Validator::hostname(QStringLiteral("hostname"), input);
    QVERIFY2(!result.ok(), qPrintable(result.ok() ? *result : QString()));
    const QString problem = messageProblem(result.error(), QStringLiteral("hostname"), input);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(result.error().message().contains(ruleFragment), qPrintable(result.error().message()));
    QCOMPARE(result.error().field(), QStringLiteral("hostname"));
}

void TestValidator::hostnameLengthLimits()
{
    // 4 labels of 63 + 3 dots = 255 > 253; 3 × 63 + 61 + 3 dots = 253.
    const QString l63(63, QLatin1Char('a'));
    const QString ok = l63 + QLatin1Char('.') + l63 + QLatin1Char('.') + l63 + QLatin1Char('.') +
                       QString(61, QLatin1Char('b'));
    QCOMPARE(ok.size(), 253);
    QVERIFY(Validator::hostname(QStringLiteral("h"), ok).ok());
    QVERIFY(Validator::hostname(QStringLiteral("h"), ok + QLatin1Char('.')).ok());
    const QString tooLong = ok + QLatin1Char('b');
    const auto r = Validator::hostname(QStringLiteral("h"), tooLong);
    QVERIFY(!r.ok());
    QVERIFY(r.error().message().contains(QStringLiteral("253")));
    // The wildcard counts.
    QVERIFY(!Validator::hostname(QStringLiteral("h"), QStringLiteral("*.") + ok,
                                 Validator::Wildcard::Allowed)
                 .ok());
    // A long IDN label is measured after conversion.
    QString distinct; // 30 different Han characters: about 70 characters of punycode
    for (int i = 0; i < 30; ++i)
        distinct += QChar(char16_t(0x4E00 + i * 37));
    QVERIFY(
        Validator::hostname(QStringLiteral("h"), distinct.left(20) + QStringLiteral(".jp")).ok());
    const auto idn = Validator::hostname(QStringLiteral("h"), distinct + QStringLiteral(".jp"));
    QVERIFY2(!idn.ok(), qPrintable(idn.ok() ? *idn : QString()));
}

void TestValidator::wildcard_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical"); // empty: refused
    QTest::newRow("ok") << QStringLiteral("*.example.com") << QStringLiteral("*.example.com");
    QTest::newRow("upper") << QStringLiteral("*.EXAMPLE.com.") << QStringLiteral("*.example.com");
    QTest::newRow("idn") << QStringLiteral("*.例え.jp") << QStringLiteral("*.xn--r8jz45g.jp");
    QTest::newRow("tld only") << QStringLiteral("*.com") << QString();
    QTest::newRow("double") << QStringLiteral("*.*.example.com") << QString();
    QTest::newRow("inner") << QStringLiteral("a.*.example.com") << QString();
    QTest::newRow("partial") << QStringLiteral("w*.example.com") << QString();
    QTest::newRow("bare star") << QStringLiteral("*") << QString();
    QTest::newRow("star dot") << QStringLiteral("*.") << QString();
    QTest::newRow("star no dot") << QStringLiteral("*example.com") << QString();
}

void TestValidator::wildcard()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    const auto allowed =
        Validator::hostname(QStringLiteral("hostname"), input, Validator::Wildcard::Allowed);
    if (canonical.isEmpty()) {
        QVERIFY2(!allowed.ok(), qPrintable(describe(allowed)));
    } else {
        QVERIFY2(allowed.ok(), qPrintable(describe(allowed)));
        QCOMPARE(*allowed, canonical);
    }
    QVERIFY(!Validator::hostname(QStringLiteral("hostname"), input).ok());
}

void TestValidator::zoneName_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("plain") << QStringLiteral("Example.COM.") << QStringLiteral("example.com");
    QTest::newRow("sub") << QStringLiteral("b.example.com") << QStringLiteral("b.example.com");
    QTest::newRow("idn") << QStringLiteral("例え.jp") << QStringLiteral("xn--r8jz45g.jp");
    QTest::newRow("wildcard") << QStringLiteral("*.example.com") << QString();
    QTest::newRow("tld") << QStringLiteral("com") << QString();
    QTest::newRow("numeric") << QStringLiteral("10.in-addr.arpa.1") << QString();
    QTest::newRow("semicolon") << QStringLiteral("example.com;") << QString();
}

void TestValidator::zoneName()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    const auto r = Validator::zoneName(QStringLiteral("zone"), input);
    if (canonical.isEmpty()) {
        QVERIFY2(!r.ok(), qPrintable(describe(r)));
        QVERIFY(messageProblem(r.error(), QStringLiteral("zone"), input).isEmpty());
    } else {
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(*r, canonical);
    }
}

void TestValidator::connectHost_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("single label") << QStringLiteral("MyServer") << QStringLiteral("myserver");
    QTest::newRow("fqdn") << QStringLiteral("edge1.example.com")
                          << QStringLiteral("edge1.example.com");
    QTest::newRow("ipv4") << QStringLiteral("192.168.1.10") << QStringLiteral("192.168.1.10");
    QTest::newRow("loopback") << QStringLiteral("127.0.0.1") << QStringLiteral("127.0.0.1");
    QTest::newRow("ipv6") << QStringLiteral("2A01:4F8::1") << QStringLiteral("2a01:4f8::1");
    QTest::newRow("ipv6 loopback") << QStringLiteral("::1") << QStringLiteral("::1");
    QTest::newRow("short ipv4") << QStringLiteral("127.1") << QString();
    QTest::newRow("hex ipv4") << QStringLiteral("0x7f.1") << QString();
    QTest::newRow("hex single") << QStringLiteral("0x7f000001") << QString();
    QTest::newRow("hex dotted") << QStringLiteral("0x7f.0x0.0x0.0x1") << QString();
    QTest::newRow("decimal int") << QStringLiteral("2130706433") << QString();
    QTest::newRow("octal") << QStringLiteral("0177.0.0.1") << QString();
    QTest::newRow("five octets") << QStringLiteral("1.2.3.4.5") << QString();
    QTest::newRow("bracketed") << QStringLiteral("[::1]") << QString();
    QTest::newRow("zone id") << QStringLiteral("fe80::1%eth0") << QString();
    QTest::newRow("unspecified") << QStringLiteral("0.0.0.0") << QString();
    QTest::newRow("unspecified v6") << QStringLiteral("::") << QString();
    QTest::newRow("multicast") << QStringLiteral("224.0.0.1") << QString();
    QTest::newRow("broadcast") << QStringLiteral("255.255.255.255") << QString();
    QTest::newRow("option") << QStringLiteral("-oProxyCommand=id") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestValidator::connectHost()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    const auto r = Validator::connectHost(QStringLiteral("host"), input);
    if (canonical.isEmpty()) {
        QVERIFY2(!r.ok(), qPrintable(describe(r)));
        const QString problem = messageProblem(r.error(), QStringLiteral("host"), input);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    } else {
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(*r, canonical);
    }
}

// ------------------------------------------------------------- IP addresses

void TestValidator::ipv4_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    QTest::newRow("ok") << QStringLiteral("95.216.1.2") << true;
    QTest::newRow("max") << QStringLiteral("223.255.255.254") << true;
    QTest::newRow("leading zero") << QStringLiteral("95.216.01.2") << false;
    QTest::newRow("octal") << QStringLiteral("010.1.1.1") << false;
    QTest::newRow("256") << QStringLiteral("256.1.1.1") << false;
    QTest::newRow("three parts") << QStringLiteral("1.2.3") << false;
    QTest::newRow("short") << QStringLiteral("127.1") << false;
    QTest::newRow("five parts") << QStringLiteral("1.2.3.4.5") << false;
    QTest::newRow("hex") << QStringLiteral("0x7f.0.0.1") << false;
    QTest::newRow("integer") << QStringLiteral("2130706433") << false;
    QTest::newRow("trailing dot") << QStringLiteral("1.2.3.4.") << false;
    QTest::newRow("cidr") << QStringLiteral("1.2.3.4/32") << false;
    QTest::newRow("port") << QStringLiteral("1.2.3.4:80") << false;
    QTest::newRow("space") << QStringLiteral(" 1.2.3.4") << false;
    QTest::newRow("newline") << QStringLiteral("1.2.3.4\n") << false;
    QTest::newRow("fullwidth") << QString::fromUtf16(u"１.2.3.4") << false;
    QTest::newRow("arabic digits") << QString::fromUtf16(u"\u0661.2.3.4") << false;
    QTest::newRow("ipv6") << QStringLiteral("::1") << false;
    QTest::newRow("mapped") << QStringLiteral("::ffff:1.2.3.4") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestValidator::ipv4()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    const auto r =
        Validator::ipv4Address(QStringLiteral("address"), input, Validator::AddressScope::Any);
    QCOMPARE(r.ok(), valid);
    if (valid)
        QCOMPARE(*r, input);
    else
        QVERIFY(messageProblem(r.error(), QStringLiteral("address"), input).isEmpty());
}

void TestValidator::ipv6_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("ok") << QStringLiteral("2a01:4f8::1") << QStringLiteral("2a01:4f8::1");
    QTest::newRow("upper, long") << QStringLiteral("2A01:04F8:0000:0000:0000:0000:0000:0001")
                                 << QStringLiteral("2a01:4f8::1");
    QTest::newRow("embedded v4") << QStringLiteral("64:ff9b::8.8.8.8")
                                 << QStringLiteral("64:ff9b::808:808");
    QTest::newRow("embedded v4 leading zero") << QStringLiteral("64:ff9b::8.8.8.08") << QString();
    QTest::newRow("embedded short v4") << QStringLiteral("64:ff9b::8.8") << QString();
    QTest::newRow("brackets") << QStringLiteral("[2a01:4f8::1]") << QString();
    QTest::newRow("zone") << QStringLiteral("fe80::1%eth0") << QString();
    QTest::newRow("zone number") << QStringLiteral("fe80::1%1") << QString();
    QTest::newRow("two ::") << QStringLiteral("2a01::4f8::1") << QString();
    QTest::newRow("too many groups") << QStringLiteral("1:2:3:4:5:6:7:8:9") << QString();
    QTest::newRow("bad hex") << QStringLiteral("2a01:4f8::g") << QString();
    QTest::newRow("ipv4") << QStringLiteral("8.8.8.8") << QString();
    QTest::newRow("too long") << QString(46, QLatin1Char('1')) << QString();
    QTest::newRow("space") << QStringLiteral("2a01:4f8::1 ") << QString();
    QTest::newRow("unspecified") << QStringLiteral("::") << QString();
    QTest::newRow("multicast") << QStringLiteral("ff02::1") << QString();
}

void TestValidator::ipv6()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    const auto r =
        Validator::ipv6Address(QStringLiteral("address"), input, Validator::AddressScope::Any);
    if (canonical.isEmpty()) {
        QVERIFY2(!r.ok(), qPrintable(describe(r)));
        QVERIFY(messageProblem(r.error(), QStringLiteral("address"), input).isEmpty());
    } else {
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(*r, canonical);
        QCOMPARE(
            Validator::ipAddress(QStringLiteral("a"), input, Validator::AddressScope::Any).value(),
            canonical);
    }
}

void TestValidator::publicScope_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("publicByDefault");
    QTest::addColumn<bool>("publicWhenAllowed"); // KOKOA_ALLOW_NONPUBLIC_ADDRESSES=1
    auto row = [](const char *in, bool byDefault, bool allowed) {
        QTest::newRow(in) << QString::fromLatin1(in) << byDefault << allowed;
    };
    row("8.8.8.8", true, true);
    row("95.216.1.2", true, true);
    row("2a01:4f8::1", true, true);
    row("2606:4700::1111", true, true);
    row("0.0.0.0", false, false);
    row("0.1.2.3", false, true);
    row("10.1.2.3", false, true);
    row("100.64.0.1", false, true);
    row("100.127.255.254", false, true);
    row("100.128.0.1", true, true);
    row("127.0.0.1", false, true);
    row("127.255.255.254", false, true);
    row("169.254.1.1", false, true);
    row("172.16.0.1", false, true);
    row("172.31.255.254", false, true);
    row("172.32.0.1", true, true);
    row("172.15.255.254", true, true);
    row("192.0.0.8", false, true);
    row("192.0.2.1", false, true);
    row("192.88.99.1", false, true);
    row("192.168.1.1", false, true);
    row("198.18.0.1", false, true);
    row("198.19.255.254", false, true);
    row("198.20.0.1", true, true);
    row("198.51.100.7", false, true);
    row("203.0.113.9", false, true);
    row("224.0.0.1", false, false);
    row("239.255.255.250", false, false);
    row("240.0.0.1", false, false);
    row("255.255.255.255", false, false);
    row("::", false, false);
    row("::1", false, true);
    row("::ffff:127.0.0.1", false, false);
    row("::ffff:8.8.8.8", false, false);
    row("::8.8.8.8", false, false);
    row("64:ff9b:1::1", false, true);
    row("100::1", false, true);
    row("2001::1", false, true);
    row("2001:db8::1", false, true);
    row("3fff::1", false, true);
    row("fc00::1", false, true);
    row("fd12:3456::1", false, true);
    row("fe80::1", false, true);
    row("febf::1", false, true);
    row("fec0::1", false, true);
    row("ff02::1", false, false);
    row("ff0e::1", false, false);
}

void TestValidator::publicScope()
{
    QFETCH(QString, input);
    QFETCH(bool, publicByDefault);
    QFETCH(bool, publicWhenAllowed);
    const QString field = QStringLiteral("public-ip");
    {
        const NonPublicAllowed env(false);
        QVERIFY(!Validator::nonPublicAddressesAllowed());
        const auto r = Validator::ipAddress(field, input, Validator::AddressScope::Public);
        QVERIFY2(r.ok() == publicByDefault, qPrintable(describe(r)));
        if (!r.ok()) {
            const QString problem = messageProblem(r.error(), field, input);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
    }
    {
        const NonPublicAllowed env(true);
        QVERIFY(Validator::nonPublicAddressesAllowed());
        const auto r = Validator::ipAddress(field, input, Validator::AddressScope::Public);
        QVERIFY2(r.ok() == publicWhenAllowed, qPrintable(describe(r)));
    }
    {
        // Only exactly "1" opens the door.
        qputenv(allowEnv, "true");
        QVERIFY(!Validator::nonPublicAddressesAllowed());
        QCOMPARE(Validator::ipAddress(field, input, Validator::AddressScope::Public).ok(),
                 publicByDefault);
        qunsetenv(allowEnv);
    }
}

// ------------------------------------------------------------ plain values

void TestValidator::port_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("value"); // 0: refused
    QTest::newRow("1") << QStringLiteral("1") << 1;
    QTest::newRow("22") << QStringLiteral("22") << 22;
    QTest::newRow("65535") << QStringLiteral("65535") << 65535;
    QTest::newRow("0") << QStringLiteral("0") << 0;
    QTest::newRow("65536") << QStringLiteral("65536") << 0;
    QTest::newRow("leading zero") << QStringLiteral("022") << 0;
    QTest::newRow("plus") << QStringLiteral("+22") << 0;
    QTest::newRow("minus") << QStringLiteral("-22") << 0;
    QTest::newRow("space") << QStringLiteral("22 ") << 0;
    QTest::newRow("hex") << QStringLiteral("0x16") << 0;
    QTest::newRow("overflow") << QStringLiteral("4294967318") << 0;
    QTest::newRow("huge") << QStringLiteral("99999999999999999999999") << 0;
    QTest::newRow("fullwidth") << QString::fromUtf16(u"２２") << 0;
    QTest::newRow("arabic-indic") << QString::fromUtf16(u"\u0662\u0662") << 0;
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("float") << QStringLiteral("22.0") << 0;
}

void TestValidator::port()
{
    QFETCH(QString, input);
    QFETCH(int, value);
    const auto r = Validator::port(QStringLiteral("port"), input);
    QCOMPARE(r.ok(), value != 0);
    if (value)
        QCOMPARE(int(*r), value);
    else
        QVERIFY(messageProblem(r.error(), QStringLiteral("port"), input).isEmpty());
}

void TestValidator::name_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    QTest::newRow("one char") << QStringLiteral("a") << true;
    QTest::newRow("digit") << QStringLiteral("1") << true;
    QTest::newRow("typical") << QStringLiteral("tokyo-1") << true;
    QTest::newRow("32") << QString(32, QLatin1Char('a')) << true;
    QTest::newRow("33") << QString(33, QLatin1Char('a')) << false;
    QTest::newRow("upper") << QStringLiteral("Tokyo") << false;
    QTest::newRow("leading hyphen") << QStringLiteral("-a") << false;
    QTest::newRow("trailing hyphen") << QStringLiteral("a-") << false;
    QTest::newRow("dot") << QStringLiteral("a.b") << false;
    QTest::newRow("underscore") << QStringLiteral("a_b") << false;
    QTest::newRow("slash") << QStringLiteral("../a") << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("newline") << QStringLiteral("a\n") << false;
    QTest::newRow("cyrillic") << QString::fromUtf16(u"\u0430") << false;
}

void TestValidator::name()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    const auto r = Validator::name(QStringLiteral("name"), input);
    QCOMPARE(r.ok(), valid);
    if (valid)
        QCOMPARE(*r, input);
    else
        QVERIFY(messageProblem(r.error(), QStringLiteral("name"), input).isEmpty());
}

// -------------------------------------------------------------- SSH target

void TestValidator::sshTargetAccepts_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::newRow("host") << QStringLiteral("edge1.example.com") << QStringLiteral("root")
                          << QStringLiteral("edge1.example.com") << 22;
    QTest::newRow("user host port")
        << QStringLiteral("deploy@Edge1.Example.com:2222") << QStringLiteral("deploy")
        << QStringLiteral("edge1.example.com") << 2222;
    QTest::newRow("ipv4") << QStringLiteral("root@95.216.1.2") << QStringLiteral("root")
                          << QStringLiteral("95.216.1.2") << 22;
    QTest::newRow("ipv6 bracketed")
        << QStringLiteral("admin_1@[2A01:4F8::1]:22") << QStringLiteral("admin_1")
        << QStringLiteral("2a01:4f8::1") << 22;
    QTest::newRow("ipv6 no port") << QStringLiteral("[::1]") << QStringLiteral("root")
                                  << QStringLiteral("::1") << 22;
    QTest::newRow("single label") << QStringLiteral("_svc@myserver:65535") << QStringLiteral("_svc")
                                  << QStringLiteral("myserver") << 65535;
}

void TestValidator::sshTargetAccepts()
{
    QFETCH(QString, input);
    QFETCH(QString, user);
    QFETCH(QString, host);
    QFETCH(int, port);
    const auto r = Validator::sshTarget(QStringLiteral("ssh"), input);
    QVERIFY2(r.ok(), qPrintable(describe(r)));
    QCOMPARE(r->user, user);
    QCOMPARE(r->host, host);
    QCOMPARE(int(r->port), port);
    // toString() is what the model validator feeds back in: a fixed point.
    const auto again = Validator::sshTarget(QStringLiteral("ssh"), r->toString());
    QVERIFY2(again.ok(), qPrintable(describe(again)));
    QCOMPARE(*again, *r);
}

void TestValidator::sshTargetRejects_data()
{
    QTest::addColumn<QString>("input");
    const char *const rows[] = {
        "",
        "@host",
        "root@",
        "root@:22",
        "Root@host",
        "1root@host",
        "-root@host",
        "root@-oProxyCommand=id",
        "-oProxyCommand=id",
        "root@host -oProxyCommand=id",
        "root@host:0",
        "root@host:65536",
        "root@host:022",
        "root@host:+22",
        "root@host:",
        "root@host:22:22",
        "root@::1",
        "root@2a01:4f8::1:22",
        "root@[::1",
        "root@[::1]22",
        "root@[::1]:",
        "root@[fe80::1%eth0]:22",
        "root@[1.2.3.4]:22",
        "root@[myserver]",
        "root@[::]",
        "root@[ff02::1]",
        "root@127.1",
        "root@0x7f.1",
        "root@0x7f000001",
        "root@1.2.3.4.5",
        "root@0.0.0.0",
        "root@host;id",
        "root@host|nc",
        "root@$host",
        "root@`id`",
        "root@@host",
        "ro ot@host",
        "root@ho st",
        "root:pw@host",
        "uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu@host",
        "root@host\n",
        "root@host\r\nx",
        "root@a..b",
    };
    for (const char *row : rows) {
        const QString value = QString::fromLatin1(row);
        QTest::newRow(qPrintable(quoteForMessage(value))) << value;
    }
    QTest::newRow("nul") << QString::fromLatin1("root@host\0;x", 12);
    QTest::newRow("rtl") << QString::fromUtf16(u"root@\u202Ehost");
    QTest::newRow("cyrillic user") << QString::fromUtf16(u"r\u043Eot@host");
    QTest::newRow("fullwidth at") << QString::fromUtf16(u"root\uFF20host");
}

void TestValidator::sshTargetRejects()
{
    QFETCH(QString, input);
    const auto r = Validator::sshTarget(QStringLiteral("ssh"), input);
    QVERIFY2(!r.ok(), qPrintable(r.ok() ? r->toString() : QString()));
    const QString problem = messageProblem(r.error(), QStringLiteral("ssh"), input);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(r.error().field(), QStringLiteral("ssh"));
}

// ------------------------------------------------------------ route values

void TestValidator::healthPath_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    auto row = [](const char *in, bool valid) {
        const QString value = QString::fromLatin1(in);
        QTest::newRow(qPrintable(quoteForMessage(value))) << value << valid;
    };
    row("/", true);
    row("/health", true);
    row("/api/v1/status/", true);
    row("/healthz?full=1&x=y", true);
    row("/a-b_c.d~e", true);
    row("/caf%C3%A9", true);
    row("/a%20b", true);
    row("/q?next=%2F", false); // '/' escaped
    row("/.well-known/ok", true);
    row("/..hidden", true);
    row("", false);
    row("health", false);
    row("//evil.example/x", false);
    row("/a//b", false);
    row("/..", false);
    row("/../etc/passwd", false);
    row("/a/./b", false);
    row("/a/../b", false);
    row("/%2e%2e/admin", false);
    row("/%2E", false);
    row("/%2f", false);
    row("/%5c", false);
    row("/%25", false);
    row("/%41", false);
    row("/%00", false);
    row("/%0d%0aHost:%20evil", false);
    row("/%7f", false);
    row("/%c0%ae", false);
    row("/%ff", false);
    row("/%e2%80", false);
    row("/%e2%80%ae", false);
    row("/%e2%80%8b", false);
    row("/%c2%ad", false);
    row("/%", false);
    row("/%4", false);
    row("/%zz", false);
    row("/a b", false);
    row("/a#b", false);
    row("/a;b", false);
    row("/$host", false);
    row("/{}", false);
    row("/'", false);
    row("/\"", false);
    row("/a\\b", false);
    row("/a\nb", false);
    row("/*", false);
    QTest::newRow("256") << QStringLiteral("/") + QString(255, QLatin1Char('a')) << true;
    QTest::newRow("257") << QStringLiteral("/") + QString(256, QLatin1Char('a')) << false;
    QTest::newRow("unicode") << QString::fromUtf16(u"/caf\u00e9") << false;
}

void TestValidator::healthPath()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    const auto r = Validator::healthPath(QStringLiteral("health-path"), input);
    QVERIFY2(r.ok() == valid, qPrintable(describe(r)));
    if (valid)
        QCOMPARE(*r, input);
    else
        QVERIFY(messageProblem(r.error(), QStringLiteral("health-path"), input).isEmpty());
}

void TestValidator::bodySize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<qint64>("bytes"); // -1: refused
    const qint64 k = 1024, m = k * k, g = m * k;
    QTest::newRow("0") << QStringLiteral("0") << qint64(0);
    QTest::newRow("bytes") << QStringLiteral("1048576") << m;
    QTest::newRow("512k") << QStringLiteral("512k") << 512 * k;
    QTest::newRow("10m") << QStringLiteral("10m") << 10 * m;
    QTest::newRow("10M") << QStringLiteral("10M") << 10 * m;
    QTest::newRow("1g") << QStringLiteral("1g") << g;
    QTest::newRow("64g") << QStringLiteral("64g") << 64 * g;
    QTest::newRow("65536m") << QStringLiteral("65536m") << 64 * g;
    QTest::newRow("64g bytes") << QString::number(64 * g) << 64 * g;
    QTest::newRow("64g + 1") << QString::number(64 * g + 1) << qint64(-1);
    QTest::newRow("65g") << QStringLiteral("65g") << qint64(-1);
    QTest::newRow("65537m") << QStringLiteral("65537m") << qint64(-1);
    QTest::newRow("big g") << QStringLiteral("999999999999g") << qint64(-1);
    QTest::newRow("overflow") << QStringLiteral("99999999999999999999g") << qint64(-1);
    QTest::newRow("int64 max") << QStringLiteral("9223372036854775807") << qint64(-1);
    QTest::newRow("negative") << QStringLiteral("-1") << qint64(-1);
    QTest::newRow("leading zero") << QStringLiteral("010m") << qint64(-1);
    QTest::newRow("t") << QStringLiteral("1t") << qint64(-1);
    QTest::newRow("kb") << QStringLiteral("1kb") << qint64(-1);
    QTest::newRow("fraction") << QStringLiteral("1.5m") << qint64(-1);
    QTest::newRow("space") << QStringLiteral("10 m") << qint64(-1);
    QTest::newRow("unit only") << QStringLiteral("m") << qint64(-1);
    QTest::newRow("empty") << QString() << qint64(-1);
    QTest::newRow("injection") << QStringLiteral("10m; return 444") << qint64(-1);
}

void TestValidator::bodySize()
{
    QFETCH(QString, input);
    QFETCH(qint64, bytes);
    const auto r = Validator::bodySize(QStringLiteral("max-body"), input);
    QVERIFY2(r.ok() == (bytes >= 0), qPrintable(describe(r)));
    if (bytes >= 0)
        QCOMPARE(*r, bytes);
    else
        QVERIFY(messageProblem(r.error(), QStringLiteral("max-body"), input).isEmpty());
}

void TestValidator::timeout_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<int>("seconds"); // 0: refused
    QTest::newRow("1") << QStringLiteral("1") << 1;
    QTest::newRow("60") << QStringLiteral("60") << 60;
    QTest::newRow("86400") << QStringLiteral("86400") << 86400;
    QTest::newRow("0") << QStringLiteral("0") << 0;
    QTest::newRow("86401") << QStringLiteral("86401") << 0;
    QTest::newRow("60s") << QStringLiteral("60s") << 0;
    QTest::newRow("-1") << QStringLiteral("-1") << 0;
    QTest::newRow("060") << QStringLiteral("060") << 0;
    QTest::newRow("overflow") << QStringLiteral("4294967356") << 0;
}

void TestValidator::timeout()
{
    QFETCH(QString, input);
    QFETCH(int, seconds);
    const auto r = Validator::timeoutSeconds(QStringLiteral("timeout"), input);
    QCOMPARE(r.ok(), seconds != 0);
    if (seconds)
        QCOMPARE(*r, seconds);
    else
        QVERIFY(messageProblem(r.error(), QStringLiteral("timeout"), input).isEmpty());
}

void TestValidator::wireGuardKey_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    // Every 32-byte value encodes to a valid key, whatever its last byte.
    for (int last : {0x00, 0x01, 0x02, 0x03, 0x7f, 0x80, 0xfd, 0xfe, 0xff}) {
        QByteArray bytes(32, '\x5a');
        bytes[31] = char(last);
        QTest::newRow(qPrintable(QStringLiteral("last byte %1").arg(last)))
            << QString::fromLatin1(bytes.toBase64()) << true;
    }
    const QString key = QString::fromLatin1(QByteArray(32, '\x11').toBase64());
    QTest::newRow("no padding") << key.left(43) << false;
    QTest::newRow("double padding") << key.left(42) + QStringLiteral("==") << false;
    QTest::newRow("padding bits set") << key.left(42) + QStringLiteral("B=") << false;
    QTest::newRow("33 bytes") << QString::fromLatin1(QByteArray(33, 'a').toBase64()) << false;
    QTest::newRow("url-safe") << QStringLiteral("-") + key.mid(1) << false;
    QTest::newRow("newline") << key + QStringLiteral("\n") << false;
    QTest::newRow("space") << QStringLiteral(" ") + key << false;
    QTest::newRow("empty") << QString() << false;
}

void TestValidator::wireGuardKey()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    const auto r = Validator::wireGuardKey(QStringLiteral("wg-key"), input);
    QCOMPARE(r.ok(), valid);
    if (valid) {
        QCOMPARE(*r, input);
        QCOMPARE(QByteArray::fromBase64(input.toLatin1()).size(), 32);
    } else {
        QVERIFY(messageProblem(r.error(), QStringLiteral("wg-key"), input).isEmpty());
    }
}

void TestValidator::apiBaseUrl_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");            // empty: refused
    QTest::addColumn<QString>("canonicalWhenAllowed"); // with the env variable
    auto row = [](const char *tag, const char *in, const char *out, const char *allowed) {
        QTest::newRow(tag) << QString::fromLatin1(in) << QString::fromLatin1(out)
                           << QString::fromLatin1(allowed);
    };
    row("cloudflare", "https://api.cloudflare.com/client/v4",
        "https://api.cloudflare.com/client/v4", "https://api.cloudflare.com/client/v4");
    row("trailing slash", "https://api.cloudflare.com/client/v4/",
        "https://api.cloudflare.com/client/v4", "https://api.cloudflare.com/client/v4");
    row("upper", "HTTPS://API.Cloudflare.COM/client/v4", "https://api.cloudflare.com/client/v4",
        "https://api.cloudflare.com/client/v4");
    row("root", "https://dns.example.com/", "https://dns.example.com", "https://dns.example.com");
    row("no path", "https://dns.example.com", "https://dns.example.com", "https://dns.example.com");
    row("port", "https://dns.example.com:8443/api", "https://dns.example.com:8443/api",
        "https://dns.example.com:8443/api");
    row("ipv6", "https://[2A01:4F8::1]:8443/api", "https://[2a01:4f8::1]:8443/api",
        "https://[2a01:4f8::1]:8443/api");
    row("http loopback", "http://127.0.0.1:8080/v4", "http://127.0.0.1:8080/v4",
        "http://127.0.0.1:8080/v4");
    row("http loopback v6", "http://[::1]:8080", "http://[::1]:8080", "http://[::1]:8080");
    row("http other loopback", "http://127.0.0.2:8080", "http://127.0.0.2:8080",
        "http://127.0.0.2:8080");
    // Plain http to a name or a public address never, even on a test network:
    // the token would cross the internet in clear text.
    row("http public", "http://api.cloudflare.com/client/v4", "", "");
    row("http public address", "http://1.1.1.1/client/v4", "", "");
    row("http public v6", "http://[2a01:4f8::1]/", "", "");
    row("http private", "http://10.0.0.1/api", "", "http://10.0.0.1/api");
    row("http test net", "http://203.0.113.53:8080/client/v4", "",
        "http://203.0.113.53:8080/client/v4");
    row("http localhost name", "http://localhost:8080", "", "");
    row("userinfo", "https://user:pw@api.cloudflare.com/client/v4", "", "");
    row("user only", "https://user@api.cloudflare.com", "", "");
    row("at in path", "https://api.cloudflare.com/a@b", "", "");
    row("query", "https://api.cloudflare.com/client/v4?x=1", "", "");
    row("empty query", "https://api.cloudflare.com/client/v4?", "", "");
    row("fragment", "https://api.cloudflare.com/client/v4#x", "", "");
    row("ftp", "ftp://api.cloudflare.com", "", "");
    row("file", "file:///etc/passwd", "", "");
    row("no scheme", "api.cloudflare.com/client/v4", "", "");
    row("scheme relative", "//api.cloudflare.com", "", "");
    row("no host", "https:///client/v4", "", "");
    row("empty port", "https://api.cloudflare.com:/x", "", "");
    row("port 0", "https://api.cloudflare.com:0", "", "");
    row("port 65536", "https://api.cloudflare.com:65536", "", "");
    row("port leading zero", "https://api.cloudflare.com:0443", "", "");
    row("dot dot", "https://api.cloudflare.com/client/../v4", "", "");
    row("dot", "https://api.cloudflare.com/./v4", "", "");
    row("double slash", "https://api.cloudflare.com//v4", "", "");
    row("percent", "https://api.cloudflare.com/%63lient", "", "");
    row("encoded dots", "https://api.cloudflare.com/%2e%2e/x", "", "");
    row("backslash", "https://evil.example\\@api.cloudflare.com", "", "");
    row("short ipv4", "http://127.1:8080", "", "");
    row("hex ipv4", "http://0x7f.1:8080", "", "");
    row("integer ipv4", "http://2130706433/", "", "");
    row("zone id", "https://[fe80::1%25eth0]/", "", "");
    row("unbracketed v6", "https://2a01:4f8::1/", "", "");
    row("bracketed v4", "https://[127.0.0.1]/", "", "");
    row("unspecified", "https://0.0.0.0/", "", "");
    row("space", "https://api.cloudflare.com/client v4", "", "");
    row("newline", "https://api.cloudflare.com/\nHost: x", "", "");
    row("semicolon", "https://api.cloudflare.com/v4;x", "", "");
    row("empty", "", "", "");
    QTest::newRow("unicode host") << QString::fromUtf16(u"https://\u0430pi.cloudflare.com")
                                  << QString() << QString();
}

void TestValidator::apiBaseUrl()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QFETCH(QString, canonicalWhenAllowed);
    const QString field = QStringLiteral("api-base");
    {
        const auto r = Validator::apiBaseUrl(field, input);
        if (canonical.isEmpty()) {
            QVERIFY2(!r.ok(), qPrintable(describe(r)));
            const QString problem = messageProblem(r.error(), field, input);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        } else {
            QVERIFY2(r.ok(), qPrintable(describe(r)));
            QCOMPARE(*r, canonical);
            const auto again = Validator::apiBaseUrl(field, *r);
            QVERIFY(again.ok());
            QCOMPARE(*again, canonical);
        }
    }
    {
        const NonPublicAllowed env(true);
        const auto r = Validator::apiBaseUrl(field, input);
        if (canonicalWhenAllowed.isEmpty()) {
            QVERIFY2(!r.ok(), qPrintable(describe(r)));
        } else {
            QVERIFY2(r.ok(), qPrintable(describe(r)));
            QCOMPARE(*r, canonicalWhenAllowed);
        }
    }
}

// --------------------------------------------------- networks and settings

void TestValidator::ipv4Range_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("ruleFragment");
    auto row = [](const char *in, const char *out, const char *rule) {
        QTest::newRow(in[0] ? in : "empty")
            << QString::fromLatin1(in) << QString::fromLatin1(out) << QString::fromLatin1(rule);
    };
    row("10.100.0.0/16", "10.100.0.0/16", "");
    row("10.0.0.0/8", "10.0.0.0/8", "");
    row("192.168.8.0/29", "192.168.8.0/29", "");
    row("10.100.0.1/16", "", "host bits are set; the network is 10.100.0.0/16");
    row("10.100.0.0/30", "", "/8 to /29");
    row("10.0.0.0/7", "", "/8 to /29");
    row("10.100.0.0/016", "", "/8 to /29");
    row("10.100.0.0/+16", "", "/8 to /29");
    row("10.100.0.0", "", "/8 to /29");
    row("10.100.0.0/", "", "/8 to /29");
    row("10.100.0.0/16/1", "", "/8 to /29");
    row("010.100.0.0/16", "", "/8 to /29");
    row("10.100.0/16", "", "/8 to /29");
    row("fd00::/8", "", "/8 to /29");
    row("8.8.0.0/16", "", "must lie inside");
    row("100.0.0.0/8", "", "must lie inside");
    row("192.168.0.0/15", "", "must lie inside");
    row("100.64.0.0/10", "100.64.0.0/10", "");
    row("", "", "/8 to /29");
}

void TestValidator::ipv4Range()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    QFETCH(QString, ruleFragment);
    const auto r = Validator::ipv4Range(QStringLiteral("range"), input);
    if (canonical.isEmpty()) {
        QVERIFY2(!r.ok(), qPrintable(describe(r)));
        QVERIFY2(r.error().message().contains(ruleFragment), qPrintable(r.error().message()));
        QVERIFY(messageProblem(r.error(), QStringLiteral("range"), input).isEmpty());
    } else {
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(*r, canonical);
    }
}

void TestValidator::tunnelAddress_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    QTest::newRow("10/8") << QStringLiteral("10.100.0.2") << true;
    QTest::newRow("172.16/12") << QStringLiteral("172.20.1.1") << true;
    QTest::newRow("192.168/16") << QStringLiteral("192.168.77.1") << true;
    QTest::newRow("cgnat") << QStringLiteral("100.64.0.1") << true;
    QTest::newRow("public") << QStringLiteral("8.8.8.8") << false;
    QTest::newRow("loopback") << QStringLiteral("127.0.0.1") << false;
    QTest::newRow("ipv6") << QStringLiteral("fd00::1") << false;
    QTest::newRow("short") << QStringLiteral("10.1") << false;
}

void TestValidator::tunnelAddress()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    const auto r = Validator::tunnelAddress(QStringLiteral("tunnel address"), input);
    QVERIFY2(r.ok() == valid, qPrintable(describe(r)));
    if (!valid)
        QVERIFY(messageProblem(r.error(), QStringLiteral("tunnel address"), input).isEmpty());
}

void TestValidator::tsig_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("simple") << QStringLiteral("kokoa-key") << QStringLiteral("kokoa-key");
    QTest::newRow("underscore") << QStringLiteral("update_key.") << QStringLiteral("update_key");
    QTest::newRow("dotted upper") << QStringLiteral("TSIG.Example.com")
                                  << QStringLiteral("tsig.example.com");
    QTest::newRow("numeric") << QStringLiteral("key.1") << QStringLiteral("key.1");
    QTest::newRow("space") << QStringLiteral("my key") << QString();
    QTest::newRow("semicolon") << QStringLiteral("key;") << QString();
    QTest::newRow("brace") << QStringLiteral("key{") << QString();
    QTest::newRow("quote") << QStringLiteral("key\"") << QString();
    QTest::newRow("wildcard") << QStringLiteral("*.key") << QString();
    QTest::newRow("unicode") << QString::fromUtf16(u"\u9375") << QString();
    QTest::newRow("empty label") << QStringLiteral("a..b") << QString();
    QTest::newRow("long label") << QString(64, QLatin1Char('k')) << QString();
    QTest::newRow("leading hyphen") << QStringLiteral("-key") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestValidator::tsig()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    const auto r = Validator::tsigKeyName(QStringLiteral("tsig-name"), input);
    if (canonical.isEmpty()) {
        QVERIFY2(!r.ok(), qPrintable(describe(r)));
        QVERIFY(messageProblem(r.error(), QStringLiteral("tsig-name"), input).isEmpty());
    } else {
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(*r, canonical);
    }
    for (const char *algorithm : {"hmac-sha256", "hmac-sha384", "hmac-sha512"})
        QVERIFY(Validator::tsigAlgorithm(QStringLiteral("a"), QString::fromLatin1(algorithm)).ok());
    for (const char *algorithm : {"hmac-md5", "HMAC-SHA256", "hmac-sha256 ", "", "hmac-sha1"}) {
        const auto a = Validator::tsigAlgorithm(QStringLiteral("tsig-algorithm"),
                                                QString::fromLatin1(algorithm));
        QVERIFY(!a.ok());
        QVERIFY(messageProblem(a.error(), QStringLiteral("tsig-algorithm"),
                               QString::fromLatin1(algorithm))
                    .isEmpty());
    }
}

void TestValidator::providerId_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<bool>("valid");
    QTest::newRow("number") << QStringLiteral("12345678") << true;
    QTest::newRow("uuid") << QStringLiteral("3f2a1c9e-77b1-4c2d-9e1f-0a1b2c3d4e5f") << true;
    QTest::newRow("colon dot") << QStringLiteral("fra1:vm.42_a") << true;
    QTest::newRow("128") << QString(128, QLatin1Char('a')) << true;
    QTest::newRow("129") << QString(129, QLatin1Char('a')) << false;
    QTest::newRow("slash") << QStringLiteral("a/../b") << false;
    QTest::newRow("leading dot") << QStringLiteral(".a") << false;
    QTest::newRow("query") << QStringLiteral("a?b") << false;
    QTest::newRow("empty") << QString() << false;
}

void TestValidator::providerId()
{
    QFETCH(QString, input);
    QFETCH(bool, valid);
    const auto r = Validator::providerId(QStringLiteral("provider-id"), input);
    QCOMPARE(r.ok(), valid);
    if (!valid)
        QVERIFY(messageProblem(r.error(), QStringLiteral("provider-id"), input).isEmpty());
}

void TestValidator::setting_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("canonical"); // empty: refused
    auto row = [](const char *key, const char *value, const char *canonical) {
        QTest::newRow(qPrintable(
            QStringLiteral("%1=%2").arg(QString::fromLatin1(key), QString::fromLatin1(value))))
            << QString::fromLatin1(key) << QString::fromLatin1(value)
            << QString::fromLatin1(canonical);
    };
    row("tunnel.range", "10.100.0.0/16", "10.100.0.0/16");
    row("tunnel.range", "172.16.0.0/12", "172.16.0.0/12");
    row("tunnel.range", "100.64.0.0/10", "100.64.0.0/10");
    row("tunnel.range", "8.8.0.0/16", "");
    row("tunnel.range", "100.0.0.0/8", "");
    row("tunnel.range", "192.168.0.0/15", "");
    row("tunnel.range", "10.100.0.1/16", "");
    row("dns.ttl", "30", "30");
    row("dns.ttl", "29", "");
    row("dns.ttl", "86400", "86400");
    row("dns.ttl", "86401", "");
    row("dns.refresh_s", "10", "10");
    row("dns.refresh_s", "9", "");
    row("health.interval_ms", "500", "500");
    row("health.interval_ms", "499", "");
    row("health.timeout_ms", "59000", "59000");
    row("health.timeout_ms", "99", "");
    row("health.fall", "10", "10");
    row("health.fall", "0", "");
    row("health.rise", "11", "");
    row("health.hold_down_s", "0", "0");
    row("health.hold_down_s", "3601", "");
    row("ratelimit.normal.rate", "0", "");
    row("ratelimit.normal.burst", "0", "0");
    row("ratelimit.attack.connections", "100000", "100000");
    row("ratelimit.attack.connections", "100001", "");
    row("ratelimit.attack.connections", "0", "");
    row("dns.ttl", "60;", "");
    row("dns.ttl", " 60", "");
    row("edges.auto_replace", "true", "true");
    row("edges.auto_replace", "false", "false");
    row("edges.auto_replace", "yes", "");
    row("edges.auto_replace", "1", "");
    row("edges.replace_after_s", "10", "10");
    row("edges.replace_after_s", "9", "");
    row("edges.max_replacements_per_day", "0", "0");
    row("edges.max_replacements_per_day", "101", "");
}

void TestValidator::setting()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, canonical);
    const auto r = Validator::setting(key, value);
    if (canonical.isEmpty()) {
        QVERIFY2(!r.ok(), qPrintable(describe(r)));
        const QString problem = messageProblem(r.error(), QStringLiteral("setting ") + key, value);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    } else {
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(*r, canonical);
    }
    // Every default passes its own validator.
    for (const Settings::Definition &d : Settings::definitions()) {
        const auto def =
            Validator::setting(QString::fromLatin1(d.key), QString::fromLatin1(d.defaultValue));
        QVERIFY2(def.ok(), d.key);
    }
    // Unknown keys, hostile ones included, are refused with the key quoted.
    const QStringList unknown{QStringLiteral("dns.ttl "),
                              QStringLiteral("nope"),
                              QStringLiteral("dns.ttl\n"),
                              QStringLiteral("DNS.TTL"),
                              QStringLiteral("edges.auto_replace "),
                              QString()};
    for (const QString &k : unknown) {
        const auto u = Validator::setting(k, QStringLiteral("60"));
        QVERIFY(!u.ok());
        const QString problem = messageProblem(u.error(), QStringLiteral("setting"), k);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

// Each row of the settings table, whatever it holds: its default and its
// bounds pass, one below the minimum, one above the maximum and a value of
// the wrong type are refused naming the setting and the rule.
void TestValidator::everySettingEnforcesItsRange_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("rule"); // part of the message when refused
    QCOMPARE_GT(Settings::definitions().size(), 10);
    for (const Settings::Definition &d : Settings::definitions()) {
        const QString key = QString::fromLatin1(d.key);
        // What a settings form shows next to the field.
        QVERIFY2(!Settings::tr(d.description).isEmpty(), d.key);
        QVERIFY2(d.type != Settings::Type::Integer || !Settings::tr(d.unit).isEmpty(), d.key);
        auto row = [&](const char *what, const QString &value, bool accepted, const QString &rule) {
            QTest::newRow(qPrintable(key + QLatin1Char(' ') + QLatin1String(what)))
                << key << value << accepted << rule;
        };
        row("default", QString::fromLatin1(d.defaultValue), true, QString());
        switch (d.type) {
        case Settings::Type::Integer: {
            const QString rule = QStringLiteral("from %1 to %2").arg(d.minimum).arg(d.maximum);
            QVERIFY(d.minimum <= d.maximum);
            row("minimum", QString::number(d.minimum), true, QString());
            row("maximum", QString::number(d.maximum), true, QString());
            row("below minimum", QString::number(d.minimum - 1), false, rule);
            row("above maximum", QString::number(d.maximum + 1), false, rule);
            row("not a number", QStringLiteral("ten"), false, rule);
            row("fraction", QString::number(d.minimum) + QStringLiteral(".5"), false, rule);
            row("address", QStringLiteral("10.100.0.0/16"), false, rule);
            break;
        }
        case Settings::Type::Ipv4Network:
            row("too wide", QStringLiteral("10.0.0.0/7"), false, QString());
            row("too narrow", QStringLiteral("10.100.0.0/30"), false, QString());
            row("public", QStringLiteral("8.8.0.0/16"), false, QStringLiteral("10.0.0.0/8"));
            row("number", QStringLiteral("60"), false, QString());
            break;
        case Settings::Type::Choice: {
            const QStringList choices = Settings::choices(key);
            QVERIFY2(choices.size() >= 2, d.key);
            QVERIFY2(choices.contains(QString::fromLatin1(d.defaultValue)), d.key);
            const QString rule = QStringLiteral("must be one of ") + choices.join(u", ");
            for (const QString &c : choices)
                row(qPrintable(QStringLiteral("choice ") + c), c, true, QString());
            row("upper case", choices.constFirst().toUpper(), false, rule);
            row("unlisted", QStringLiteral("xx"), false, rule);
            row("empty", QString(), false, rule);
            break;
        }
        }
    }
}

void TestValidator::everySettingEnforcesItsRange()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(bool, accepted);
    QFETCH(QString, rule);
    const Result<QString> r = Validator::setting(key, value);
    if (accepted) {
        QVERIFY2(r.ok(), qPrintable(describe(r)));
        QCOMPARE(*r, value);
        return;
    }
    QVERIFY2(!r.ok(), qPrintable(key + QStringLiteral(" accepted ") + value));
    const QString problem = messageProblem(r.error(), QStringLiteral("setting ") + key, value);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(r.error().message().contains(rule), qPrintable(r.error().message()));
}

void TestValidator::settingsConsistent()
{
    QVERIFY(Validator::settingsConsistent(Settings()).ok());
    Settings s;
    s.set(QStringLiteral("health.timeout_ms"), QStringLiteral("2000"));
    const Status st = Validator::settingsConsistent(s);
    QVERIFY(!st.ok());
    QVERIFY(st.error().message().startsWith(QStringLiteral("setting health.timeout_ms: ")));
    s.set(QStringLiteral("health.interval_ms"), QStringLiteral("5000"));
    QVERIFY(Validator::settingsConsistent(s).ok());
}

void TestValidator::errorMessagesAreOneLine()
{
    // Values longer than the quoting limit are cut, never spill raw text.
    const QString longValue = QString(500, QLatin1Char('a')) + QStringLiteral("\n;");
    const auto r = Validator::hostname(QStringLiteral("hostname"), longValue);
    QVERIFY(!r.ok());
    QVERIFY(!hasRawControl(r.error().message()));
    QVERIFY(r.error().message().size() < 400);
    // A long label is named in the message, quoted.
    const auto label = Validator::hostname(QStringLiteral("hostname"),
                                           QString(70, QLatin1Char('"')) + QStringLiteral(".com"));
    QVERIFY(!label.ok());
    QVERIFY(!hasRawControl(label.error().message()));
    const auto longLabel = Validator::hostname(
        QStringLiteral("hostname"), QString(70, QLatin1Char('x')) + QStringLiteral(".com"));
    QVERIFY(longLabel.error().message().contains(
        QStringLiteral("label \"xxxxxxxxxxxxxxxxxxxx\"… is longer than 63")));
}

// ------------------------------------------------------------ hostile input

void TestValidator::hostileGeneratorIsDeterministic()
{
    const auto a = HostileInputs::generate(2000, 42);
    const auto b = HostileInputs::generate(2000, 42);
    const auto c = HostileInputs::generate(2000, 43);
    QCOMPARE(a.size(), 2000);
    bool differs = false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].field, b[i].field);
        QCOMPARE(a[i].value, b[i].value);
        QCOMPARE(a[i].settingKey, b[i].settingKey);
        differs = differs || a[i].value != c[i].value;
    }
    QVERIFY(differs);
}

void TestValidator::hostileInputsRejected()
{
    const NonPublicAllowed env(false);
    const auto cases = HostileInputs::generate(12000);
    QVERIFY2(cases.size() >= 10000, qPrintable(QString::number(cases.size())));

    QHash<QString, int> perField;
    QSet<QString> values;
    int checks = 0;
    int withNul = 0, withUnicode = 0, lookAlmostValid = 0;
    QStringList failures;
    for (const HostileInputs::Case &c : cases) {
        QVERIFY2(HostileInputs::fields().contains(c.field), qPrintable(c.field));
        ++perField[c.field];
        values.insert(c.field + c.settingKey + c.value);
        withNul += c.value.contains(QChar(0)) ? 1 : 0;
        bool unicode = false;
        for (const QChar ch : c.value)
            unicode = unicode || ch.unicode() > 0x7f;
        withUnicode += unicode ? 1 : 0;
        lookAlmostValid += c.value.size() > 6 ? 1 : 0;
        if (c.value.contains(QChar(0))) {
            // What survives a C string must still be hostile.
            HostileInputs::Case truncated = c;
            truncated.value = c.value.left(c.value.indexOf(QChar(0)));
            for (const auto &[o, e] : validate(truncated)) {
                if (o.accepted)
                    failures.append(QStringLiteral("%1 truncated at NUL accepted: %2")
                                        .arg(c.field, quoteForMessage(c.value)));
            }
        }
        const auto outcomes = validate(c);
        QVERIFY2(!outcomes.isEmpty(), qPrintable(c.field));
        for (const auto &[o, e] : outcomes) {
            ++checks;
            if (o.accepted) {
                failures.append(QStringLiteral("%1 %2 %3 accepted as %4")
                                    .arg(c.field, c.settingKey, quoteForMessage(c.value),
                                         quoteForMessage(o.canonical)));
                continue;
            }
            const QString problem = messageProblem(e, o.field, c.value);
            if (!problem.isEmpty())
                failures.append(c.field + QLatin1Char(' ') + problem);
        }
    }
    if (!failures.isEmpty()) {
        for (const QString &f : std::as_const(failures).mid(0, 40))
            qWarning().noquote() << f;
        QFAIL(qPrintable(QStringLiteral("%1 hostile cases not handled").arg(failures.size())));
    }
    QVERIFY(checks >= 10000);
    QCOMPARE(values.size(), cases.size()); // no duplicates
    for (const QString &field : HostileInputs::fields())
        QVERIFY2(perField.value(field) >= 500, qPrintable(field));
    QVERIFY(withNul >= 50);
    QVERIFY(withUnicode >= 1000);
    QVERIFY(lookAlmostValid >= cases.size() / 2);
    qInfo("%d hostile cases over %d fields, %d validator calls, all refused", int(cases.size()),
          int(perField.size()), checks);
}

void TestValidator::hostileInputsRejectedWithNonPublicAllowed()
{
    const NonPublicAllowed env(true);
    const auto cases = HostileInputs::generate(12000);
    int flagged = 0;
    QStringList failures;
    for (const HostileInputs::Case &c : cases) {
        if (c.needsPublicScope) {
            ++flagged;
            continue;
        }
        for (const auto &[o, e] : validate(c)) {
            if (o.accepted)
                failures.append(
                    QStringLiteral("%1 %2 accepted").arg(c.field, quoteForMessage(c.value)));
        }
    }
    for (const QString &f : std::as_const(failures).mid(0, 40))
        qWarning().noquote() << f;
    QVERIFY2(failures.isEmpty(), qPrintable(QString::number(failures.size())));
    // The flag is used for what it is meant for and nothing else.
    QVERIFY(flagged > 0);
    QVERIFY(flagged < cases.size() / 10);
}

void TestValidator::threadsAgree()
{
    // The regex cache is per thread; results must not depend on the thread.
    const auto cases = HostileInputs::generate(3000, 7);
    QList<QString> expected;
    for (const auto &c : cases) {
        QString s;
        for (const auto &[o, e] : validate(c))
            s += o.accepted ? o.canonical : o.message;
        expected.append(s);
    }
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
            for (qsizetype i = t; i < cases.size(); i += 3) {
                QString s;
                for (const auto &[o, e] : validate(cases[i]))
                    s += o.accepted ? o.canonical : o.message;
                if (s != expected[i])
                    ++mismatches;
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    QCOMPARE(mismatches.load(), 0);
}

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
