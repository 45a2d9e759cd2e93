// The VPS providers page against a real store and the Hetzner API emulator:
// a provider is stored only when its token works, a bad field is named
// before anything is asked, the command kind asks for its programs only, and
// a provider is removed after asking, never while Kokoa has servers there.
#include "DigitalOceanEmulator.h"
#include "GuiTestSupport.h"
#include "HetznerEmulator.h"
#include "app/ProviderService.h"
#include "core/DataDirectory.h"
#include "gui/ConfigurationPage.h"
#include "gui/ProviderDialog.h"
#include "gui/ProvidersPage.h"
#include "store/ProviderStore.h"
#include "store/SecretStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTest>

using namespace kokoa;

namespace {

const QByteArray token = "hz-gui-token-0123456789";

QLineEdit *field(QWidget *dialog, const char *name)
{
    auto *edit = dialog->findChild<QLineEdit *>(QString::fromLatin1(name));
    if (!edit)
        qFatal("no field %s", name);
    return edit;
}

} // namespace

class tst_ProvidersPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void providerStoredWhenTheTokenWorksAndRemovedAfterAsking();
    void refusedTokenStoresNothing();
    void badFieldIsNamedBeforeTheProviderIsAsked();
    void commandKindAsksForItsProgramsOnly();
    void digitalOceanOffersAReservedIpForEachEdge();
    void providerWithServersIsNotRemoved();
    void pageSitsInTheConfigurationTabs();

private:
    gui::ProviderDialog *fillHetzner(gui::ProvidersPage &page, const QByteArray &withToken);
    bool settle(gui::ProviderDialog *dialog);
    bool tokenStored(const QString &provider) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<gui::Session> m_session;
    std::unique_ptr<HetznerEmulator> m_api;
};

void tst_ProvidersPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = guitest::openSession(*m_dir);
    m_api = std::make_unique<HetznerEmulator>(token);
    QVERIFY(m_api->start());
}

void tst_ProvidersPage::cleanup()
{
    m_session.reset();
    m_api.reset();
    m_dir.reset();
}

gui::ProviderDialog *tst_ProvidersPage::fillHetzner(gui::ProvidersPage &page,
                                                    const QByteArray &withToken)
{
    gui::ProviderDialog *dialog = page.addProvider();
    field(dialog, "providerName")->setText(QStringLiteral("hetzner-main"));
    dialog->findChild<QComboBox *>(QStringLiteral("kind"))->setCurrentIndex(0); // Hetzner
    field(dialog, "token")->setText(QString::fromLatin1(withToken));
    field(dialog, "apiBase")->setText(m_api->baseUrl());
    field(dialog, "location")->setText(QStringLiteral("fsn1"));
    field(dialog, "serverType")->setText(QStringLiteral("cx22"));
    field(dialog, "image")->setText(QStringLiteral("debian-12"));
    return dialog;
}

bool tst_ProvidersPage::settle(gui::ProviderDialog *dialog)
{
    QSignalSpy settled(dialog, &gui::ProviderDialog::settled);
    dialog->accept();
    return dialog->isBusy() && settled.wait(15000);
}

bool tst_ProvidersPage::tokenStored(const QString &provider) const
{
    return SecretStore(DataDirectory::secretsPath(m_dir->path()))
        .contains(app::ProviderService::secretNameFor(provider));
}

