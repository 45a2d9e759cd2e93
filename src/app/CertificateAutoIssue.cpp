#include "app/CertificateAutoIssue.h"

#include "app/AppLogging.h"
#include "app/CertificateService.h"
#include "store/AcmeAccountStore.h"
#include "store/CertificateStore.h"
#include "store/Store.h"

namespace kokoa::app {

CertificateAutoIssue::CertificateAutoIssue(Store &store, QString dataDir)
    : m_store(store)
    , m_dataDir(std::move(dataDir))
{}

Result<QStringList> CertificateAutoIssue::missing() const
{
    const Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    CertificateStore certificates(m_store.database(), m_dataDir);
    const Result<QSet<QString>> held = certificates.certified(*topology);
    if (!held)
        return held.error();
    QStringList out;
    for (const Route &route : topology->routes) {
        if (route.tls != TlsMode::Off && !held->contains(route.hostname) &&
            !out.contains(route.hostname))
            out.append(route.hostname);
    }
    out.sort();
    return out;
}

Result<CertificateAutoIssue::Summary> CertificateAutoIssue::run(const QSet<QString> &skip,
                                                                const std::atomic_bool *cancel)
{
    const Result<QStringList> names = missing();
    if (!names)
        return names.error();
    Summary summary;
    QStringList due;
    for (const QString &name : *names) {
        if (!skip.contains(name))
            due.append(name);
    }
    if (due.isEmpty())
        return summary;
    AcmeAccountStore accounts(m_store.database(), m_dataDir);
    const Result<std::optional<AcmeAccountRecord>> account = accounts.get();
    if (!account)
        return account.error();
    if (!*account) {
        // Certificates were never set up: the routes keep plain HTTP.
        qCInfo(lcApp) << "no ACME account: no certificate ordered for" << due;
        summary.accountMissing = true;
        return summary;
    }
    bool issued = false;
    for (const QString &name : std::as_const(due)) {
        if (cancel && cancel->load())
            break;
        Outcome outcome = issueOne(name, cancel);
        issued = issued || outcome.certificate.has_value();
        summary.outcomes.append(outcome);
    }
    const Result<Topology> topology = m_store.topology();
    if (issued && topology && !topology->edges.isEmpty() && !(cancel && cancel->load())) {
        if (m_progress)
            m_progress(tr("deploying the new certificates to every edge"));
        DeployRequest deploy;
        for (const Edge &edge : topology->edges)
            deploy.edges.append(edge.name);
        Deployer deployer(
            m_store, m_dataDir, m_deployProgress ? m_deployProgress : [](const DeployProgress &) {},
            m_connector);
        summary.deployed = deployer.run(deploy, cancel);
    }
    return summary;
}

CertificateAutoIssue::Outcome CertificateAutoIssue::issueOne(const QString &hostname,
                                                             const std::atomic_bool *cancel)
{
    Outcome outcome;
    outcome.name = hostname;
    CertificateService service(m_store, m_dataDir);
    service.setConnector(m_connector);
    service.setProgress(m_progress);
    service.setOperationTimeoutMs(m_operationTimeoutMs);
    service.setCancel(cancel);
    CertificateService::IssueRequest request;
    request.names = {hostname};
    request.challenge.clear(); // the one its route is set to
    request.deploy = false;    // one deploy for all of them afterwards
    const Result<CertificateService::IssueOutcome> issued = service.issue(request);
    if (issued) {
        outcome.certificate = issued->certificate;
        return outcome; // CertificateService wrote the event
    }
    outcome.error = issued.error();
    qCWarning(lcApp) << "no certificate for" << hostname << ":" << issued.error().message();
    record(outcome);
    return outcome;
}

void CertificateAutoIssue::record(const Outcome &outcome) const
{
    Event event;
    event.category = QStringLiteral("certificate");
    event.subject = outcome.name;
    event.action = QStringLiteral("issue");
    event.reason = tr("its route has TLS on and there was no certificate");
    event.outcome = outcome.error ? outcome.error->message() : QStringLiteral("ok");
    if (Status s = m_store.appendEvent(event); !s)
        qCWarning(lcApp) << s.error().message();
}

} // namespace kokoa::app
