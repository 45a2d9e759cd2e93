#pragma once

#include "deploy/DeployProgress.h"
#include "deploy/HostFacts.h"
#include "render/RenderedFile.h"

#include <QHash>

namespace kokoa {

struct FileKind;

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
    enum class Role
    {
        Edge,
        Origin
    };

    HostDeployment(Role role, QString label, RemoteShell &shell, ProgressSink progress,
                   const std::atomic_bool *cancel, bool dryRun);

    static QStringList packagesFor(Role role);

    // Phase 1: inspect, install packages, make the WireGuard key on the host.
    Result<PreparedHost> prepare();
    // Phase 2: put the rendered files in place and (re)start what changed,
    // in the order of their FileKind. A cancel is honoured before the first
    // file only: after that the host gets the whole set.
    // A running WireGuard interface that differs from what was pushed (its
    // key, its peers) counts as changed and is brought in line; the phase
    // fails if it still differs afterwards.
    Result<HostReport> apply(const RenderedHost &rendered, const PreparedHost &prepared);
    // Phase 3, edges only: waits until every origin peer of the rendered
    // tunnel has a recent handshake (see TunnelCheck). `names` maps public
    // keys to labels for the error.
    Status verifyTunnel(const RenderedHost &rendered, const QHash<QString, QString> &names,
                        int timeoutMs);

private:
    // A step that does not start once the deployment is cancelled.
    template <typename Fn> auto step(const QString &name, Fn &&fn) -> decltype(fn());
    // A step that runs whether or not a cancel came meanwhile.
    template <typename Fn> auto runStep(const QString &name, Fn &&fn) -> decltype(fn());
    bool cancelled() const;
    Error cancelledBefore(const QString &stepName) const;
    void report(const QString &stepName, DeployProgress::State state, const QString &detail = {});

    Result<QString> wireGuardKey();
    Status applyFile(const FileKind &kind, const RenderedFile &file, const PreparedHost &prepared,
                     HostReport &report);
    // Why the running interface differs from `file` and the host's key; empty
    // when it matches or cannot be judged (dry run without a key, interface down).
    Result<QString> wireGuardDrift(const RenderedFile &file, const PreparedHost &prepared, bool up);
    // Every changed certificate key and chain as one set (CertificateSet):
    // one step, one nginx -t, one reload.
    Status applyCertificates(const QList<std::pair<const FileKind *, RenderedFile>> &certificates,
                             const PreparedHost &prepared, HostReport &hostReport);
    Status prepareDirectories();

    Role m_role;
    QString m_label;
    RemoteShell &m_shell;
    ProgressSink m_progress;
    const std::atomic_bool *m_cancel;
    bool m_dryRun;
};

} // namespace kokoa
