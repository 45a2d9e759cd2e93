#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>

#include <memory>

struct evp_pkey_st;

namespace kokoa {

// An ECDSA P-256 key: the ACME account key (JWS ES256) and, by default, the
// key of each certificate. Kept as PEM (PKCS#8) outside so the store can hold
// it as a secret; the private half never reaches a log line.
class AcmeKey final
{
public:
    AcmeKey() = default;

    static Result<AcmeKey> generate();
    static Result<AcmeKey> fromPem(const QByteArray &pem);

    bool isNull() const { return !m_key; }
    QByteArray privateKeyPem() const;
    // SubjectPublicKeyInfo DER: compares with a certificate's public key.
    QByteArray publicKeyDer() const;

    // The public key as a JWK (RFC 7517) and its thumbprint (RFC 7638,
    // base64url of SHA-256 over the canonical member order).
    QJsonObject jwk() const;
    QByteArray thumbprint() const;

    // ES256 over data: the raw 64-byte r||s form JWS wants (RFC 7518 3.4),
    // not OpenSSL's DER.
    Result<QByteArray> signEs256(const QByteArray &data) const;

    evp_pkey_st *handle() const { return m_key.get(); }

private:
    struct Free
    {
        void operator()(evp_pkey_st *key) const;
    };
    explicit AcmeKey(evp_pkey_st *key);
    QByteArray coordinate(const char *name) const;

    std::shared_ptr<evp_pkey_st> m_key;
};

QByteArray base64Url(const QByteArray &data);

} // namespace kokoa
