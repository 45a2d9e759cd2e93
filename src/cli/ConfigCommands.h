#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl init, export, import, settings, events
class ConfigCommands final
{
    Q_DECLARE_TR_FUNCTIONS(ConfigCommands)

public:
    static int init(CliContext &context, const QStringList &args);
    static int exportConfig(CliContext &context, const QStringList &args);
    static int importConfig(CliContext &context, const QStringList &args);
    static int settings(CliContext &context, const QStringList &args);
    static int events(CliContext &context, const QStringList &args);
};

} // namespace kokoa::cli
