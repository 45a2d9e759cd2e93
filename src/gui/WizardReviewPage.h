#pragma once

#include "app/TaskJob.h"

#include <QPointer>
#include <QWizardPage>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace kokoa::gui {

class Session;

// What the deploy will install where, before anything is installed: every
// host with the files rendered for it (path and mode) and the notes the
// renderers left (app/HostPreview), then the hostnames and the edges their
// DNS answers will hold. The hosts are rendered on a worker thread with its
// own database connection; until then each host says so.
class WizardReviewPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit WizardReviewPage(Session &session, QWidget *parent = nullptr);
    ~WizardReviewPage() override;

    void initializePage() override;
    bool isComplete() const override;
    // Whether the hosts' files are still being rendered.
    bool isRendering() const { return m_job != nullptr; }

protected:
    void changeEvent(QEvent *event) override;

private:
    struct HostItem
    {
        bool edge = false;
        QString name;
        QTreeWidgetItem *item = nullptr; // in m_tree
    };

    void reload();
    void render(const QList<HostItem> &hosts);
    void retranslate();

    Session &m_session;
    QTreeWidget *m_tree;
    QLabel *m_problem;
    bool m_renderable = false;
    QList<HostItem> m_hosts;
    QPointer<TaskJob> m_job; // the render under way, a child of this page
};

} // namespace kokoa::gui
