#pragma once

#include <QString>

namespace kokoa::gui {

// Where the tray's notifications go: the desktop's notification service in
// the application, a recorder in tests.
class TrayNotifier
{
public:
    enum class Urgency
    {
        Normal,
        Critical
    };

    virtual ~TrayNotifier() = default;
    virtual void notify(const QString &title, const QString &text, Urgency urgency) = 0;
};

} // namespace kokoa::gui
