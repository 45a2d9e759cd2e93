#include "deploy/ServiceControl.h"

#include "render/NftablesRenderer.h"
#include "render/WireGuardRenderer.h"

namespace kokoa {
namespace {
QStringList args(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *a : list)
        out.append(QString::fromLatin1(a));
    return out;
}
} // namespace

QByteArray ServiceControl::firewallUnit()
{
    return "# Rendered by Kokoa: loads the edge firewall at boot.\n"
           "[Unit]\n"
           "Description=Kokoa edge firewall\n"
           "Wants=network-pre.target\n"
           "Before=network-pre.target\n"
           "\n"
           "[Service]\n"
           "Type=oneshot\n"
           "RemainAfterExit=yes\n"
           "ExecStart=/usr/sbin/nft -f "
           + NftablesRenderer::configPath().toLatin1()
           + "\n"
             "\n"
             "[Install]\n"
             "WantedBy=multi-user.target\n";
}

Result<bool> ServiceControl::succeeds(const QStringList &argv)
{
    const Result<ExecResult> r = m_shell.exec(argv);
    if (!r)
        return r.error();
    return r->exitCode == 0;
}

Status ServiceControl::run(const QStringList &argv)
{
    const Result<ExecResult> r = m_shell.run(argv);
    if (!r)
        return r.error();
    return {};
}

Result<bool> ServiceControl::nginxRunning()
{
    if (m_facts.systemd)
        return succeeds(args({"systemctl", "is-active", "--quiet", "nginx"}));
    return succeeds(args({"sh", "-c", "[ -s /run/nginx.pid ] && kill -0 \"$(cat /run/nginx.pid)\""}));
}

Status ServiceControl::startNginx()
{
    if (m_facts.systemd)
        return run(args({"systemctl", "enable", "--now", "nginx"}));
    return run(args({"nginx"}));
}

Status ServiceControl::reloadNginx()
{
    if (m_facts.systemd)
        return run(args({"systemctl", "reload", "nginx"}));
    return run(args({"nginx", "-s", "reload"}));
}

Result<bool> ServiceControl::wireGuardUp()
{
    return succeeds({QStringLiteral("wg"), QStringLiteral("show"), WireGuardRenderer::interfaceName()});
}

Status ServiceControl::startWireGuard()
{
    const QString name = WireGuardRenderer::interfaceName();
    if (m_facts.systemd)
        return run({QStringLiteral("systemctl"), QStringLiteral("enable"), QStringLiteral("--now"),
                    QStringLiteral("wg-quick@") + name});
    return run({QStringLiteral("wg-quick"), QStringLiteral("up"), name});
}

Status ServiceControl::syncWireGuard()
{
    // wg syncconf changes only what differs: peers that stay keep their
    // sessions. The installed file carries the host's private key: without
    // it, syncconf would clear the key and drop every tunnel.
    return run({QStringLiteral("sh"), QStringLiteral("-c"),
                QStringLiteral("wg-quick strip \"$1\" | wg syncconf \"$1\" /dev/stdin"),
                QStringLiteral("kokoa-sync"), WireGuardRenderer::interfaceName()});
}

Status ServiceControl::restartWireGuard()
{
    const QString name = WireGuardRenderer::interfaceName();
    if (m_facts.systemd)
        return run({QStringLiteral("systemctl"), QStringLiteral("restart"),
                    QStringLiteral("wg-quick@") + name});
    (void)m_shell.exec({QStringLiteral("wg-quick"), QStringLiteral("down"), name});
    return run({QStringLiteral("wg-quick"), QStringLiteral("up"), name});
}

Result<bool> ServiceControl::firewallLoaded()
{
    return succeeds(args({"nft", "list", "table", "inet", "kokoa"}));
}

Status ServiceControl::loadFirewall()
{
    return run({QStringLiteral("nft"), QStringLiteral("-f"), NftablesRenderer::configPath()});
}

Status ServiceControl::enableFirewallAtBoot()
{
    if (!m_facts.systemd)
        return {};
    if (Status s = run(args({"systemctl", "daemon-reload"})); !s)
        return s;
    return run(args({"systemctl", "enable", "kokoa-firewall.service"}));
}

} // namespace kokoa
