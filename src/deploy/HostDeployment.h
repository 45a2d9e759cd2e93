#pragma once

#include "deploy/DeployProgress.h"
#include "deploy/HostFacts.h"
#include "render/RenderedFile.h"

namespace kokoa {

struct PreparedHost
{
    HostFacts facts;
    QString wgPublicKey; // empty in a dry run when the host has no key yet
};

struct HostReport
{
    QStringList changes; // what was (or, in a dry run, would be) changed
    QString diff;        // dry run: unified diffs of every changed file
};

// The steps that turn a plain Debian/Ubuntu host into an edge or an origin,
// each idempotent: running them again changes nothing unless something
// differs, and a failure leaves the host with its previous configuration.
class HostDeployment final
{
    Q_DECLARE_TR_FUNCTIONS(HostDeployment)

public:
    enum class Role { Edge, Origin };

    HostDeployment(Role role, QString label, RemoteShell &shell, ProgressSink progress,
                   const std::atomic_bool *cancel, bool dryRun);

    static QStringList packagesFor(Role role);

    // Phase 1: inspect, install packages, make the WireGuard key on the host.
    Result<PreparedHost> prepare();
    // Phase 2: put the rendered files in place and (re)start what changed.
    Result<HostReport> apply(const RenderedHost &rendered, const PreparedHost &prepared);

private:
    template <typename Fn>
    auto step(const QString &name, Fn &&fn) -> decltype(fn());
    void report(const QString &stepName, DeployProgress::State state, const QString &detail = {});

    Result<QString> wireGuardKey();
    Status applyFile(const RenderedFile &file, const HostFacts &facts, HostReport &report);
    Status prepareDirectories();

    Role m_role;
    QString m_label;
    RemoteShell &m_shell;
    ProgressSink m_progress;
    const std::atomic_bool *m_cancel;
    bool m_dryRun;
};

} // namespace kokoa
