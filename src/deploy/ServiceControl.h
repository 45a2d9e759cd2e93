#pragma once

#include "deploy/HostFacts.h"

namespace kokoa {

// Starts, reloads and checks the services Kokoa runs on a host, through
// systemd where the host has it and directly where it does not.
class ServiceControl final
{
    Q_DECLARE_TR_FUNCTIONS(ServiceControl)

public:
    static QString firewallUnitPath()
    {
        return QStringLiteral("/etc/systemd/system/kokoa-firewall.service");
    }
    static QByteArray firewallUnit();
    // On systemd edges: nginx binds the edge's tunnel address (the load
    // server, NginxRenderer::statusPort), so at boot it starts after the
    // WireGuard interface is up, never beside it.
    static QString nginxOrderingPath()
    {
        return QStringLiteral("/etc/systemd/system/nginx.service.d/kokoa-tunnel.conf");
    }
    static QByteArray nginxOrdering();

    ServiceControl(RemoteShell &shell, const HostFacts &facts)
        : m_shell(shell)
        , m_facts(facts)
    {}

    // systemctl daemon-reload after a unit file changed (systemd hosts only).
    Status reloadUnits();

    Result<bool> nginxRunning();
    Status startNginx();
    Status reloadNginx();
    // nginx -t on the live configuration (what a reload would load).
    Status testNginx(const QString &configPath);

    Result<bool> wireGuardUp();
    Status startWireGuard();
    // Applies peer changes live; other tunnels keep running.
    Status syncWireGuard();
    Status restartWireGuard();

    Result<bool> firewallLoaded();
    Status loadFirewall();
    Status enableFirewallAtBoot();

private:
    Result<bool> succeeds(const QStringList &argv);
    Status run(const QStringList &argv);

    RemoteShell &m_shell;
    const HostFacts &m_facts;
};

} // namespace kokoa
