// The configuration pages against a real store: hostnames checked as typed
// with the CLI's messages, zones added only when their credentials work,
// removals asked first, an edge changed as `kokoactl edge update` does.
#include "GuiTestSupport.h"
#include "core/DataDirectory.h"
#include "gui/ConfigurationPage.h"
#include "gui/DeployDialog.h"
#include "gui/EdgeDialog.h"
#include "gui/EventLogPage.h"
#include "gui/HostsPage.h"
#include "gui/Language.h"
#include "gui/MainWindow.h"
#include "gui/RouteDialog.h"
#include "gui/RoutesPage.h"
#include "gui/SettingsPage.h"
#include "gui/ZoneDialog.h"
#include "gui/ZonesPage.h"
#include "ssh/RemoteShell.h"
#include "store/CertificateStore.h"
#include "store/SecretStore.h"
#include "validate/Validator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMutex>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QThread>
#include <QTreeWidget>

using namespace kokoa;

namespace {

QLineEdit *field(QWidget *dialog, const char *name)
{
    auto *edit = dialog->findChild<QLineEdit *>(QString::fromLatin1(name));
    if (!edit)
        qFatal("no field %s", name);
    return edit;
}

bool okEnabled(QWidget *dialog)
{
    return dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled();
}

QString problem(QWidget *dialog)
{
    return dialog->findChild<QLabel *>(QStringLiteral("problem"))->text();
}

QStringList routeNames(Store &store)
{
    QStringList names;
    // Named: a range-for over a member of a temporary would outlive it.
    const Result<Topology> topology = store.topology();
    for (const Route &r : topology->routes)
        names.append(r.hostname);
    return names;
}

} // namespace

class tst_ConfigPages : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void routeInvalidInputShowsTheValidatorsMessageAndStoresNothing();
    void routeAddEditRemove();
    void routeRefusedByTheStoreStaysOpenAndStoresNothing();
    void zoneWithFailingCredentialsLeavesNothing();
    void zoneAddedWhenTheCheckPassesAndRemovedAfterAsking();
    void zoneSecretReplacedOnlyWhenTheCheckPasses();
    void edgeChangedAndRemovedAfterAsking();
    void mainWindowHoldsThePagesInBothLanguages();
    void deployLogSpeaksTheWindowsLanguage();
    void edgeRemovalReleasesCertificatesAndOffersRekey();
    void emptyPagesSayWhatToDo();
    void deployWithNothingToDeploySaysSo();
    void deployShowsEachHostAndRetriesTheFailedOnes();
    void deployCanBeCancelledAndNotClosedWhileRunning();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<gui::Session> m_session;
};

void tst_ConfigPages::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = guitest::openSession(*m_dir);
}

void tst_ConfigPages::cleanup()
{
    m_session.reset();
    m_dir.reset();
}

void tst_ConfigPages::routeInvalidInputShowsTheValidatorsMessageAndStoresNothing()
{
    guitest::seedTopology(m_session->store());
    gui::RoutesPage page(*m_session);
    gui::RouteDialog *dialog = page.addRoute();
    QVERIFY(dialog);
    field(dialog, "port")->setText(QStringLiteral("8080"));

    // As typed: each bad value blocks OK with exactly the CLI's message.
    field(dialog, "hostname")->setText(QStringLiteral("bad_host!.example.com"));
    const auto hostnameError =
        Validator::hostname(QStringLiteral("hostname"), QStringLiteral("bad_host!.example.com"),
                            Validator::Wildcard::Allowed);
    QVERIFY(!hostnameError.ok());
    QCOMPARE(problem(dialog), hostnameError.error().message());
    QVERIFY(!okEnabled(dialog));

    field(dialog, "hostname")->setText(QStringLiteral("www.example.com"));
    QVERIFY(okEnabled(dialog));
    field(dialog, "port")->setText(QStringLiteral("70000"));
    QCOMPARE(problem(dialog),
             Validator::port(QStringLiteral("port"), QStringLiteral("70000")).error().message());
    QVERIFY(problem(dialog).startsWith(QStringLiteral("port")));
    QVERIFY(!okEnabled(dialog));
    field(dialog, "port")->setText(QStringLiteral("8080"));
    field(dialog, "healthPath")->setText(QStringLiteral("no-slash"));
    QCOMPARE(problem(dialog),
             Validator::healthPath(QStringLiteral("health-path"), QStringLiteral("no-slash"))
                 .error()
                 .message());
    QVERIFY(!okEnabled(dialog));

    guitest::screenshot(dialog, QStringLiteral("route-dialog-invalid"));
    // OK forced anyway (Enter): refused, nothing stored, the dialog stays.
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY(routeNames(m_session->store()).isEmpty());
    dialog->reject();
}

