#pragma once

#include "gui/TrayNotifier.h"

#include <QPointer>

class QSystemTrayIcon;

namespace kokoa::gui {

// Notifications through the desktop's notification service
// (org.freedesktop.Notifications on the session bus), which also works where
// no tray exists. Without that service the tray icon's balloon is used, when
// there is one; otherwise the notification is only logged.
class TrayDesktopNotifier final : public TrayNotifier
{
public:
    explicit TrayDesktopNotifier(QSystemTrayIcon *fallback = nullptr);
    void setFallback(QSystemTrayIcon *fallback) { m_fallback = fallback; }

    void notify(const QString &title, const QString &text, Urgency urgency) override;

private:
    bool viaDBus(const QString &title, const QString &text, Urgency urgency);

    QPointer<QSystemTrayIcon> m_fallback;
    uint m_lastId = 0; // replaced by the next one, so only the newest stays on screen
};

} // namespace kokoa::gui
