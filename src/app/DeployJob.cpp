#include "app/DeployJob.h"

#include "app/CertificateAutoIssue.h"
#include "store/Store.h"

namespace kokoa {
namespace {

bool coversEdges(const DeployRequest &request)
{
    return request.all || !request.edges.isEmpty();
}

// Once the edges serve the routes (and the HTTP-01 challenge path), the
// hostnames routed with TLS on that have no certificate get one; each
// outcome is a progress line of its own.
void issueMissingCertificates(Store &store, const QString &dataDir,
                              const Deployer::Connector &connector, const ProgressSink &progress,
                              const std::atomic_bool *cancel)
{
    app::CertificateAutoIssue autoIssue(store, dataDir);
    autoIssue.setConnector(connector);
    autoIssue.setDeployProgress(progress);
    const Result<app::CertificateAutoIssue::Summary> summary = autoIssue.run({}, cancel);
    if (!summary) {
        progress({DeployJob::tr("certificates"), DeployJob::tr("certificate"),
                  DeployProgress::State::Failed, summary.error().message()});
        return;
    }
    for (const app::CertificateAutoIssue::Outcome &o : summary->outcomes) {
        const QString host = DeployJob::tr("certificate %1").arg(o.name);
        if (o.certificate)
            progress({host, DeployJob::tr("certificate"), DeployProgress::State::Changed,
                      DeployJob::tr("issued, serial %1").arg(o.certificate->serial)});
        else
            progress({host, DeployJob::tr("certificate"), DeployProgress::State::Failed,
                      o.error ? o.error->message() : QString()});
    }
}

// On the job's thread: a connection of its own, closed on the same thread.
Result<DeploySummary> deploy(const QString &databasePath, const QString &dataDir,
                             const DeployRequest &request, const Deployer::Connector &connector,
                             bool orderCertificates, const ProgressSink &progress,
                             const std::atomic_bool *cancel)
{
    Result<std::unique_ptr<Store>> store = Store::open(databasePath);
    if (!store)
        return store.error();
    Deployer deployer(**store, dataDir, progress, connector);
    Result<DeploySummary> summary = deployer.run(request, cancel);
    if (orderCertificates && summary && summary->ok() && !request.dryRun && coversEdges(request) &&
        !(cancel && cancel->load()))
        issueMissingCertificates(**store, dataDir, connector, progress, cancel);
    return summary;
}

} // namespace

DeployJob::DeployJob(QString databasePath, QString dataDir, DeployRequest request, QObject *parent)
    : Job(parent)
    , m_databasePath(std::move(databasePath))
    , m_dataDir(std::move(dataDir))
    , m_request(std::move(request))
{}

DeployJob::~DeployJob() = default;

bool DeployJob::start()
{
    // Everything the work needs is copied in; `self` is only dereferenced in
    // posted functions, which run on this job's thread while it exists.
    DeployJob *self = this;
    return launch([self, path = m_databasePath, dataDir = m_dataDir, request = m_request,
                   connector = m_connector, orderCertificates = m_orderCertificates](
                      const Control &control) -> std::function<void()> {
        // Deployer calls this from its worker threads; posting keeps each
        // host's reports in the order they were made.
        const ProgressSink sink = [self, control](const DeployProgress &p) {
            control.post([self, p] { emit self->progress(p); });
        };
        Result<DeploySummary> summary = deploy(path, dataDir, request, connector, orderCertificates,
                                               sink, control.cancelFlag());
        return [self, summary = std::move(summary)] {
            self->m_result = summary;
            emit self->finished(summary);
        };
    });
}

} // namespace kokoa
