#pragma once

#include "render/NginxRenderer.h"

namespace kokoa {

// Every file one host receives, in a stable order.
class HostRenderer final
{
public:
    static Result<RenderedHost> renderEdge(const Edge &edge, const Topology &topology,
                                           const Settings &settings, const QSet<QString> &certified,
                                           const NginxLayout &layout = {});
    static Result<RenderedHost> renderOrigin(const Origin &origin, const Topology &topology,
                                             const Settings &settings);
};

} // namespace kokoa
