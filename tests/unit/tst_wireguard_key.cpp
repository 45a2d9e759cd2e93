#include "crypto/WireGuardKey.h"

#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace kokoa;

class TestWireGuardKey : public QObject
{
    Q_OBJECT

private slots:
    void keysAreWellFormedAndDistinct();
    void publicKeyMatchesWgPubkey();
    void rejectsMalformedPrivateKey();
};

void TestWireGuardKey::keysAreWellFormedAndDistinct()
{
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const Result<WireGuardKeyPair> pair = WireGuardKey::generate();
        QVERIFY(pair.ok());
        QCOMPARE(pair->privateKey.size(), 44);
        QCOMPARE(pair->publicKey.size(), 44);
        const QByteArray raw = QByteArray::fromBase64(pair->privateKey.toLatin1());
        QCOMPARE(raw.size(), 32);
        QCOMPARE(quint8(raw[0]) & 7, 0); // clamped as wg genkey does
        QCOMPARE(quint8(raw[31]) & 0xc0, 0x40);
        QVERIFY(!seen.contains(pair->privateKey));
        seen.insert(pair->privateKey);
    }
}

// The real wireguard-tools derive the same public key for every key we make.
void TestWireGuardKey::publicKeyMatchesWgPubkey()
{
    const QString wg = QStandardPaths::findExecutable(QStringLiteral("wg"));
    if (wg.isEmpty())
        QFAIL("wg (wireguard-tools) is not installed; installer/install-deps.sh installs it");
    for (int i = 0; i < 100; ++i) {
        const Result<WireGuardKeyPair> pair = WireGuardKey::generate();
        QVERIFY(pair.ok());
        QProcess process;
        process.start(wg, {QStringLiteral("pubkey")});
        process.write(pair->privateKey.toLatin1() + '\n');
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(QString::fromLatin1(process.readAllStandardOutput().trimmed()), pair->publicKey);
        const Result<QString> again = WireGuardKey::publicKeyFor(pair->privateKey);
        QVERIFY(again.ok());
        QCOMPARE(*again, pair->publicKey);
    }
}

void TestWireGuardKey::rejectsMalformedPrivateKey()
{
    QVERIFY(!WireGuardKey::publicKeyFor(QStringLiteral("short")).ok());
    QVERIFY(!WireGuardKey::publicKeyFor(QString(44, QLatin1Char('!'))).ok());
}

QTEST_GUILESS_MAIN(TestWireGuardKey)
#include "tst_wireguard_key.moc"
