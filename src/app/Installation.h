#pragma once

#include "core/Result.h"

#include <QCoreApplication>

namespace kokoa::app {

// Kokoa's data directory made ready for use: the database (created and
// migrated), Kokoa's own SSH key, and the id that marks this installation's
// DNS records. Safe to repeat: an existing directory is checked and kept.
class Installation final
{
    Q_DECLARE_TR_FUNCTIONS(Installation)

public:
    struct Options
    {
        QString tunnelRange;        // empty: keep the setting (default on a new directory)
        bool newDnsOwnerId = false; // replace a lost id (see DnsOwnerId::replaceLost)
    };

    struct Outcome
    {
        bool created = false; // there was no database before
        QString dnsOwnerId;
        QString sshPublicKey; // the line to put into a host's authorized_keys
    };

    explicit Installation(QString dataDir);

    Result<Outcome> setUp(const Options &options) const;
    // Whether the directory holds a database (`setUp` has run).
    bool exists() const;

private:
    QString m_dataDir;
};

} // namespace kokoa::app
