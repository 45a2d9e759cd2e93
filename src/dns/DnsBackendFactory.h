#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "dns/BlockingHttp.h"
#include "dns/DnsOwnerId.h"
#include "dns/DnsRecord.h"

#include <QCoreApplication>

#include <memory>

namespace kokoa {

class DnsBackend;
class SecretStore;

// Builds the provider of a zone from its settings, its secret (Cloudflare
// API token; TSIG secret as base64) and this installation's owner id
// (DnsOwnerId). Manual zones have no provider (Error::Kind::InvalidInput).
class DnsBackendFactory final
{
    Q_DECLARE_TR_FUNCTIONS(DnsBackendFactory)

public:
    static Result<std::unique_ptr<DnsBackend>> create(const Zone &zone, const SecretStore &secrets,
                                                      const DnsOwner &owner,
                                                      RetryPolicy policy = {});

    // The "Test" of a zone before it is stored (`zone add`, the wizard):
    // checks the settings and the secret (Cloudflare API token; TSIG secret
    // as base64) against the provider and lists the zone's records. Changes
    // nothing; blocks for the network round trips (within the policy's
    // budget per request). A wrong token or TSIG secret fails with
    // Error::Kind::Refused and a message naming it.
    static Result<DnsZoneListing> test(const Zone &zone, const QByteArray &secret,
                                       RetryPolicy policy = {});

private:
    static Result<std::unique_ptr<DnsBackend>> createWithSecret(const Zone &zone,
                                                                const QByteArray &secret,
                                                                const DnsOwner &owner,
                                                                RetryPolicy policy);
};

} // namespace kokoa
