#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "render/RenderedFile.h"

namespace kokoa {

// The edge firewall: its own `inet kokoa` table (other tables are left
// alone), input policy drop, SSH (the edge's SSH port), 80, 443 and
// 51820/udp accepted, forwarding dropped.
class NftablesRenderer final
{
public:
    static QString configPath() { return QStringLiteral("/etc/nftables.d/kokoa.nft"); }
    static Result<RenderedFile> renderEdge(const Edge &edge);
};

} // namespace kokoa
