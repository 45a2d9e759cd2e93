#pragma once

#include "app/Job.h"
#include "deploy/Deployer.h"

#include <optional>

namespace kokoa {

// A deployment (Deployer) as a Job: progress for every host and step as it
// happens, cancel() between steps (a host whose files are being replaced
// still gets the whole set, see Deployer), and finished() with each host's
// result and typed error. A deploy that brought the edges in line then
// orders the certificates missing for hostnames routed with TLS on
// (app/CertificateAutoIssue; nothing without an ACME account): each is a
// progress line ("certificate NAME"), and what was issued reaches the edges
// with a second deploy whose lines follow. The result stays the first
// deploy's: a certificate that could not be ordered leaves its route on
// HTTP, which the renewer retries.
//
// The job opens its own connection to the database on its worker thread (the
// database rule in store/Database.h): the caller's connection stays free, and
// nothing of the caller's is touched from another thread.
class DeployJob final : public Job
{
    Q_OBJECT

public:
    DeployJob(QString databasePath, QString dataDir, DeployRequest request,
              QObject *parent = nullptr);
    ~DeployJob() override;

    // Before start(): how hosts are reached (SSH unless set; tests script them).
    void setConnector(Deployer::Connector connector) { m_connector = std::move(connector); }

    // Before start(): false leaves the missing certificates to the renewer,
    // for a deploy that must touch its hosts alone (an automatic profile
    // switch redeploys one edge, not every edge after a CA order).
    void setOrderMissingCertificates(bool order) { m_orderCertificates = order; }

    // False when the job has been started before: a job runs once.
    bool start();

    // After finished(): the same result it carried.
    const std::optional<Result<DeploySummary>> &result() const { return m_result; }

signals:
    void progress(const kokoa::DeployProgress &progress);
    // The run as a whole failed (nothing to deploy, the database), or each
    // host's result, ok or with its Error.
    void finished(const kokoa::Result<kokoa::DeploySummary> &result);

private:
    QString m_databasePath;
    QString m_dataDir;
    DeployRequest m_request;
    Deployer::Connector m_connector = Deployer::sshConnector();
    bool m_orderCertificates = true;
    std::optional<Result<DeploySummary>> m_result;
};

} // namespace kokoa
