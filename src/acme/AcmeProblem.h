#pragma once

#include "core/Error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace kokoa {

// An ACME problem document (RFC 8555 6.7, RFC 7807): what the CA said when
// it refused a request.
struct AcmeProblem
{
    QString type;            // e.g. urn:ietf:params:acme:error:rateLimited
    QString detail;          // the CA's own words
    int status = 0;          // the HTTP status it came with
    QStringList subproblems; // "identifier: type: detail" per identifier

    static constexpr QLatin1String kNamespace{"urn:ietf:params:acme:error:"};

    static AcmeProblem fromJson(const QJsonObject &json, int status);
    bool is(QLatin1String shortType) const { return type == kNamespace + shortType; }
    QString shortType() const;

    // The problem as an Error: what was attempted, the type and the CA's
    // detail. A server-side failure is Remote (may pass); anything else the
    // CA refused is Refused. Retry-After travels along.
    Error toError(const QString &attempt, qint64 retryAfterMs) const;
};

} // namespace kokoa
