#include "store/SecretStore.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSaveFile>

namespace kokoa {
namespace {
constexpr auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
}

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
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(ownerOnly)
        || file.write(secret) != secret.size() || !file.commit()) {
        return Error(Error::Kind::Io,
                     tr("cannot write secret %1: %2").arg(name, file.errorString()));
    }
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
