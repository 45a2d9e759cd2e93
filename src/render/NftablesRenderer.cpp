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

} // namespace

Result<RenderedFile> NftablesRenderer::renderEdge(const Edge &edge)
{
    if (Status s = render::checkValue(render::ValueKind::Name, u"edge name"_s, edge.name); !s)
        return s.error();
    if (Status s = render::checkNumber(u"edge SSH port"_s, edge.ssh.port, 1, 65535); !s)
        return s.error();

    render::ConfigWriter out;
    out.line(u"#!/usr/sbin/nft -f"_s);
    out.line(u"# Firewall of edge "_s + edge.name + u", rendered by Kokoa. Do not edit."_s);
    out.line(u"# Replaces the inet kokoa table in one transaction (declare, delete,"_s);
    out.line(u"# define); other tables are left alone."_s);
    out.line(u"table inet kokoa"_s);
    out.line(u"delete table inet kokoa"_s);
    out.blank();
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
