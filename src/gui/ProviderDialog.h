#pragma once

#include "gui/CheckedDialog.h"

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLineEdit;

namespace kokoa::gui {

// Adds a VPS provider (its kind, API token and the template of the servers
// Kokoa makes there) through app/ProviderService, as `kokoactl provider add`
// does. The provider is asked whether the token works before anything is
// stored (CheckedDialog).
class ProviderDialog final : public CheckedDialog
{
    Q_OBJECT

public:
    explicit ProviderDialog(Session &session, QWidget *parent = nullptr);
    ~ProviderDialog() override;

    // Checks the fields, then starts the token check and store.
    void accept() override;

protected:
    QString waitingText() const override;
    void retranslate() override;

private:
    QString kind() const;
    void updateKindFields();

    QFormLayout *m_form;
    QLineEdit *m_name;
    QComboBox *m_kind;
    QLineEdit *m_token;
    QLineEdit *m_apiBase;
    QLineEdit *m_location;
    QLineEdit *m_serverType;
    QLineEdit *m_image;
    QLineEdit *m_createCommand;
    QLineEdit *m_destroyCommand;
    QCheckBox *m_reservedIp; // DigitalOcean only
};

} // namespace kokoa::gui
