#pragma once

#include "render/NginxRenderer.h"
#include "store/CertificateStore.h"

#include <QCoreApplication>

namespace kokoa {

// The certificates every edge holds: for each route that wants TLS and has
// a certificate in the control plane's store, its chain (0644) and key
// (0600) under the nginx layout's certificate directory. A route switches
// to HTTPS exactly when its files are here, so nginx never names a file the
// edge lacks.
class EdgeCertificates final
{
    Q_DECLARE_TR_FUNCTIONS(EdgeCertificates)

public:
    struct Set
    {
        QSet<QString> certified;
        QList<RenderedFile> files;
        QHash<QString, QString> serials; // certified name → serial
        QStringList warnings;            // certificates left out, and why
    };

    static Result<Set> collect(const CertificateStore &store, const Topology &topology,
                               const NginxLayout &layout = {});
    static QString chainPath(const QString &hostname, const NginxLayout &layout = {});
    static QString keyPath(const QString &hostname, const NginxLayout &layout = {});
};

} // namespace kokoa