void tst_ProvidersPage::providerStoredWhenTheTokenWorksAndRemovedAfterAsking()
{
    gui::ProvidersPage page(*m_session);
    QCOMPARE(page.table()->rowCount(), 0);
    gui::ProviderDialog *dialog = fillHetzner(page, token);
    guitest::screenshot(dialog, QStringLiteral("provider-dialog"));
    QVERIFY(settle(dialog));
    QVERIFY2(dialog->message().isEmpty(), qPrintable(dialog->message()));
    QVERIFY(m_api->requestCount("GET", QStringLiteral("/v1/servers")) >= 1); // the token tried
    QVERIFY(tokenStored(QStringLiteral("hetzner-main")));
    QCOMPARE(page.table()->rowCount(), 1);
    QCOMPARE(page.table()->item(0, 0)->text(), QStringLiteral("hetzner-main"));
    QCOMPARE(page.table()->item(0, 1)->text(), QStringLiteral("Hetzner Cloud"));
    QCOMPARE(page.table()->item(0, 2)->text(), QStringLiteral("fsn1 · cx22 · debian-12"));
    QCOMPARE(page.table()->item(0, 3)->text(), QStringLiteral("0"));
    guitest::screenshot(&page, QStringLiteral("providers"));

    QVERIFY(page.selectKey(QStringLiteral("hetzner-main")));
    QStringList asked;
    page.setConfirmation([&](QWidget *, const QString &question) {
        asked.append(question);
        return false;
    });
    QVERIFY(!page.removeSelected());
    QCOMPARE(page.table()->rowCount(), 1);
    page.setConfirmation([&](QWidget *, const QString &question) {
        asked.append(question);
        return true;
    });
    QVERIFY(page.removeSelected());
    QCOMPARE(asked.size(), 2);
    QVERIFY(asked.first().contains(QStringLiteral("hetzner-main")));
    QCOMPARE(page.table()->rowCount(), 0);
    QVERIFY(!tokenStored(QStringLiteral("hetzner-main")));
}

void tst_ProvidersPage::refusedTokenStoresNothing()
{
    gui::ProvidersPage page(*m_session);
    gui::ProviderDialog *dialog = fillHetzner(page, "hz-wrong-token-9876543210");
    QVERIFY(settle(dialog));
    QVERIFY2(dialog->message().startsWith(QStringLiteral("Not saved: ")),
             qPrintable(dialog->message()));
    QVERIFY(dialog->isVisible());
    guitest::screenshot(dialog, QStringLiteral("provider-dialog-refused"));
    QCOMPARE(page.table()->rowCount(), 0);
    QVERIFY(app::ProviderService(m_session->store(), m_dir->path()).list()->isEmpty());
    QVERIFY(!tokenStored(QStringLiteral("hetzner-main")));
}

void tst_ProvidersPage::badFieldIsNamedBeforeTheProviderIsAsked()
{
    gui::ProvidersPage page(*m_session);
    gui::ProviderDialog *dialog = fillHetzner(page, token);
    field(dialog, "providerName")->setText(QStringLiteral("Hetzner Main"));
    dialog->accept();
    QVERIFY(!dialog->isBusy());
    QVERIFY2(dialog->message().contains(QStringLiteral("name")), qPrintable(dialog->message()));
    field(dialog, "providerName")->setText(QStringLiteral("hetzner-main"));
    field(dialog, "location")->clear();
    dialog->accept();
    QVERIFY(!dialog->isBusy());
    QVERIFY2(dialog->message().contains(QStringLiteral("location")), qPrintable(dialog->message()));
    QCOMPARE(m_api->requestCount("GET", QString()), 0); // nothing was asked
    QVERIFY(app::ProviderService(m_session->store(), m_dir->path()).list()->isEmpty());
}

void tst_ProvidersPage::commandKindAsksForItsProgramsOnly()
{
    gui::ProvidersPage page(*m_session);
    gui::ProviderDialog *dialog = page.addProvider();
    auto *kind = dialog->findChild<QComboBox *>(QStringLiteral("kind"));
    QVERIFY(field(dialog, "token")->isVisibleTo(dialog));
    QVERIFY(!field(dialog, "createCommand")->isVisibleTo(dialog));
    kind->setCurrentIndex(3); // your own commands
    for (const char *name : {"token", "apiBase", "location", "serverType", "image"})
        QVERIFY2(!field(dialog, name)->isVisibleTo(dialog), name);
    QVERIFY(field(dialog, "createCommand")->isVisibleTo(dialog));
    QVERIFY(field(dialog, "destroyCommand")->isVisibleTo(dialog));
    guitest::screenshot(dialog, QStringLiteral("provider-dialog-command"));

    // Programs that are not there are named; nothing is stored.
    field(dialog, "providerName")->setText(QStringLiteral("own"));
    field(dialog, "createCommand")->setText(m_dir->filePath(QStringLiteral("no-such-program")));
    field(dialog, "destroyCommand")->setText(m_dir->filePath(QStringLiteral("no-such-program")));
    dialog->accept();
    if (dialog->isBusy()) {
        QSignalSpy settled(dialog, &gui::ProviderDialog::settled);
        QVERIFY(settled.wait(15000));
    }
    QVERIFY2(dialog->message().contains(QStringLiteral("command")), qPrintable(dialog->message()));
    QVERIFY(app::ProviderService(m_session->store(), m_dir->path()).list()->isEmpty());
}

