#pragma once

#include "core/Error.h"

#include <QString>

class QLabel;

namespace kokoa::gui {

// What the wizard's pages share for showing a problem next to a field: the
// message in words (never colour alone), hidden when there is none.
void showFieldMessage(QLabel *label, const QString &message);
inline void clearFieldMessage(QLabel *label)
{
    showFieldMessage(label, {});
}
// An outcome line under a form: the message, and whether it is good news.
void showOutcome(QLabel *label, const QString &message, bool ok);

} // namespace kokoa::gui
