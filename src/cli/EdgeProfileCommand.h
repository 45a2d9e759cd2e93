#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl edge profile NAME normal|under-attack [--no-deploy]: switches the
// edge's nginx limits and applies them with one deployment of that edge
// (EdgeProfileSwitch); --no-deploy only stores the profile.
class EdgeProfileCommand final
{
    Q_DECLARE_TR_FUNCTIONS(EdgeProfileCommand)

public:
    static int run(CliContext &context, const QStringList &args);
};

} // namespace kokoa::cli
