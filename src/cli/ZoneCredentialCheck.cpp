#include "cli/ZoneCredentialCheck.h"

#include "dns/DnsBackend.h"
#include "dns/DnsBackendFactory.h"
#include "store/SecretStore.h"

#include <QTemporaryDir>

namespace kokoa::cli {

Status ZoneCredentialCheck::run(const Zone &zone, const QByteArray &secret, const QString &dataDir)
{
    if (zone.provider == DnsProvider::Manual)
        return {};
    const QString context =
        tr("zone %1: checking its credentials with the provider").arg(zone.name);
    // The provider reads its secret from a SecretStore; this one is private
    // (0700, inside the data directory) and removed when the check ends.
    QTemporaryDir scratch(dataDir + QStringLiteral("/.zone-check-XXXXXX"));
    if (!scratch.isValid()) {
        return Error(Error::Kind::Io, tr("%1: cannot create a private directory in %2")
                                          .arg(context, dataDir));
    }
    SecretStore secrets(scratch.path());
    if (Status s = secrets.put(zone.secretRef, secret); !s)
        return s.error().prefixed(context);
    RetryPolicy policy;
    policy.maxAttempts = 2; // an interactive check: answer within seconds
    Result<std::unique_ptr<DnsBackend>> backend = DnsBackendFactory::create(zone, secrets, policy);
    if (!backend)
        return backend.error().prefixed(context);
    if (Status s = (*backend)->verify(); !s) {
        return Error(s.error().kind(),
                     tr("%1 failed: %2; nothing was stored (--no-check adds the zone without "
                        "asking, e.g. offline)")
                         .arg(context, s.error().message()),
                     s.error().field());
    }
    return {};
}

} // namespace kokoa::cli
