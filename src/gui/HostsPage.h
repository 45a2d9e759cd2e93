#pragma once

#include "gui/TablePage.h"

class QPushButton;

namespace kokoa::gui {

class EdgeDialog;

// The origins (home servers) or the edges, with their SSH address, tunnel
// address and deploy state; change an edge (as `kokoactl edge update`), remove
// one (as `kokoactl origin remove` / `edge remove`).
//
// Adding a host needs a first SSH contact with the host key confirmed by the
// user: that is the host contact form's work. The page calls the add-host
// handler the shell gives it (setAddHostHandler) and hides "Add…" without one.
class HostsPage final : public TablePage
{
    Q_OBJECT

public:
    enum class Kind
    {
        Origin,
        Edge,
    };
    using AddHostHandler = std::function<void(Kind kind, QWidget *parent)>;

    HostsPage(Session &session, Kind kind, QWidget *parent = nullptr);
    ~HostsPage() override;

    void setAddHostHandler(AddHostHandler handler);

    void reload() override;
    // Edges only: the change dialog, opened window-modal.
    EdgeDialog *editSelected();
    bool removeSelected();

protected:
    void retranslate() override;

private:
    void addHost();

    Kind m_kind;
    AddHostHandler m_addHost;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
};

} // namespace kokoa::gui
