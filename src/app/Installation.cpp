#include "app/Installation.h"

#include "core/DataDirectory.h"
#include "dns/DnsOwnerId.h"
#include "ssh/SshIdentity.h"
#include "store/Store.h"
#include "validate/Validator.h"

#include <QFileInfo>

namespace kokoa::app {

Installation::Installation(QString dataDir)
    : m_dataDir(std::move(dataDir))
{}

bool Installation::exists() const
{
    return QFileInfo::exists(DataDirectory::databasePath(m_dataDir));
}

Result<Installation::Outcome> Installation::setUp(const Options &options) const
{
    // Checked before anything is created, so bad input leaves no directory.
    if (!options.tunnelRange.isEmpty()) {
        if (const Result<QString> range =
                Validator::ipv4Range(QStringLiteral("tunnel-range"), options.tunnelRange);
            !range)
            return range.error();
    }
    Outcome outcome;
    outcome.created = !exists();
    if (Result<QString> dir = DataDirectory::ensure(m_dataDir); !dir)
        return dir.error();
    Result<std::unique_ptr<Store>> store = Store::open(DataDirectory::databasePath(m_dataDir));
    if (!store)
        return store.error();
    const Result<SshIdentity> identity = SshIdentity::loadOrCreate(m_dataDir);
    if (!identity)
        return identity.error();
    outcome.sshPublicKey = identity->publicKeyLine();
    // Marks every DNS record this installation creates (DESIGN.md "Ownership").
    // A lost id is replaced only on request: records it marked stay foreign.
    const Result<DnsOwner> owner = options.newDnsOwnerId
                                       ? DnsOwnerId::replaceLost(m_dataDir)
                                       : DnsOwnerId::loadOrCreate(m_dataDir, outcome.created);
    if (!owner)
        return owner.error();
    outcome.dnsOwnerId = owner->id;
    if (!options.tunnelRange.isEmpty()) {
        if (Status s = (*store)->setSetting(QStringLiteral("tunnel.range"), options.tunnelRange);
            !s)
            return s.error();
    }
    return outcome;
}

} // namespace kokoa::app
