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

Result<QString> DataDirectory::choose(const std::optional<QString> &explicitPath)
{
    if (explicitPath && explicitPath->isEmpty()) {
        return Error(Error::Kind::InvalidInput,
                     QCoreApplication::translate("DataDirectory",
                                                 "data-dir: --data-dir is empty; give a directory "
                                                 "or leave the option out to use the default"),
                     QStringLiteral("data-dir"));
    }
    if (!explicitPath && qEnvironmentVariableIsSet("KOKOA_DATA_DIR") &&
        qEnvironmentVariableIsEmpty("KOKOA_DATA_DIR")) {
        return Error(Error::Kind::InvalidInput,
                     QCoreApplication::translate("DataDirectory",
                                                 "KOKOA_DATA_DIR is set but empty; give a "
                                                 "directory or unset it to use the default"),
                     QStringLiteral("KOKOA_DATA_DIR"));
    }
    return resolve(explicitPath.value_or(QString()));
}

Result<QString> DataDirectory::ensure(const QString &path)
{
    QDir dir(path);
    if (!dir.exists() && !QDir().mkpath(path)) {
        return Error(Error::Kind::Io, QCoreApplication::translate(
                                          "DataDirectory", "cannot create the data directory %1")
                                          .arg(path));
    }
    QFile::setPermissions(path,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
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
