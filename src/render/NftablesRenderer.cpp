#include "render/NftablesRenderer.h"

#include "render/ConfigWriter.h"
#include "render/RenderGuard.h"
#include "render/WireGuardRenderer.h"

#include <QStringList>

#include <set>

using namespace Qt::StringLiterals;

namespace kokoa {
namespace {

// TCP ports the edge serves: SSH (wherever it listens), HTTP and HTTPS.
QString tcpPortSet(quint16 sshPort)
{
    const std::set<quint16> ports{sshPort, 80, 443};
    QStringList text;
    for (const quint16 port : ports)
        text.append(QString::number(port));
    return u"{ "_s + text.join(u", "_s) + u" }"_s;
}

void writeInput(render::ConfigWriter &out, const Edge &edge)
{
    out.open(u"chain input"_s);
    out.line(u"type filter hook input priority filter; policy drop;"_s);
    out.blank();
    out.line(u"ct state established,related accept"_s);
    out.line(u"ct state invalid drop"_s);
    out.line(u"iif lo accept"_s);
    out.blank();
    out.line(u"# Neighbour discovery must never be rate limited, or IPv6 breaks."_s);
    out.line(u"icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-solicit, "
             "nd-router-advert } accept"_s);
    out.line(u"meta l4proto icmp limit rate 20/second burst 50 packets accept"_s);
    out.line(u"meta l4proto ipv6-icmp limit rate 20/second burst 50 packets accept"_s);
    out.blank();
    out.line(u"tcp dport "_s + tcpPortSet(edge.ssh.port) + u" accept"_s);
    out.line(u"udp dport "_s + QString::number(WireGuardRenderer::listenPort) + u" accept"_s);
    out.close();
}

void writeHeader(render::ConfigWriter &out, const QString &what)
{
    out.line(u"#!/usr/sbin/nft -f"_s);
    out.line(u"# Firewall of "_s + what + u", rendered by Kokoa. Do not edit."_s);
    out.line(u"# Replaces the inet kokoa table in one transaction (declare, delete,"_s);
    out.line(u"# define); other tables are left alone."_s);
    out.line(u"table inet kokoa"_s);
    out.line(u"delete table inet kokoa"_s);
    out.blank();
}

QString setOf(const QStringList &items)
{
    return u"{ "_s + items.join(u", "_s) + u" }"_s;
}

// Tunnel addresses of the edges (sorted) and the service ports of the routes
// the origin publishes (sorted, unique), each checked before rendering.
Result<std::pair<QStringList, QStringList>> originPeersAndPorts(const Origin &origin,
                                                                const Topology &topology)
{
    std::set<QString> addresses;
    for (const Edge &edge : topology.edges) {
        if (edge.tunnelAddress.isEmpty())
            continue; // not a peer yet: nothing can arrive from it
        const QString what = u"edge "_s + edge.name + u" tunnel address"_s;
        if (Status s = render::checkValue(render::ValueKind::Ipv4, what, edge.tunnelAddress); !s)
            return s.error();
        addresses.insert(edge.tunnelAddress);
    }
    std::set<quint16> ports;
    for (const Route &route : topology.routes) {
        if (route.originName != origin.name)
            continue;
        const QString what = u"port of route "_s + route.hostname;
        if (Status s = render::checkNumber(what, route.port, 1, 65535); !s)
            return s.error();
        ports.insert(route.port);
    }
    QStringList addressList(addresses.begin(), addresses.end());
    QStringList portList;
    for (const quint16 port : ports)
        portList.append(QString::number(port));
    return std::pair{addressList, portList};
}

} // namespace

Result<RenderedFile> NftablesRenderer::renderOrigin(const Origin &origin, const Topology &topology)
{
    if (Status s = render::checkValue(render::ValueKind::Name, u"origin name"_s, origin.name); !s)
        return s.error();
    const QString tunnel = WireGuardRenderer::interfaceName();
    if (Status s = render::checkValue(render::ValueKind::Name, u"tunnel interface"_s, tunnel); !s)
        return s.error();
    const Result<std::pair<QStringList, QStringList>> plan = originPeersAndPorts(origin, topology);
    if (!plan)
        return plan.error();
    const auto &[edges, ports] = *plan;
    const QString onTunnel = u"iifname \""_s + tunnel + u'"';

    render::ConfigWriter out;
    writeHeader(out, u"origin "_s + origin.name);
    out.open(u"table inet kokoa"_s);
    out.line(u"# Traffic that does not come from the tunnel passes untouched (policy"_s);
    out.line(u"# accept): the home server's own rules stay in charge of it."_s);
    out.open(u"chain input"_s);
    out.line(u"type filter hook input priority filter; policy accept;"_s);
    out.line(onTunnel + u" jump from_edges"_s);
    out.close();
    out.blank();
    out.open(u"chain from_edges"_s);
    out.line(u"ct state established,related accept"_s);
    if (!edges.isEmpty()) {
        const QString from = u"ip saddr "_s + setOf(edges);
        if (!ports.isEmpty())
            out.line(from + u" tcp dport "_s + setOf(ports) + u" accept"_s);
        out.line(from + u" icmp type echo-request limit rate 10/second burst 20 packets accept"_s);
    }
    out.line(u"# Anything else an edge sends (SSH, other services, scans) ends here."_s);
    out.line(u"drop"_s);
    out.close();
    out.blank();
    out.line(u"# Never route tunnel traffic: not into the home network, not from one"_s);
    out.line(u"# edge to another."_s);
    out.open(u"chain forward"_s);
    out.line(u"type filter hook forward priority filter; policy accept;"_s);
    out.line(onTunnel + u" drop"_s);
    out.line(u"oifname \""_s + tunnel + u"\" drop"_s);
    out.close();
    out.close();
    return RenderedFile{configPath(), out.toUtf8(), 0644};
}

Result<RenderedFile> NftablesRenderer::renderEdge(const Edge &edge)
{
    if (Status s = render::checkValue(render::ValueKind::Name, u"edge name"_s, edge.name); !s)
        return s.error();
    if (Status s = render::checkNumber(u"edge SSH port"_s, edge.ssh.port, 1, 65535); !s)
        return s.error();

    render::ConfigWriter out;
    writeHeader(out, u"edge "_s + edge.name);
    out.open(u"table inet kokoa"_s);
    writeInput(out, edge);
    out.blank();
    out.open(u"chain forward"_s);
    out.line(u"type filter hook forward priority filter; policy drop;"_s);
    out.close();
    out.close();
    return RenderedFile{configPath(), out.toUtf8(), 0644};
}

} // namespace kokoa
