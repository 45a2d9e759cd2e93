#include "app/DeployJob.h"

#include "store/Store.h"

namespace kokoa {
namespace {

// On the job's thread: a connection of its own, closed on the same thread.
Result<DeploySummary> deploy(const QString &databasePath, const QString &dataDir,
                             const DeployRequest &request, const Deployer::Connector &connector,
                             const ProgressSink &progress, const std::atomic_bool *cancel)
{
    Result<std::unique_ptr<Store>> store = Store::open(databasePath);
    if (!store)
        return store.error();
    Deployer deployer(**store, dataDir, progress, connector);
    return deployer.run(request, cancel);
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
                   connector = m_connector](const Control &control) -> std::function<void()> {
        // Deployer calls this from its worker threads; posting keeps each
        // host's reports in the order they were made.
        const ProgressSink sink = [self, control](const DeployProgress &p) {
            control.post([self, p] { emit self->progress(p); });
        };
        Result<DeploySummary> summary =
            deploy(path, dataDir, request, connector, sink, control.cancelFlag());
        return [self, summary = std::move(summary)] {
            self->m_result = summary;
            emit self->finished(summary);
        };
    });
}

} // namespace kokoa
