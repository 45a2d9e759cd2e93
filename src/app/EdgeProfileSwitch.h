#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "deploy/Deployer.h"

#include <QCoreApplication>

namespace kokoa {

class Store;

// Switches an edge between the normal and the under-attack nginx limits:
// the profile is stored (the edge's desired state, as `edge update
// --profile` stores it) and request() is the one deployment that applies it,
// to that edge alone. Shared by `kokoactl edge profile`, the window and the
// automatic switch above a load threshold.
class EdgeProfileSwitch final
{
    Q_DECLARE_TR_FUNCTIONS(EdgeProfileSwitch)

public:
    struct Change
    {
        Edge edge; // as stored now
        EdgeProfile previous = EdgeProfile::Normal;
        bool changed = false;  // false: it had this profile already
        bool deployed = false; // the edge has been deployed (a redeploy applies the change)
    };

    // The profile's words as the CLI and the settings take them.
    static Result<EdgeProfile> parse(const QString &word);
    // Stores `profile` for `edge`; `reason` goes to the event log with it
    // ("by kokoactl", "4,210 requests/s above 2,000"). An unknown edge is an
    // error naming it; nothing is written then.
    static Result<Change> store(Store &store, const QString &edge, EdgeProfile profile,
                                const QString &reason);
    // The deployment that applies the stored profile: that edge alone.
    static DeployRequest request(const QString &edge);
};

} // namespace kokoa
