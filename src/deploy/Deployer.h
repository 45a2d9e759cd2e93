#pragma once

#include "deploy/DeployProgress.h"
#include "deploy/HostDeployment.h"
#include "deploy/TunnelCheck.h"
#include "ssh/SshSession.h"
#include "store/Store.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace kokoa {

struct DeployRequest
{
    bool all = false;
    QStringList edges; // names; with `all` ignored
    QStringList origins;
    bool dryRun = false;
    int parallelHosts = 16;
    // How long each deployed edge may take to handshake with its origins.
    int tunnelCheckTimeoutMs = TunnelCheck::defaultHandshakeTimeoutMs;
};

struct HostResult
{
    QString label; // "edge tokyo-1"
    bool ok = false;
    // Why the host failed (when !ok), with its kind and field intact: a
    // window tells a changed host key from a refused configuration by it.
    Error error;
    HostReport report;

    void fail(const Error &e)
    {
        ok = false;
        error = e;
    }
};

struct DeploySummary
{
    QList<HostResult> hosts;
    bool ok() const;
    int changedHosts() const;
};

// Brings hosts in line with the model: connects to each (pinned host key,
// Kokoa's SSH key), prepares them (packages, WireGuard keys made on the
// host), renders from the updated model, pushes what differs. Hosts run in
// parallel on a bounded pool of worker threads; the database is touched on
// the calling thread only (which must be the thread that opened `store`, see
// Database.h). A host that fails does not stop the others. A cancel stops
// every host before its next step, except that a host whose files are being
// replaced gets its whole set: none of them is left half-applied.
class Deployer final
{
    Q_DECLARE_TR_FUNCTIONS(Deployer)

public:
    // Opens the connection to one host; called on worker threads. Tests
    // put a scripted host here instead of SSH.
    using Connector =
        std::function<Result<std::unique_ptr<RemoteShell>>(const SshSession::Options &options)>;
    static Connector sshConnector();

    Deployer(Store &store, QString dataDir, ProgressSink progress,
             Connector connector = sshConnector());

    Result<DeploySummary> run(const DeployRequest &request,
                              const std::atomic_bool *cancel = nullptr);

    // The event a host's deployment leaves in the log (none for a dry run):
    // what changed, or why it stopped, never "no changes" for a failure.
    static std::optional<Event> eventFor(const HostResult &result, bool dryRun);

private:
    struct Target;

    Result<std::vector<Target>> selectTargets(const DeployRequest &request,
                                              const Topology &topology);

    Store &m_store;
    QString m_dataDir;
    ProgressSink m_progress;
    Connector m_connector;
};

} // namespace kokoa
