#pragma once

#include "core/Model.h"
#include "store/CertificateRecord.h"
#include "store/Database.h"

#include <QHash>
#include <QSet>

#include <optional>

namespace kokoa {

// The certificates the control plane holds, issued once and copied to every
// edge: the chain and what is known about it in the database (table
// certificates), the private key as a secret (SecretStore). Certificates a
// user placed by hand in <data dir>/certificates/<name>/{fullchain,privkey}.pem
// are read as well, as before; a lineage in the database wins over a
// directory of the same name.
class CertificateStore final
{
    Q_DECLARE_TR_FUNCTIONS(CertificateStore)

public:
    CertificateStore(Database &db, const QString &dataDir);

    // Every lineage, sorted by name; the placed-by-hand ones carry only
    // their name and chain here (the application layer reads the rest).
    Result<QList<CertificateRecord>> list() const;
    Result<std::optional<CertificateRecord>> find(const QString &name) const;
    // The chain and key an edge receives.
    Result<CertificateMaterial> material(const QString &name) const;
    // The routes' hostnames that have a certificate here.
    Result<QSet<QString>> certified(const Topology &topology) const;
    // Same, for readers that treat an unreadable database as "none".
    QSet<QString> certifiedOrNone(const Topology &topology) const;

    // Stores a new or renewed certificate with its key. The key is written
    // first under a name of its own (serial), then the row replaced in one
    // statement: a failure at any point leaves the previous certificate and
    // key as they were. The replaced key's secret goes afterwards.
    Status put(CertificateRecord record, const QByteArray &keyPem);
    // The certificates (name → serial) an edge now serves, after its deploy.
    Status recordHolder(const QString &edge, const QHash<QString, QString> &serials);
    // name → the edges last deployed with it.
    Result<QHash<QString, QStringList>> holders() const;
    Status setRenewalWindow(const QString &name, const QDateTime &start, const QDateTime &end);

    static QString keySecretName(const QString &name, const QString &serial);

private:
    QStringList fileNames() const;
    std::optional<CertificateRecord> fromFiles(const QString &name) const;

    Database &m_db;
    QString m_secretsDir;
    QString m_filesDir;
};

} // namespace kokoa
