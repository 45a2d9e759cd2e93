#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl watchdog install|uninstall|status: kokoa-watchdog as a systemd
// user service, kept running without a login session (linger).
class WatchdogCommand final
{
    Q_DECLARE_TR_FUNCTIONS(WatchdogCommand)

public:
    static int run(CliContext &context, const QStringList &args);

    // The kokoa-watchdog next to kokoactl (installed) or in the build tree.
    static QString watchdogBinary();

private:
    static int install(CliContext &context);
    static int uninstall(CliContext &context);
    static int status(CliContext &context);
};

} // namespace kokoa::cli