void tst_ConfigPages::routeAddEditRemove()
{
    guitest::seedTopology(m_session->store());
    gui::RoutesPage page(*m_session);
    QStringList asked;
    bool answer = false;
    page.setConfirmation([&](QWidget *, const QString &question) {
        asked.append(question);
        return answer;
    });
    gui::RouteDialog *dialog = page.addRoute();
    field(dialog, "hostname")->setText(QStringLiteral("www.example.com"));
    field(dialog, "port")->setText(QStringLiteral("8080"));
    dialog->findChild<QCheckBox *>(QStringLiteral("websocket"))->setChecked(true);
    // The websocket default timeout follows, as with `route add --websocket`.
    QCOMPARE(field(dialog, "timeout")->text(), QStringLiteral("3600"));
    QVERIFY(okEnabled(dialog));
    dialog->accept();
    QCOMPARE(routeNames(m_session->store()), QStringList{QStringLiteral("www.example.com")});
    const Route added = m_session->store().topology()->routes.constFirst();
    QCOMPARE(added.port, quint16(8080));
    QVERIFY(added.websocket);
    QCOMPARE(added.zoneName, QStringLiteral("example.com"));
    QCOMPARE(page.table()->rowCount(), 1); // the page followed the change
    guitest::screenshot(&page, QStringLiteral("routes"));

    QVERIFY(page.selectKey(QStringLiteral("www.example.com")));
    gui::RouteDialog *edit = page.editSelected();
    QVERIFY(edit);
    QVERIFY(field(edit, "hostname")->isReadOnly());
    field(edit, "port")->setText(QStringLiteral("0"));
    QVERIFY(!okEnabled(edit));
    edit->accept();
    QCOMPARE(m_session->store().topology()->routes.constFirst().port, quint16(8080));
    field(edit, "port")->setText(QStringLiteral("9090"));
    edit->accept();
    QCOMPARE(m_session->store().topology()->routes.constFirst().port, quint16(9090));

    // Removal asks; "no" keeps the hostname, "yes" removes it.
    QVERIFY(page.selectKey(QStringLiteral("www.example.com")));
    QVERIFY(!page.removeSelected());
    QCOMPARE(asked.size(), 1);
    QVERIFY(asked.constFirst().contains(QStringLiteral("www.example.com")));
    QCOMPARE(routeNames(m_session->store()).size(), 1);
    answer = true;
    QVERIFY(page.removeSelected());
    QVERIFY(routeNames(m_session->store()).isEmpty());
    QCOMPARE(page.table()->rowCount(), 0);
}

void tst_ConfigPages::routeRefusedByTheStoreStaysOpenAndStoresNothing()
{
    guitest::seedTopology(m_session->store());
    gui::RoutesPage page(*m_session);
    gui::RouteDialog *dialog = page.addRoute();
    // Well formed, but in no stored zone: the store's rule, the store's words.
    field(dialog, "hostname")->setText(QStringLiteral("www.other.org"));
    field(dialog, "port")->setText(QStringLiteral("8080"));
    QVERIFY(okEnabled(dialog));
    dialog->accept();
    QVERIFY(dialog->isVisible());
    QVERIFY2(problem(dialog).contains(QStringLiteral("www.other.org")),
             qPrintable(problem(dialog)));
    QVERIFY(routeNames(m_session->store()).isEmpty());
}

