#pragma once

#include "app/ZoneService.h"
#include "gui/CheckedDialog.h"

#include <optional>

class QComboBox;
class QFormLayout;
class QLineEdit;

namespace kokoa::gui {

// Adds a DNS zone (provider, API token or TSIG key), or replaces a stored
// zone's secret, through app/ZoneService as `kokoactl zone add` and
// `zone set-secret` do. The provider is asked whether the secret works
// before anything is stored (CheckedDialog).
class ZoneDialog final : public CheckedDialog
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

protected:
    QString waitingText() const override;
    void retranslate() override;

private:
    Result<Zone> zone() const;
    void updateProviderFields();

    std::optional<Zone> m_forSecret;
    app::ZoneService::CredentialCheck m_check;
    QFormLayout *m_form;
    QLineEdit *m_name;
    QComboBox *m_provider;
    QLineEdit *m_apiBase;
    QLineEdit *m_server;
    QLineEdit *m_tsigName;
    QLineEdit *m_tsigAlgorithm;
    QLineEdit *m_secret;
};

} // namespace kokoa::gui
