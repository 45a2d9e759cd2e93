#include "app/ZoneCredentialCheck.h"

#include "dns/DnsBackendFactory.h"

namespace kokoa::app {

Status ZoneCredentialCheck::run(const Zone &zone, const QByteArray &secret)
{
    if (zone.provider == DnsProvider::Manual)
        return {};
    const QString context =
        tr("zone %1: checking its credentials with the provider").arg(zone.name);
    RetryPolicy policy;
    policy.maxAttempts = 2; // an interactive check: answer within seconds
    // The secret goes to the provider from memory: nothing touches the disk.
    const Result<DnsZoneListing> listing = DnsBackendFactory::test(zone, secret, policy);
    if (!listing) {
        return Error(
            listing.error().kind(),
            tr("%1 failed: %2; nothing was stored").arg(context, listing.error().message()),
            QString::fromLatin1(field), zone.name);
    }
    return {};
}

} // namespace kokoa::app
