#pragma once

#include "core/Result.h"
#include "validate/Validator.h"

// The one path every domain-name-like input takes. Internal to kokoa_validate.
namespace kokoa::detail {

enum class NameKind
{
    Fqdn,        // two labels or more
    Zone,        // two labels or more, never a wildcard
    ConnectHost, // one label allowed
    TsigName,    // one label allowed, '_' allowed, ASCII only, numbers allowed
};

// Raw checks, IDN conversion with a stable round trip (UTS #46 mappings
// other than case folding are refused), script mixing and combining-mark
// rules, then RFC 1123 label rules. Returns ACE, lowercase, no trailing dot.
Result<QString> domainName(const QString &field, const QString &input, NameKind kind,
                           Validator::Wildcard wildcard);

} // namespace kokoa::detail
