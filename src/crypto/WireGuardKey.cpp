#include "crypto/WireGuardKey.h"

#include "core/Logging.h"

#include <QByteArray>

#include <memory>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace kokoa {
namespace {

constexpr int keySize = 32;

using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

// Curve25519 clamping, as `wg genkey` applies it, so stored keys are
// byte-identical to what wireguard-tools would print.
void clamp(QByteArray &key)
{
    key[0] = char(quint8(key[0]) & 248);
    key[31] = char((quint8(key[31]) & 127) | 64);
}

Result<QString> derivePublic(const QByteArray &privateRaw)
{
    PKey key(EVP_PKEY_new_raw_private_key(
                 EVP_PKEY_X25519, nullptr,
                 reinterpret_cast<const unsigned char *>(privateRaw.constData()), keySize),
             &EVP_PKEY_free);
    if (!key)
        return Error(Error::Kind::Crypto, WireGuardKey::tr("cannot load an X25519 private key"));
    QByteArray publicRaw(keySize, Qt::Uninitialized);
    size_t length = keySize;
    if (EVP_PKEY_get_raw_public_key(key.get(), reinterpret_cast<unsigned char *>(publicRaw.data()),
                                    &length) != 1 ||
        length != keySize) {
        return Error(Error::Kind::Crypto, WireGuardKey::tr("cannot derive an X25519 public key"));
    }
    return QString::fromLatin1(publicRaw.toBase64());
}

} // namespace

Result<WireGuardKeyPair> WireGuardKey::generate()
{
    QByteArray privateRaw(keySize, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(privateRaw.data()), keySize) != 1)
        return Error(Error::Kind::Crypto, tr("the random number generator failed"));
    clamp(privateRaw);
    const Result<QString> publicKey = derivePublic(privateRaw);
    if (!publicKey)
        return publicKey.error();
    WireGuardKeyPair pair{QString::fromLatin1(privateRaw.toBase64()), *publicKey};
    privateRaw.fill('\0');
    return pair;
}

Result<QString> WireGuardKey::publicKeyFor(const QString &privateKey)
{
    const auto decoded = QByteArray::fromBase64Encoding(privateKey.toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() != keySize)
        return Error(Error::Kind::InvalidInput, tr("a WireGuard private key is 32 bytes of base64"),
                     QStringLiteral("private key"));
    QByteArray raw = decoded.decoded;
    clamp(raw); // wg pubkey clamps too
    Result<QString> publicKey = derivePublic(raw);
    raw.fill('\0');
    return publicKey;
}

} // namespace kokoa
