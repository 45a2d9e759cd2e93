#pragma once

#include "core/Result.h"

#include <QCoreApplication>

namespace kokoa {
class RemoteShell;
}

namespace kokoa::app {

// Replaces the SSH host key Kokoa gave a new server (which its provider saw
// in the user-data) with one the host makes itself, over a connection
// already authenticated with the pinned key. Two steps, each safe to repeat
// after a crash: stage() makes the new key beside the live one (or returns
// the one staged before) and reads its public half; install() moves it into
// place and has sshd reload. The caller pins the staged fingerprint between
// the two, so whichever key the host presents afterwards is known.
class HostKeyRotation final
{
    Q_DECLARE_TR_FUNCTIONS(HostKeyRotation)

public:
    static constexpr auto liveKey = "/etc/ssh/ssh_host_ed25519_key";
    static constexpr auto stagedKey = "/etc/ssh/ssh_host_ed25519_key.kokoa-new";

    // The staged key's fingerprint ("SHA256:…"). stagedPath: for tests.
    static Result<QString> stage(RemoteShell &shell,
                                 const QString &stagedPath = QLatin1String(stagedKey));
    static Status install(RemoteShell &shell);
};

} // namespace kokoa::app
