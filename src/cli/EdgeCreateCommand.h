#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl edge create NAME --provider P [--profile PROFILE] [--no-dns]:
// a new server from the provider becomes a deployed edge (app/EdgeCreation).
// Run again after a failure, it resumes with the same server.
class EdgeCreateCommand final
{
    Q_DECLARE_TR_FUNCTIONS(EdgeCreateCommand)

public:
    static int run(CliContext &context, const QStringList &args);
};

} // namespace kokoa::cli
