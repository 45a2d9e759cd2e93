#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "gui/WizardSupport.h"
#include "ssh/HostKeyCheck.h"

#include <QWidget>

#include <memory>
#include <optional>

namespace Ui {
class HostContactForm;
}

namespace kokoa::app {
class OnboardingJob;
}

namespace kokoa::gui {

class Session;

// First contact with a new origin or edge, as a form: its name, SSH address
// (and for an edge its public IP), how to log in (a key file, or a password
// used once and then forgotten), then "Connect and test". The host's key
// fingerprint is shown for the user to accept or refuse before anything
// runs on the host; once accepted, Kokoa's own key is installed, the login
// with it proven, and the host stored with the fingerprint pinned
// (app/HostEnrolment). The SSH work runs in an app/OnboardingJob.
// The wizard's origin and edge pages use it, and so can any "add" dialog.
class HostContactForm final : public QWidget
{
    Q_OBJECT

public:
    enum class Role
    {
        Origin,
        Edge,
    };

    HostContactForm(Session &session, Role role, QWidget *parent = nullptr);
    ~HostContactForm() override;

    Role role() const { return m_role; }
    // A contact is under way (the job runs or waits for an answer).
    bool isBusy() const { return m_job != nullptr; }
    // Empties the fields for the next host (not while busy).
    void clear();
    // The last outcome or problem, as shown under the form.
    QString statusText() const;

signals:
    void busyChanged(bool busy);
    // The host was reached, Kokoa's key installed and the host stored.
    void hostAdded(const QString &name);
    // The fingerprint is waiting for the user's answer.
    void hostKeyShown(const QString &fingerprint);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Pending
    {
        Origin origin;
        Edge edge;
        QString name;
        QString label; // "origin home", "edge tokyo-1": the job's and the log's
    };

    void validateInline();
    Result<Pending> readInputs() const;
    void connectAndTest();
    void showQuestion(const HostKeyQuestion &question);
    QString questionText() const;
    void answer(HostKeyDecision decision);
    void finish(const Result<QString> &fingerprint);
    void setBusy(bool busy);
    void chooseIdentity();
    void retranslate();

    Session &m_session;
    Role m_role;
    std::unique_ptr<Ui::HostContactForm> m_ui;
    app::OnboardingJob *m_job = nullptr; // owned while running, then deleteLater()
    Pending m_pending;
    std::optional<HostKeyQuestion> m_question; // the one shown, open
    StatusLine m_status;
};

} // namespace kokoa::gui
