#pragma once

#include "deploy/ConfigPush.h"

#include <optional>

namespace kokoa {

// Installs the certificate files (keys, chains) that changed in one deploy
// as one set: every new file is staged, the files they replace are kept as
// <target>.kokoa-prev, all of them are moved into place, and the set is
// activated once (one nginx -t, one reload for however many certificates).
// nginx never checks a half-installed set: no certificate's new key meets
// its old chain, or the other way round. If the move or the activation
// fails, every file of the set goes back to what it was (a file that had
// no predecessor is removed) and the set's predecessor is activated again;
// nginx keeps serving its last good configuration. No staged file survives.
class CertificateSet final
{
    Q_DECLARE_TR_FUNCTIONS(CertificateSet)

public:
    struct Member
    {
        ManagedFile managed;
        std::optional<QByteArray> current; // the live file; nullopt: none yet
    };

    static Status install(RemoteShell &shell, const QList<Member> &members,
                          const ConfigPush::Activate &activate);

    // `sh -c` scripts taking (source, destination) pairs as "$@": the copies
    // kept for a rollback and the moves into place, each one round trip for
    // the whole set however many certificates it holds. They stop at the
    // first failure.
    static QString copyScript();
    static QString moveScript();
    // The same moves, every pair tried even after a failure (the rollback).
    static QString restoreScript();

private:
    // Puts every member back as it was (each one is tried). Safe for members
    // that were never moved in: their .kokoa-prev is a copy of the live file
    // and a new one does not exist yet. Returns what failed, empty if none.
    static QStringList restore(RemoteShell &shell, const QList<Member> &members);
    static void removeStaged(RemoteShell &shell, const QList<Member> &members);
};

} // namespace kokoa
