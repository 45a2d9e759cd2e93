#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl provider add|list|rm|servers
class ProviderCommands final
{
    Q_DECLARE_TR_FUNCTIONS(ProviderCommands)

public:
    static int run(CliContext &context, const QStringList &args);

private:
    static int add(CliContext &context, const QStringList &args);
    static int list(CliContext &context, const QStringList &args);
    static int remove(CliContext &context, const QStringList &args);
    static int servers(CliContext &context, const QStringList &args);
};

} // namespace kokoa::cli
