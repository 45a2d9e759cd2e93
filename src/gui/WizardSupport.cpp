#include "gui/WizardSupport.h"

#include <QApplication>
#include <QLabel>
#include <QStyle>

namespace kokoa::gui {

void showFieldMessage(QLabel *label, const QString &message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
    // Red as a second cue; the words carry the meaning.
    label->setStyleSheet(QStringLiteral("color: #b00020;"));
}

void showOutcome(QLabel *label, const QString &message, bool ok)
{
    label->setText((ok ? QStringLiteral("✔ ") : QStringLiteral("✖ ")) + message);
    label->setVisible(!message.isEmpty());
    label->setStyleSheet(ok ? QString() : QStringLiteral("color: #b00020;"));
}

} // namespace kokoa::gui
