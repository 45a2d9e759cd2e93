// The wizard's DNS zone page with an RFC 2136 zone against a real BIND9
// (named) on 127.0.0.1 and a free port: the TSIG fields are checked as typed,
// a wrong secret blocks Next with the server's refusal, the right one lists
// the zone's address records and stores the zone with its key.

#include "BindServer.h"
#include "app/Installation.h"
#include "gui/Session.h"
#include "gui/SetupWizard.h"
#include "store/Store.h"
#include "validate/Validator.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <memory>

using namespace kokoa;
using namespace kokoa::test;
using namespace Qt::StringLiterals;
using kokoa::gui::SetupWizard;

namespace {

template <typename T> T *child(QWidget *in, const char *name)
{
    T *w = in->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no widget named %s", name);
    return w;
}

} // namespace

class tst_WizardZoneRfc2136 : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void tsigZoneIsTestedAndStored();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<BindServer> m_bind;
    QByteArray m_secret;
};

void tst_WizardZoneRfc2136::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_bind = std::make_unique<BindServer>(m_dir.path());
    const QString why = m_bind->start("manual IN A 192.0.2.50\n");
    QVERIFY2(why.isEmpty(), qPrintable(why));
    m_secret = m_bind->secret(u"kokoa-key"_s);
    QVERIFY(!m_secret.isEmpty());
}

void tst_WizardZoneRfc2136::cleanupTestCase()
{
    m_bind.reset();
}

void tst_WizardZoneRfc2136::tsigZoneIsTestedAndStored()
{
    QTemporaryDir data;
    QVERIFY(app::Installation(data.path()).setUp({}));
    auto session = gui::Session::open(data.path());
    QVERIFY(session);
    SetupWizard wizard(**session);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QWidget *page = wizard.currentPage();
    QAbstractButton *next = wizard.button(QWizard::NextButton);
    auto *status = child<QLabel>(page, "statusText");

    child<QLineEdit>(page, "zoneEdit")->setText(u"example.test"_s);
    child<QComboBox>(page, "providerCombo")->setCurrentIndex(1); // RFC 2136
    // The TSIG key name is checked as typed, with `zone add`'s message.
    child<QLineEdit>(page, "tsigNameEdit")->setText(u"bad key"_s);
    const Result<QString> rule = Validator::tsigKeyName(u"tsig-name"_s, u"bad key"_s);
    QVERIFY(!rule);
    QCOMPARE(child<QLabel>(page, "tsigNameError")->text(), rule.error().message());
    child<QLineEdit>(page, "tsigNameEdit")->setText(u"kokoa-key"_s);
    QVERIFY(child<QLabel>(page, "tsigNameError")->text().isEmpty());
    child<QLineEdit>(page, "serverEdit")->setText(u"127.0.0.1:%1"_s.arg(m_bind->port()));

    // A wrong secret: the server refuses it and Next stays disabled.
    QByteArray wrong = QByteArray::fromBase64(m_secret);
    wrong[0] = char(wrong.at(0) ^ 0x55);
    child<QLineEdit>(page, "tsigSecretEdit")->setText(QString::fromLatin1(wrong.toBase64()));
    child<QPushButton>(page, "testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"Access failed"_s), 30000);
    QVERIFY(!next->isEnabled());

    child<QLineEdit>(page, "tsigSecretEdit")->setText(QString::fromLatin1(m_secret));
    child<QPushButton>(page, "testButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(u"Access works"_s), 30000);
    auto *records = child<QTreeWidget>(page, "recordTree");
    QStringList names;
    for (int i = 0; i < records->topLevelItemCount(); ++i)
        names.append(records->topLevelItem(i)->text(1));
    QVERIFY2(names.contains(u"manual.example.test"_s), qPrintable(names.join(u", "_s)));
    QVERIFY(next->isEnabled());
    next->click();
    QCOMPARE(wizard.currentId(), int(SetupWizard::OriginPage));

    const Result<Topology> t = (*session)->store().topology();
    QVERIFY(t);
    QCOMPARE(t->zones.size(), 1);
    const Zone &zone = t->zones.first();
    QVERIFY(zone.provider == DnsProvider::Rfc2136);
    QCOMPARE(zone.providerSettings.value(u"server"_s).toString(), u"127.0.0.1"_s);
    QCOMPARE(zone.providerSettings.value(u"port"_s).toString(), QString::number(m_bind->port()));
    QCOMPARE(zone.providerSettings.value(u"tsig_name"_s).toString(), u"kokoa-key"_s);
    QCOMPARE(zone.providerSettings.value(u"tsig_algorithm"_s).toString(), u"hmac-sha256"_s);
    QVERIFY(!zone.secretRef.isEmpty());
}

QTEST_MAIN(tst_WizardZoneRfc2136)
#include "tst_wizard_zone_rfc2136.moc"
