// The lower layers' messages reach the window in Japanese. The strings are
// produced by the real code paths with the embedded translation installed,
// so a message filed under a context the code does not use at runtime (the
// .ts file has it, the window would still show English) fails here.
#include "core/Error.h"
#include "core/Settings.h"
#include "crypto/WireGuardKey.h"
#include "dns/Tsig.h"
#include "gui/Language.h"
#include "render/WireGuardRenderer.h"
#include "store/TunnelAllocator.h"
#include "validate/Validator.h"

#include <QTest>

using namespace kokoa;

class tst_LowerLayerTranslations : public QObject
{
    Q_OBJECT

private slots:
    void init() { m_language.apply(QStringLiteral("ja")); }
    void cleanup() { m_language.apply(QStringLiteral("en")); }

    void japaneseIsInstalled();
    void validatorErrorsAreJapanese();
    void wireGuardKeyErrorsAreJapanese();
    void settingDescriptionsAndUnitsAreJapanese();
    void dnsAndTunnelMessagesAreJapanese();
    void renderWarningsAreJapanese();
    void englishComesBackWhenTheLanguageIsSwitched();

private:
    gui::Language m_language;
};

void tst_LowerLayerTranslations::japaneseIsInstalled()
{
    QCOMPARE(m_language.current(), QStringLiteral("ja"));
}

void tst_LowerLayerTranslations::validatorErrorsAreJapanese()
{
    // Error::invalid frames the rule ("Error" context); the rule itself
    // comes from Validator::tr.
    const Result<QString> host =
        Validator::hostname(QStringLiteral("hostname"), QStringLiteral("a..example.com"));
    QVERIFY(!host);
    QCOMPARE(host.error().message(),
             QStringLiteral("hostname: \"a..example.com\" は無効です: 空のラベルが含まれています"
                            "（ドットの連続、または先頭のドット）"));
    QCOMPARE(host.error().field(), QStringLiteral("hostname"));

    // The range's name is translated with the rule that names it.
    qunsetenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES");
    const Result<QString> address = Validator::ipAddress(
        QStringLiteral("public-ip"), QStringLiteral("10.1.2.3"), Validator::AddressScope::Public);
    QVERIFY(!address);
    QCOMPARE(address.error().message(),
             QStringLiteral("public-ip: \"10.1.2.3\" は無効です: プライベートアドレスです。"
                            "公開アドレスではありません"));

    // A long value is cut where it is quoted; the note says how long it was.
    const QString longName = QString(100, QLatin1Char('a')) + QStringLiteral("..example.com");
    const Result<QString> cut = Validator::hostname(QStringLiteral("hostname"), longName);
    QVERIFY(!cut);
    QVERIFY2(cut.error().message().contains(QStringLiteral("…（113 文字）")),
             qPrintable(cut.error().message()));

    const Result<quint16> port = Validator::port(QStringLiteral("port"), QStringLiteral("0"));
    QVERIFY(!port);
    QVERIFY2(port.error().message().contains(QStringLiteral("の整数で指定してください")),
             qPrintable(port.error().message()));
}

void tst_LowerLayerTranslations::wireGuardKeyErrorsAreJapanese()
{
    const Result<QString> key = WireGuardKey::publicKeyFor(QStringLiteral("not a key"));
    QVERIFY(!key);
    QCOMPARE(key.error().message(),
             QStringLiteral("WireGuard の秘密鍵は 32 バイトを base64 で表したものです"));
}

void tst_LowerLayerTranslations::settingDescriptionsAndUnitsAreJapanese()
{
    // Settings marks its table with QT_TR_NOOP; shells show it through Settings::tr.
    const Settings::Definition *ttl = Settings::definition(QStringLiteral("dns.ttl"));
    QVERIFY(ttl);
    QCOMPARE(Settings::tr(ttl->unit), QStringLiteral("秒"));
    QCOMPARE(Settings::tr(ttl->description),
             QStringLiteral("Kokoa が管理する A/AAAA レコードの TTL（秒）"));
    const Settings::Definition *interval =
        Settings::definition(QStringLiteral("health.interval_ms"));
    QVERIFY(interval);
    QCOMPARE(Settings::tr(interval->unit), QStringLiteral("ミリ秒"));
}

void tst_LowerLayerTranslations::dnsAndTunnelMessagesAreJapanese()
{
    const Status checked = Tsig::checkKey(
        TsigKey{QStringLiteral("kokoa."), QStringLiteral("hmac-md5"), QByteArray(32, 'k')});
    QVERIFY(!checked);
    QVERIFY2(checked.error().message().startsWith(QStringLiteral("TSIG アルゴリズム ")),
             qPrintable(checked.error().message()));
    QVERIFY2(checked.error().message().contains(QStringLiteral("には対応していません")),
             qPrintable(checked.error().message()));

    QCOMPARE(TunnelAllocator::addressProblem(QStringLiteral("10.100.0.0"),
                                             QStringLiteral("10.100.0.0/16")),
             QStringLiteral("tunnel.range 10.100.0.0/16 のネットワークアドレスです"));
}

// Before the first deploy no host has its WireGuard key: the setup wizard's
// review page shows the renderer's warnings about the peers left out.
void tst_LowerLayerTranslations::renderWarningsAreJapanese()
{
    Topology topology;
    Origin origin;
    origin.name = QStringLiteral("home");
    origin.tunnelAddress = QStringLiteral("10.100.0.1");
    topology.origins.append(origin);
    Edge edge;
    edge.name = QStringLiteral("e1");
    edge.tunnelAddress = QStringLiteral("10.100.0.2");
    edge.publicIpv4 = QStringLiteral("203.0.113.7");
    topology.edges.append(edge);
    const Result<RenderedHost> onEdge = WireGuardRenderer::renderEdge(edge, topology, Settings());
    QVERIFY(onEdge);
    QCOMPARE(onEdge->warnings,
             QStringList{
                 QStringLiteral("入口ノード \"e1\": 自宅サーバー \"home\" は WireGuard "
                                "のピアに含まれていません（WireGuard の公開鍵がまだありません）")});
    const Result<RenderedHost> onOrigin =
        WireGuardRenderer::renderOrigin(origin, topology, Settings());
    QVERIFY(onOrigin);
    QCOMPARE(onOrigin->warnings,
             QStringList{
                 QStringLiteral("自宅サーバー \"home\": 入口ノード \"e1\" は WireGuard "
                                "のピアに含まれていません（WireGuard の公開鍵がまだありません）")});

    m_language.apply(QStringLiteral("en"));
    QCOMPARE(WireGuardRenderer::renderEdge(edge, topology, Settings())->warnings,
             QStringList{QStringLiteral("edge \"e1\": origin \"home\" left out of the WireGuard "
                                        "peers: no WireGuard public key yet")});
}

void tst_LowerLayerTranslations::englishComesBackWhenTheLanguageIsSwitched()
{
    m_language.apply(QStringLiteral("en"));
    const Result<QString> key = WireGuardKey::publicKeyFor(QStringLiteral("not a key"));
    QVERIFY(!key);
    QCOMPARE(key.error().message(),
             QStringLiteral("a WireGuard private key is 32 bytes of base64"));
}

QTEST_GUILESS_MAIN(tst_LowerLayerTranslations)
#include "tst_lower_layer_translations.moc"
