#include "deploy/EdgeCertificates.h"

namespace kokoa {

QString EdgeCertificates::chainPath(const QString &hostname, const NginxLayout &layout)
{
    return layout.certificateDir + QLatin1Char('/') + certificateDirName(hostname) +
           QStringLiteral("/fullchain.pem");
}

QString EdgeCertificates::keyPath(const QString &hostname, const NginxLayout &layout)
{
    return layout.certificateDir + QLatin1Char('/') + certificateDirName(hostname) +
           QStringLiteral("/privkey.pem");
}

Result<EdgeCertificates::Set> EdgeCertificates::collect(const CertificateStore &store,
                                                        const Topology &topology,
                                                        const NginxLayout &layout)
{
    const Result<QSet<QString>> held = store.certified(topology);
    if (!held)
        return held.error();
    Set out;
    QList<const Route *> routes;
    for (const Route &route : topology.routes) {
        if (route.tls != TlsMode::Off && held->contains(route.hostname))
            routes.append(&route);
    }
    std::sort(routes.begin(), routes.end(),
              [](const Route *a, const Route *b) { return a->hostname < b->hostname; });
    for (const Route *route : std::as_const(routes)) {
        const Result<CertificateMaterial> m = store.material(route->hostname);
        if (!m || m->chainPem.isEmpty() || m->keyPem.isEmpty()) {
            // The route stays on plain HTTP rather than name a missing file.
            out.warnings.append(tr("certificate of %1 left out: %2")
                                    .arg(route->hostname, m ? tr("its chain or key is empty")
                                                            : m.error().message()));
            continue;
        }
        out.certified.insert(route->hostname);
        out.serials.insert(route->hostname, m->serial);
        out.files.append(RenderedFile{keyPath(route->hostname, layout), m->keyPem, 0600});
        out.files.append(RenderedFile{chainPath(route->hostname, layout), m->chainPem, 0644});
    }
    return out;
}

} // namespace kokoa
