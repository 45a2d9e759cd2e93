// The wizard's DNS zone page with an RFC 2136 zone against a real BIND9
// (named) on 127.0.0.1 and a free port: the TSIG fields are checked as typed,
// a wrong secret blocks Next with the server's refusal, the right one lists
// the zone's address records and stores the zone with its key.

#include "LoopbackPorts.h"
#include "app/Installation.h"
#include "gui/Session.h"
#include "gui/SetupWizard.h"
#include "store/Store.h"
#include "validate/Validator.h"

#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUdpSocket>

#include <signal.h>

using namespace kokoa;
using namespace Qt::StringLiterals;
using kokoa::gui::SetupWizard;

namespace {

QString runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(20000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

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
    QProcess m_named;
    quint16 m_port = 0;
    QByteArray m_secret;
};

void tst_WizardZoneRfc2136::initTestCase()
{
    const QStringList sbin{u"/usr/sbin"_s, u"/usr/bin"_s};
    const QString named = QStandardPaths::findExecutable(u"named"_s, sbin);
    const QString keygen = QStandardPaths::findExecutable(u"tsig-keygen"_s, sbin);
    const QString dig = QStandardPaths::findExecutable(u"dig"_s);
    if (named.isEmpty() || keygen.isEmpty() || dig.isEmpty())
        QFAIL("BIND9 (named, tsig-keygen) and dig are needed: installer/install-deps.sh "
              "installs bind9 and bind9-dnsutils");
    QVERIFY(m_dir.isValid());
    const QString key = runTool(keygen, {u"-a"_s, u"hmac-sha256"_s, u"kokoa-key"_s});
    static const QRegularExpression secretRx(u"secret \"([^\"]+)\""_s);
    m_secret = secretRx.match(key).captured(1).toLatin1();
    QVERIFY(!m_secret.isEmpty());
    m_port = freeLoopbackPort();
    QVERIFY(m_port != 0);

    const QDir dir(m_dir.path());
    QFile zone(dir.filePath(u"example.test.zone"_s));
    QVERIFY(zone.open(QIODevice::WriteOnly));
    zone.write("$TTL 300\n"
               "@ IN SOA ns1.example.test. hostmaster.example.test. 1 3600 600 86400 300\n"
               "@ IN NS ns1.example.test.\n"
               "ns1 IN A 127.0.0.1\n"
               "manual IN A 192.0.2.50\n");
    zone.close();
    QFile conf(dir.filePath(u"named.conf"_s));
    QVERIFY(conf.open(QIODevice::WriteOnly));
    conf.write(u"options {\n"
               "  directory \"%1\";\n"
               "  pid-file \"%1/named.pid\";\n"
               "  session-keyfile \"%1/session.key\";\n"
               "  managed-keys-directory \"%1\";\n"
               "  listen-on port %2 { 127.0.0.1; };\n"
               "  listen-on-v6 { none; };\n"
               "  recursion no;\n"
               "  dnssec-validation no;\n"
               "  allow-query { 127.0.0.1; };\n"
               "};\n"
               "controls { };\n"
               "%3\n"
               "zone \"example.test\" {\n"
               "  type primary;\n"
               "  file \"%1/example.test.zone\";\n"
               "  allow-update { key kokoa-key; };\n"
               "};\n"_s.arg(m_dir.path())
                   .arg(m_port)
                   .arg(key)
                   .toUtf8());
    conf.close();
    m_named.setProcessChannelMode(QProcess::MergedChannels);
    m_named.start(named,
                  {u"-g"_s, u"-n"_s, u"1"_s, u"-4"_s, u"-c"_s, dir.filePath(u"named.conf"_s)});
    QVERIFY(m_named.waitForStarted());
    // Ready when it answers for the zone (polling, not sleeping blindly).
    QDeadlineTimer deadline(20000);
    bool ready = false;
    while (!deadline.hasExpired() && m_named.state() == QProcess::Running) {
        const QString soa = runTool(dig, {u"@127.0.0.1"_s, u"-p"_s, QString::number(m_port),
                                          u"+short"_s, u"example.test"_s, u"SOA"_s});
        if (soa.startsWith(u"ns1.example.test. "_s)) {
            ready = true;
            break;
        }
        m_named.waitForReadyRead(200);
    }
    QVERIFY2(ready, "named did not answer within 20 s");
}

void tst_WizardZoneRfc2136::cleanupTestCase()
{
    if (m_named.state() != QProcess::NotRunning) {
        ::kill(pid_t(m_named.processId()), SIGTERM);
        if (!m_named.waitForFinished(10000)) {
            ::kill(pid_t(m_named.processId()), SIGKILL);
            m_named.waitForFinished(5000);
        }
    }
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
    child<QLineEdit>(page, "serverEdit")->setText(u"127.0.0.1:%1"_s.arg(m_port));

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
    QCOMPARE(zone.providerSettings.value(u"port"_s).toString(), QString::number(m_port));
    QCOMPARE(zone.providerSettings.value(u"tsig_name"_s).toString(), u"kokoa-key"_s);
    QCOMPARE(zone.providerSettings.value(u"tsig_algorithm"_s).toString(), u"hmac-sha256"_s);
    QVERIFY(!zone.secretRef.isEmpty());
}

QTEST_MAIN(tst_WizardZoneRfc2136)
#include "tst_wizard_zone_rfc2136.moc"
