#pragma once

#include "gui/TablePage.h"
#include "store/ProviderRecord.h"

class QPushButton;

namespace kokoa::gui {

class ProviderDialog;

// The VPS providers new edges come from (Hetzner Cloud, DigitalOcean, Vultr
// or your own commands), with the template of their servers and how many
// servers Kokoa has there; add and remove, as `kokoactl provider add|rm` do.
class ProvidersPage final : public TablePage
{
    Q_OBJECT

public:
    explicit ProvidersPage(Session &session, QWidget *parent = nullptr);
    ~ProvidersPage() override;

    void reload() override;
    ProviderDialog *addProvider();
    bool removeSelected();

protected:
    void retranslate() override;

private:
    static QString kindText(const QString &kind);
    QString templateText(const ProviderRecord &provider) const;

    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace kokoa::gui
