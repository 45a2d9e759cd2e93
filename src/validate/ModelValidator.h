#pragma once

#include "core/Model.h"
#include "core/Result.h"

#include <QCoreApplication>

namespace kokoa {

// Checks whole objects, as read from an import file or assembled by a
// command, field by field through Validator, and their relations to the rest
// of the topology. Returns the canonical form.
class ModelValidator final
{
    Q_DECLARE_TR_FUNCTIONS(ModelValidator)

public:
    static Result<Zone> zone(const Zone &zone);
    static Result<Origin> origin(const Origin &origin);
    static Result<Edge> edge(const Edge &edge);
    static Result<Route> route(const Route &route);

    // The name of the one secret a zone may use: its own. A zone that could
    // name any secret would hand another zone's credentials to its endpoint.
    static QString zoneSecretName(const QString &zoneName);
    // Sets a Cloudflare or RFC 2136 zone's secret reference to its own secret;
    // refuses a reference to any other. Expects a validated zone name.
    static Status ownSecret(Zone &zone);

    // Two edges on one public address or one SSH target (host and port) would
    // be one machine counted twice for failover. Checks a canonical edge
    // against the others (an edge of the same name is skipped).
    static Status distinctEdge(const Edge &edge, const QList<Edge> &others);

    // The zone that contains a host name (longest suffix), or an error.
    static Result<QString> zoneFor(const QString &hostname, const QList<Zone> &zones);

    // Unique names, existing references, distinct tunnel addresses: what an
    // import file must satisfy as a whole. Fields are canonicalised in place.
    static Status topology(Topology &topology);
};

} // namespace kokoa
