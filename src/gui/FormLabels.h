#pragma once

#include <QStringList>

class QFormLayout;

namespace kokoa::gui {

// Gives a form's rows, in order, these label texts (with their & mnemonic)
// and makes each label the buddy of its field. The rows' labels are QLabels.
void labelFormRows(QFormLayout *form, const QStringList &labels);

} // namespace kokoa::gui
