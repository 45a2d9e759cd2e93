#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl edge update NAME [--ssh TARGET] [--public-ip IP …] [--provider P
// --provider-id ID] [--profile PROFILE]: changes a stored edge in place, so
// it keeps its tunnel address, keys and state (remove + add would not).
class EdgeUpdateCommand final
{
    Q_DECLARE_TR_FUNCTIONS(EdgeUpdateCommand)

public:
    static int run(CliContext &context, const QStringList &args);
};

} // namespace kokoa::cli