// Only at DigitalOcean does an edge need a reserved IP for its address to
// be kept when it is burned; the choice is stored with the provider.
void tst_ProvidersPage::digitalOceanOffersAReservedIpForEachEdge()
{
    DigitalOceanEmulator api(token);
    QVERIFY(api.start());
    gui::ProvidersPage page(*m_session);
    gui::ProviderDialog *dialog = page.addProvider();
    auto *kind = dialog->findChild<QComboBox *>(QStringLiteral("kind"));
    auto *reservedIp = dialog->findChild<QCheckBox *>(QStringLiteral("reservedIp"));
    QVERIFY(reservedIp);
    QVERIFY(!reservedIp->isVisibleTo(dialog)); // Hetzner
    kind->setCurrentIndex(2);                  // Vultr
    QVERIFY(!reservedIp->isVisibleTo(dialog));
    kind->setCurrentIndex(1); // DigitalOcean
    QVERIFY(reservedIp->isVisibleTo(dialog));
    field(dialog, "providerName")->setText(QStringLiteral("do-main"));
    field(dialog, "token")->setText(QString::fromLatin1(token));
    field(dialog, "apiBase")->setText(api.baseUrl());
    field(dialog, "location")->setText(QStringLiteral("fra1"));
    field(dialog, "serverType")->setText(QStringLiteral("s-1vcpu-1gb"));
    field(dialog, "image")->setText(QStringLiteral("debian-12-x64"));
    reservedIp->setChecked(true);
    guitest::screenshot(dialog, QStringLiteral("provider-dialog-digitalocean"));
    QVERIFY(settle(dialog));
    // Read before the event loop runs again: the stored dialog closes and
    // deletes itself.
    QVERIFY2(dialog->message().isEmpty(), qPrintable(dialog->message()));
    const Result<ProviderRecord> stored =
        app::ProviderService(m_session->store(), m_dir->path()).find(QStringLiteral("do-main"));
    QVERIFY(stored.ok());
    QCOMPARE(stored->settings.value(QStringLiteral("reserved_ip")).toBool(), true);
    QCOMPARE(page.table()->item(0, 2)->text(),
             QStringLiteral("fra1 · s-1vcpu-1gb · debian-12-x64 · reserved IP"));
    guitest::screenshot(&page, QStringLiteral("providers-reserved-ip"));
}

void tst_ProvidersPage::providerWithServersIsNotRemoved()
{
    gui::ProvidersPage page(*m_session);
    QVERIFY(settle(fillHetzner(page, token)));
    ServerRecord server;
    server.provider = QStringLiteral("hetzner-main");
    server.name = QStringLiteral("kokoa-tokyo-1-0a1b2c");
    server.edge = QStringLiteral("tokyo-1");
    QVERIFY(ProviderStore(m_session->store().database()).recordRequested(server).ok());
    page.reload();
    QCOMPARE(page.table()->item(0, 3)->text(), QStringLiteral("1"));
    QVERIFY(page.selectKey(QStringLiteral("hetzner-main")));
    page.setConfirmation([](QWidget *, const QString &) { return true; });
    QVERIFY(!page.removeSelected());
    auto *error = page.findChild<QLabel *>(QStringLiteral("pageError"));
    QVERIFY(error);
    QVERIFY2(error->text().contains(QStringLiteral("kokoa-tokyo-1-0a1b2c")) ||
                 error->text().contains(QStringLiteral("server")),
             qPrintable(error->text()));
    QCOMPARE(page.table()->rowCount(), 1);
    QVERIFY(tokenStored(QStringLiteral("hetzner-main")));
}

void tst_ProvidersPage::pageSitsInTheConfigurationTabs()
{
    gui::ConfigurationPage configuration(*m_session);
    auto *empty = configuration.providers().findChild<QLabel *>(QStringLiteral("emptyState"));
    QVERIFY(empty);
    QVERIFY2(empty->text().contains(QStringLiteral("No VPS providers")), qPrintable(empty->text()));
    guitest::screenshot(&configuration.providers(), QStringLiteral("providers-empty"));
}

QTEST_MAIN(tst_ProvidersPage)
#include "tst_providers_page.moc"
