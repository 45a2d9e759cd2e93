#pragma once

#include "cloud/GeneratedHostKey.h"

#include <QByteArray>

namespace kokoa {

// The cloud-config every provider gets: the host key Kokoa made (so the
// first SSH connection is pinned), no other host keys (the image's own are
// deleted; cloud-init generates none when ssh_keys is given), and Kokoa's key authorized for root,
// which edges are managed as.
class CloudInitUserData final
{
public:
    static QByteArray build(const GeneratedHostKey &hostKey, const QString &authorizedKeyLine);
};

} // namespace kokoa
