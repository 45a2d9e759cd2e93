#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QStringList>
#include <QUrl>

namespace kokoa {

// An ACME server's directory (RFC 8555 7.1.1), with the ARI endpoint
// (RFC 9773) and the profiles it lists (draft-aaron-acme-profiles).
struct AcmeDirectory
{
    QUrl newNonce;
    QUrl newAccount;
    QUrl newOrder;
    QUrl revokeCert;
    QUrl renewalInfo;     // empty: the CA offers no ARI
    QUrl termsOfService;  // empty: the CA has no terms to agree to
    QStringList profiles; // names in meta.profiles, sorted
    bool externalAccountRequired = false;

    static Result<AcmeDirectory> fromJson(const QJsonObject &json, const QUrl &source);
};

} // namespace kokoa
