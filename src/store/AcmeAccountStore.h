#pragma once

#include "store/CertificateRecord.h"
#include "store/Database.h"

#include <optional>

namespace kokoa {

// The one ACME account of an installation: where it is registered in the
// database (table acme_account), its key as a secret.
class AcmeAccountStore final
{
    Q_DECLARE_TR_FUNCTIONS(AcmeAccountStore)

public:
    AcmeAccountStore(Database &db, const QString &dataDir);

    // One key per CA: registering at another CA never overwrites the key of
    // the account still in use until the new row is written.
    static QString keySecretName(const QString &directoryUrl);

    Result<std::optional<AcmeAccountRecord>> get() const;
    Result<QByteArray> key(const AcmeAccountRecord &account) const;
    // Writes the key (when not empty) then the row; a failed row write
    // leaves the previous row, and a new key only replaces the old one once
    // the CA has it (the caller registers first).
    Status put(AcmeAccountRecord account, const QByteArray &keyPem);

private:
    Database &m_db;
    QString m_secretsDir;
};

} // namespace kokoa
