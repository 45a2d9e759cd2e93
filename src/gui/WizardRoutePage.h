#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "gui/WizardSupport.h"

#include <QWizardPage>

#include <memory>

class QLabel;

namespace Ui {
class WizardRoutePage;
}

namespace kokoa::gui {

class Session;

// The wizard's hostnames: which hostname is served by which origin's port,
// whether it carries WebSockets, and the path its health check asks for.
// Each field is checked as it is typed, by the rules and with the messages
// of `kokoactl route add`, and the message stands next to the field. Routes
// are stored as `route add` stores them (Store::addRoute).
class WizardRoutePage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit WizardRoutePage(Session &session, QWidget *parent = nullptr);
    ~WizardRoutePage() override;

    QString blockedReason() const;

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Checked
    {
        Route route;
        QString hostnameError, portError, healthPathError, otherError;
        bool ok() const
        {
            return hostnameError.isEmpty() && portError.isEmpty() && healthPathError.isEmpty() &&
                   otherError.isEmpty();
        }
    };

    Checked check(bool requireAll) const;
    bool formEmpty() const;
    void validateInline();
    bool addRoute();
    void reload();
    void retranslate();

    Session &m_session;
    std::unique_ptr<Ui::WizardRoutePage> m_ui;
    Topology m_topology;
    StatusLine m_status;
};

} // namespace kokoa::gui
