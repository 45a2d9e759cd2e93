#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl origin|edge add|list|rm|connect|repin
class HostCommands final
{
    Q_DECLARE_TR_FUNCTIONS(HostCommands)

public:
    static int runOrigin(CliContext &context, const QStringList &args);
    static int runEdge(CliContext &context, const QStringList &args);

private:
    static int addOrigin(CliContext &context, const QStringList &args);
    static int addEdge(CliContext &context, const QStringList &args);
    static int listOrigins(CliContext &context, const QStringList &args);
    static int listEdges(CliContext &context, const QStringList &args);
    static int remove(CliContext &context, const QStringList &args, bool edge);
    static int connect(CliContext &context, const QStringList &args, bool edge);
    static int repin(CliContext &context, const QStringList &args, bool edge);
};

} // namespace kokoa::cli
