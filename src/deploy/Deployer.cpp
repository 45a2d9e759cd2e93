#include "deploy/Deployer.h"

#include "deploy/EdgeCertificates.h"
#include "deploy/HostLock.h"
#include "render/HostRenderer.h"
#include "ssh/SshIdentity.h"
#include "ssh/SshSession.h"

#include <QScopeGuard>
#include <QSet>

#include <mutex>
#include <thread>

namespace kokoa {

QString toString(DeployProgress::State state)
{
    switch (state) {
    case DeployProgress::State::Started:
        return QStringLiteral("…");
    case DeployProgress::State::Unchanged:
        return QStringLiteral("unchanged");
    case DeployProgress::State::Changed:
        return QStringLiteral("changed");
    case DeployProgress::State::Failed:
        return QStringLiteral("FAILED");
    case DeployProgress::State::Skipped:
        return QStringLiteral("dry run");
    }
    return {};
}

bool DeploySummary::ok() const
{
    return std::all_of(hosts.begin(), hosts.end(), [](const HostResult &h) { return h.ok; });
}

int DeploySummary::changedHosts() const
{
    return int(std::count_if(hosts.begin(), hosts.end(),
                             [](const HostResult &h) { return !h.report.changes.isEmpty(); }));
}

struct Deployer::Target
{
    Store::HostKind kind;
    QString name;
    QString label;
    SshTarget ssh;
    QString hostKey;
    std::unique_ptr<RemoteShell> session;
    bool locked = false;
    PreparedHost prepared;
    HostResult result;

    // Ends the work with this host: its deployment lock goes, then the connection.
    void close()
    {
        if (session && locked)
            HostLock::release(*session);
        locked = false;
        session.reset();
    }
};

namespace {

// Runs fn(i) for i in [0, count) on at most `width` threads.
template <typename Fn> void forEachParallel(qsizetype count, int width, Fn fn)
{
    std::atomic<qsizetype> next = 0;
    std::vector<std::thread> workers;
    const int threads = int(std::max<qsizetype>(1, std::min<qsizetype>(count, width)));
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&] {
            for (qsizetype i = next++; i < count; i = next++)
                fn(i);
        });
    }
    for (std::thread &w : workers)
        w.join();
}

HostDeployment::Role roleOf(Store::HostKind kind)
{
    return kind == Store::HostKind::Edge ? HostDeployment::Role::Edge
                                         : HostDeployment::Role::Origin;
}

// Tunnel addresses a host's rendered WireGuard config names as peers.
QStringList peerAddresses(const RenderedHost &rendered)
{
    QStringList out;
    for (const RenderedFile &f : rendered.files) {
        for (const QByteArray &line : f.content.split('\n')) {
            if (line.startsWith("AllowedIPs = "))
                out.append(QString::fromLatin1(line.mid(13).split('/').first()));
        }
    }
    return out;
}

} // namespace

Deployer::Connector Deployer::sshConnector()
{
    return [](const SshSession::Options &options) -> Result<std::unique_ptr<RemoteShell>> {
        Result<std::unique_ptr<SshSession>> session = SshSession::connect(options);
        if (!session)
            return session.error();
        return std::unique_ptr<RemoteShell>(std::move(session).value());
    };
}

Deployer::Deployer(Store &store, QString dataDir, ProgressSink progress, Connector connector)
    : m_store(store)
    , m_dataDir(std::move(dataDir))
    , m_progress(std::move(progress))
    , m_connector(std::move(connector))
{}

Result<std::vector<Deployer::Target>> Deployer::selectTargets(const DeployRequest &request,
                                                              const Topology &topology)
{
    std::vector<Target> targets;
    auto add = [&](Store::HostKind kind, const QString &name, const SshTarget &ssh,
                   const QString &hostKey) {
        Target t;
        t.kind = kind;
        t.name = name;
        t.label = Store::kindName(kind) + QLatin1Char(' ') + name;
        t.ssh = ssh;
        t.hostKey = hostKey;
        t.result.label = t.label;
        targets.push_back(std::move(t));
    };
    for (const QString &name : request.edges) {
        if (!topology.edge(name))
            return Error(Error::Kind::NotFound, tr("edge %1 does not exist").arg(name),
                         QStringLiteral("edge"));
    }
    for (const QString &name : request.origins) {
        if (!topology.origin(name))
            return Error(Error::Kind::NotFound, tr("origin %1 does not exist").arg(name),
                         QStringLiteral("origin"));
    }
    // Origins first in the list: their keys are needed by every edge.
    for (const Origin &o : topology.origins) {
        if (request.all || request.origins.contains(o.name))
            add(Store::HostKind::Origin, o.name, o.ssh, o.sshHostKey);
    }
    for (const Edge &e : topology.edges) {
        if (request.all || request.edges.contains(e.name))
            add(Store::HostKind::Edge, e.name, e.ssh, e.sshHostKey);
    }
    if (targets.empty())
        return Error(Error::Kind::InvalidInput, tr("nothing to deploy: no hosts selected"));
    return targets;
}