void tst_ConfigPages::zoneWithFailingCredentialsLeavesNothing()
{
    gui::ZonesPage page(*m_session);
    int checks = 0;
    page.setCredentialCheck([&](const Zone &zone, const QByteArray &) -> Status {
        ++checks;
        return Error(Error::Kind::Remote, QStringLiteral("credentials: token refused by the API"),
                     QStringLiteral("credentials"), zone.name);
    });
    gui::ZoneDialog *dialog = page.addZone();
    field(dialog, "zoneName")->setText(QStringLiteral("example.com"));
    dialog->findChild<QComboBox *>(QStringLiteral("provider"))->setCurrentIndex(0); // Cloudflare
    field(dialog, "secret")->setText(QStringLiteral("a-token-of-sorts-1234"));
    QSignalSpy settled(dialog, &gui::ZoneDialog::settled);
    dialog->accept();
    QVERIFY(settled.wait(10000));
    QCOMPARE(checks, 1);
    QVERIFY2(dialog->message().contains(QStringLiteral("token refused")),
             qPrintable(dialog->message()));
    QVERIFY(dialog->isVisible());
    guitest::screenshot(dialog, QStringLiteral("zone-dialog-refused"));
    QVERIFY(m_session->store().topology()->zones.isEmpty());
    const SecretStore secrets(DataDirectory::secretsPath(m_dir->path()));
    QVERIFY(!secrets.contains(app::ZoneService::secretNameFor(QStringLiteral("example.com"))));
    QCOMPARE(page.table()->rowCount(), 0);
}

void tst_ConfigPages::zoneAddedWhenTheCheckPassesAndRemovedAfterAsking()
{
    gui::ZonesPage page(*m_session);
    page.setCredentialCheck([](const Zone &, const QByteArray &) -> Status { return {}; });
    gui::ZoneDialog *dialog = page.addZone();
    field(dialog, "zoneName")->setText(QStringLiteral("Example.COM"));
    dialog->findChild<QComboBox *>(QStringLiteral("provider"))->setCurrentIndex(0);
    field(dialog, "secret")->setText(QStringLiteral("a-token-of-sorts-1234"));
    QSignalSpy settled(dialog, &gui::ZoneDialog::settled);
    dialog->accept();
    QVERIFY(settled.wait(10000));
    QCOMPARE(m_session->store().topology()->zones.size(), 1);
    QCOMPARE(m_session->store().topology()->zones.constFirst().name, QStringLiteral("example.com"));
    QCOMPARE(page.table()->rowCount(), 1);
    const SecretStore secrets(DataDirectory::secretsPath(m_dir->path()));
    QCOMPARE(secrets.get(app::ZoneService::secretNameFor(QStringLiteral("example.com"))).value(),
             QByteArray("a-token-of-sorts-1234"));

    QStringList asked;
    page.setConfirmation([&](QWidget *, const QString &question) {
        asked.append(question);
        return true;
    });
    QVERIFY(page.selectKey(QStringLiteral("example.com")));
    QVERIFY(page.removeSelected());
    QCOMPARE(asked.size(), 1);
    QVERIFY(m_session->store().topology()->zones.isEmpty());
    QVERIFY(!secrets.contains(app::ZoneService::secretNameFor(QStringLiteral("example.com"))));
}

void tst_ConfigPages::zoneSecretReplacedOnlyWhenTheCheckPasses()
{
    app::ZoneService service(m_session->store(), m_dir->path());
    service.setCredentialCheck([](const Zone &, const QByteArray &) -> Status { return {}; });
    app::ZoneService::Description description;
    description.name = QStringLiteral("example.com");
    description.provider = DnsProvider::Cloudflare;
    QVERIFY(service.add(*app::ZoneService::zoneFrom(description), "old-token-123456"));
    const QString secretName = app::ZoneService::secretNameFor(QStringLiteral("example.com"));
    const SecretStore secrets(DataDirectory::secretsPath(m_dir->path()));

    gui::ZonesPage page(*m_session);
    bool accept = false;
    page.setCredentialCheck([&accept](const Zone &zone, const QByteArray &) -> Status {
        if (accept)
            return {};
        return Error(Error::Kind::Remote, QStringLiteral("credentials: token refused"),
                     QStringLiteral("credentials"), zone.name);
    });
    QVERIFY(page.selectKey(QStringLiteral("example.com")));
    for (const bool passes : {false, true}) {
        accept = passes;
        gui::ZoneDialog *dialog = page.replaceSecret();
        QVERIFY(dialog);
        QVERIFY(field(dialog, "zoneName")->isReadOnly());
        field(dialog, "secret")->setText(QStringLiteral("new-token-654321"));
        QSignalSpy settled(dialog, &gui::ZoneDialog::settled);
        dialog->accept();
        QVERIFY(settled.wait(10000));
        QCOMPARE(secrets.get(secretName).value(),
                 passes ? QByteArray("new-token-654321") : QByteArray("old-token-123456"));
        QCOMPARE(dialog->isVisible(), !passes);
        if (!passes) {
            QVERIFY(dialog->message().contains(QStringLiteral("token refused")));
            dialog->reject();
        }
    }
}

