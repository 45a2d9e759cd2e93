#include "store/SecretStore.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace kokoa {
namespace {
constexpr auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Makes a rename inside the directory durable; best effort, the data itself
// was synced before the rename.
void syncDirectory(const QString &directory)
{
    const int fd =
        ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    (void)::fsync(fd);
    ::close(fd);
}
} // namespace

Status SecretStore::checkName(const QString &name)
{
    static const QRegularExpression rule(
        QRegularExpression::anchoredPattern(QStringLiteral("[a-z0-9][a-z0-9._-]{0,127}")));
    if (!rule.match(name).hasMatch() || name.contains(QLatin1String(".."))) {
        return Error::invalid(QStringLiteral("secret name"), name,
                              tr("must be letters, digits, '.', '_' and '-'"));
    }
    return {};
}

QString SecretStore::pathOf(const QString &name) const
{
    return m_directory + QLatin1Char('/') + name;
}

Status SecretStore::put(const QString &name, const QByteArray &secret)
{
    if (Status s = checkName(name); !s)
        return s;
    if (!QDir().mkpath(m_directory)) {
        return Error(Error::Kind::Io,
                     tr("cannot create the secrets directory %1").arg(m_directory));
    }
    QFile::setPermissions(m_directory, ownerOnly | QFileDevice::ExeOwner);
    QSaveFile file(pathOf(name));
    // The new value goes to a temporary file that replaces the old one only
    // once every byte has reached the disk. QSaveFile::commit() renames even
    // when its own final flush failed, so nothing is left to it: unbuffered
    // writes report a full disk at write(), and the data is synced here.
    const auto failed = [&](const QString &why) {
        file.cancelWriting();
        return Error(Error::Kind::Io, tr("cannot write secret %1: %2; the stored value is "
                                         "unchanged")
                                          .arg(name, why));
    };
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return failed(file.errorString());
    if (!file.setPermissions(ownerOnly))
        return failed(file.errorString());
    const qint64 written = file.write(secret);
    if (written != secret.size()) {
        return failed(
            written < 0
                ? file.errorString()
                : tr("only %1 of %2 bytes written (disk full?)").arg(written).arg(secret.size()));
    }
    if (!file.flush() || file.error() != QFileDevice::NoError)
        return failed(file.errorString());
    if (::fsync(file.handle()) != 0)
        return failed(QString::fromLocal8Bit(std::strerror(errno)));
    if (!file.commit())
        return Error(Error::Kind::Io, tr("cannot write secret %1: %2; the stored value is "
                                         "unchanged")
                                          .arg(name, file.errorString()));
    syncDirectory(m_directory);
    return {};
}

Result<QByteArray> SecretStore::get(const QString &name) const
{
    if (Status s = checkName(name); !s)
        return s.error();
    QFile file(pathOf(name));
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(Error::Kind::NotFound,
                     tr("secret %1 is missing from %2").arg(name, m_directory),
                     QStringLiteral("secret"));
    }
    return file.readAll();
}

bool SecretStore::contains(const QString &name) const
{
    return checkName(name).ok() && QFile::exists(pathOf(name));
}

Status SecretStore::remove(const QString &name)
{
    if (Status s = checkName(name); !s)
        return s;
    if (QFile::exists(pathOf(name)) && !QFile::remove(pathOf(name)))
        return Error(Error::Kind::Io, tr("cannot remove secret %1").arg(name));
    return {};
}

} // namespace kokoa
