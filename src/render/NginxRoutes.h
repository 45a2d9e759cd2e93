#pragma once

#include "render/ConfigWriter.h"
#include "render/NginxRenderer.h"

// Internals of NginxRenderer shared with HostRenderer: which routes an edge
// serves, and the server blocks of one route.
namespace kokoa::render {

struct NginxRoute
{
    const Route *route = nullptr;
    QString upstream; // origin tunnel address
    bool tls = false; // certified and TLS not switched off
};

struct NginxLimits
{
    QString zone; // kokoa_req or kokoa_req_attack
    Settings::RateLimit limits;
};

// Routes sorted by hostname. Routes whose origin has no tunnel address yet
// are left out with a note in `warnings` (may be null); a route naming an
// origin that does not exist is an error.
Result<QList<NginxRoute>> planNginxRoutes(const Topology &topology, const QSet<QString> &certified,
                                          QStringList *warnings);

Status writeRouteServers(ConfigWriter &out, const NginxRoute &route, const NginxLimits &limits,
                         const NginxLayout &layout, bool ipv6);

// "10m", "512k", "0": nginx size syntax for a byte count.
QString nginxSize(qint64 bytes);

// NginxRenderer::render, with the notes about left-out routes.
Result<RenderedFile> renderNginx(const Edge &edge, const Topology &topology,
                                 const Settings &settings, const QSet<QString> &certified,
                                 const NginxLayout &layout, QStringList *warnings);

} // namespace kokoa::render
