#include "gui/AddHostDialog.h"

#include "gui/Session.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QPushButton>
#include <QVBoxLayout>

namespace kokoa::gui {

AddHostDialog::AddHostDialog(Session &session, HostContactForm::Role role, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_form(new HostContactForm(session, role, this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &AddHostDialog::reject);
    connect(m_form, &HostContactForm::busyChanged, this,
            [this](bool busy) { m_buttons->button(QDialogButtonBox::Close)->setEnabled(!busy); });
    connect(m_form, &HostContactForm::hostAdded, this, [this](const QString &name) {
        m_added = name;
        m_session.notifyConfigurationChanged();
        accept();
    });
    retranslate();
}

void AddHostDialog::reject()
{
    if (m_form->isBusy())
        return;
    QDialog::reject();
}

void AddHostDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void AddHostDialog::retranslate()
{
    setWindowTitle(m_form->role() == HostContactForm::Role::Origin ? tr("Add an origin")
                                                                   : tr("Add an edge"));
}

} // namespace kokoa::gui
