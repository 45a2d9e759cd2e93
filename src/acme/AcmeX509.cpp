#include "acme/AcmeX509.h"

#include <memory>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace kokoa {

namespace {

constexpr int kMaxCommonNameLength = 64;

using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;

Result<X509Ptr> readLeaf(const QByteArray &chainPem)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(chainPem.constData(), int(chainPem.size())), &BIO_free);
    X509 *leaf = bio ? PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!leaf) {
        ERR_clear_error();
        return Error(Error::Kind::InvalidInput,
                     Error::tr("the certificate is not a PEM X.509 certificate"),
                     QStringLiteral("certificate"));
    }
    return X509Ptr(leaf, &X509_free);
}

Error csrError()
{
    ERR_clear_error();
    return Error(Error::Kind::Crypto, Error::tr("building the certificate signing request failed"));
}

} // namespace

Result<QByteArray> AcmeX509::csrDer(const AcmeKey &key, const QStringList &names)
{
    if (key.isNull() || names.isEmpty())
        return Error(Error::Kind::Internal, Error::tr("a CSR needs a key and at least one name"));
    std::unique_ptr<X509_REQ, decltype(&X509_REQ_free)> request(X509_REQ_new(), &X509_REQ_free);
    if (!request || !X509_REQ_set_version(request.get(), 0))
        return csrError();
    const QByteArray commonName = names.first().toUtf8();
    if (commonName.size() <= kMaxCommonNameLength) {
        X509_NAME *subject = X509_REQ_get_subject_name(request.get());
        if (!X509_NAME_add_entry_by_txt(
                subject, "CN", MBSTRING_UTF8,
                reinterpret_cast<const unsigned char *>(commonName.constData()),
                int(commonName.size()), -1, 0))
            return csrError();
    }
    QStringList entries;
    for (const QString &name : names)
        entries << QStringLiteral("DNS:") + name;
    const QByteArray san = entries.join(QLatin1Char(',')).toUtf8();
    X509_EXTENSION *extension =
        X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, san.constData());
    if (!extension)
        return csrError();
    STACK_OF(X509_EXTENSION) *extensions = sk_X509_EXTENSION_new_null();
    sk_X509_EXTENSION_push(extensions, extension);
    const int added = X509_REQ_add_extensions(request.get(), extensions);
    sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
    if (!added || !X509_REQ_set_pubkey(request.get(), key.handle()) ||
        X509_REQ_sign(request.get(), key.handle(), EVP_sha256()) <= 0)
        return csrError();
    const int length = i2d_X509_REQ(request.get(), nullptr);
    if (length <= 0)
        return csrError();
    QByteArray der(length, '\0');
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_X509_REQ(request.get(), &out);
    return der;
}

Result<QByteArray> AcmeX509::leafDer(const QByteArray &chainPem)
{
    auto leaf = readLeaf(chainPem);
    if (!leaf)
        return leaf.error();
    const int length = i2d_X509(leaf->get(), nullptr);
    if (length <= 0)
        return Error(Error::Kind::Crypto, Error::tr("encoding the certificate failed"));
    QByteArray der(length, '\0');
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_X509(leaf->get(), &out);
    return der;
}

Result<QString> AcmeX509::renewalId(const QByteArray &chainPem)
{
    auto leaf = readLeaf(chainPem);
    if (!leaf)
        return leaf.error();
    const ASN1_OCTET_STRING *keyId = X509_get0_authority_key_id(leaf->get());
    if (!keyId)
        return Error(Error::Kind::InvalidInput,
                     Error::tr("the certificate has no authority key identifier, which ARI needs"),
                     QStringLiteral("certificate"));
    const QByteArray aki(reinterpret_cast<const char *>(ASN1_STRING_get0_data(keyId)),
                         ASN1_STRING_length(keyId));
    // The serial's DER without its tag and length: exactly the INTEGER's
    // content octets, a leading zero kept when the high bit is set.
    const ASN1_INTEGER *serial = X509_get0_serialNumber(leaf->get());
    const int length = i2d_ASN1_INTEGER(serial, nullptr);
    if (length < 3)
        return Error(Error::Kind::Crypto, Error::tr("encoding the serial number failed"));
    QByteArray der(length, '\0');
    auto *out = reinterpret_cast<unsigned char *>(der.data());
    i2d_ASN1_INTEGER(serial, &out);
    const auto lengthByte = static_cast<unsigned char>(der.at(1));
    const qsizetype header = lengthByte < 0x80 ? 2 : 2 + (lengthByte & 0x7f);
    return QString::fromLatin1(base64Url(aki) + '.' + base64Url(der.mid(header)));
}

Result<QString> AcmeX509::serialHex(const QByteArray &chainPem)
{
    auto leaf = readLeaf(chainPem);
    if (!leaf)
        return leaf.error();
    std::unique_ptr<BIGNUM, decltype(&BN_free)> number(
        ASN1_INTEGER_to_BN(X509_get0_serialNumber(leaf->get()), nullptr), &BN_free);
    char *hex = number ? BN_bn2hex(number.get()) : nullptr;
    if (!hex)
        return Error(Error::Kind::Crypto, Error::tr("reading the serial number failed"));
    QString text = QString::fromLatin1(hex).toLower();
    OPENSSL_free(hex);
    while (text.size() > 1 && text.startsWith(QLatin1Char('0')))
        text.remove(0, 1);
    return text;
}

} // namespace kokoa
