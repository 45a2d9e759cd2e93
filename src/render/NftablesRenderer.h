#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "render/RenderedFile.h"

namespace kokoa {

// Firewalls in Kokoa's own `inet kokoa` table (other tables are left alone;
// a file replaces the table in one transaction).
//
// Edge: input policy drop, SSH (the edge's SSH port), 80, 443 and 51820/udp
// accepted, forwarding dropped.
//
// Origin: only what arrives on the tunnel interface is filtered, the home
// server's other traffic is not Kokoa's business. From each edge's tunnel
// address the ports of the routes this origin publishes are accepted (and
// ICMP echo, for tunnel checks); everything else from the tunnel is dropped,
// SSH included, and nothing is forwarded to or from the tunnel, so a
// compromised edge reaches neither the home network nor another edge.
class NftablesRenderer final
{
public:
    static QString configPath() { return QStringLiteral("/etc/nftables.d/kokoa.nft"); }
    static QString tableName() { return QStringLiteral("kokoa"); }
    static Result<RenderedFile> renderEdge(const Edge &edge);
    static Result<RenderedFile> renderOrigin(const Origin &origin, const Topology &topology);
};

} // namespace kokoa
