#include "gui/TrayDesktopNotifier.h"

#include "gui/GuiLogging.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusReply>
#include <QGuiApplication>
#include <QSystemTrayIcon>
#include <QVariantMap>

namespace kokoa::gui {

namespace {

constexpr int kTimeoutMs = 10000;
// The urgency hint of the notification specification: 1 normal, 2 critical.
constexpr uchar kUrgencyNormal = 1;
constexpr uchar kUrgencyCritical = 2;

} // namespace

TrayDesktopNotifier::TrayDesktopNotifier(QSystemTrayIcon *fallback)
    : m_fallback(fallback)
{}

void TrayDesktopNotifier::notify(const QString &title, const QString &text, Urgency urgency)
{
    if (viaDBus(title, text, urgency))
        return;
    if (m_fallback && m_fallback->isVisible()) {
        m_fallback->showMessage(title, text,
                                urgency == Urgency::Critical ? QSystemTrayIcon::Critical
                                                             : QSystemTrayIcon::Information,
                                kTimeoutMs);
        return;
    }
    qCInfo(lcGui).noquote() << "notification (no notification service):" << title << text;
}

bool TrayDesktopNotifier::viaDBus(const QString &title, const QString &text, Urgency urgency)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.Notifications"),
        QStringLiteral("/org/freedesktop/Notifications"),
        QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("Notify"));
    QVariantMap hints;
    hints.insert(
        QStringLiteral("urgency"),
        QVariant::fromValue(urgency == Urgency::Critical ? kUrgencyCritical : kUrgencyNormal));
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("kokoa"));
    call << QGuiApplication::applicationDisplayName() << m_lastId << QStringLiteral("kokoa")
         << title << text << QStringList() << hints << kTimeoutMs;
    // The service answers at once; a short wait keeps the GUI thread free of
    // a hung service.
    const QDBusReply<uint> reply = bus.call(call, QDBus::Block, 500);
    if (!reply.isValid()) {
        qCDebug(lcGui) << "notification service:" << reply.error().message();
        return false;
    }
    m_lastId = reply.value();
    return true;
}

} // namespace kokoa::gui
