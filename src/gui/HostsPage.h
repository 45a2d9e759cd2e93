#pragma once

#include "core/Result.h"
#include "gui/TablePage.h"

class QPushButton;

namespace kokoa::gui {

class CertificateRekey;
class EdgeBurnRunner;
class EdgeDialog;

// The origins (home servers) or the edges, with their SSH address, tunnel
// address and deploy state; change an edge (as `kokoactl edge update`), remove
// one (as `kokoactl origin remove` / `edge remove`, with the re-key of the
// certificates whose keys a removed edge held).
//
// An edge that is attacked, blocked or dead can be burned and replaced (as
// `kokoactl edge burn`), with a fresh server from the provider it came from
// (or the only provider there is, for an edge added by hand).
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
    // Edges only: asks, then burns the selected edge and replaces it.
    bool burnSelected();
    EdgeBurnRunner &burnRunner() { return *m_burner; }

protected:
    void retranslate() override;

private:
    void addHost();
    // As `kokoactl edge remove`: the removed edge no longer holds its
    // certificates; their keys are re-keyed, at once when the setting says
    // so, else when the user agrees.
    void releaseCertificates(const QString &edge);
    // Where the replacement of `edge` comes from, or why there is none.
    Result<QString> replacementProvider(const QString &edge);
    void burnFinished(bool ok, const QString &text);
    void updateBurnButton();

    Kind m_kind;
    AddHostHandler m_addHost;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
    QPushButton *m_burn;
    CertificateRekey *m_rekey; // a child
    EdgeBurnRunner *m_burner;  // a child
};

} // namespace kokoa::gui
