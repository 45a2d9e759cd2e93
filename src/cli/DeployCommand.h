#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl deploy [--all | --edge N … | --origin N …] [--dry-run] [--parallel N]
class DeployCommand final
{
    Q_DECLARE_TR_FUNCTIONS(DeployCommand)

public:
    static int run(CliContext &context, const QStringList &args);
};

} // namespace kokoa::cli
