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

    // Hostnames whose certificate is in the control plane's certificate store.
    static QSet<QString> certifiedHostnames(const QString &dataDir, const Topology &topology);
};

} // namespace kokoa::cli
