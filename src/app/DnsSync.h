#pragma once

#include "core/Error.h"
#include "core/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

#include <optional>

namespace kokoa {
class Store;
}

namespace kokoa::app {

// Makes every managed hostname's DNS answer hold the deployed edges, except
// edges a running monitor (it holds the DNS lease) finds down: a sync must
// not undo a failover. The dry run plans exactly like the real run, from the
// records themselves, and changes nothing.
class DnsSync final
{
    Q_DECLARE_TR_FUNCTIONS(DnsSync)

public:
    enum class Mode
    {
        Apply,
        DryRun,
    };

    struct HostnameResult
    {
        QString hostname;
        QStringList changes;        // empty: in sync
        std::optional<Error> error; // set when this hostname failed (the others go on)
    };

    struct Report
    {
        QStringList edgesLeftOut; // down according to the running monitor
        QList<HostnameResult> hostnames;

        int failures() const;
    };

    DnsSync(Store &store, QString dataDir);

    // Fails as a whole only when the configuration cannot be read.
    Result<Report> run(Mode mode) const;
    // The edges the monitor holding the DNS lease finds down (none when
    // nobody holds it): they are left out of DNS.
    Result<QStringList> edgesFoundDown() const;

private:
    Store &m_store;
    QString m_dataDir;
};

} // namespace kokoa::app
