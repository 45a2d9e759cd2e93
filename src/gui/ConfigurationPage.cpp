#include "gui/ConfigurationPage.h"

#include "gui/DeployDialog.h"
#include "gui/ProvidersPage.h"
#include "gui/RoutesPage.h"
#include "gui/Session.h"
#include "gui/ZonesPage.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

namespace kokoa::gui {

ConfigurationPage::ConfigurationPage(Session &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_tabs(new QTabWidget(this))
    , m_zones(new ZonesPage(session, this))
    , m_origins(new HostsPage(session, HostsPage::Kind::Origin, this))
    , m_edges(new HostsPage(session, HostsPage::Kind::Edge, this))
    , m_routes(new RoutesPage(session, this))
    , m_providers(new ProvidersPage(session, this))
    , m_hint(new QLabel(this))
    , m_deploy(new QPushButton(this))
{
    setObjectName(QStringLiteral("configurationPage"));
    m_deploy->setObjectName(QStringLiteral("deploy"));
    m_hint->setWordWrap(true);
    for (QWidget *page : QList<QWidget *>{m_zones, m_origins, m_edges, m_routes, m_providers})
        m_tabs->addTab(page, QString());
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_hint, 1);
    bottom->addWidget(m_deploy);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(bottom);
    connect(m_deploy, &QPushButton::clicked, this, &ConfigurationPage::openDeployDialog);
    retranslate();
}

ConfigurationPage::~ConfigurationPage() = default;

void ConfigurationPage::setAddHostHandler(const HostsPage::AddHostHandler &handler)
{
    m_origins->setAddHostHandler(handler);
    m_edges->setAddHostHandler(handler);
}

DeployDialog *ConfigurationPage::openDeployDialog()
{
    if (!m_deployDialog) {
        m_deployDialog = new DeployDialog(m_session, this);
        m_deployDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_deployDialog->show();
    m_deployDialog->raise();
    m_deployDialog->activateWindow();
    return m_deployDialog;
}

void ConfigurationPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ConfigurationPage::retranslate()
{
    m_tabs->setTabText(0, tr("DNS zones"));
    m_tabs->setTabText(1, tr("Origins"));
    m_tabs->setTabText(2, tr("Edges"));
    m_tabs->setTabText(3, tr("Hostnames"));
    m_tabs->setTabText(4, tr("VPS providers"));
    m_hint->setText(tr("Changes take effect on the hosts at the next deploy."));
    m_deploy->setText(tr("&Deploy…"));
}

} // namespace kokoa::gui
