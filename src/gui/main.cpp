// kokoa: the desktop window. A shell over the application layer (src/app):
// it asks through dialogs where kokoactl takes flags, and adds no behaviour
// of its own.
#include "app/Installation.h"
#include "core/DataDirectory.h"
#include "gui/AddHostDialog.h"
#include "gui/ConfigurationPage.h"
#include "gui/Dashboard.h"
#include "gui/EventLogPage.h"
#include "gui/GuiResources.h"
#include "gui/Language.h"
#include "gui/MainWindow.h"
#include "gui/Session.h"
#include "gui/SettingsPage.h"
#include "gui/SetupWizard.h"
#include "store/Store.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLoggingCategory>
#include <QMessageBox>

namespace {

std::optional<QString> explicitDataDir(const QApplication &app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Kokoa: publish your home server's services"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"), QCoreApplication::translate("main", "Kokoa's data directory"),
        QStringLiteral("dir"));
    parser.addOption(dataDirOption);
    parser.process(app);
    if (!parser.isSet(dataDirOption))
        return std::nullopt;
    return parser.value(dataDirOption);
}

int fail(const QString &text)
{
    QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Kokoa"), text);
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kokoa"));
    QCoreApplication::setApplicationVersion(QStringLiteral(KOKOA_VERSION));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Kokoa"));
    kokoa::gui::registerResources();
    QGuiApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/kokoa.svg")));
    QLoggingCategory::setFilterRules(QStringLiteral("kokoa.*.debug=false"));

    kokoa::gui::Language language;
    language.apply(QStringLiteral("auto"));

    const kokoa::Result<QString> dataDir = kokoa::DataDirectory::choose(explicitDataDir(app));
    if (!dataDir)
        return fail(dataDir.error().message());

    const kokoa::app::Installation installation(*dataDir);
    if (!installation.exists()) {
        if (auto made = installation.setUp({}); !made)
            return fail(made.error().message());
    }
    auto session = kokoa::gui::Session::open(*dataDir);
    if (!session)
        return fail(session.error().message());

    kokoa::gui::Session &shared = **session;
    // The language the user chose in the settings, from the first window on.
    if (const auto settings = shared.store().settings())
        language.apply(settings->uiLanguage());

    // Until the setup is complete (first start, or left half-way before the
    // first deploy) the wizard leads; it resumes where the store says it stopped.
    if (kokoa::gui::SetupWizard::needed(shared.store())) {
        kokoa::gui::SetupWizard wizard(shared);
        wizard.exec();
    }

    kokoa::gui::MainWindow window(shared);
    // The dashboard comes first: it starts this window's monitor and the tray.
    const auto dashboard = kokoa::gui::Dashboard::install(shared, window);
    auto *configuration = new kokoa::gui::ConfigurationPage(shared);
    configuration->setAddHostHandler([&shared](kokoa::gui::HostsPage::Kind kind, QWidget *parent) {
        using Role = kokoa::gui::HostContactForm::Role;
        kokoa::gui::AddHostDialog dialog(
            shared, kind == kokoa::gui::HostsPage::Kind::Origin ? Role::Origin : Role::Edge,
            parent);
        dialog.exec();
    });
    dashboard->setDeployHandler([configuration] { configuration->openDeployDialog(); });
    window.addPage(configuration, QIcon::fromTheme(QStringLiteral("network-server")),
                   QT_TRANSLATE_NOOP("MainWindow", "Configuration"));
    window.addPage(new kokoa::gui::EventLogPage(shared),
                   QIcon::fromTheme(QStringLiteral("view-list-text")),
                   QT_TRANSLATE_NOOP("MainWindow", "Events"));
    window.addPage(new kokoa::gui::SettingsPage(shared, language),
                   QIcon::fromTheme(QStringLiteral("preferences-system")),
                   QT_TRANSLATE_NOOP("MainWindow", "Settings"));
    window.show();
    return QApplication::exec();
}
