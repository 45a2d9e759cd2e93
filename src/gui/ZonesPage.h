#pragma once

#include "app/ZoneService.h"
#include "gui/TablePage.h"

class QPushButton;

namespace kokoa::gui {

class ZoneDialog;

// The DNS zones with their provider and whether their secret is stored; add,
// replace the secret, remove, as `kokoactl zone add|set-secret|rm` do.
class ZonesPage final : public TablePage
{
    Q_OBJECT

public:
    explicit ZonesPage(Session &session, QWidget *parent = nullptr);
    ~ZonesPage() override;

    // Given to every dialog this page opens (tests use their own).
    void setCredentialCheck(app::ZoneService::CredentialCheck check) { m_check = std::move(check); }

    void reload() override;
    ZoneDialog *addZone();
    ZoneDialog *replaceSecret();
    bool removeSelected();

protected:
    void retranslate() override;

private:
    static QString providerText(DnsProvider provider);
    ZoneDialog *openDialog(std::optional<Zone> forSecret);

    app::ZoneService::CredentialCheck m_check;
    QList<app::ZoneService::Listed> m_zones;
    QPushButton *m_add;
    QPushButton *m_secret;
    QPushButton *m_remove;
};

} // namespace kokoa::gui
