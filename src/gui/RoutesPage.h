#pragma once

#include "gui/TablePage.h"

class QPushButton;

namespace kokoa::gui {

class RouteDialog;

// The hostnames (routes): each with its zone, origin and port; add, change
// and remove, as `kokoactl route add|update|rm` do.
class RoutesPage final : public TablePage
{
    Q_OBJECT

public:
    explicit RoutesPage(Session &session, QWidget *parent = nullptr);
    ~RoutesPage() override;

    void reload() override;
    // The dialogs are opened window-modal and returned (tests fill them in).
    RouteDialog *addRoute();
    RouteDialog *editSelected();
    // Asks, then removes the selected hostname. True when it was removed.
    bool removeSelected();

protected:
    void retranslate() override;

private:
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
};

} // namespace kokoa::gui
