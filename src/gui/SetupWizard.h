#pragma once

#include "deploy/Deployer.h"

#include <QWizard>

namespace kokoa {
class Store;
}

namespace kokoa::gui {

class Session;
class WizardDeployPage;

// The setup wizard: from nothing to two edges serving their hostnames with
// DNS failover, one step per page (zone, origin, edges, hostnames, review,
// deploy, done). Every page validates before Next and says why not. What is
// done is stored as it is done, so leaving and starting again resumes at the
// first page whose work the store does not hold yet.
class SetupWizard final : public QWizard
{
    Q_OBJECT

public:
    enum PageId
    {
        ZonePage,
        OriginPage,
        EdgesPage,
        RoutesPage,
        ReviewPage,
        DeployPage,
        DonePage,
    };

    explicit SetupWizard(Session &session, QWidget *parent = nullptr);
    ~SetupWizard() override;

    // The page to start (or resume) at, from what the store holds: a zone,
    // an origin, two edges, a hostname, every host deployed.
    static PageId resumePage(Store &store);
    // Whether the wizard should be shown at start: the configuration lacks a
    // step, or it is complete but no host has been deployed yet. Once the
    // first deploy reached a host, a host added or left undeployed later is
    // the main window's business, not a reason to lead through the setup again.
    static bool needed(Store &store);

    // Before the deploy page runs: how hosts are reached (tests script them).
    void setDeployConnector(Deployer::Connector connector);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    WizardDeployPage *m_deployPage;
};

} // namespace kokoa::gui
