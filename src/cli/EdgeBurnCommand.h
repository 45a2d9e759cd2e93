#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl edge burn NAME [--no-replace] [--provider P] [--keep-ip]: the
// edge leaves DNS, its server is destroyed and a new one takes its place
// (app/EdgeBurn). Run again after a failure, it resumes.
class EdgeBurnCommand final
{
    Q_DECLARE_TR_FUNCTIONS(EdgeBurnCommand)

public:
    static int run(CliContext &context, const QStringList &args);
};

} // namespace kokoa::cli
