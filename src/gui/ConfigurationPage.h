#pragma once

#include "gui/HostsPage.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;

namespace kokoa::gui {

class DeployDialog;
class RoutesPage;
class Session;
class ProvidersPage;
class ZonesPage;

// The configuration tab: DNS zones, origins, edges and hostnames, one inner
// tab each, and "Deploy…" to bring the hosts in line with them.
class ConfigurationPage final : public QWidget
{
    Q_OBJECT

public:
    explicit ConfigurationPage(Session &session, QWidget *parent = nullptr);
    ~ConfigurationPage() override;

    ZonesPage &zones() { return *m_zones; }
    ProvidersPage &providers() { return *m_providers; }
    HostsPage &origins() { return *m_origins; }
    HostsPage &edges() { return *m_edges; }
    RoutesPage &routes() { return *m_routes; }

    // Given to the origins and edges pages: how a new host is contacted.
    void setAddHostHandler(const HostsPage::AddHostHandler &handler);

    // Opens (or raises) the deploy dialog.
    DeployDialog *openDeployDialog();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    Session &m_session;
    QTabWidget *m_tabs;
    ZonesPage *m_zones;
    HostsPage *m_origins;
    HostsPage *m_edges;
    RoutesPage *m_routes;
    ProvidersPage *m_providers;
    QLabel *m_hint;
    QPushButton *m_deploy;
    QPointer<DeployDialog> m_deployDialog;
};

} // namespace kokoa::gui