void tst_ConfigPages::edgeChangedAndRemovedAfterAsking()
{
    guitest::seedTopology(m_session->store());
    gui::HostsPage page(*m_session, gui::HostsPage::Kind::Edge);
    QCOMPARE(page.table()->rowCount(), 1);
    // The window always offers "Add…" (main.cpp): the screenshot shows it.
    page.setAddHostHandler([](gui::HostsPage::Kind, QWidget *) {});
    guitest::screenshot(&page, QStringLiteral("edges"));
    QVERIFY(page.selectKey(QStringLiteral("tokyo-1")));
    gui::EdgeDialog *dialog = page.editSelected();
    QVERIFY(dialog);
    field(dialog, "publicIpv4")->setText(QStringLiteral("10.0.0.1"));
    QCOMPARE(problem(dialog),
             Validator::ipv4Address(QStringLiteral("public-ip"), QStringLiteral("10.0.0.1"),
                                    Validator::AddressScope::Public)
                 .error()
                 .message());
    dialog->accept();
    QCOMPARE(m_session->store().topology()->edges.constFirst().publicIpv4,
             QStringLiteral("8.8.4.4"));
    field(dialog, "publicIpv4")->setText(QStringLiteral("1.1.1.1"));
    dialog->findChild<QComboBox *>(QStringLiteral("profile"))->setCurrentIndex(1);
    dialog->accept();
    const Edge changed = m_session->store().topology()->edges.constFirst();
    QCOMPARE(changed.publicIpv4, QStringLiteral("1.1.1.1"));
    QVERIFY(changed.profile == EdgeProfile::UnderAttack);

    int asked = 0;
    page.setConfirmation([&](QWidget *, const QString &) { return ++asked > 1; });
    QVERIFY(page.selectKey(QStringLiteral("tokyo-1")));
    QVERIFY(!page.removeSelected());
    QCOMPARE(m_session->store().topology()->edges.size(), 1);
    QVERIFY(page.removeSelected());
    QCOMPARE(asked, 2);
    QVERIFY(m_session->store().topology()->edges.isEmpty());
}

void tst_ConfigPages::emptyPagesSayWhatToDo()
{
    gui::ConfigurationPage page(*m_session);
    page.show();
    for (QWidget *p :
         QList<QWidget *>{&page.zones(), &page.origins(), &page.edges(), &page.routes()}) {
        auto *empty = p->findChild<QLabel *>(QStringLiteral("emptyState"));
        QVERIFY(empty);
        QVERIFY2(empty->text().contains(QStringLiteral("No ")), qPrintable(empty->text()));
    }
    guitest::screenshot(&page.routes(), QStringLiteral("routes-empty"));
    // Without a host contact form the origins and edges pages offer no "Add…".
    QVERIFY(page.edges().findChild<QPushButton *>(QStringLiteral("addHost"))->isHidden());
    QList<gui::HostsPage::Kind> requested;
    page.setAddHostHandler([&](gui::HostsPage::Kind kind, QWidget *) { requested.append(kind); });
    auto *add = page.edges().findChild<QPushButton *>(QStringLiteral("addHost"));
    QVERIFY(!add->isHidden());
    // As the window shows them, with "Add…" on the host pages.
    guitest::screenshot(&page, QStringLiteral("configuration-empty"));
    guitest::screenshot(&page.edges(), QStringLiteral("edges-empty"));
    add->click();
    QCOMPARE(requested.size(), 1);
    QVERIFY(requested.constFirst() == gui::HostsPage::Kind::Edge);
}

