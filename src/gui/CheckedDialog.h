#pragma once

#include "app/TaskJob.h"
#include "core/Result.h"

#include <QDialog>
#include <QPointer>

#include <functional>

class QDialogButtonBox;
class QLabel;

namespace kokoa {
class Store;
} // namespace kokoa

namespace kokoa::gui {

class Session;

// A dialog whose OK stores something only once a remote party accepted it
// (a DNS provider's credentials, a VPS provider's token): the asking and
// storing run on a thread of their own (app/TaskJob) with a database
// connection of their own. While it runs OK is disabled and the dialog says
// what it is waiting for; a refusal stores nothing and leaves the dialog
// open with the reason; success reloads the configuration and closes it.
class CheckedDialog : public QDialog
{
    Q_OBJECT

public:
    ~CheckedDialog() override;

    bool isBusy() const { return m_job; }
    // Under the fields: the check under way or why nothing was saved.
    QString message() const;

signals:
    // The check and store ended (accepted or not).
    void settled();

protected:
    // The work of one OK, given a store of its own; runs off the GUI thread.
    using StoreTask = std::function<Status(Store &store)>;

    CheckedDialog(Session &session, QWidget *parent);

    // What the dialog says while the task runs (translated by the caller).
    virtual QString waitingText() const = 0;
    // Called on a language change.
    virtual void retranslate() = 0;
    void changeEvent(QEvent *event) override;
    // Starts the task unless one is running.
    void runChecked(StoreTask task);
    // Nothing was asked: the fields were refused.
    void refuse(const QString &reason);
    void showState();

    QLabel *problemLabel() const { return m_problem; }
    QDialogButtonBox *buttons() const { return m_buttons; }
    Session &m_session;

private:
    void finish(const std::optional<Error> &error);

    QPointer<TaskJob> m_job;
    QLabel *m_problem;
    QString m_refusal; // the last refusal's message
    QDialogButtonBox *m_buttons;
};

} // namespace kokoa::gui
