#pragma once

#include <QString>

namespace kokoa {

// How a connection treats the server's host key. Kokoa pins the SHA256
// fingerprint on first use; after that a different key stops all work.
struct HostKeyCheck
{
    QString pinned;            // the fingerprint on record ("SHA256:…"), empty if none
    QString acceptFingerprint; // first use: accept exactly this fingerprint
    bool trustOnFirstUse = false;
};

} // namespace kokoa
