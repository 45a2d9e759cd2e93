#pragma once

#include "gui/MonitorHost.h"
#include "gui/TrayNotifier.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace kokoa::app {
class CertificateRenewer;
}

namespace kokoa::gui {

class DashboardPage;
class MainWindow;
class Session;
class StatusPoller;
class TrayController;

// Puts monitoring into the window: the dashboard page, this window's
// monitor on its own thread, the status poller and the tray, wired
// together. Destroy it before the window and the session.
class Dashboard final : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        // databasePath and dataDir are the session's when empty.
        MonitorHost::Setup monitor;
        bool runMonitor = true;
        int pollMs = 1000;
        const Clock *clock = nullptr;      // empty: the system clock
        TrayNotifier *notifier = nullptr;  // empty: the desktop's notification service
        std::optional<bool> trayAvailable; // empty: ask the desktop
        qint64 debounceMs = -1;            // negative: TrayController's default
    };

    static std::unique_ptr<Dashboard> install(Session &session, MainWindow &window);
    static std::unique_ptr<Dashboard> install(Session &session, MainWindow &window,
                                              Options options);
    ~Dashboard() override;

    DashboardPage *page() const;
    MonitorHost &monitor() { return *m_monitor; }
    StatusPoller &poller() { return *m_poller; }
    TrayController &tray() { return *m_tray; }
    app::CertificateRenewer &renewer() { return *m_renewer; }

    // What the tray's "Deploy…" runs (the window's deploy dialog).
    void setDeployHandler(std::function<void()> handler) { m_deploy = std::move(handler); }

private:
    Dashboard(Session &session, MainWindow &window, Options options);
    void wire();
    void setPaused(bool paused);
    void showWindow();

    MainWindow &m_window;
    QPointer<DashboardPage> m_page; // the window owns it
    std::unique_ptr<TrayNotifier> m_ownNotifier;
    std::unique_ptr<MonitorHost> m_monitor;
    std::unique_ptr<StatusPoller> m_poller;
    std::unique_ptr<TrayController> m_tray;
    // Renews certificates while this window's monitor holds the DNS lease.
    std::unique_ptr<app::CertificateRenewer> m_renewer;
    TrayNotifier *m_notifier = nullptr;
    bool m_paused = false; // by the user (the page and the tray show it)
    std::function<void()> m_deploy;
};

} // namespace kokoa::gui
