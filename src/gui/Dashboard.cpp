#include "gui/Dashboard.h"

#include "app/CertificateRenewer.h"
#include "gui/DashboardPage.h"
#include "gui/MainWindow.h"
#include "gui/Session.h"
#include "gui/StatusPoller.h"
#include "gui/StatusSummary.h"
#include "gui/TrayController.h"
#include "gui/TrayDesktopNotifier.h"
#include "store/Store.h"

#include <QApplication>
#include <QSystemTrayIcon>
#include <QTabWidget>

namespace kokoa::gui {

std::unique_ptr<Dashboard> Dashboard::install(Session &session, MainWindow &window)
{
    Options options;
    options.monitor.monitor.loadFetch = LoadReader::sshFetch(session.dataDir());
    return install(session, window, std::move(options));
}

std::unique_ptr<Dashboard> Dashboard::install(Session &session, MainWindow &window, Options options)
{
    return std::unique_ptr<Dashboard>(new Dashboard(session, window, std::move(options)));
}

Dashboard::Dashboard(Session &session, MainWindow &window, Options options)
    : m_window(window)
{
    const Clock &clock = options.clock ? *options.clock : Clock::system();
    MonitorHost::Setup setup = std::move(options.monitor);
    if (setup.databasePath.isEmpty())
        setup.databasePath = session.databasePath();
    if (setup.dataDir.isEmpty())
        setup.dataDir = session.dataDir();
    setup.monitor.component = QStringLiteral("gui");
    if (!setup.clock)
        setup.clock = &clock;
    m_poller = std::make_unique<StatusPoller>(setup.databasePath, options.pollMs, clock);
    m_poller->setDataDirectory(setup.dataDir);
    m_monitor = std::make_unique<MonitorHost>(std::move(setup));

    const bool trayAvailable =
        options.trayAvailable.value_or(QSystemTrayIcon::isSystemTrayAvailable());
    TrayNotifier *notifier = options.notifier;
    auto *desktop = new TrayDesktopNotifier;
    m_ownNotifier.reset(desktop);
    if (!notifier)
        notifier = desktop;
    m_notifier = notifier;
    m_tray = std::make_unique<TrayController>(*notifier, trayAvailable);
    m_renewer = std::make_unique<app::CertificateRenewer>(session.dataDir());
    if (options.debounceMs >= 0)
        m_tray->setDebounceMs(options.debounceMs);
    desktop->setFallback(m_tray->trayIcon());

    m_page = new DashboardPage;
    m_page->setNoTrayNotice(!trayAvailable);
    // The rows at once from the configuration (one quick read on the GUI
    // thread's connection); their health follows with the first report.
    if (const Result<Topology> topology = session.store().topology())
        m_page->setConfiguration(*topology);
    window.addPage(m_page, QIcon(QStringLiteral(":/icons/kokoa.svg")),
                   QT_TRANSLATE_NOOP("MainWindow", "Dashboard"));
    m_tray->watchWindow(&window);
    // Closing the window keeps monitoring in the tray (or, asked, in the
    // background); quitting is the tray's or the menu's.
    QApplication::setQuitOnLastWindowClosed(false);
    wire();

    m_poller->start();
    if (options.runMonitor)
        m_monitor->start();
    else
        setPaused(true);
}

DashboardPage *Dashboard::page() const
{
    return m_page;
}

Dashboard::~Dashboard()
{
    // The renewal in flight is abandoned, then the monitor lets go of the
    // lease before the poller and the window go.
    m_renewer.reset();
    m_monitor->shutdown();
    m_poller->shutdown();
}

void Dashboard::wire()
{
    connect(m_poller.get(), &StatusPoller::reportReady, this, [this](const StatusReport &report) {
        // One summary for the page and the tray; both know the same pause.
        const StatusSummary summary = StatusSummary::of(report, m_paused);
        if (m_page)
            m_page->setReport(report, summary);
        m_tray->setReport(report, summary);
    });
    // A monitor signal means the published state moved: read it now rather
    // than at the next tick.
    connect(m_monitor.get(), &MonitorHost::targetChanged, m_poller.get(), &StatusPoller::pollNow);
    connect(m_monitor.get(), &MonitorHost::answerChanged, m_poller.get(), &StatusPoller::pollNow);
    connect(m_monitor.get(), &MonitorHost::leaseChanged, m_poller.get(), &StatusPoller::pollNow);
    connect(m_monitor.get(), &MonitorHost::runningChanged, this, [this](bool running) {
        if (m_page)
            m_page->setMonitoring(m_paused, running);
        if (running && m_page)
            m_page->setProblem(QString());
        m_poller->pollNow();
    });
    connect(m_monitor.get(), &MonitorHost::fatalError, this, [this](const QString &text) {
        if (m_page)
            m_page->setProblem(text);
    });
    connect(m_page, &DashboardPage::pauseRequested, this, &Dashboard::setPaused);
    connect(m_tray.get(), &TrayController::pauseRequested, this, &Dashboard::setPaused);
    connect(m_tray.get(), &TrayController::openRequested, this, &Dashboard::showWindow);
    connect(m_tray.get(), &TrayController::deployRequested, this, [this] {
        // Deploying happens in the window's deploy dialog, with its progress.
        showWindow();
        if (m_deploy)
            m_deploy();
    });
    // Certificates are renewed by whichever monitor holds the DNS lease: this
    // window's while it does, the watchdog's otherwise.
    connect(m_monitor.get(), &MonitorHost::leaseChanged, m_renewer.get(),
            [this](bool held) { m_renewer->setLeaseHeld(held); });
    connect(m_monitor.get(), &MonitorHost::pausedChanged, m_renewer.get(), [this](bool paused) {
        if (paused)
            m_renewer->setLeaseHeld(false);
    });
    connect(m_renewer.get(), &app::CertificateRenewer::alertRaised, this,
            [this](const QString &text) {
                m_notifier->notify(tr("Certificate renewal failed"), text,
                                   TrayNotifier::Urgency::Critical);
            });
    connect(m_tray.get(), &TrayController::quitRequested, qApp, &QApplication::quit,
            Qt::QueuedConnection);
}

void Dashboard::setPaused(bool paused)
{
    m_paused = paused;
    if (paused)
        m_monitor->pause();
    else
        m_monitor->start(); // also after a failure stopped it
    m_tray->setPaused(paused);
    if (m_page)
        m_page->setMonitoring(paused, m_monitor->isRunning());
    m_poller->pollNow();
}

void Dashboard::showWindow()
{
    m_window.show();
    m_window.raise();
    m_window.activateWindow();
}

} // namespace kokoa::gui
