#include "acme/AcmeKey.h"

#include <QCryptographicHash>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace kokoa {

namespace {

constexpr int kCoordinateBytes = 32;

QString openSslReason()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return QStringLiteral("unknown OpenSSL error");
    char buffer[256];
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

Error cryptoError(const QString &what)
{
    return Error(Error::Kind::Crypto, what + QStringLiteral(": ") + openSslReason());
}

// An encrypted PEM is refused: OpenSSL's default would ask for a passphrase
// on the terminal, blocking the caller's thread.
int refusePassphrase(char *, int, int, void *)
{
    return -1;
}

bool isP256(EVP_PKEY *key)
{
    if (!EVP_PKEY_is_a(key, "EC"))
        return false;
    char group[64] = {};
    size_t length = 0;
    if (!EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                        &length))
        return false;
    const QByteArray name(group, qsizetype(length));
    return name == "prime256v1" || name == "P-256";
}

} // namespace

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

void AcmeKey::Free::operator()(evp_pkey_st *key) const
{
    EVP_PKEY_free(key);
}

AcmeKey::AcmeKey(evp_pkey_st *key)
    : m_key(key, Free())
{}

Result<AcmeKey> AcmeKey::generate()
{
    EVP_PKEY *key = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256");
    if (!key)
        return cryptoError(Error::tr("generating a P-256 key"));
    return AcmeKey(key);
}

Result<AcmeKey> AcmeKey::fromPem(const QByteArray &pem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())),
                                                  &BIO_free);
    EVP_PKEY *key =
        bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, &refusePassphrase, nullptr) : nullptr;
    if (!key) {
        ERR_clear_error();
        return Error(Error::Kind::InvalidInput, Error::tr("the key is not a PEM private key"),
                     QStringLiteral("key"));
    }
    AcmeKey result(key);
    if (!isP256(key))
        return Error(Error::Kind::InvalidInput, Error::tr("the key must be an ECDSA P-256 key"),
                     QStringLiteral("key"));
    return result;
}

QByteArray AcmeKey::privateKeyPem() const
{
    if (!m_key)
        return {};
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!bio ||
        !PEM_write_bio_PrivateKey(bio.get(), m_key.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
        ERR_clear_error();
        return {};
    }
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(size));
}

QByteArray AcmeKey::publicKeyDer() const
{
    if (!m_key)
        return {};
    const int length = i2d_PUBKEY(m_key.get(), nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, '\0');
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_PUBKEY(m_key.get(), &out);
    return der;
}

QByteArray AcmeKey::coordinate(const char *name) const
{
    BIGNUM *value = nullptr;
    if (!m_key || !EVP_PKEY_get_bn_param(m_key.get(), name, &value))
        return {};
    QByteArray bytes(kCoordinateBytes, '\0');
    BN_bn2binpad(value, reinterpret_cast<unsigned char *>(bytes.data()), kCoordinateBytes);
    BN_free(value);
    return bytes;
}

QJsonObject AcmeKey::jwk() const
{
    return QJsonObject{
        {QStringLiteral("crv"), QStringLiteral("P-256")},
        {QStringLiteral("kty"), QStringLiteral("EC")},
        {QStringLiteral("x"), QString::fromLatin1(base64Url(coordinate(OSSL_PKEY_PARAM_EC_PUB_X)))},
        {QStringLiteral("y"), QString::fromLatin1(base64Url(coordinate(OSSL_PKEY_PARAM_EC_PUB_Y)))},
    };
}

QByteArray AcmeKey::thumbprint() const
{
    // RFC 7638: required members only, lexicographic order, no whitespace.
    const QByteArray canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" +
                                 base64Url(coordinate(OSSL_PKEY_PARAM_EC_PUB_X)) + "\",\"y\":\"" +
                                 base64Url(coordinate(OSSL_PKEY_PARAM_EC_PUB_Y)) + "\"}";
    return base64Url(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256));
}

Result<QByteArray> AcmeKey::signEs256(const QByteArray &data) const
{
    if (!m_key)
        return Error(Error::Kind::Internal, Error::tr("signing without a key"));
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
    size_t derLength = 0;
    if (!context ||
        EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, m_key.get()) != 1 ||
        EVP_DigestSign(context.get(), nullptr, &derLength,
                       reinterpret_cast<const unsigned char *>(data.constData()),
                       size_t(data.size())) != 1)
        return cryptoError(Error::tr("signing an ACME request"));
    QByteArray der(qsizetype(derLength), '\0');
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(der.data()), &derLength,
                       reinterpret_cast<const unsigned char *>(data.constData()),
                       size_t(data.size())) != 1)
        return cryptoError(Error::tr("signing an ACME request"));
    const auto *cursor = reinterpret_cast<const unsigned char *>(der.constData());
    std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> signature(
        d2i_ECDSA_SIG(nullptr, &cursor, long(derLength)), &ECDSA_SIG_free);
    if (!signature)
        return cryptoError(Error::tr("decoding an ECDSA signature"));
    QByteArray raw(2 * kCoordinateBytes, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    BN_bn2binpad(ECDSA_SIG_get0_r(signature.get()), out, kCoordinateBytes);
    BN_bn2binpad(ECDSA_SIG_get0_s(signature.get()), out + kCoordinateBytes, kCoordinateBytes);
    return raw;
}

} // namespace kokoa
