#pragma once

#include "deploy/Deployer.h"
#include "store/CertificateRecord.h"

#include <QCoreApplication>
#include <QSet>

#include <atomic>
#include <functional>
#include <optional>

namespace kokoa {
class Store;
} // namespace kokoa

namespace kokoa::app {

// Certificates nobody has to ask for: every hostname routed with TLS on
// (--tls http-01 or dns-01) that has no certificate yet gets one, ordered
// with the challenge its route is set to. A deploy runs it once the hosts
// are in line (HTTP-01 needs the edges to serve the challenge path), and the
// renewer of the lease holder runs it with every look, so a missing
// certificate counts as due. Without an ACME account nothing is ordered and
// the routes stay on plain HTTP, as before. Each hostname is a lineage of
// its own: one that fails leaves the others alone. What was issued reaches
// the edges with one deploy at the end. Blocks its caller like
// CertificateService.
class CertificateAutoIssue final
{
    Q_DECLARE_TR_FUNCTIONS(CertificateAutoIssue)

public:
    struct Outcome
    {
        QString name;
        QString challenge;
        std::optional<CertificateRecord> certificate; // issued and stored
        std::optional<Error> error;
    };

    struct Summary
    {
        bool accountMissing = false; // hostnames were missing, but there is no account
        QList<Outcome> outcomes;
        // The deploy that carried what was issued to the edges (none when
        // nothing was issued).
        std::optional<Result<DeploySummary>> deployed;
    };

    CertificateAutoIssue(Store &store, QString dataDir);

    void setConnector(Deployer::Connector connector) { m_connector = std::move(connector); }
    void setProgress(std::function<void(const QString &)> progress)
    {
        m_progress = std::move(progress);
    }
    void setDeployProgress(ProgressSink sink) { m_deployProgress = std::move(sink); }
    void setOperationTimeoutMs(int ms) { m_operationTimeoutMs = ms; }

    // Hostnames routed with TLS on that have no certificate, sorted.
    Result<QStringList> missing() const;

    // Orders a certificate for each missing hostname not in skip; stops
    // before the next hostname once cancel is set. An error only when
    // nothing could be looked at (the database).
    Result<Summary> run(const QSet<QString> &skip = {}, const std::atomic_bool *cancel = nullptr);

private:
    Outcome issueOne(const QString &hostname, const std::atomic_bool *cancel);
    void record(const Outcome &outcome) const;

    Store &m_store;
    QString m_dataDir;
    Deployer::Connector m_connector = Deployer::sshConnector();
    std::function<void(const QString &)> m_progress;
    ProgressSink m_deployProgress;
    int m_operationTimeoutMs = 5 * 60 * 1000;
};

} // namespace kokoa::app
