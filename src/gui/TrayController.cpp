#include "gui/TrayController.h"

#include "gui/GuiLogging.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QMenu>
#include <QMessageBox>
#include <QSystemTrayIcon>

namespace kokoa::gui {

namespace {

const QString kOverallPrefix = QStringLiteral("overall:");

QString overallKey(StatusSummary::Overall overall)
{
    return kOverallPrefix + QString::number(int(overall));
}

// The names behind problem keys ("edge:e2" -> "e2") of one kind.
QStringList namesOf(const QSet<QString> &keys, const QString &prefix)
{
    QStringList out;
    for (const QString &k : keys) {
        if (k.startsWith(prefix))
            out.append(k.mid(prefix.size()));
    }
    out.sort();
    return out;
}

} // namespace

TrayController::TrayController(TrayNotifier &notifier, bool trayAvailable, QObject *parent)
    : QObject(parent)
    , m_notifier(notifier)
    , m_menu(std::make_unique<QMenu>())
    , m_notified({overallKey(StatusSummary::Overall::Healthy)})
{
    buildMenu();
    if (trayAvailable) {
        m_tray = std::make_unique<QSystemTrayIcon>();
        m_tray->setContextMenu(m_menu.get());
        connect(m_tray.get(), &QSystemTrayIcon::activated, this,
                [this](QSystemTrayIcon::ActivationReason reason) {
                    if (reason == QSystemTrayIcon::Trigger ||
                        reason == QSystemTrayIcon::DoubleClick)
                        emit openRequested();
                });
    }
    retranslate();
    if (m_tray)
        m_tray->show();
}

TrayController::~TrayController() = default;

void TrayController::buildMenu()
{
    m_open = m_menu->addAction(QString(), this, &TrayController::openRequested);
    m_pause = m_menu->addAction(QString());
    m_pause->setCheckable(true);
    connect(m_pause, &QAction::triggered, this,
            [this](bool checked) { emit pauseRequested(checked); });
    m_deploy = m_menu->addAction(QString(), this, &TrayController::deployRequested);
    m_menu->addSeparator();
    m_quit = m_menu->addAction(QString(), this, &TrayController::quitRequested);
    // A parentless menu is a top-level widget: it gets the language change.
    m_menu->installEventFilter(this);
}

void TrayController::retranslate()
{
    m_open->setText(tr("Open Kokoa"));
    m_pause->setText(tr("Pause monitoring"));
    m_deploy->setText(tr("Deploy…"));
    m_quit->setText(tr("Quit Kokoa"));
    refresh(false);
}

void TrayController::setReport(const StatusReport &report)
{
    setReport(report, StatusSummary::of(report, m_paused));
}

void TrayController::setReport(const StatusReport &report, const StatusSummary &summary)
{
    m_report = report;
    m_haveReport = true;
    m_summary = summary;
    refresh(false);
    considerNotifying(report.nowMs);
}

void TrayController::setPaused(bool paused)
{
    m_paused = paused;
    m_pause->setChecked(paused);
    refresh(true);
}

void TrayController::refresh(bool resummarize)
{
    const QString iconBefore = m_iconPath;
    if (!m_haveReport) {
        m_iconPath = StatusSummary::iconPath(StatusSummary::Overall::NotActing);
        m_toolTip = tr("Kokoa: reading the status…");
    } else {
        if (resummarize)
            m_summary = StatusSummary::of(m_report, m_paused);
        m_iconPath = StatusSummary::iconPath(m_summary.overall());
        m_toolTip = m_summary.tooltip();
    }
    if (m_tray) {
        // A new icon only when the state changes: setting one repaints the tray.
        if (m_iconPath != iconBefore || m_tray->icon().isNull())
            m_tray->setIcon(QIcon(m_iconPath));
        if (m_tray->toolTip() != m_toolTip)
            m_tray->setToolTip(m_toolTip);
    }
}

QSet<QString> TrayController::notificationKey() const
{
    QSet<QString> key = m_summary.problems();
    key.insert(overallKey(m_summary.overall()));
    return key;
}

void TrayController::considerNotifying(qint64 nowMs)
{
    // Pausing is the user's own doing: nothing to tell them.
    if (m_summary.overall() == StatusSummary::Overall::Paused)
        return;
    const QSet<QString> key = notificationKey();
    if (key == m_notified) {
        m_pendingSinceMs = -1; // back where the last notification left it
        return;
    }
    if (m_pendingSinceMs < 0 || key != m_pending) {
        m_pending = key;
        m_pendingSinceMs = nowMs;
        if (m_debounceMs > 0)
            return;
    }
    if (nowMs - m_pendingSinceMs < m_debounceMs)
        return;
    notifyChange(std::exchange(m_notified, key), key);
    m_pendingSinceMs = -1;
}

void TrayController::notifyChange(const QSet<QString> &before, const QSet<QString> &after)
{
    QStringList lines;
    const QSet<QString> appeared = after - before;
    const QSet<QString> resolved = before - after;
    const QString edgePrefix = QStringLiteral("edge:");
    const QString hostPrefix = QStringLiteral("host:");
    if (const QStringList e = namesOf(appeared, edgePrefix); !e.isEmpty())
        lines.append(tr("Edges down: %1").arg(e.join(QStringLiteral(", "))));
    if (const QStringList h = namesOf(appeared, hostPrefix); !h.isEmpty())
        lines.append(tr("No edge serves: %1").arg(h.join(QStringLiteral(", "))));
    if (const QStringList e = namesOf(resolved, edgePrefix); !e.isEmpty())
        lines.append(tr("Edges back up: %1").arg(e.join(QStringLiteral(", "))));
    if (const QStringList h = namesOf(resolved, hostPrefix); !h.isEmpty())
        lines.append(tr("Served again: %1").arg(h.join(QStringLiteral(", "))));
    lines.append(tr("Changing DNS: %1").arg(StatusSummary::holderText(m_summary.leaseHolder())));
    const bool bad = m_summary.overall() == StatusSummary::Overall::Outage ||
                     m_summary.overall() == StatusSummary::Overall::NotActing;
    qCInfo(lcGui).noquote() << "notifying:" << m_summary.headline();
    m_notifier.notify(m_summary.headline(), lines.join(QLatin1Char('\n')),
                      bad ? TrayNotifier::Urgency::Critical : TrayNotifier::Urgency::Normal);
}

void TrayController::watchWindow(QWidget *window)
{
    m_window = window;
    window->installEventFilter(this);
}

bool TrayController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_menu.get() && event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (watched == m_window && event->type() == QEvent::Close && event->spontaneous()) {
        // Only the user's own close (the title bar, the window manager);
        // quitting closes the window programmatically and must go through.
        if (keepRunningOnClose()) {
            m_window->hide();
            event->ignore();
            return true;
        }
        emit quitRequested();
    }
    return QObject::eventFilter(watched, event);
}

bool TrayController::keepRunningOnClose()
{
    if (m_tray)
        return true;
    // Without a tray a hidden window cannot be brought back from here:
    // ask, once per session, whether monitoring goes on.
    if (!m_askedAboutBackground) {
        const auto answer = QMessageBox::question(
            m_window, tr("Keep monitoring?"),
            tr("Your desktop has no system tray. Keep Kokoa monitoring in the background after "
               "the window closes? Alerts arrive as desktop notifications; start Kokoa again to "
               "see the window."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        m_askedAboutBackground = true;
        m_keepInBackground = answer == QMessageBox::Yes;
    }
    return m_keepInBackground;
}

} // namespace kokoa::gui
