#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "core/Settings.h"
#include "render/RenderedFile.h"

#include <QSet>

namespace kokoa {

// Paths the nginx configuration refers to. Defaults are the paths on an
// edge; tests point them into a private prefix.
struct NginxLayout
{
    QString configPath = QStringLiteral("/etc/nginx/nginx.conf");
    QString certificateDir =
        QStringLiteral("/etc/kokoa/certs"); // <dir>/<host>/{fullchain,privkey}.pem
    QString acmeWebroot = QStringLiteral("/var/lib/kokoa/acme");
    QString mimeTypes = QStringLiteral("/etc/nginx/mime.types");
    QString pidFile = QStringLiteral("/run/nginx.pid");
    QString errorLog = QStringLiteral("/var/log/nginx/error.log");
    QString accessLog = QStringLiteral("/var/log/nginx/access.log");
    QString user = QStringLiteral("www-data"); // empty: no user directive
};

class NginxRenderer final
{
public:
    // The complete nginx.conf for an edge: every route of the topology gets
    // its own server blocks; hostnames in `certified` are served over TLS,
    // others over plain HTTP with the ACME challenge only.
    static Result<RenderedFile> render(const Edge &edge, const Topology &topology,
                                       const Settings &settings, const QSet<QString> &certified,
                                       const NginxLayout &layout = {});

    // The edge's load, read by the monitor: nginx's stub_status on the
    // edge's tunnel address, answered only to the tunnel network (the
    // edge's own address included, which is where an SSH reader asks from).
    // Not opened in the edge's firewall: nothing from outside reaches it.
    static constexpr quint16 statusPort = 8091;
    static QString statusPath() { return QStringLiteral("/kokoa-status"); }

    // Directory name of a hostname's certificate ("*.x" becomes "_wildcard.x").
    static QString certificateDirName(const QString &hostname);
};

} // namespace kokoa
