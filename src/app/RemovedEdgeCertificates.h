#pragma once

#include "app/CertificateRenewal.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QStringList>

namespace kokoa {
class Store;
}

namespace kokoa::app {

// After an edge is removed from the configuration: it no longer counts as
// holding the certificates it was deployed with, and their private keys,
// which stay on that server, are to be replaced. Which certificates those
// are and whether the setting certificates.rekey_on_edge_removal asks for
// the re-key at once: the shells then re-key (CertificateRenewal with
// rekeyRequest()) or offer it.
class RemovedEdgeCertificates final
{
    Q_DECLARE_TR_FUNCTIONS(RemovedEdgeCertificates)

public:
    static constexpr const char *kRekeySetting = "certificates.rekey_on_edge_removal";

    struct Released
    {
        QStringList lineages;  // whose private keys the edge held, sorted
        bool rekeyNow = false; // the setting asks for the re-key on every removal
    };

    RemovedEdgeCertificates(Store &store, QString dataDir);

    // Call once the edge is gone from the store.
    Result<Released> release(const QString &edge) const;
    // A re-key of the lineages that revokes the old certificates once the
    // new ones are on every edge.
    static CertificateRenewal::Request rekeyRequest(const QStringList &lineages);
    // The lineages as arguments of the `kokoactl cert rekey` the shells
    // suggest, ready to paste: a wildcard name is quoted so the user's shell
    // does not expand it against the files where it is pasted.
    static QString rekeyArguments(const QStringList &lineages);

private:
    Store &m_store;
    QString m_dataDir;
};

} // namespace kokoa::app
