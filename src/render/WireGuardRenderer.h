#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "core/Settings.h"
#include "render/RenderedFile.h"

namespace kokoa {

// wg-quick configurations. Private keys never appear: each host keeps its own
// key in keyPath(), and deployment inserts it into the installed copy on the
// host, keeping the rendered file (without key) beside it as the reference
// the control plane compares against.
class WireGuardRenderer final
{
public:
    static constexpr quint16 listenPort = 51820;
    static constexpr int keepaliveSeconds = 25;
    static QString interfaceName() { return QStringLiteral("kokoa0"); }
    static QString configPath() { return QStringLiteral("/etc/wireguard/kokoa0.conf"); }
    static QString keyPath() { return QStringLiteral("/etc/wireguard/kokoa0.key"); }
    // The rendered file as pushed, without the key: what deployments compare.
    static QString referencePath() { return QStringLiteral("/etc/wireguard/kokoa0.conf.kokoa"); }

    // Edge: listens on UDP 51820, one peer per origin (no endpoint).
    static Result<RenderedHost> renderEdge(const Edge &edge, const Topology &topology,
                                           const Settings &settings);
    // Origin: one peer per edge, Endpoint = edge public address:51820,
    // PersistentKeepalive 25; nothing listens.
    static Result<RenderedHost> renderOrigin(const Origin &origin, const Topology &topology,
                                             const Settings &settings);
};

} // namespace kokoa
