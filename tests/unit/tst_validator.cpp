#include "validate/Validator.h"

#include <QTest>

using namespace kokoa;

class TestValidator : public QObject
{
    Q_OBJECT

private slots:
    void hostnameAccepts_data();
    void hostnameAccepts();
    void hostnameRejects_data();
    void hostnameRejects();
};

void TestValidator::hostnameAccepts_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("plain") << QStringLiteral("www.example.com") << QStringLiteral("www.example.com");
    QTest::newRow("upper") << QStringLiteral("WWW.Example.COM") << QStringLiteral("www.example.com");
    QTest::newRow("trailing dot") << QStringLiteral("example.com.") << QStringLiteral("example.com");
    QTest::newRow("idn") << QStringLiteral("例え.jp") << QStringLiteral("xn--r8jz45g.jp");
}

void TestValidator::hostnameAccepts()
{
    QFETCH(QString, input);
    QFETCH(QString, canonical);
    const auto result = Validator::hostname(QStringLiteral("hostname"), input);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message()));
    QCOMPARE(*result, canonical);
}

void TestValidator::hostnameRejects_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("empty") << QString();
    QTest::newRow("semicolon") << QStringLiteral("a;b.example.com");
    QTest::newRow("brace") << QStringLiteral("a{.example.com");
    QTest::newRow("newline") << QStringLiteral("a.example.com\nserver");
    QTest::newRow("nul") << QString::fromUtf16(u"a.exa\u0000mple.com", 15);
    QTest::newRow("soft hyphen") << QString::fromUtf16(u"exa\u00ADmple.com");
    QTest::newRow("fullwidth") << QString::fromUtf16(u"\uFF45xample.com");
    QTest::newRow("rtl override") << QString::fromUtf16(u"\u202Eexample.com");
    QTest::newRow("long label") << QString(64, QLatin1Char('a')) + QStringLiteral(".com");
    QTest::newRow("single label") << QStringLiteral("localhost");
    QTest::newRow("numeric tld") << QStringLiteral("1.2.3.4");
    QTest::newRow("wildcard") << QStringLiteral("*.example.com");
    QTest::newRow("bad punycode") << QStringLiteral("xn--a.example.com");
}

void TestValidator::hostnameRejects()
{
    QFETCH(QString, input);
    const auto result = Validator::hostname(QStringLiteral("hostname"), input);
    QVERIFY2(!result.ok(), qPrintable(result.ok() ? *result : QString()));
    QVERIFY(result.error().message().startsWith(QStringLiteral("hostname: ")));
}

QTEST_GUILESS_MAIN(TestValidator)
#include "tst_validator.moc"
