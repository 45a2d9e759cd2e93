#pragma once

#include "gui/HostContactForm.h"

#include <QWizardPage>

class QLabel;
class QListWidget;

namespace kokoa::gui {

// The wizard's origin page and its edges page: the hosts of that kind stored
// so far, and a HostContactForm to add the next one. Complete once enough
// are stored (one origin; two edges, so DNS has one to fail over to).
class WizardHostPage final : public QWizardPage
{
    Q_OBJECT

public:
    WizardHostPage(Session &session, HostContactForm::Role role, QWidget *parent = nullptr);

    HostContactForm *form() const { return m_form; }
    int storedCount() const { return m_names.size(); }
    // Why Next is disabled, as shown on the page; empty when it is not.
    QString blockedReason() const;

    void initializePage() override;
    bool isComplete() const override;

protected:
    void changeEvent(QEvent *event) override;

private:
    int needed() const { return m_role == HostContactForm::Role::Edge ? 2 : 1; }
    void reload();
    void retranslate();

    Session &m_session;
    HostContactForm::Role m_role;
    QListWidget *m_list;
    QLabel *m_listLabel;
    QLabel *m_blocked;
    HostContactForm *m_form;
    QStringList m_names;
};

} // namespace kokoa::gui
