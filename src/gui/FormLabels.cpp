#include "gui/FormLabels.h"

#include <QFormLayout>
#include <QLabel>

namespace kokoa::gui {

void labelFormRows(QFormLayout *form, const QStringList &labels)
{
    for (int i = 0; i < labels.size(); ++i) {
        auto *label = qobject_cast<QLabel *>(form->itemAt(i, QFormLayout::LabelRole)->widget());
        label->setText(labels.at(i));
        label->setBuddy(form->itemAt(i, QFormLayout::FieldRole)->widget());
    }
}

} // namespace kokoa::gui