void tst_ConfigPages::deployWithNothingToDeploySaysSo()
{
    gui::ConfigurationPage page(*m_session);
    gui::DeployDialog *dialog = page.openDeployDialog();
    QSignalSpy finished(dialog, &gui::DeployDialog::deployFinished);
    dialog->start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.constFirst().constFirst().toBool(), false);
    QVERIFY2(dialog->summaryText().startsWith(QStringLiteral("Not deployed")),
             qPrintable(dialog->summaryText()));
    QVERIFY(!dialog->isRunning());
    guitest::screenshot(dialog, QStringLiteral("deploy-nothing"));
}

void tst_ConfigPages::deployShowsEachHostAndRetriesTheFailedOnes()
{
    guitest::seedTopology(m_session->store());
    const QString pin = QStringLiteral("SHA256:") + QString(43, u'A');
    QVERIFY(m_session->store().setSshHostKey(Store::HostKind::Origin, QStringLiteral("home"), pin));
    QVERIFY(
        m_session->store().setSshHostKey(Store::HostKind::Edge, QStringLiteral("tokyo-1"), pin));
    // Every host refuses the connection; the connector runs on worker threads.
    QMutex lock;
    QStringList contacted;
    gui::DeployDialog dialog(*m_session);
    dialog.setConnector(
        [&](const SshSession::Options &options) -> Result<std::unique_ptr<RemoteShell>> {
            const QMutexLocker locker(&lock);
            contacted.append(options.target.host);
            return Error(Error::Kind::Remote,
                         QStringLiteral("%1: connection refused").arg(options.target.host));
        });
    QSignalSpy finished(&dialog, &gui::DeployDialog::deployFinished);
    auto *retry = dialog.findChild<QPushButton *>(QStringLiteral("retryDeploy"));
    QVERIFY(!retry->isEnabled());
    dialog.start();
    QVERIFY(dialog.isRunning());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.constFirst().constFirst().toBool(), false);
    // A row per host, each failed with its reason; the log says the same.
    auto *hosts = dialog.findChild<QTreeWidget *>();
    QCOMPARE(hosts->topLevelItemCount(), 2);
    for (int i = 0; i < hosts->topLevelItemCount(); ++i) {
        const QTreeWidgetItem *row = hosts->topLevelItem(i);
        QVERIFY2(row->text(2).contains(QStringLiteral("failed")), qPrintable(row->text(2)));
        QVERIFY2(row->text(3).contains(QStringLiteral("connection refused")),
                 qPrintable(row->text(3)));
    }
    QVERIFY2(dialog.logText().contains(QStringLiteral("edge tokyo-1")),
             qPrintable(dialog.logText()));
    QVERIFY2(dialog.summaryText().startsWith(QStringLiteral("Every host failed")),
             qPrintable(dialog.summaryText()));
    {
        const QMutexLocker locker(&lock);
        QCOMPARE(contacted.size(), 2);
        contacted.clear();
    }
    guitest::screenshotRunIn(QStringLiteral("deploy-failed"), [this]() -> std::unique_ptr<QWidget> {
        auto shown = std::make_unique<gui::DeployDialog>(*m_session);
        shown->setConnector(
            [](const SshSession::Options &options) -> Result<std::unique_ptr<RemoteShell>> {
                return Error(Error::Kind::Remote,
                             QStringLiteral("%1: connection refused").arg(options.target.host));
            });
        QSignalSpy done(shown.get(), &gui::DeployDialog::deployFinished);
        shown->start();
        if (done.isEmpty() && !done.wait(20000))
            return nullptr;
        return shown;
    });

    QVERIFY(retry->isEnabled());
    retry->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    const QMutexLocker locker(&lock);
    contacted.sort();
    QCOMPARE(contacted, (QStringList{QStringLiteral("192.168.1.10"), QStringLiteral("8.8.4.4")}));
}

