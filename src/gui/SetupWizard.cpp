#include "gui/SetupWizard.h"

#include "gui/GuiResources.h"
#include "gui/Session.h"
#include "gui/WizardDeployPage.h"
#include "gui/WizardDonePage.h"
#include "gui/WizardHostPage.h"
#include "gui/WizardReviewPage.h"
#include "gui/WizardRoutePage.h"
#include "gui/WizardZonePage.h"
#include "store/Store.h"

#include <QEvent>
#include <QIcon>

#include <algorithm>

namespace kokoa::gui {

SetupWizard::SetupWizard(Session &session, QWidget *parent)
    : QWizard(parent)
    , m_deployPage(new WizardDeployPage(session, this))
{
    registerResources();
    setObjectName(QStringLiteral("setupWizard"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/kokoa.svg")));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setPage(ZonePage, new WizardZonePage(session, this));
    setPage(OriginPage, new WizardHostPage(session, HostContactForm::Role::Origin, this));
    setPage(EdgesPage, new WizardHostPage(session, HostContactForm::Role::Edge, this));
    setPage(RoutesPage, new WizardRoutePage(session, this));
    setPage(ReviewPage, new WizardReviewPage(session, this));
    setPage(DeployPage, m_deployPage);
    setPage(DonePage, new WizardDonePage(session, this));
    setStartId(resumePage(session.store()));
    setMinimumSize(780, 660);
    retranslate();
}

SetupWizard::~SetupWizard() = default;

SetupWizard::PageId SetupWizard::resumePage(Store &store)
{
    const Result<Topology> t = store.topology();
    if (!t || t->zones.isEmpty())
        return ZonePage;
    if (t->origins.isEmpty())
        return OriginPage;
    if (t->edges.size() < 2)
        return EdgesPage;
    if (t->routes.isEmpty())
        return RoutesPage;
    const auto deployed = [](const auto &host) { return host.state == HostState::Deployed; };
    if (!std::all_of(t->origins.cbegin(), t->origins.cend(), deployed) ||
        !std::all_of(t->edges.cbegin(), t->edges.cend(), deployed))
        return ReviewPage;
    return DonePage;
}

bool SetupWizard::needed(Store &store)
{
    const PageId page = resumePage(store);
    if (page != ReviewPage)
        return page != DonePage;
    const Result<Topology> t = store.topology();
    if (!t)
        return true;
    const auto deployed = [](const auto &host) { return host.state == HostState::Deployed; };
    return std::none_of(t->origins.cbegin(), t->origins.cend(), deployed) &&
           std::none_of(t->edges.cbegin(), t->edges.cend(), deployed);
}

void SetupWizard::setDeployConnector(Deployer::Connector connector)
{
    m_deployPage->setConnector(std::move(connector));
}

void SetupWizard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWizard::changeEvent(event);
}

void SetupWizard::retranslate()
{
    setWindowTitle(tr("Kokoa setup"));
    // Qt's own translation of these may be missing or not follow a change.
    setButtonText(QWizard::BackButton, tr("< &Back"));
    setButtonText(QWizard::NextButton, tr("&Next >"));
    setButtonText(QWizard::CommitButton, tr("&Next >"));
    setButtonText(QWizard::CancelButton, tr("Cancel"));
    setButtonText(QWizard::FinishButton, tr("&Open Kokoa"));
}

} // namespace kokoa::gui
