#include "cloud/GeneratedHostKey.h"

#include <QCryptographicHash>
#include <QStringList>

#include <libssh/libssh.h>
#include <memory>

namespace kokoa {
namespace {

struct KeyDeleter
{
    void operator()(ssh_key key) const { ssh_key_free(key); }
};
using Key = std::unique_ptr<std::remove_pointer_t<ssh_key>, KeyDeleter>;

struct CharDeleter
{
    void operator()(char *text) const { ssh_string_free_char(text); }
};
using Text = std::unique_ptr<char, CharDeleter>;

} // namespace

Result<GeneratedHostKey> GeneratedHostKey::generate()
{
    ssh_key raw = nullptr;
    if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &raw) != SSH_OK)
        return Error(Error::Kind::Crypto, tr("making an ed25519 host key failed"));
    const Key key(raw);
    char *privateText = nullptr;
    if (ssh_pki_export_privkey_base64(key.get(), nullptr, nullptr, nullptr, &privateText) != SSH_OK)
        return Error(Error::Kind::Crypto, tr("exporting the new host key failed"));
    const Text privateOwner(privateText);
    char *publicText = nullptr;
    if (ssh_pki_export_pubkey_base64(key.get(), &publicText) != SSH_OK)
        return Error(Error::Kind::Crypto, tr("exporting the new host key's public half failed"));
    const Text publicOwner(publicText);

    GeneratedHostKey out;
    out.privateKeyOpenSsh = QByteArray(privateText);
    if (!out.privateKeyOpenSsh.endsWith('\n'))
        out.privateKeyOpenSsh.append('\n');
    out.publicKeyLine = QStringLiteral("ssh-ed25519 ") + QString::fromLatin1(publicText) +
                        QStringLiteral(" kokoa-host");
    out.fingerprint = fingerprintOf(out.publicKeyLine);
    if (out.fingerprint.isEmpty())
        return Error(Error::Kind::Crypto, tr("the new host key's public half is not readable"));
    return out;
}

QString GeneratedHostKey::fingerprintOf(const QString &publicKeyLine)
{
    const QStringList parts = publicKeyLine.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() < 2)
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(parts.at(1).toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty())
        return {};
    const QByteArray digest = QCryptographicHash::hash(*decoded, QCryptographicHash::Sha256);
    return QStringLiteral("SHA256:") +
           QString::fromLatin1(digest.toBase64(QByteArray::OmitTrailingEquals));
}

} // namespace kokoa
