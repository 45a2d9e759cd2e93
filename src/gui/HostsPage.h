#pragma once

#include "gui/TablePage.h"

class QPushButton;

namespace kokoa::gui {

class CertificateRekey;
class EdgeDialog;

// The origins (home servers) or the edges, with their SSH address, tunnel
// address and deploy state; change an edge (as `kokoactl edge update`), remove
// one (as `kokoactl origin remove` / `edge remove`, with the re-key of the
// certificates whose keys a removed edge held).
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
    // After an edge removal that left certificate keys on its server: the
    // re-key under way (see releaseCertificates).
    bool isRekeying() const;

protected:
    void retranslate() override;

private:
    void addHost();
    // As `kokoactl edge remove`: the removed edge no longer holds its
    // certificates; their keys are re-keyed, at once when the setting says
    // so, else when the user agrees.
    void releaseCertificates(const QString &edge);

    Kind m_kind;
    AddHostHandler m_addHost;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    CertificateRekey *m_rekey; // a child
};

} // namespace kokoa::gui