void tst_ConfigPages::deployCanBeCancelledAndNotClosedWhileRunning()
{
    guitest::seedTopology(m_session->store());
    const QString pin = QStringLiteral("SHA256:") + QString(43, u'A');
    QVERIFY(m_session->store().setSshHostKey(Store::HostKind::Origin, QStringLiteral("home"), pin));
    QVERIFY(
        m_session->store().setSshHostKey(Store::HostKind::Edge, QStringLiteral("tokyo-1"), pin));
    // Connecting hangs until the test lets go (bounded), as a slow SSH would.
    std::atomic_bool release = false;
    std::atomic_int connecting = 0;
    gui::DeployDialog dialog(*m_session);
    dialog.setConnector(
        [&](const SshSession::Options &options) -> Result<std::unique_ptr<RemoteShell>> {
            ++connecting;
            QDeadlineTimer deadline(20000);
            while (!release && !deadline.hasExpired())
                QThread::yieldCurrentThread();
            return Error(Error::Kind::Cancelled,
                         QStringLiteral("%1: connection given up").arg(options.target.host));
        });
    dialog.show();
    QSignalSpy finished(&dialog, &gui::DeployDialog::deployFinished);
    auto *cancel = dialog.findChild<QPushButton *>(QStringLiteral("cancelDeploy"));
    auto *start = dialog.findChild<QPushButton *>(QStringLiteral("startDeploy"));
    QVERIFY(!cancel->isEnabled());
    dialog.start();
    QTRY_VERIFY_WITH_TIMEOUT(connecting > 0, 10000);
    QVERIFY(cancel->isEnabled());
    QVERIFY(!start->isEnabled());
    dialog.reject(); // closing while hosts change would leave them mid-step
    QVERIFY(dialog.isVisible());
    cancel->click();
    QVERIFY2(dialog.summaryText().startsWith(QStringLiteral("Cancelling")),
             qPrintable(dialog.summaryText()));
    release = true;
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    QCOMPARE(finished.constFirst().constFirst().toBool(), false);
    QVERIFY(!dialog.isRunning());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(start->isEnabled());
    dialog.reject();
    QVERIFY(!dialog.isVisible());
}

// As main.cpp builds it: the pages as tabs, titled in the window's language.
void tst_ConfigPages::mainWindowHoldsThePagesInBothLanguages()
{
    guitest::seedTopology(m_session->store());
    gui::Language language;
    language.apply(QStringLiteral("en"));
    gui::MainWindow window(*m_session);
    window.addPage(new gui::ConfigurationPage(*m_session), {},
                   QT_TRANSLATE_NOOP("MainWindow", "Configuration"));
    window.addPage(new gui::EventLogPage(*m_session), {},
                   QT_TRANSLATE_NOOP("MainWindow", "Events"));
    window.addPage(new gui::SettingsPage(*m_session, language), {},
                   QT_TRANSLATE_NOOP("MainWindow", "Settings"));
    window.show();
    QVERIFY(window.page(QStringLiteral("configurationPage")));
    QVERIFY(window.page(QStringLiteral("eventLogPage")));
    QVERIFY(window.page(QStringLiteral("settingsPage")));
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("pages"));
    QCOMPARE(tabs->tabText(0), QStringLiteral("Configuration"));
    guitest::screenshot(&window, QStringLiteral("main-window"));
    language.apply(QStringLiteral("ja"));
    QTRY_COMPARE(tabs->tabText(0), QStringLiteral("構成"));
    QCOMPARE(tabs->tabText(2), QStringLiteral("設定"));
    auto *deploy = window.findChild<QPushButton *>(QStringLiteral("deploy"));
    QTRY_COMPARE(deploy->text(), QStringLiteral("設定を反映(&D)…"));
}

