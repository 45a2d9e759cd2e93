#include "render/HostRenderer.h"

#include "render/NftablesRenderer.h"
#include "render/NginxRoutes.h"
#include "render/WireGuardRenderer.h"

namespace kokoa {

Result<RenderedHost> HostRenderer::renderEdge(const Edge &edge, const Topology &topology,
                                              const Settings &settings,
                                              const QSet<QString> &certified,
                                              const NginxLayout &layout)
{
    RenderedHost host;
    const Result<RenderedFile> nginx =
        render::renderNginx(edge, topology, settings, certified, layout, &host.warnings);
    if (!nginx)
        return nginx.error();
    const Result<RenderedHost> wireGuard = WireGuardRenderer::renderEdge(edge, topology, settings);
    if (!wireGuard)
        return wireGuard.error();
    const Result<RenderedFile> firewall = NftablesRenderer::renderEdge(edge);
    if (!firewall)
        return firewall.error();

    host.files.append(*nginx);
    host.files.append(wireGuard->files);
    host.files.append(*firewall);
    host.warnings.append(wireGuard->warnings);
    return host;
}

Result<RenderedHost> HostRenderer::renderOrigin(const Origin &origin, const Topology &topology,
                                                const Settings &settings)
{
    Result<RenderedHost> host = WireGuardRenderer::renderOrigin(origin, topology, settings);
    if (!host)
        return host.error();
    const Result<RenderedFile> firewall = NftablesRenderer::renderOrigin(origin, topology);
    if (!firewall)
        return firewall.error();
    host->files.append(*firewall);
    return host;
}

} // namespace kokoa
