#pragma once

#include "core/Result.h"

#include <QCoreApplication>

namespace kokoa {

// Kokoa's own SSH key (ed25519), made once at `kokoactl init`: the private
// key file is 0600 in a 0700 directory of the data directory.
class SshIdentity final
{
    Q_DECLARE_TR_FUNCTIONS(SshIdentity)

public:
    static QString directory(const QString &dataDir);
    static QString privateKeyPath(const QString &dataDir);
    static Result<SshIdentity> loadOrCreate(const QString &dataDir);

    const QString &privateKeyFile() const { return m_privateKeyFile; }
    // "ssh-ed25519 AAAA… kokoa", one authorized_keys line.
    const QString &publicKeyLine() const { return m_publicKeyLine; }

private:
    QString m_privateKeyFile;
    QString m_publicKeyLine;
};

} // namespace kokoa
