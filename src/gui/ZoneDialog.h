#pragma once

#include "app/TaskJob.h"
#include "app/ZoneService.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;

namespace kokoa::gui {

class Session;

// Adds a DNS zone (provider, API token or TSIG key), or replaces a stored
// zone's secret, through app/ZoneService as `kokoactl zone add` and
// `zone set-secret` do. The provider is asked whether the secret works on a
// thread of its own (app/TaskJob); a refused secret stores nothing and the
// dialog stays open with the reason.
class ZoneDialog final : public QDialog
{
    Q_OBJECT

public:
    // forSecret: the stored zone whose secret is replaced; none to add a zone.
    ZoneDialog(Session &session, std::optional<Zone> forSecret, QWidget *parent = nullptr);
    ~ZoneDialog() override;

    // ZoneCredentialCheck::run unless set (tests use their own).
    void setCredentialCheck(app::ZoneService::CredentialCheck check) { m_check = std::move(check); }

    // Checks the fields, then starts the credential check and store.
    void accept() override;
    bool isBusy() const { return m_job; }
    QString message() const;

signals:
    // The check and store ended (accepted or not).
    void settled();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Outcome
    {
        std::optional<Error> error;
    };
    Result<Zone> zone() const;
    void updateProviderFields();
    void finish(const Outcome &outcome);
    // Under the fields: the check under way or why nothing was saved.
    void showState();
    void retranslate();

    Session &m_session;
    std::optional<Zone> m_forSecret;
    app::ZoneService::CredentialCheck m_check;
    QPointer<TaskJob> m_job;
    QFormLayout *m_form;
    QLineEdit *m_name;
    QComboBox *m_provider;
    QLineEdit *m_apiBase;
    QLineEdit *m_server;
    QLineEdit *m_tsigName;
    QLineEdit *m_tsigAlgorithm;
    QLineEdit *m_secret;
    QLabel *m_problem;
    QString m_refusal; // the last refusal's message
    QDialogButtonBox *m_buttons;
};

} // namespace kokoa::gui
