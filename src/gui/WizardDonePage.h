#pragma once

#include <QWizardPage>

class QLabel;
class QTreeWidget;

namespace kokoa::gui {

class Session;

// The end of the setup: every edge, origin and hostname with its state as
// far as it is known (deployed or not; the health the monitors published,
// read through HealthView), in words and with an icon.
class WizardDonePage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit WizardDonePage(Session &session, QWidget *parent = nullptr);

    void initializePage() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void retranslate();

    Session &m_session;
    QTreeWidget *m_tree;
    QLabel *m_note;
};

} // namespace kokoa::gui
