#pragma once

#include "app/StatusReport.h"
#include "gui/StatusSummary.h"
#include "gui/TrayNotifier.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <memory>

class QAction;
class QMenu;
class QSystemTrayIcon;
class QWidget;

namespace kokoa::gui {

// The tray: an icon per overall state (healthy, degraded, outage, paused,
// not acting) with a summary as its tooltip, a menu (open, pause
// monitoring, deploy, quit) and a notification when the state really
// changes. A change must hold for the debounce time, measured on the
// reports' own clock, before it is notified: a flapping edge gives no
// notification, a lasting failure exactly one, its recovery one more.
// Where the desktop has no tray, the state is kept all the same and the
// notifications still go out through the notifier.
class TrayController final : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kDefaultDebounceMs = 3000;

    // trayAvailable: QSystemTrayIcon::isSystemTrayAvailable() in the
    // application; tests choose.
    TrayController(TrayNotifier &notifier, bool trayAvailable, QObject *parent = nullptr);
    ~TrayController() override;

    void setReport(const StatusReport &report);
    // The same with its summary, computed once for the tray and the page;
    // it must be StatusSummary::of(report, paused) with the tray's paused.
    void setReport(const StatusReport &report, const StatusSummary &summary);
    void setPaused(bool paused);
    void setDebounceMs(qint64 ms) { m_debounceMs = ms; }

    bool trayAvailable() const { return m_tray != nullptr; }
    QSystemTrayIcon *trayIcon() const { return m_tray.get(); }
    StatusSummary::Overall state() const { return m_summary.overall(); }
    const QString &iconPath() const { return m_iconPath; }
    const QString &toolTip() const { return m_toolTip; }
    QMenu *menu() const { return m_menu.get(); }

    // Closing `window` hides it to the tray; without a tray the user is
    // asked whether monitoring goes on in the background.
    void watchWindow(QWidget *window);

signals:
    void openRequested();
    void pauseRequested(bool pause);
    void deployRequested();
    void quitRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildMenu();
    void retranslate();
    // The icon and tooltip from m_summary (resummarize: from m_report first).
    void refresh(bool resummarize);
    void considerNotifying(qint64 nowMs);
    void notifyChange(const QSet<QString> &before, const QSet<QString> &after);
    QSet<QString> notificationKey() const;
    bool keepRunningOnClose();

    TrayNotifier &m_notifier;
    std::unique_ptr<QSystemTrayIcon> m_tray;
    std::unique_ptr<QMenu> m_menu;
    QAction *m_open = nullptr;  // in m_menu
    QAction *m_pause = nullptr; // in m_menu
    QAction *m_deploy = nullptr;
    QAction *m_quit = nullptr;
    QPointer<QWidget> m_window;

    StatusReport m_report;
    bool m_haveReport = false;
    bool m_paused = false;
    StatusSummary m_summary;
    QString m_iconPath;
    QString m_toolTip;

    qint64 m_debounceMs = kDefaultDebounceMs;
    QSet<QString> m_notified; // what the last notification said (at first: all healthy)
    QSet<QString> m_pending;  // a different state, seen since m_pendingSinceMs
    qint64 m_pendingSinceMs = -1;
    bool m_askedAboutBackground = false;
    bool m_keepInBackground = false;
};

} // namespace kokoa::gui
