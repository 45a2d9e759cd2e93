#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "dns/BlockingHttp.h"
#include "dns/DnsOwnerId.h"

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
                                                       const DnsOwner &owner, RetryPolicy policy = {});
};

} // namespace kokoa
