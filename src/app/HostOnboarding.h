#pragma once

#include "core/Result.h"
#include "core/SshTarget.h"
#include "ssh/HostKeyCheck.h"

#include <QCoreApplication>

namespace kokoa::app {

// First contact with a host: check its SSH host key (a pin, or the shell's
// answer to "accept SHA256:… for host X?"), log in with a given identity or,
// once, a password, install Kokoa's own key and prove it works. The shell
// gathers the inputs (options, a dialog); nothing here reads a terminal.
class HostOnboarding final
{
    Q_DECLARE_TR_FUNCTIONS(HostOnboarding)

public:
    struct Request
    {
        SshTarget target;
        QString hostLabel;    // "edge tokyo-1": what the host-key question names
        QString identityFile; // log in with this key; empty: Kokoa's own key
        QString password;     // one-time password; empty: none
        QString pinned;       // the fingerprint on record, empty on first contact
        // Asked when the presented key is not the pinned one; unset: refuse.
        HostKeyDecider decideHostKey;
    };

    struct Outcome
    {
        QString fingerprint;       // the key to pin
        bool keyInstalled = false; // Kokoa's key was added to authorized_keys
    };

    explicit HostOnboarding(QString dataDir);

    Result<Outcome> establish(const Request &request) const;

private:
    QString m_dataDir;
};

} // namespace kokoa::app
