#include "deploy/HostDeployment.h"

#include "deploy/CertificateSet.h"
#include "deploy/ConfigPush.h"
#include "deploy/FileKind.h"
#include "deploy/ServiceControl.h"
#include "deploy/TunnelCheck.h"
#include "render/NginxRenderer.h"
#include "render/WireGuardRenderer.h"
#include "validate/Validator.h"

#include <QFileInfo>
#include <QSet>

#include <tuple>

namespace kokoa {
namespace {

using State = DeployProgress::State;

} // namespace

HostDeployment::HostDeployment(Role role, QString label, RemoteShell &shell, ProgressSink progress,
                               const std::atomic_bool *cancel, bool dryRun)
    : m_role(role)
    , m_label(std::move(label))
    , m_shell(shell)
    , m_progress(std::move(progress))
    , m_cancel(cancel)
    , m_dryRun(dryRun)
{}

QStringList HostDeployment::packagesFor(Role role)
{
    if (role == Role::Edge)
        return {QStringLiteral("nginx"), QStringLiteral("wireguard-tools"),
                QStringLiteral("nftables")};
    // The origin's firewall keeps the edges (the part expected to be attacked)
    // away from everything but the routes' ports.
    return {QStringLiteral("wireguard-tools"), QStringLiteral("nftables")};
}

void HostDeployment::report(const QString &stepName, DeployProgress::State state,
                            const QString &detail)
{
    if (m_progress)
        m_progress(DeployProgress{m_label, stepName, state, detail});
}

bool HostDeployment::cancelled() const
{
    return m_cancel && m_cancel->load();
}

Error HostDeployment::cancelledBefore(const QString &stepName) const
{
    return Error(Error::Kind::Cancelled, tr("%1: cancelled before %2").arg(m_label, stepName));
}

template <typename Fn> auto HostDeployment::step(const QString &name, Fn &&fn) -> decltype(fn())
{
    if (cancelled())
        return cancelledBefore(name);
    return runStep(name, std::forward<Fn>(fn));
}

template <typename Fn> auto HostDeployment::runStep(const QString &name, Fn &&fn) -> decltype(fn())
{
    report(name, State::Started);
    auto result = fn();
    if (!result)
        report(name, State::Failed, result.error().message());
    return result;
}

Result<PreparedHost> HostDeployment::prepare()
{
    PreparedHost prepared;
    const QStringList packages = packagesFor(m_role);
    const Result<HostFacts> facts =
        step(tr("inspect"), [&] { return HostInspector::inspect(m_shell, packages); });
    if (!facts)
        return facts.error();
    prepared.facts = *facts;
    report(
        tr("inspect"), State::Unchanged,
        QStringLiteral("%1 %2, %3")
            .arg(facts->osId, facts->osVersion, facts->systemd ? tr("systemd") : tr("no systemd")));

    const Status installed = step(tr("packages"), [&]() -> Status {
        if (facts->missingPackages.isEmpty()) {
            report(tr("packages"), State::Unchanged, packages.join(QStringLiteral(", ")));
            return {};
        }
        const QString missing = facts->missingPackages.join(QStringLiteral(", "));
        if (m_dryRun) {
            report(tr("packages"), State::Skipped, tr("would install %1").arg(missing));
            return {};
        }
        if (Status s = HostInspector::installPackages(m_shell, facts->missingPackages, m_cancel);
            !s)
            return s;
        report(tr("packages"), State::Changed, tr("installed %1").arg(missing));
        return {};
    });
    if (!installed)
        return installed.error();

    const Result<QString> key = step(tr("wireguard key"), [&] { return wireGuardKey(); });
    if (!key)
        return key.error();
    prepared.wgPublicKey = *key;
    return prepared;
}

Result<QString> HostDeployment::wireGuardKey()
{
    const QString keyPath = WireGuardRenderer::keyPath();
    // The private key is made on the host and never leaves it; only the
    // public key comes back. "new" on stderr tells that it was just made.
    const QString script =
        m_dryRun ? QStringLiteral("[ -s \"$1\" ] || exit 3; wg pubkey < \"$1\"")
                 : QStringLiteral(
                       "umask 077; mkdir -p \"${1%/*}\" || exit 1; "
                       "if [ ! -s \"$1\" ]; then wg genkey > \"$1.tmp\" && mv -f \"$1.tmp\" \"$1\" "
                       "&& echo new >&2 || exit 1; fi; wg pubkey < \"$1\"");
    const Result<ExecResult> r = m_shell.exec(
        {QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("kokoa-key"), keyPath});
    if (!r)
        return r.error();
    if (m_dryRun && r->exitCode == 3) {
        report(tr("wireguard key"), State::Skipped, tr("would create a key on the host"));
        return QString();
    }
    if (r->exitCode != 0) {
        return Error(
            Error::Kind::Remote,
            tr("%1: making the WireGuard key failed: %2").arg(m_shell.where(), r->diagnostics()));
    }
    const Result<QString> key = Validator::wireGuardKey(
        QStringLiteral("wireguard key"), QString::fromLatin1(r->standardOutput.trimmed()));
    if (!key)
        return key.error().prefixed(m_shell.where());
    const bool created = r->standardError.contains("new");
    report(tr("wireguard key"), created ? State::Changed : State::Unchanged,
           created ? tr("created %1").arg(*key) : *key);
    return *key;
}

Status HostDeployment::prepareDirectories()
{
    if (m_role != Role::Edge || m_dryRun)
        return {};
    const NginxLayout layout;
    // Log and temp directories exist on a stock Debian edge, but nothing
    // breaks if they were cleaned away.
    const Result<ExecResult> r = m_shell.run(
        {QStringLiteral("mkdir"), QStringLiteral("-p"), layout.acmeWebroot, layout.certificateDir,
         QStringLiteral("/var/log/nginx"), QStringLiteral("/var/lib/nginx")});
    if (!r)
        return r.error();
    return {};
}

Result<HostReport> HostDeployment::apply(const RenderedHost &rendered, const PreparedHost &prepared)
{
    QList<RenderedFile> files = rendered.files;
    if (prepared.facts.systemd) {
        files.append(
            RenderedFile{ServiceControl::firewallUnitPath(), ServiceControl::firewallUnit(), 0644});
        if (m_role == Role::Edge) {
            files.append(RenderedFile{ServiceControl::nginxOrderingPath(),
                                      ServiceControl::nginxOrdering(), 0644});
        }
    }
    QList<std::pair<const FileKind *, RenderedFile>> plan;
    for (const RenderedFile &file : std::as_const(files)) {
        const FileKind *kind = FileKind::forPath(file.targetPath);
        if (!kind || !kind->roles.contains(m_role)) {
            return Error(Error::Kind::Internal,
                         tr("%1: Kokoa does not deploy %2 to this kind of host")
                             .arg(m_label, file.targetPath));
        }
        plan.append({kind, file});
    }
    // The certificates' keys and chains go in as one set (one step, one
    // nginx -t, one reload) where the keys are in the order, sorted by
    // certificate so the set is moved in key then chain, one after another.
    const auto isCertificate = [](const FileKind &k) {
        return k.id == FileKind::Id::CertificateKey || k.id == FileKind::Id::Certificate;
    };
    int keyOrder = 0;
    for (const FileKind &k : FileKind::table()) {
        if (k.id == FileKind::Id::CertificateKey)
            keyOrder = k.applyOrder;
    }
    const auto rank = [&](const std::pair<const FileKind *, RenderedFile> &p) {
        const bool certificate = isCertificate(*p.first);
        const int order = certificate ? keyOrder : p.first->applyOrder;
        return std::tuple(order, certificate ? QFileInfo(p.second.targetPath).path() : QString(),
                          p.first->applyOrder);
    };
    std::stable_sort(plan.begin(), plan.end(),
                     [&rank](const auto &a, const auto &b) { return rank(a) < rank(b); });
    // A cancel counts only up to here: once the first file changes, the host
    // gets the whole set, never a new firewall in front of an old tunnel.
    if (!plan.isEmpty() && cancelled())
        return cancelledBefore(plan.first().first->displayName());
    if (Status s = prepareDirectories(); !s)
        return s.error();
    HostReport hostReport;
    QList<std::pair<const FileKind *, RenderedFile>> certificates;
    for (const auto &entry : std::as_const(plan)) {
        if (isCertificate(*entry.first))
            certificates.append(entry);
    }
    bool certificatesDone = false;
    for (const auto &[kind, file] : std::as_const(plan)) {
        if (isCertificate(*kind)) {
            if (certificatesDone)
                continue;
            certificatesDone = true;
            const Status s = runStep(tr("certificates"), [&] {
                return applyCertificates(certificates, prepared, hostReport);
            });
            if (!s)
                return s.error();
            continue;
        }
        const Status s = runStep(kind->displayName(),
                                 [&] { return applyFile(*kind, file, prepared, hostReport); });
        if (!s)
            return s.error();
    }
    return hostReport;
}

Status HostDeployment::verifyTunnel(const RenderedHost &rendered,
                                    const QHash<QString, QString> &names, int timeoutMs)
{
    if (m_dryRun)
        return {};
    QStringList peers;
    for (const RenderedFile &file : rendered.files) {
        const FileKind *kind = FileKind::forPath(file.targetPath);
        if (kind && kind->matchesRunningInterface)
            peers = TunnelCheck::peerKeys(file.content);
    }
    if (peers.isEmpty())
        return {};
    return step(tr("tunnel check"), [&]() -> Status {
        if (Status s = TunnelCheck::waitForHandshakes(m_shell, peers, names, timeoutMs, m_cancel);
            !s)
            return s;
        report(tr("tunnel check"), State::Unchanged, tr("every origin answers through the tunnel"));
        return {};
    });
}

Result<QString> HostDeployment::wireGuardDrift(const RenderedFile &file,
                                               const PreparedHost &prepared, bool up)
{
    if (!up || prepared.wgPublicKey.isEmpty())
        return QString();
    const Result<TunnelCheck::InterfaceState> state = TunnelCheck::read(m_shell);
    if (!state)
        return state.error();
    return TunnelCheck::mismatch(*state, prepared.wgPublicKey, TunnelCheck::peerKeys(file.content));
}

Status HostDeployment::applyFile(const FileKind &kind, const RenderedFile &file,
                                 const PreparedHost &prepared, HostReport &hostReport)
{
    const HostFacts &facts = prepared.facts;
    const ManagedFile managed = kind.managed(file);
    ServiceControl services(m_shell, facts);
    const QString target = file.targetPath;

    // Compare with the reference copy where the installed file has host-only
    // additions (the WireGuard key must not leave the host).
    const QString compared = managed.referencePath.isEmpty() ? target : managed.referencePath;
    Result<std::optional<QByteArray>> current = m_shell.download(compared);
    if (!current)
        return current.error();
    if (!managed.referencePath.isEmpty() && *current) {
        const Result<ExecResult> live =
            m_shell.exec({QStringLiteral("test"), QStringLiteral("-e"), target});
        if (!live)
            return live.error();
        if (live->exitCode != 0)
            current = std::optional<QByteArray>(); // reference without the file: reinstall
    }

    auto start = [&] { return kind.start(services); };

    const Result<bool> up = kind.running(services);
    if (!up)
        return up.error();

    // The file can be as pushed while the interface runs something else: a
    // replaced key file leaves the old key running (and in the installed
    // copy), and every peer stops answering. Reinstalling puts the current
    // key in and syncconf applies it.
    QString drift;
    if (kind.matchesRunningInterface) {
        const Result<QString> d = wireGuardDrift(file, prepared, *up);
        if (!d)
            return d.error();
        drift = *d;
    }
    auto verified = [&]() -> Status {
        if (!kind.matchesRunningInterface)
            return {};
        const Result<QString> after = wireGuardDrift(file, prepared, true);
        if (!after)
            return after.error();
        if (after->isEmpty())
            return {};
        return Error(Error::Kind::Remote,
                     tr("%1: the running WireGuard interface %2 does not match what Kokoa "
                        "pushed: %3")
                         .arg(m_shell.where(), WireGuardRenderer::interfaceName(), *after));
    };

    if (*current && **current == file.content && drift.isEmpty()) {
        if (*up) {
            report(managed.what, State::Unchanged);
            return {};
        }
        if (m_dryRun) {
            report(managed.what, State::Skipped, tr("would start it"));
            hostReport.changes.append(tr("start %1").arg(managed.what));
            return {};
        }
        if (Status s = start(); !s)
            return s;
        if (Status s = verified(); !s)
            return s;
        report(managed.what, State::Changed, tr("started"));
        hostReport.changes.append(tr("started %1").arg(managed.what));
        return {};
    }

    if (m_dryRun) {
        if (!drift.isEmpty() && *current && **current == file.content) {
            hostReport.changes.append(tr("apply %1 to the running interface").arg(target));
            report(managed.what, State::Skipped, tr("would apply it: %1").arg(drift));
            return {};
        }
        hostReport.diff +=
            managed.secret
                ? QString(tr("(%1 %2 differs; a secret is not shown)").arg(managed.what, target) +
                          QLatin1Char('\n'))
                : ConfigPush::diff(target, *current, file.content);
        hostReport.changes.append(tr("update %1").arg(target));
        report(managed.what, State::Skipped, tr("would update %1").arg(target));
        return {};
    }

    auto activate = [&]() -> Status {
        if (!*up)
            return start();
        return kind.reload(services, *current, file.content);
    };
    if (Status s = ConfigPush::install(m_shell, managed, *current, activate); !s)
        return s;
    if (Status s = verified(); !s)
        return s;
    if (!drift.isEmpty() && *current && **current == file.content) {
        report(managed.what, State::Changed, tr("applied to the running interface: %1").arg(drift));
        hostReport.changes.append(
            tr("applied %1 to the running interface (%2)").arg(target, drift));
        return {};
    }
    report(managed.what, State::Changed,
           *up ? tr("updated and reloaded") : tr("installed and started"));
    hostReport.changes.append(tr("updated %1").arg(target));
    return {};
}

Status HostDeployment::applyCertificates(
    const QList<std::pair<const FileKind *, RenderedFile>> &certificates,
    const PreparedHost &prepared, HostReport &hostReport)
{
    const QString stepName = tr("certificates");
    QSet<QString> hostnames;
    QList<CertificateSet::Member> changed;
    const FileKind *chainKind = nullptr;
    for (const auto &[kind, file] : certificates) {
        hostnames.insert(QFileInfo(file.targetPath).path());
        if (kind->id == FileKind::Id::Certificate)
            chainKind = kind;
        const Result<std::optional<QByteArray>> current = m_shell.download(file.targetPath);
        if (!current)
            return current.error();
        if (*current && **current == file.content)
            continue;
        changed.append(CertificateSet::Member{kind->managed(file), *current});
    }
    const int count = int(hostnames.size());
    if (changed.isEmpty()) {
        report(stepName, State::Unchanged, tr("%n certificate(s)", "", count));
        return {};
    }
    const QString files = tr("%n file(s)", "", int(changed.size()));
    if (m_dryRun) {
        for (const CertificateSet::Member &m : std::as_const(changed)) {
            const QString target = m.managed.file.targetPath;
            hostReport.diff +=
                m.managed.secret
                    ? QString(
                          tr("(%1 %2 differs; a secret is not shown)").arg(m.managed.what, target) +
                          QLatin1Char('\n'))
                    : ConfigPush::diff(target, m.current, m.managed.file.content);
            hostReport.changes.append(tr("update %1").arg(target));
        }
        report(stepName, State::Skipped,
               tr("would update %1 of %n certificate(s)", "", count).arg(files));
        return {};
    }
    // The chain's activation (nginx -t on the live configuration, then a
    // reload, when nginx runs) once for the whole set; keys have none.
    ServiceControl services(m_shell, prepared.facts);
    const ConfigPush::Activate activate = [&]() -> Status {
        if (!chainKind)
            return {};
        return chainKind->reload(services, std::nullopt, QByteArray());
    };
    if (Status s = CertificateSet::install(m_shell, changed, activate); !s)
        return s;
    for (const CertificateSet::Member &m : std::as_const(changed))
        hostReport.changes.append(tr("updated %1").arg(m.managed.file.targetPath));
    report(stepName, State::Changed,
           tr("updated %1 of %n certificate(s) as one set", "", count).arg(files));
    return {};
}

} // namespace kokoa
