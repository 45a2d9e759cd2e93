#pragma once

#include "core/Result.h"
#include "ssh/RemoteShell.h"

#include <QCoreApplication>

namespace kokoa {

// One deployment at a time per host. Two at once would overwrite each
// other's staged files and report the other's half-written file as rejected
// by the checker. The lock is a directory in /run (gone at reboot); one left
// behind by a deployment that died is taken over at once when it was taken
// from this machine by a process that no longer runs, else after staleSeconds.
class HostLock final
{
    Q_DECLARE_TR_FUNCTIONS(HostLock)

public:
    static QString path() { return QStringLiteral("/run/kokoa-deploy.lock"); }
    static constexpr int staleSeconds = 30 * 60;

    // `owner` says who holds it ("kokoactl on desk, pid 42"), for the other.
    static Status acquire(RemoteShell &shell, const QString &owner);
    static void release(RemoteShell &shell);
    // Who this process is, as acquire() wants it.
    static QString thisProcess();

private:
    // A Conflict error when it is held, with the holder in *holder.
    static Status tryAcquire(RemoteShell &shell, const QString &owner, QString *holder);
};

} // namespace kokoa
