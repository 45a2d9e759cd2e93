#pragma once

#include "core/Result.h"

#include <QCoreApplication>
#include <QSet>
#include <QString>

namespace kokoa {

// Who this installation is to its DNS providers.
struct DnsOwner
{
    QString id;
    // Records under the markers of releases before owner ids may be this
    // installation's: true for a data directory that predates owner ids,
    // false for one made since (it never wrote such markers).
    bool adoptsLegacyMarkers = false;
    // Canonical public addresses of this installation's configured edges.
    // Old markers name no installation, and people added records by hand
    // beside them: only these addresses are adopted under one, every other
    // address stays foreign (never removed).
    QSet<QString> edgeAddresses = {};

    bool adopts(const QString &address) const
    {
        return adoptsLegacyMarkers && edgeAddresses.contains(address);
    }
};

// This installation's DNS owner id: 32 lowercase hex digits, made once (at
// `kokoactl init`, or the first time an older data directory needs it) and
// kept in the data directory. Providers mark every record Kokoa creates with
// it, so two installations sharing a zone never take each other's records.
// It is not a secret, but it must never change: records marked with a lost
// id are no longer Kokoa's to remove.
class DnsOwnerId final
{
    Q_DECLARE_TR_FUNCTIONS(DnsOwnerId)

public:
    static QString path(const QString &dataDir);
    // Written beside the id whenever one is made or read: once it exists, a
    // missing id file means the id was lost, not that the data directory
    // predates owner ids.
    static QString issuedMarkerPath(const QString &dataDir);
    static bool isValid(const QString &id);
    // Reads the id; makes and stores one if there is none yet. Safe against
    // two processes doing it at once (the first one stored wins). A file
    // that exists but does not hold a valid id is an error, never replaced;
    // so is a missing id where one was issued before (a new one would own
    // none of the records the lost one marked).
    // newDataDirectory: the data directory is being created right now
    // (`kokoactl init`); otherwise a missing id that was never issued means
    // a data directory from before owner ids, which may have written legacy
    // markers.
    static Result<DnsOwner> loadOrCreate(const QString &dataDir, bool newDataDirectory = false);
    // Makes a new id in place of a lost one (`kokoactl init --new-dns-owner-id`):
    // the records the lost id marked stay foreign and must be cleaned up by
    // hand. Refused while an id file exists.
    static Result<DnsOwner> replaceLost(const QString &dataDir);

private:
    static Result<DnsOwner> readAndMark(const QString &dataDir);
    static Status store(const QString &dataDir, bool adoptsLegacyMarkers);
};

} // namespace kokoa
