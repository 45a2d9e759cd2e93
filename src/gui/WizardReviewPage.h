#pragma once

#include <QWizardPage>

class QLabel;
class QTreeWidget;

namespace kokoa::gui {

class Session;

// What the deploy will install where, before anything is installed: every
// host with the files rendered for it (path and mode) and the notes the
// renderers left (app/HostPreview), then the hostnames and the edges their
// DNS answers will hold.
class WizardReviewPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit WizardReviewPage(Session &session, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

protected:
    void changeEvent(QEvent *event) override;

private:
    void reload();
    void retranslate();

    Session &m_session;
    QTreeWidget *m_tree;
    QLabel *m_problem;
    bool m_renderable = false;
};

} // namespace kokoa::gui
