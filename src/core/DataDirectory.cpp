#include "core/DataDirectory.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace kokoa {

QString DataDirectory::resolve(const QString &explicitPath)
{
    if (!explicitPath.isEmpty())
        return QDir::cleanPath(QDir::current().absoluteFilePath(explicitPath));
    const QString fromEnvironment = qEnvironmentVariable("KOKOA_DATA_DIR");
    if (!fromEnvironment.isEmpty())
        return QDir::cleanPath(QDir::current().absoluteFilePath(fromEnvironment));
    QString location = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    return location + QStringLiteral("/kokoa");
}

Result<QString> DataDirectory::ensure(const QString &path)
{
    QDir dir(path);
    if (!dir.exists() && !QDir().mkpath(path)) {
        return Error(Error::Kind::Io,
                     QCoreApplication::translate("DataDirectory",
                                                 "cannot create the data directory %1")
                         .arg(path));
    }
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                    | QFileDevice::ExeOwner);
    return path;
}

QString DataDirectory::databasePath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/kokoa.sqlite");
}

QString DataDirectory::secretsPath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/secrets");
}

QString DataDirectory::certificatesPath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/certificates");
}

} // namespace kokoa