// The deploy names its hosts "edge NAME" and its steps in English words; in
// Japanese the rows and the log say 入口ノード / 自宅サーバー and the steps'
// Japanese names.
void tst_ConfigPages::deployLogSpeaksTheWindowsLanguage()
{
    guitest::seedTopology(m_session->store());
    const QString pin = QStringLiteral("SHA256:") + QString(43, u'A');
    QVERIFY(m_session->store().setSshHostKey(Store::HostKind::Origin, QStringLiteral("home"), pin));
    QVERIFY(
        m_session->store().setSshHostKey(Store::HostKind::Edge, QStringLiteral("tokyo-1"), pin));
    gui::Language language;
    language.apply(QStringLiteral("ja"));
    gui::DeployDialog dialog(*m_session);
    dialog.setConnector(
        [](const SshSession::Options &options) -> Result<std::unique_ptr<RemoteShell>> {
            return Error(Error::Kind::Remote,
                         QStringLiteral("%1: connection refused").arg(options.target.host));
        });
    QSignalSpy finished(&dialog, &gui::DeployDialog::deployFinished);
    dialog.start();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
    language.apply(QStringLiteral("en"));

    auto *hosts = dialog.findChild<QTreeWidget *>();
    QStringList names;
    for (int i = 0; i < hosts->topLevelItemCount(); ++i)
        names.append(hosts->topLevelItem(i)->text(0));
    names.sort();
    QCOMPARE(names, (QStringList{QStringLiteral("入口ノード tokyo-1"),
                                 QStringLiteral("自宅サーバー home")}));
    const QString log = dialog.logText();
    QVERIFY2(log.contains(QStringLiteral("入口ノード tokyo-1  接続  ")), qPrintable(log));
    QVERIFY2(log.contains(QStringLiteral("自宅サーバー home  接続  ")), qPrintable(log));
    QVERIFY2(!log.contains(QStringLiteral("edge tokyo-1")), qPrintable(log));
    QVERIFY2(!log.contains(QStringLiteral("origin home")), qPrintable(log));
}

// As `kokoactl edge remove`: the removed edge no longer counts as holding
// its certificates, and re-keying them is offered (or, with the setting on,
// started at once) since their keys stay on that server.
void tst_ConfigPages::edgeRemovalReleasesCertificatesAndOffersRekey()
{
    guitest::seedTopology(m_session->store());
    Edge second;
    second.name = QStringLiteral("osaka-1");
    second.ssh.host = QStringLiteral("8.8.8.8");
    second.publicIpv4 = QStringLiteral("8.8.8.8");
    QVERIFY(m_session->store().addEdge(second));
    CertificateStore certificates(m_session->store().database(), m_dir->path());
    const QHash<QString, QString> held{{QStringLiteral("www.example.com"), QStringLiteral("0a")}};
    QVERIFY(certificates.recordHolder(QStringLiteral("tokyo-1"), held));
    QVERIFY(certificates.recordHolder(QStringLiteral("osaka-1"), held));

    gui::HostsPage page(*m_session, gui::HostsPage::Kind::Edge);
    QStringList asked;
    // Remove: yes; re-key: not now.
    page.setConfirmation([&](QWidget *, const QString &question) {
        asked.append(question);
        return asked.size() == 1;
    });
    QVERIFY(page.selectKey(QStringLiteral("tokyo-1")));
    QVERIFY(page.removeSelected());
    QCOMPARE(asked.size(), 2);
    QVERIFY2(asked.at(1).contains(QStringLiteral("tokyo-1")) &&
                 asked.at(1).contains(QStringLiteral("www.example.com")),
             qPrintable(asked.at(1)));
    QVERIFY(!page.isRekeying());
    QCOMPARE(certificates.holders()->value(QStringLiteral("www.example.com")),
             QStringList{QStringLiteral("osaka-1")});
    auto *message = page.findChild<QLabel *>(QStringLiteral("pageError"));
    QVERIFY2(
        message->text().contains(QStringLiteral("kokoactl cert rekey www.example.com --revoke")),
        qPrintable(message->text()));

    // With certificates.rekey_on_edge_removal on, the re-key starts unasked;
    // here there is no CA account, so it fails and says why.
    QVERIFY(m_session->store().setSetting(QStringLiteral("certificates.rekey_on_edge_removal"),
                                          QStringLiteral("1")));
    asked.clear();
    page.setConfirmation([&](QWidget *, const QString &question) {
        asked.append(question);
        return true;
    });
    QVERIFY(page.selectKey(QStringLiteral("osaka-1")));
    QVERIFY(page.removeSelected());
    QCOMPARE(asked.size(), 1); // the removal only
    QVERIFY(certificates.holders()->isEmpty());
    QVERIFY(page.isRekeying());
    QTRY_VERIFY_WITH_TIMEOUT(!page.isRekeying(), 20000);
    QVERIFY2(message->text().startsWith(QStringLiteral("Re-keying failed: ")),
             qPrintable(message->text()));
}

QTEST_MAIN(tst_ConfigPages)
#include "tst_config_pages.moc"
