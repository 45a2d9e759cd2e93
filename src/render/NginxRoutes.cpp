#include "render/NginxRoutes.h"

#include "render/RenderGuard.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace kokoa::render {
namespace {

Status checkRoute(const Route &route, const QString &upstream)
{
    const QString what = u"route "_s;
    if (Status s = checkValue(ValueKind::Hostname, what + u"hostname"_s, route.hostname); !s)
        return s;
    const QString context = u"route "_s + route.hostname + u": "_s;
    if (Status s = checkValue(ValueKind::Name, context + u"origin name"_s, route.originName); !s)
        return s;
    if (Status s = checkValue(ValueKind::Ipv4, context + u"origin tunnel address"_s, upstream); !s)
        return s;
    if (Status s = checkNumber(context + u"port"_s, route.port, 1, 65535); !s)
        return s;
    if (Status s = checkNumber(context + u"timeout"_s, route.timeoutSeconds, 1, 86400); !s)
        return s;
    return checkNumber(context + u"maximum body size"_s, route.maxBodyBytes, 0,
                       qint64(64) * 1024 * 1024 * 1024);
}

void writeListens(ConfigWriter &out, const QString &port, bool ipv6)
{
    out.line(u"listen "_s + port + u';');
    if (ipv6)
        out.line(u"listen [::]:"_s + port + u';');
}

void writeChallenge(ConfigWriter &out, const NginxLayout &layout)
{
    out.open(u"location ^~ /.well-known/acme-challenge/"_s);
    out.line(u"root "_s + layout.acmeWebroot + u';');
    out.line(u"default_type text/plain;"_s);
    out.close();
}

void writeLimits(ConfigWriter &out, const Route &route, const NginxLimits &limits)
{
    out.line(u"client_max_body_size "_s + nginxSize(route.maxBodyBytes) + u';');
    out.line(u"limit_req zone="_s + limits.zone + u" burst="_s +
             QString::number(limits.limits.burst) + u" nodelay;"_s);
    out.line(u"limit_conn kokoa_conn "_s + QString::number(limits.limits.connections) + u';');
}

void writeProxy(ConfigWriter &out, const NginxRoute &r)
{
    const QString timeout = QString::number(r.route->timeoutSeconds) + u's';
    out.open(u"location /"_s);
    out.line(u"proxy_pass http://"_s + r.upstream + u':' + QString::number(r.route->port) + u';');
    out.line(u"proxy_http_version 1.1;"_s);
    out.line(u"proxy_set_header Host $host;"_s);
    out.line(u"proxy_set_header X-Real-IP $remote_addr;"_s);
    out.line(u"# The edge is the trust boundary: replace any X-Forwarded-For the client sent."_s);
    out.line(u"proxy_set_header X-Forwarded-For $remote_addr;"_s);
    out.line(u"proxy_set_header X-Forwarded-Proto $scheme;"_s);
    if (r.route->websocket) {
        out.line(u"proxy_set_header Upgrade $http_upgrade;"_s);
        out.line(u"proxy_set_header Connection $connection_upgrade;"_s);
    } else {
        out.line(u"proxy_set_header Connection \"\";"_s);
    }
    out.line(u"proxy_connect_timeout 5s;"_s);
    out.line(u"proxy_read_timeout "_s + timeout + u';');
    out.line(u"proxy_send_timeout "_s + timeout + u';');
    out.close();
}

void writeTlsServer(ConfigWriter &out, const NginxRoute &r, const NginxLimits &limits,
                    const QString &certDir, bool ipv6)
{
    out.open(u"server"_s);
    writeListens(out, u"443 ssl http2"_s, ipv6);
    out.line(u"server_name "_s + r.route->hostname + u';');
    out.blank();
    out.line(u"ssl_certificate "_s + certDir + u"/fullchain.pem;"_s);
    out.line(u"ssl_certificate_key "_s + certDir + u"/privkey.pem;"_s);
    out.line(u"ssl_protocols TLSv1.2 TLSv1.3;"_s);
    out.line(u"ssl_session_cache shared:kokoa_tls:10m;"_s);
    out.line(u"ssl_session_timeout 1d;"_s);
    out.blank();
    writeLimits(out, *r.route, limits);
    out.blank();
    writeProxy(out, r);
    out.close();
}

} // namespace

