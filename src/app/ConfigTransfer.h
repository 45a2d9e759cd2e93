#pragma once

#include "core/Result.h"
#include "store/TopologyJson.h"

#include <QCoreApplication>
#include <QStringList>

namespace kokoa {
class Store;
}

namespace kokoa::app {

// The whole configuration as one canonical JSON document: exported to move
// or back up an installation, imported to replace the stored one. Secrets
// never travel in it; an import names the zones whose secret must be set.
class ConfigTransfer final
{
    Q_DECLARE_TR_FUNCTIONS(ConfigTransfer)

public:
    struct Imported
    {
        qsizetype zones = 0;
        qsizetype origins = 0;
        qsizetype edges = 0;
        qsizetype routes = 0;
        // Zones whose secret reference names no secret in this data directory.
        QStringList zonesWithoutSecret;
    };

    ConfigTransfer(Store &store, QString dataDir);

    Result<QByteArray> exportJson() const;
    // Parses and validates a document without storing anything.
    static Result<Configuration> parse(const QByteArray &json);
    // Replaces the stored configuration with `config` in one transaction.
    Result<Imported> import(const Configuration &config) const;

private:
    Store &m_store;
    QString m_dataDir;
};

} // namespace kokoa::app
