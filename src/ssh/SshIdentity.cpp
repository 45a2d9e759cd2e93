#include "ssh/SshIdentity.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <libssh/libssh.h>
#include <sys/stat.h>

namespace kokoa {
namespace {

struct KeyDeleter
{
    void operator()(ssh_key key) const { ssh_key_free(key); }
};
using Key = std::unique_ptr<std::remove_pointer_t<ssh_key>, KeyDeleter>;

Result<QString> publicLineOf(ssh_key key)
{
    char *base64 = nullptr;
    if (ssh_pki_export_pubkey_base64(key, &base64) != SSH_OK)
        return Error(Error::Kind::Crypto, SshIdentity::tr("cannot export Kokoa's public SSH key"));
    const QString line = QStringLiteral("%1 %2 kokoa")
                             .arg(QString::fromLatin1(ssh_key_type_to_char(ssh_key_type(key))),
                                  QString::fromLatin1(base64));
    ssh_string_free_char(base64);
    return line;
}

} // namespace

QString SshIdentity::directory(const QString &dataDir)
{
    return dataDir + QStringLiteral("/ssh");
}

QString SshIdentity::privateKeyPath(const QString &dataDir)
{
    return directory(dataDir) + QStringLiteral("/id_ed25519");
}

Result<SshIdentity> SshIdentity::loadOrCreate(const QString &dataDir)
{
    const QString dir = directory(dataDir);
    const QString path = privateKeyPath(dataDir);
    if (!QDir().mkpath(dir))
        return Error(Error::Kind::Io, tr("cannot create %1").arg(dir));
    QFile::setPermissions(dir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    ssh_key raw = nullptr;
    if (QFileInfo::exists(path)) {
        if (ssh_pki_import_privkey_file(path.toLocal8Bit().constData(), nullptr, nullptr, nullptr,
                                        &raw) != SSH_OK) {
            return Error(Error::Kind::Crypto, tr("cannot read Kokoa's SSH key %1").arg(path));
        }
    } else {
        if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &raw) != SSH_OK)
            return Error(Error::Kind::Crypto, tr("cannot generate an ed25519 SSH key"));
        // Never world- or group-readable, not even for a moment.
        const mode_t previous = ::umask(077);
        const QString staging = path + QStringLiteral(".new");
        const int rc = ssh_pki_export_privkey_file(raw, nullptr, nullptr, nullptr,
                                                   staging.toLocal8Bit().constData());
        ::umask(previous);
        if (rc != SSH_OK || !QFile::rename(staging, path)) {
            ssh_key_free(raw);
            QFile::remove(staging);
            return Error(Error::Kind::Io, tr("cannot write Kokoa's SSH key to %1").arg(path));
        }
    }
    Key key(raw);
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    Result<QString> line = publicLineOf(key.get());
    if (!line)
        return line.error();
    QFile pub(path + QStringLiteral(".pub"));
    if (pub.open(QIODevice::WriteOnly))
        pub.write(line->toLatin1() + '\n');
    SshIdentity identity;
    identity.m_privateKeyFile = path;
    identity.m_publicKeyLine = *line;
    return identity;
}

} // namespace kokoa