Result<DeploySummary> Deployer::run(const DeployRequest &request, const std::atomic_bool *cancel)
{
    Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    Result<std::vector<Target>> selected = selectTargets(request, *topology);
    if (!selected)
        return selected.error();
    std::vector<Target> targets = std::move(selected).value();
    // Whichever way the run ends (a store write failing at the end included),
    // no host keeps Kokoa's deployment lock: close() is idempotent.
    const auto closeAll = qScopeGuard([&targets] {
        for (Target &t : targets)
            t.close();
    });
    const qsizetype count = qsizetype(targets.size());
    const Result<SshIdentity> identity = SshIdentity::loadOrCreate(m_dataDir);
    if (!identity)
        return identity.error();

    // Phase 1, in parallel: connect and prepare every host.
    forEachParallel(count, request.parallelHosts, [&](qsizetype i) {
        Target &t = targets[size_t(i)];
        if (t.hostKey.isEmpty()) {
            t.result.fail(Error(Error::Kind::HostKey,
                                tr("%1: its SSH host key is not pinned yet; connect to it "
                                   "first to check and pin it")
                                    .arg(t.label),
                                QString::fromLatin1(hostKeyField::notPinned)));
            m_progress(DeployProgress{t.label, tr("connect"), DeployProgress::State::Failed,
                                      t.result.error.message()});
            return;
        }
        if (cancel && cancel->load()) {
            t.result.fail(Error(Error::Kind::Cancelled,
                                tr("%1: cancelled before %2").arg(t.label, tr("connect"))));
            return;
        }
        m_progress(DeployProgress{t.label, tr("connect"), DeployProgress::State::Started,
                                  t.ssh.toString()});
        SshSession::Options options;
        options.target = t.ssh;
        options.identityFile = identity->privateKeyFile();
        options.hostKey.pinned = t.hostKey;
        Result<std::unique_ptr<RemoteShell>> session = m_connector(options);
        if (!session) {
            t.result.fail(session.error());
            m_progress(DeployProgress{t.label, tr("connect"), DeployProgress::State::Failed,
                                      t.result.error.message()});
            return;
        }
        t.session = std::move(session).value();
        if (!request.dryRun) {
            if (Status s = HostLock::acquire(*t.session, HostLock::thisProcess()); !s) {
                t.result.fail(s.error());
                m_progress(DeployProgress{t.label, tr("lock"), DeployProgress::State::Failed,
                                          t.result.error.message()});
                t.close();
                return;
            }
            t.locked = true;
        }
        HostDeployment deployment(roleOf(t.kind), t.label, *t.session, m_progress, cancel,
                                  request.dryRun);
        const Result<PreparedHost> prepared = deployment.prepare();
        if (!prepared) {
            t.result.fail(prepared.error());
            t.close();
            return;
        }
        t.prepared = *prepared;
    });

    // Keys learned on the hosts go into the model before anything is rendered.
    for (const Target &t : std::as_const(targets)) {
        if (t.session && !t.prepared.wgPublicKey.isEmpty() && !request.dryRun) {
            if (Status s = m_store.setWireGuardKey(t.kind, t.name, t.prepared.wgPublicKey); !s)
                return s.error();
        }
    }
    topology = m_store.topology();
    Result<Settings> settings = m_store.settings();
    if (!topology)
        return topology.error();
    if (!settings)
        return settings.error();
    // Every edge gets every certificate the routes use, a new edge included:
    // it serves HTTPS from its first deploy, without a new order.
    CertificateStore certificates(m_store.database(), m_dataDir);
    const Result<EdgeCertificates::Set> edgeCertificates =
        EdgeCertificates::collect(certificates, *topology);
    if (!edgeCertificates)
        return edgeCertificates.error();
    const QSet<QString> &certified = edgeCertificates->certified;

    QList<RenderedHost> rendered(count);
    for (qsizetype i = 0; i < count; ++i) {
        Target &t = targets[size_t(i)];
        if (!t.session)
            continue;
        Result<RenderedHost> r =
            t.kind == Store::HostKind::Edge
                ? HostRenderer::renderEdge(*topology->edge(t.name), *topology, *settings, certified)
                : HostRenderer::renderOrigin(*topology->origin(t.name), *topology, *settings);
        if (!r) {
            t.result.fail(r.error());
            t.close();
            continue;
        }
        if (t.kind == Store::HostKind::Edge) {
            r->files += edgeCertificates->files;
            r->warnings += edgeCertificates->warnings;
        }
        for (const QString &warning : std::as_const(r->warnings))
            m_progress(
                DeployProgress{t.label, tr("render"), DeployProgress::State::Skipped, warning});
        rendered[i] = std::move(r).value();
    }

    // Phase 2, in parallel: push what differs.
    forEachParallel(count, request.parallelHosts, [&](qsizetype i) {
        Target &t = targets[size_t(i)];
        if (!t.session)
            return;
        HostDeployment deployment(roleOf(t.kind), t.label, *t.session, m_progress, cancel,
                                  request.dryRun);
        const Result<HostReport> report = deployment.apply(rendered[i], t.prepared);
        if (!report) {
            t.result.fail(report.error());
            return;
        }
        t.result.report = *report;
        t.result.ok = true;
    });

    // Phase 3, in parallel: a deployed edge is done when its origins answer
    // through the tunnel (origins were phase 2's business; they may still be
    // handshaking, so this waits, bounded).
    QHash<QString, QString> peerNames;
    for (const Origin &o : std::as_const(topology->origins))
        peerNames.insert(o.wgPublicKey,
                         Store::kindName(Store::HostKind::Origin) + QLatin1Char(' ') + o.name);
    forEachParallel(count, request.parallelHosts, [&](qsizetype i) {
        Target &t = targets[size_t(i)];
        if (!t.session || !t.result.ok || t.kind != Store::HostKind::Edge)
            return;
        HostDeployment deployment(roleOf(t.kind), t.label, *t.session, m_progress, cancel,
                                  request.dryRun);
        if (Status s =
                deployment.verifyTunnel(rendered[i], peerNames, request.tunnelCheckTimeoutMs);
            !s)
            t.result.fail(s.error());
    });

    DeploySummary summary;
    for (qsizetype i = 0; i < count; ++i) {
        Target &t = targets[size_t(i)];
        if (t.result.ok && !request.dryRun) {
            if (Status s = m_store.setHostState(t.kind, t.name, HostState::Deployed); !s)
                return s.error();
            if (Status s = m_store.recordDeployedReferences(Store::kindName(t.kind), t.name,
                                                            peerAddresses(rendered[i]));
                !s) {
                return s.error();
            }
            if (t.kind == Store::HostKind::Edge) {
                if (Status s = certificates.recordHolder(t.name, edgeCertificates->serials); !s)
                    return s.error();
            }
        }
        if (const std::optional<Event> e = eventFor(t.result, request.dryRun))
            (void)m_store.appendEvent(*e);
        t.close();
        summary.hosts.append(t.result);
    }
    return summary;
}

std::optional<Event> Deployer::eventFor(const HostResult &result, bool dryRun)
{
    if (dryRun)
        return std::nullopt;
    Event e;
    e.category = QStringLiteral("deploy");
    e.subject = result.label;
    e.action = QStringLiteral("deploy");
    const QString changes = result.report.changes.join(QStringLiteral("; "));
    if (result.ok) {
        e.reason = changes.isEmpty() ? tr("no changes") : changes;
        e.outcome = QStringLiteral("ok");
        return e;
    }
    if (result.error.kind() == Error::Kind::HostKey)
        e.reason = tr("stopped: the SSH host key does not match the pinned one");
    else if (result.error.kind() == Error::Kind::Conflict)
        e.reason = tr("stopped: another deployment to the host was running");
    else if (result.error.kind() == Error::Kind::Cancelled)
        e.reason = tr("stopped: the deployment was cancelled");
    else
        e.reason = tr("failed");
    e.reason += changes.isEmpty() ? tr("; nothing was changed")
                                  : tr("; changed before that: %1").arg(changes);
    e.outcome = result.error.message();
    return e;
}

} // namespace kokoa
