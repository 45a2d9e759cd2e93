#include "deploy/FileKind.h"

#include "render/NftablesRenderer.h"
#include "render/NginxRenderer.h"
#include "render/WireGuardRenderer.h"

#include <QRegularExpression>

namespace kokoa {
namespace {

using Role = HostDeployment::Role;

QString interfaceAddress(const QByteArray &config)
{
    static const QRegularExpression address(QStringLiteral("^Address\\s*=\\s*(\\S+)"),
                                            QRegularExpression::MultilineOption);
    return address.match(QString::fromUtf8(config)).captured(1);
}

FileKind firewall()
{
    FileKind k;
    k.id = FileKind::Id::Firewall;
    k.targetPath = NftablesRenderer::configPath();
    k.roles = {Role::Edge, Role::Origin};
    k.applyOrder = 0;
    k.what = QT_TRANSLATE_NOOP("HostDeployment", "firewall ruleset");
    k.validate = {QStringLiteral("nft"), QStringLiteral("-c"), QStringLiteral("-f"),
                  QStringLiteral("{staged}")};
    k.running = [](ServiceControl &s) { return s.firewallLoaded(); };
    k.start = [](ServiceControl &s) { return s.loadFirewall(); };
    k.reload = [](ServiceControl &s, const std::optional<QByteArray> &, const QByteArray &) {
        return s.loadFirewall();
    };
    return k;
}

// Deployment adds it itself on systemd hosts: it loads the ruleset at boot.
FileKind firewallUnit()
{
    FileKind k;
    k.id = FileKind::Id::FirewallUnit;
    k.targetPath = ServiceControl::firewallUnitPath();
    k.roles = {Role::Edge, Role::Origin};
    k.applyOrder = 1;
    k.what = QT_TRANSLATE_NOOP("HostDeployment", "firewall boot unit");
    k.running = [](ServiceControl &) -> Result<bool> { return true; };
    k.start = [](ServiceControl &s) { return s.enableFirewallAtBoot(); };
    k.reload = [](ServiceControl &s, const std::optional<QByteArray> &, const QByteArray &) {
        return s.enableFirewallAtBoot();
    };
    return k;
}

// Systemd edges only: Deployment adds it itself (see ServiceControl).
FileKind nginxOrdering()
{
    FileKind k;
    k.id = FileKind::Id::NginxOrdering;
    k.targetPath = ServiceControl::nginxOrderingPath();
    k.roles = {Role::Edge};
    k.applyOrder = 2;
    k.what = QT_TRANSLATE_NOOP("HostDeployment", "nginx start order");
    k.running = [](ServiceControl &) -> Result<bool> { return true; };
    k.start = [](ServiceControl &s) { return s.reloadUnits(); };
    k.reload = [](ServiceControl &s, const std::optional<QByteArray> &, const QByteArray &) {
        return s.reloadUnits();
    };
    return k;
}

FileKind wireGuard()
{
    FileKind k;
    k.id = FileKind::Id::WireGuard;
    k.targetPath = WireGuardRenderer::configPath();
    k.roles = {Role::Edge, Role::Origin};
    k.applyOrder = 3;
    k.what = QT_TRANSLATE_NOOP("HostDeployment", "WireGuard configuration");
    // wg-quick insists on <interface>.conf, so stage in a directory of its own.
    k.stagedPath = QStringLiteral("/etc/wireguard/kokoa-staging/") +
                   WireGuardRenderer::interfaceName() + QStringLiteral(".conf");
    // The staged file holds the private key by now: check it without
    // sending the stripped configuration (key included) back over SSH.
    k.validate = {QStringLiteral("sh"), QStringLiteral("-c"),
                  QStringLiteral("wg-quick strip \"$1\" > /dev/null"), QStringLiteral("wg-quick"),
                  QStringLiteral("{staged}")};
    // The host's own private key goes into the installed copy; the key is
    // read from its file by awk, never passed on a command line.
    k.transform = {
        QStringLiteral("sh"), QStringLiteral("-c"),
        // An empty key file would make awk swallow the whole
        // configuration (NR == FNR holds for the second file too).
        QStringLiteral(
            "umask 077; [ -s \"$1\" ] || { echo \"no WireGuard key in $1\" >&2; exit 1; }; "
            "awk 'NR == FNR { key = $0; next } { print } "
            "/^\\[Interface\\]/ { print \"PrivateKey = \" key }' "
            "\"$1\" \"$2\" > \"$2.tmp\" && mv -f \"$2.tmp\" \"$2\" "
            "|| { rm -f \"$2.tmp\"; exit 1; }"),
        QStringLiteral("kokoa-wg-key"), WireGuardRenderer::keyPath(), QStringLiteral("{staged}")};
    k.referencePath = WireGuardRenderer::referencePath();
    k.running = [](ServiceControl &s) { return s.wireGuardUp(); };
    k.start = [](ServiceControl &s) { return s.startWireGuard(); };
    // A new address needs the interface rebuilt; peers change live.
    k.reload = [](ServiceControl &s, const std::optional<QByteArray> &previous,
                  const QByteArray &next) {
        const bool addressChanged =
            !previous || interfaceAddress(*previous) != interfaceAddress(next);
        return addressChanged ? s.restartWireGuard() : s.syncWireGuard();
    };
    k.matchesRunningInterface = true;
    return k;
}

// A certificate's key and chain. HostDeployment installs every changed one
// of a deploy as one set (CertificateSet) and activates the set once with
// the chain's reload: the host's nginx checks the whole configuration with
// the new files, then is reloaded (when it runs: on a new edge the nginx
// step after them starts it). Keys have nothing of their own to activate.
Result<bool> alwaysRunning(ServiceControl &)
{
    return true;
}

Status reloadIfRunning(ServiceControl &s, const std::optional<QByteArray> &, const QByteArray &)
{
    const Result<bool> up = s.nginxRunning();
    if (!up)
        return up.error();
    return *up ? s.reloadNginx() : Status();
}

FileKind certificateKey()
{
    FileKind k;
    k.id = FileKind::Id::CertificateKey;
    k.targetPath = NginxLayout().certificateDir;
    k.underDirectory = true;
    k.fileName = QStringLiteral("privkey.pem");
    k.roles = {Role::Edge};
    k.applyOrder = 4;
    k.what = QT_TRANSLATE_NOOP("HostDeployment", "certificate key");
    k.secret = true;
    k.running = &alwaysRunning;
    k.start = [](ServiceControl &) { return Status(); };
    k.reload = [](ServiceControl &, const std::optional<QByteArray> &, const QByteArray &) {
        return Status();
    };
    return k;
}

FileKind certificate()
{
    FileKind k;
    k.id = FileKind::Id::Certificate;
    k.targetPath = NginxLayout().certificateDir;
    k.underDirectory = true;
    k.fileName = QStringLiteral("fullchain.pem");
    k.roles = {Role::Edge};
    k.applyOrder = 5;
    k.what = QT_TRANSLATE_NOOP("HostDeployment", "certificate");
    k.running = &alwaysRunning;
    k.start = [](ServiceControl &) { return Status(); };
    // The live configuration with the new chain in place must pass nginx -t
    // before the reload; a failure puts the previous chain back.
    k.reload = [](ServiceControl &s, const std::optional<QByteArray> &previous,
                  const QByteArray &next) -> Status {
        const Result<bool> up = s.nginxRunning();
        if (!up)
            return up.error();
        if (!*up)
            return {};
        if (Status t = s.testNginx(NginxLayout().configPath); !t)
            return t;
        return reloadIfRunning(s, previous, next);
    };
    return k;
}

FileKind nginx()
{
    FileKind k;
    k.id = FileKind::Id::Nginx;
    k.targetPath = NginxLayout().configPath;
    k.roles = {Role::Edge};
    k.applyOrder = 6;
    k.what = QT_TRANSLATE_NOOP("HostDeployment", "nginx configuration");
    k.validate = {QStringLiteral("nginx"), QStringLiteral("-t"), QStringLiteral("-q"),
                  QStringLiteral("-c"), QStringLiteral("{staged}")};
    k.running = [](ServiceControl &s) { return s.nginxRunning(); };
    k.start = [](ServiceControl &s) { return s.startNginx(); };
    k.reload = [](ServiceControl &s, const std::optional<QByteArray> &, const QByteArray &) {
        return s.reloadNginx();
    };
    return k;
}

} // namespace

QString FileKind::displayName() const
{
    return QCoreApplication::translate("HostDeployment", what);
}

ManagedFile FileKind::managed(const RenderedFile &file) const
{
    ManagedFile m;
    m.file = file;
    m.stagedPath = stagedPath;
    m.validate = validate;
    m.what = displayName();
    m.transform = transform;
    m.referencePath = referencePath;
    m.secret = secret;
    return m;
}

const QList<FileKind> &FileKind::table()
{
    static const QList<FileKind> kinds = {firewall(),  firewallUnit(),   nginxOrdering(),
                                          wireGuard(), certificateKey(), certificate(),
                                          nginx()};
    return kinds;
}

const FileKind *FileKind::forPath(const QString &targetPath)
{
    for (const FileKind &kind : table()) {
        if (!kind.underDirectory && kind.targetPath == targetPath)
            return &kind;
    }
    // <dir>/<one directory name>/<file name>, nothing deeper.
    for (const FileKind &kind : table()) {
        if (!kind.underDirectory)
            continue;
        const QString prefix = kind.targetPath + QLatin1Char('/');
        const QString suffix = QLatin1Char('/') + kind.fileName;
        if (targetPath.size() <= prefix.size() + suffix.size() || !targetPath.startsWith(prefix) ||
            !targetPath.endsWith(suffix))
            continue;
        const QString middle =
            targetPath.mid(prefix.size(), targetPath.size() - prefix.size() - suffix.size());
        if (!middle.isEmpty() && !middle.contains(QLatin1Char('/')) &&
            middle != QLatin1String(".") && middle != QLatin1String(".."))
            return &kind;
    }
    return nullptr;
}

} // namespace kokoa
