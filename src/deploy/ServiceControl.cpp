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
    return "# Rendered by Kokoa: loads the host's Kokoa firewall at boot.\n"
           "[Unit]\n"
           "Description=Kokoa firewall\n"
           "Wants=network-pre.target\n"
           "Before=network-pre.target\n"
           // Debian's nftables.service starts with "flush ruleset": load after
           // it, and again whenever it is restarted, or the table is gone.
           "After=nftables.service\n"
           "PartOf=nftables.service\n"
           "\n"
           "[Service]\n"
           "Type=oneshot\n"
           "RemainAfterExit=yes\n"
           "ExecStart=/usr/sbin/nft -f " +
           NftablesRenderer::configPath().toLatin1() +
           "\n"
           "\n"
           "[Install]\n"
           "WantedBy=multi-user.target\n";
}

QByteArray ServiceControl::nginxOrdering()
{
    const QByteArray unit =
        "wg-quick@" + WireGuardRenderer::interfaceName().toLatin1() + ".service";
    return "# Rendered by Kokoa: nginx binds the edge's tunnel address, so it starts\n"
           "# once the WireGuard interface is up.\n"
           "[Unit]\n"
           "Wants=" +
           unit + "\nAfter=" + unit + "\n";
}

Status ServiceControl::reloadUnits()
{
    if (!m_facts.systemd)
        return {};
    return run(args({"systemctl", "daemon-reload"}));
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
    return succeeds(
        args({"sh", "-c", "[ -s /run/nginx.pid ] && kill -0 \"$(cat /run/nginx.pid)\""}));
}

Status ServiceControl::startNginx()
{
    if (m_facts.systemd)
        return run(args({"systemctl", "enable", "--now", "nginx"}));
    return run(args({"nginx"}));
}

Status ServiceControl::reloadNginx()
{
    // A reload only signals the master; it is done when workers of the new
    // generation run and every old one is shutting down (they stop accepting
    // and finish their requests). Wait for that, bounded, so "deployed"
    // means "serving", and a configuration the master refuses is noticed.
    const QString script = QStringLiteral(
        "master=$(cat /run/nginx.pid) || exit 1; "
        "children() { grep -ls \"^PPid:[[:space:]]*$master\\$\" /proc/[0-9]*/status | sort; }; "
        "old=$(children); \"$@\" || exit 1; i=0; "
        "while [ $i -lt 100 ]; do "
        "  new=0; busy=0; "
        "  for p in $(children); do "
        "    if printf '%s\\n' \"$old\" | grep -qxF \"$p\"; then "
        "      tr '\\0' ' ' < \"${p%/status}/cmdline\" 2>/dev/null | grep -q 'shutting down' || "
        "busy=1; "
        "    else new=1; fi; "
        "  done; "
        "  [ $new = 1 ] && [ $busy = 0 ] && exit 0; "
        "  sleep 0.1; i=$((i + 1)); "
        "done; "
        "echo 'nginx did not start workers with the new configuration within 10 s' >&2; exit 1");
    QStringList argv{QStringLiteral("sh"), QStringLiteral("-c"), script,
                     QStringLiteral("kokoa-reload")};
    argv +=
        m_facts.systemd ? args({"systemctl", "reload", "nginx"}) : args({"nginx", "-s", "reload"});
    return run(argv);
}

Status ServiceControl::testNginx(const QString &configPath)
{
    return run({QStringLiteral("nginx"), QStringLiteral("-t"), QStringLiteral("-q"),
                QStringLiteral("-c"), configPath});
}

Result<bool> ServiceControl::wireGuardUp()
{
    return succeeds(
        {QStringLiteral("wg"), QStringLiteral("show"), WireGuardRenderer::interfaceName()});
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
    // it, syncconf would clear the key and drop every tunnel. For the same
    // reason a failed strip must not reach syncconf (a pipe would hand it
    // an empty configuration and report only syncconf's status).
    // An origin has no ListenPort: syncconf would then move it to a new
    // random port, and every edge would keep sending to the old NAT mapping
    // until the next keepalive. Keep the port it has.
    return run({QStringLiteral("sh"), QStringLiteral("-c"),
                QStringLiteral(
                    "conf=$(wg-quick strip \"$1\") || exit 1; "
                    "case \"$conf\" in *ListenPort*) ;; *) "
                    "port=$(wg show \"$1\" listen-port) || exit 1; "
                    "conf=$(printf '%s\\n' \"$conf\" | awk -v port=\"$port\" "
                    "'{ print } /^\\[Interface\\]/ { print \"ListenPort = \" port }') || exit 1 ;; "
                    "esac; "
                    "printf '%s\\n' \"$conf\" | wg syncconf \"$1\" /dev/stdin"),
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
