#include "app/HostEnrolment.h"

#include "store/Store.h"
#include "validate/ModelValidator.h"

namespace kokoa::app {

HostEnrolment::HostEnrolment(Store &store)
    : m_store(store)
{}

Status HostEnrolment::precheck(const Edge &edge) const
{
    const Result<Topology> current = m_store.topology();
    if (!current)
        return current.error();
    if (current->edge(edge.name)) {
        return Error(Error::Kind::Conflict, tr("edge %1 already exists").arg(edge.name),
                     QStringLiteral("name"), edge.name);
    }
    return ModelValidator::distinctEdge(edge, current->edges);
}

Status HostEnrolment::precheck(const Origin &origin) const
{
    const Result<Topology> current = m_store.topology();
    if (!current)
        return current.error();
    if (current->origin(origin.name)) {
        return Error(Error::Kind::Conflict, tr("origin %1 already exists").arg(origin.name),
                     QStringLiteral("name"), origin.name);
    }
    return {};
}

Result<Edge> HostEnrolment::addEdge(Edge edge, const Contact &contact) const
{
    if (Status s = precheck(edge); !s)
        return s.error();
    if (contact) {
        const Result<QString> pinned = contact(edge.ssh);
        if (!pinned)
            return pinned.error();
        edge.sshHostKey = *pinned;
    }
    return m_store.addEdge(edge);
}

Result<Origin> HostEnrolment::addOrigin(Origin origin, const Contact &contact) const
{
    if (Status s = precheck(origin); !s)
        return s.error();
    if (contact) {
        const Result<QString> pinned = contact(origin.ssh);
        if (!pinned)
            return pinned.error();
        origin.sshHostKey = *pinned;
    }
    return m_store.addOrigin(origin);
}

} // namespace kokoa::app
