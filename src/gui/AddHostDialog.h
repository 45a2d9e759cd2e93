#pragma once

#include "gui/HostContactForm.h"

#include <QDialog>

class QDialogButtonBox;

namespace kokoa::gui {

class Session;

// "Add origin…" / "Add edge…" from the main window: the wizard's host
// contact form in a dialog. It closes once the host is stored, and cannot be
// closed while a contact is under way (the host-key question is open or the
// key is being installed): cancelling mid-way would leave the user unsure
// what ran on the host.
class AddHostDialog final : public QDialog
{
    Q_OBJECT

public:
    AddHostDialog(Session &session, HostContactForm::Role role, QWidget *parent = nullptr);

    HostContactForm *form() const { return m_form; }
    // The name of the host stored, empty until then.
    const QString &addedHost() const { return m_added; }

    void reject() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    Session &m_session;
    HostContactForm *m_form;
    QDialogButtonBox *m_buttons;
    QString m_added;
};

} // namespace kokoa::gui
