#pragma once

#include "cli/CliContext.h"

#include <QSet>

namespace kokoa::cli {

// kokoactl render edge|origin NAME --out DIR: writes the files Kokoa would
// push to that host under DIR, each at its target path.
class RenderCommand final
{
    Q_DECLARE_TR_FUNCTIONS(RenderCommand)

public:
    static int run(CliContext &context, const QStringList &args);
};

} // namespace kokoa::cli
