#include "app/HostPreview.h"

#include "core/DataDirectory.h"
#include "deploy/EdgeCertificates.h"
#include "render/HostRenderer.h"
#include "store/Store.h"

namespace kokoa::app {

HostPreview::HostPreview(Store &store, QString dataDir)
    : m_store(store)
    , m_dataDir(std::move(dataDir))
{}

Result<RenderedHost> HostPreview::render(Role role, const QString &name) const
{
    const Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    const Result<Settings> settings = m_store.settings();
    if (!settings)
        return settings.error();
    if (role == Role::Edge) {
        const Edge *edge = topology->edge(name);
        if (!edge)
            return Error(Error::Kind::NotFound, tr("edge %1 does not exist").arg(name));
        // Hostnames switch to TLS where certificates exist, as on deploy.
        // (Their keys are not part of a preview.)
        const Result<EdgeCertificates::Set> certificates =
            EdgeCertificates::collect(CertificateStore(m_store.database(), m_dataDir), *topology);
        if (!certificates)
            return certificates.error();
        return HostRenderer::renderEdge(*edge, *topology, *settings, certificates->certified);
    }
    const Origin *origin = topology->origin(name);
    if (!origin)
        return Error(Error::Kind::NotFound, tr("origin %1 does not exist").arg(name));
    return HostRenderer::renderOrigin(*origin, *topology, *settings);
}

} // namespace kokoa::app
