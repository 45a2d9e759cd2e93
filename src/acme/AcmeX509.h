#pragma once

#include "acme/AcmeKey.h"
#include "core/Result.h"

#include <QByteArray>
#include <QStringList>

namespace kokoa {

// The X.509 pieces an ACME client handles: the CSR it finalises an order
// with, and the certificate it revokes or asks renewal information about.
class AcmeX509 final
{
public:
    // A DER CSR for names (subjectAltName dNSName each; the first as CN when
    // it fits the CN's 64 characters), signed with key.
    static Result<QByteArray> csrDer(const AcmeKey &key, const QStringList &names);

    // The DER of the first certificate in a PEM chain (the end-entity one).
    static Result<QByteArray> leafDer(const QByteArray &chainPem);

    // RFC 9773 4.1: base64url(authority key identifier's keyIdentifier) "."
    // base64url(the serial number's DER content octets).
    static Result<QString> renewalId(const QByteArray &chainPem);

    // The leaf's serial number as lowercase hex without leading zeros.
    static Result<QString> serialHex(const QByteArray &chainPem);
};

} // namespace kokoa
