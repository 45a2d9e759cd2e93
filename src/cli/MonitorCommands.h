#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl monitor [--once], status [--json], dns sync [--dry-run]
class MonitorCommands final
{
    Q_DECLARE_TR_FUNCTIONS(MonitorCommands)

public:
    static int monitor(CliContext &context, const QStringList &args);
    static int status(CliContext &context, const QStringList &args);
    static int dns(CliContext &context, const QStringList &args);
};

} // namespace kokoa::cli
