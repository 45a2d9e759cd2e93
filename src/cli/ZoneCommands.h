#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl zone add|list|rm|set-secret
class ZoneCommands final
{
    Q_DECLARE_TR_FUNCTIONS(ZoneCommands)

public:
    static int run(CliContext &context, const QStringList &args);

private:
    static int add(CliContext &context, const QStringList &args);
    static int list(CliContext &context, const QStringList &args);
    static int remove(CliContext &context, const QStringList &args);
    static int setSecret(CliContext &context, const QStringList &args);
    // The zone service's error in kokoactl's words.
    static Error withCliHint(const Error &error);
};

} // namespace kokoa::cli
