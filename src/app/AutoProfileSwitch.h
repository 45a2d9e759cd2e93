#pragma once

#include "app/DeployJob.h"
#include "health/EdgeLoad.h"

#include <QObject>

#include <memory>

namespace kokoa {

class Store;

// The automatic half of EdgeProfileSwitch: an edge whose load read by the
// monitor is above the setting load.attack_rps (0, the default: never) is
// switched to the under-attack profile and deployed, one edge at a time.
// It never switches back: an attack that ends is the user's to judge
// (`kokoactl edge profile NAME normal`). Fed by Monitor::loadRead, which only
// the lease holder emits, so one process acts. Every switch and its
// deployment leave events.
class AutoProfileSwitch final : public QObject
{
    Q_OBJECT

public:
    AutoProfileSwitch(Store &store, QString dataDir, QObject *parent = nullptr);
    ~AutoProfileSwitch() override;

    // Before the first switch: how hosts are reached (SSH unless set).
    void setConnector(Deployer::Connector connector) { m_connector = std::move(connector); }

    void onLoad(const QString &edge, const kokoa::EdgeLoad &load);
    bool idle() const { return !m_job; }

Q_SIGNALS:
    // The deployment after a switch ended (ok, or the error's text).
    void switched(const QString &edge, bool ok, const QString &detail);

private:
    void deploy(const QString &edge);
    void deployed(const QString &edge, const Result<DeploySummary> &result);
    void logEvent(const QString &edge, const QString &action, const QString &reason,
                  const QString &outcome);

    Store &m_store;
    QString m_dataDir;
    Deployer::Connector m_connector = Deployer::sshConnector();
    std::unique_ptr<DeployJob> m_job;
};

} // namespace kokoa
