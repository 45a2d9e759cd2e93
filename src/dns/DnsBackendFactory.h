#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "dns/BlockingHttp.h"

#include <QCoreApplication>

#include <memory>

namespace kokoa {

class DnsBackend;
class SecretStore;

// Builds the provider of a zone from its settings and its secret (Cloudflare
// API token; TSIG secret as base64). Call it in the thread that will use the
// provider. Manual zones have no provider (Error::Kind::InvalidInput).
class DnsBackendFactory final
{
    Q_DECLARE_TR_FUNCTIONS(DnsBackendFactory)

public:
    static Result<std::unique_ptr<DnsBackend>> create(const Zone &zone, const SecretStore &secrets,
                                                       RetryPolicy policy = {});
};

} // namespace kokoa