QString nginxSize(qint64 bytes)
{
    constexpr qint64 k = 1024;
    if (bytes == 0)
        return u"0"_s;
    if (bytes % (k * k * k) == 0)
        return QString::number(bytes / (k * k * k)) + u'g';
    if (bytes % (k * k) == 0)
        return QString::number(bytes / (k * k)) + u'm';
    if (bytes % k == 0)
        return QString::number(bytes / k) + u'k';
    return QString::number(bytes);
}

Result<QList<NginxRoute>> planNginxRoutes(const Topology &topology, const QSet<QString> &certified,
                                          QStringList *warnings)
{
    QList<NginxRoute> planned;
    planned.reserve(topology.routes.size());
    for (const Route &route : topology.routes) {
        const Origin *origin = topology.origin(route.originName);
        if (!origin) {
            return Error(
                Error::Kind::NotFound,
                u"rendering nginx: route %1 refers to origin %2, which does not exist"_s.arg(
                    quoteForMessage(route.hostname), quoteForMessage(route.originName)),
                u"origin"_s);
        }
        if (origin->tunnelAddress.isEmpty()) {
            if (warnings) {
                // In the window's language on its review page.
                warnings->append(
                    QCoreApplication::translate(
                        "NginxRoutes", "route %1 left out: origin %2 has no tunnel address yet")
                        .arg(quoteForMessage(route.hostname), quoteForMessage(origin->name)));
            }
            continue;
        }
        if (Status s = checkRoute(route, origin->tunnelAddress); !s)
            return s.error();
        const bool tls = route.tls != TlsMode::Off && certified.contains(route.hostname);
        planned.append({&route, origin->tunnelAddress, tls});
    }
    std::sort(planned.begin(), planned.end(), [](const NginxRoute &a, const NginxRoute &b) {
        return a.route->hostname < b.route->hostname;
    });
    for (qsizetype i = 1; i < planned.size(); ++i) {
        if (planned[i].route->hostname == planned[i - 1].route->hostname) {
            return Error(Error::Kind::Internal,
                         u"refusing to render route %1: the hostname appears twice"_s.arg(
                             quoteForMessage(planned[i].route->hostname)),
                         u"hostname"_s);
        }
    }
    return planned;
}

Status writeRouteServers(ConfigWriter &out, const NginxRoute &r, const NginxLimits &limits,
                         const NginxLayout &layout, bool ipv6)
{
    const Route &route = *r.route;
    out.line(u"# "_s + route.hostname + u" -> origin "_s + route.originName + u" ("_s +
             (r.tls ? u"https"_s : u"http only"_s) + u')');
    out.open(u"server"_s);
    writeListens(out, u"80"_s, ipv6);
    out.line(u"server_name "_s + route.hostname + u';');
    out.blank();
    writeChallenge(out, layout);
    out.blank();
    if (r.tls) {
        out.open(u"location /"_s);
        out.line(u"return 301 https://$host$request_uri;"_s);
        out.close();
        out.close();
        out.blank();
        const QString certDir =
            layout.certificateDir + u'/' + NginxRenderer::certificateDirName(route.hostname);
        if (Status s = checkValue(ValueKind::Path, u"certificate directory"_s, certDir); !s)
            return s;
        writeTlsServer(out, r, limits, certDir, ipv6);
    } else {
        writeLimits(out, route, limits);
        out.blank();
        writeProxy(out, r);
        out.close();
    }
    return {};
}

} // namespace kokoa::render
