#pragma once

#include <QString>
#include <QStringList>

namespace kokoa {

// One `edge burn` in progress (table burns): what it started from and which
// of its steps are done, so a rerun after a crash or a failure resumes
// instead of starting over (and never asks for a second server).
struct BurnRecord
{
    QString edge;        // the edge being burned
    QString replacement; // the edge that takes its place ("" with --no-replace)
    QString provider;    // where the replacement comes from
    // The burned edge's server, captured before the edge leaves the
    // configuration; empty for an edge added by hand.
    QString oldProvider;
    QString oldServer;
    QString sshTarget; // for the hand-added case: the machine the user must destroy
    bool replace = true;
    bool lastEdge = false;  // the replacement serves before the old edge leaves
    bool automatic = false; // started by the monitor (edges.auto_replace)
    bool hadTunnel = false; // the edge had a WireGuard key: a peer on the origins
    bool keepIp = false;    // the replacement gets the burned server's public IPv4
    // The provider's handle of that address, recorded before the server is
    // destroyed (CloudProvider::keepAddress).
    QString keptAddress;
    QStringList done; // completed step names
    qint64 startedMs = 0;
};

} // namespace kokoa
