#pragma once

#include "app/ZoneService.h"
#include "core/Result.h"
#include "gui/WizardSupport.h"

#include <QWizardPage>

#include <memory>

namespace Ui {
class WizardZonePage;
}

namespace kokoa {
class TaskJob;
}

namespace kokoa::gui {

class Session;

// The wizard's first page: the DNS zone the hostnames live in, its provider
// and credentials. "Test access" asks the provider off the GUI thread (a
// TaskJob) and lists the zone's address records; Next stores the zone
// (app/ZoneService) once the very inputs that were tested work. A zone
// already stored (a resumed setup) completes the page by itself.
class WizardZonePage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit WizardZonePage(Session &session, QWidget *parent = nullptr);
    ~WizardZonePage() override;

    QString blockedReason() const;
    bool isTesting() const { return m_test != nullptr; }

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

protected:
    void changeEvent(QEvent *event) override;

private:
    Result<Zone> zoneFromInputs() const;
    QByteArray secret() const;
    QString inputKey() const;
    bool formEmpty() const;
    void validateFields();
    void inputsChanged();
    void startTest();
    void testFinished();
    void showExisting();
    void retranslate();

    Session &m_session;
    std::unique_ptr<Ui::WizardZonePage> m_ui;
    TaskJob *m_test = nullptr; // owned while running, then deleteLater()
    QString m_testedKey;       // the inputs the last successful test was for
    QStringList m_storedZones;
    StatusLine m_status;
};

} // namespace kokoa::gui
