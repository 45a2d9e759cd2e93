#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl route add|update|list|rm
class RouteCommands final
{
    Q_DECLARE_TR_FUNCTIONS(RouteCommands)

public:
    static int run(CliContext &context, const QStringList &args);

private:
    static int add(CliContext &context, const QStringList &args);
    static int update(CliContext &context, const QStringList &args);
    static int list(CliContext &context, const QStringList &args);
    static int remove(CliContext &context, const QStringList &args);
};

} // namespace kokoa::cli
