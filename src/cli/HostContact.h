#pragma once

#include "cli/CliContext.h"
#include "core/SshTarget.h"

namespace kokoa::cli {

// First contact with a host: check its SSH host key as the user said
// (--accept-host-key SHA256:… or --trust-on-first-use), log in with a given
// identity or, once, a password (--password-stdin), install Kokoa's own key
// and prove it works. Returns the fingerprint to pin.
class HostContact final
{
    Q_DECLARE_TR_FUNCTIONS(HostContact)

public:
    static void addOptions(QCommandLineParser &parser);
    // True when the user asked for contact with any of the options.
    static bool requested(const QCommandLineParser &parser);
    static Result<QString> establish(CliContext &context, const SshTarget &target,
                                     const QCommandLineParser &parser, const QString &pinned = {});
};

} // namespace kokoa::cli
