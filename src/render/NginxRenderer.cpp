#include "render/NginxRenderer.h"

#include "render/NginxRoutes.h"
#include "render/RenderGuard.h"
#include "validate/Validator.h"

using namespace Qt::StringLiterals;

namespace kokoa {
namespace render {
namespace {

Status checkLayout(const NginxLayout &layout)
{
    const std::pair<const char *, const QString *> paths[] = {
        {"nginx certificate directory", &layout.certificateDir},
        {"nginx ACME webroot", &layout.acmeWebroot},
        {"nginx mime.types path", &layout.mimeTypes},
        {"nginx pid file", &layout.pidFile},
        {"nginx error log", &layout.errorLog},
        {"nginx access log", &layout.accessLog},
    };
    for (const auto &[what, path] : paths) {
        if (Status s = checkValue(ValueKind::Path, QString::fromLatin1(what), *path); !s)
            return s;
    }
    if (!layout.user.isEmpty())
        return checkValue(ValueKind::UnixUser, u"nginx user"_s, layout.user);
    return {};
}

Status checkLimits(const QString &profile, const Settings::RateLimit &limits)
{
    const QString what = u"rate limit ("_s + profile + u") "_s;
    if (Status s = checkNumber(what + u"rate"_s, limits.requestsPerSecond, 1, 1000000); !s)
        return s;
    if (Status s = checkNumber(what + u"burst"_s, limits.burst, 0, 1000000); !s)
        return s;
    return checkNumber(what + u"connections"_s, limits.connections, 1, 1000000);
}

// Smallest power of two >= value.
int powerOfTwoAtLeast(qsizetype value)
{
    int result = 1;
    while (result < value)
        result *= 2;
    return result;
}

void writeMain(ConfigWriter &out, const Edge &edge, const NginxLayout &layout)
{
    out.line(u"# nginx.conf of edge "_s + edge.name + u", rendered by Kokoa. Do not edit:"_s);
    out.line(u"# the next deployment replaces this file."_s);
    if (!layout.user.isEmpty())
        out.line(u"user "_s + layout.user + u';');
    out.line(u"worker_processes auto;"_s);
    out.line(u"pid "_s + layout.pidFile + u';');
    out.line(u"error_log "_s + layout.errorLog + u';');
    out.blank();
    out.open(u"events"_s);
    out.line(u"worker_connections 4096;"_s);
    out.close();
    out.blank();
}

void writeHttpSettings(ConfigWriter &out, const NginxLayout &layout, bool underAttack,
                       const QList<NginxRoute> &routes)
{
    out.line(u"include "_s + layout.mimeTypes + u';');
    out.line(u"default_type application/octet-stream;"_s);
    out.line(u"server_tokens off;"_s);
    out.line(u"sendfile on;"_s);
    if (underAttack) {
        out.line(u"# Under-attack profile: slow clients are cut off early."_s);
        out.line(u"client_header_timeout 5s;"_s);
        out.line(u"client_body_timeout 10s;"_s);
        out.line(u"keepalive_timeout 10s;"_s);
        out.line(u"send_timeout 10s;"_s);
    } else {
        out.line(u"client_header_timeout 10s;"_s);
        out.line(u"client_body_timeout 30s;"_s);
        out.line(u"keepalive_timeout 30s;"_s);
        out.line(u"send_timeout 30s;"_s);
    }
    // Sized so nginx can build the host name hash for thousands of names
    // without warnings: buckets hold the longest name, the table may grow.
    qsizetype longest = 0;
    for (const NginxRoute &r : routes)
        longest = std::max(longest, r.route->hostname.size());
    out.line(u"server_names_hash_bucket_size "_s +
             QString::number(std::max(128, powerOfTwoAtLeast(longest + 32))) + u';');
    out.line(u"server_names_hash_max_size "_s +
             QString::number(std::max(1024, 8 * powerOfTwoAtLeast(routes.size()))) + u';');
    out.line(u"access_log "_s + layout.accessLog + u';');
    out.blank();
}

void writeLimitZones(ConfigWriter &out, const Settings &settings)
{
    const auto zone = [&out](const QString &name, int rate) {
        out.line(u"limit_req_zone $binary_remote_addr zone="_s + name + u":10m rate="_s +
                 QString::number(rate) + u"r/s;"_s);
    };
    out.line(u"# Per client address; servers use kokoa_req_attack under attack."_s);
    zone(u"kokoa_req"_s, settings.normalLimits().requestsPerSecond);
    zone(u"kokoa_req_attack"_s, settings.underAttackLimits().requestsPerSecond);
    out.line(u"limit_conn_zone $binary_remote_addr zone=kokoa_conn:10m;"_s);
    out.line(u"limit_req_status 429;"_s);
    out.line(u"limit_conn_status 429;"_s);
    out.blank();
    out.open(u"map $http_upgrade $connection_upgrade"_s);
    out.line(u"default upgrade;"_s);
    out.line(u"'' close;"_s);
    out.close();
    out.blank();
}

void writeDefaultServers(ConfigWriter &out, bool ipv6)
{
    out.line(u"# Unknown host names: close plain HTTP without an answer, refuse TLS"_s);
    out.line(u"# handshakes (no certificate needed)."_s);
    out.open(u"server"_s);
    out.line(u"listen 80 default_server;"_s);
    if (ipv6)
        out.line(u"listen [::]:80 default_server;"_s);
    out.line(u"server_name _;"_s);
    out.line(u"return 444;"_s);
    out.close();
    out.blank();
    out.open(u"server"_s);
    out.line(u"listen 443 ssl http2 default_server;"_s);
    if (ipv6)
        out.line(u"listen [::]:443 ssl http2 default_server;"_s);
    out.line(u"server_name _;"_s);
    out.line(u"ssl_reject_handshake on;"_s);
    out.close();
}

// stub_status for the monitor, bound to the tunnel address alone. WireGuard
// is applied before nginx on every deployment, so the address exists when
// nginx binds it.
Status writeStatusServer(ConfigWriter &out, const Edge &edge, const Settings &settings)
{
    if (edge.tunnelAddress.isEmpty())
        return {}; // the WireGuard renderer refuses such an edge anyway
    if (Status s = checkValue(ValueKind::Ipv4, u"edge tunnel address"_s, edge.tunnelAddress); !s)
        return s;
    // The setting's own rule, and its canonical form in the file: a value
    // that only looks like a range (a sign, a space, host bits) goes no further.
    const Result<QString> range = Validator::ipv4Range(u"tunnel range"_s, settings.tunnelRange());
    if (!range)
        return range.error();
    out.blank();
    out.line(u"# Load for Kokoa's monitor: tunnel side only."_s);
    out.open(u"server"_s);
    out.line(u"listen "_s + edge.tunnelAddress + u':' + QString::number(NginxRenderer::statusPort) +
             u';');
    out.line(u"access_log off;"_s);
    out.open(u"location = "_s + NginxRenderer::statusPath());
    out.line(u"stub_status;"_s);
    out.line(u"allow "_s + *range + u';');
    out.line(u"deny all;"_s);
    out.close();
    out.open(u"location /"_s);
    out.line(u"return 404;"_s);
    out.close();
    out.close();
    return {};
}

} // namespace

Result<RenderedFile> renderNginx(const Edge &edge, const Topology &topology,
                                 const Settings &settings, const QSet<QString> &certified,
                                 const NginxLayout &layout, QStringList *warnings)
{
    if (Status s = checkValue(ValueKind::Name, u"edge name"_s, edge.name); !s)
        return s.error();
    if (Status s = checkValue(ValueKind::Path, u"nginx configuration path"_s, layout.configPath);
        !s) {
        return s.error();
    }
    if (Status s = checkLayout(layout); !s)
        return s.error();
    if (Status s = checkLimits(u"normal"_s, settings.normalLimits()); !s)
        return s.error();
    if (Status s = checkLimits(u"under attack"_s, settings.underAttackLimits()); !s)
        return s.error();
    const Result<QList<NginxRoute>> routes = planNginxRoutes(topology, certified, warnings);
    if (!routes)
        return routes.error();

    const bool underAttack = edge.profile == EdgeProfile::UnderAttack;
    const bool ipv6 = !edge.publicIpv6.isEmpty();
    const NginxLimits limits{underAttack ? u"kokoa_req_attack"_s : u"kokoa_req"_s,
                             underAttack ? settings.underAttackLimits() : settings.normalLimits()};

    ConfigWriter out;
    writeMain(out, edge, layout);
    out.open(u"http"_s);
    writeHttpSettings(out, layout, underAttack, *routes);
    writeLimitZones(out, settings);
    writeDefaultServers(out, ipv6);
    if (Status s = writeStatusServer(out, edge, settings); !s)
        return s.error();
    for (const NginxRoute &route : *routes) {
        out.blank();
        if (Status s = writeRouteServers(out, route, limits, layout, ipv6); !s)
            return s.error();
    }
    out.close();
    return RenderedFile{layout.configPath, out.toUtf8(), 0644};
}

} // namespace render

Result<RenderedFile> NginxRenderer::render(const Edge &edge, const Topology &topology,
                                           const Settings &settings, const QSet<QString> &certified,
                                           const NginxLayout &layout)
{
    return render::renderNginx(edge, topology, settings, certified, layout, nullptr);
}

QString NginxRenderer::certificateDirName(const QString &hostname)
{
    return kokoa::certificateDirName(hostname);
}

} // namespace kokoa
