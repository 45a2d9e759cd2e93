#pragma once

#include "core/Result.h"
#include "ssh/RemoteShell.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

#include <atomic>

namespace kokoa {

// What the running WireGuard interface of a host really does, as opposed to
// what its configuration file says: a key file replaced behind Kokoa's back
// (a reinstall, a restore) leaves the interface on the old key while every
// peer is given the new one, and the tunnel dies without a word. Deployment
// compares the two and, on an edge, waits until the origins answer.
class TunnelCheck final
{
    Q_DECLARE_TR_FUNCTIONS(TunnelCheck)

public:
    // A handshake older than this means the tunnel carries nothing
    // (WireGuard's REJECT_AFTER_TIME).
    static constexpr qint64 handshakeMaxAgeSeconds = 180;
    // Above the origins' PersistentKeepalive (25 s): an origin that just
    // took a new key handshakes at its next keepalive at the latest.
    static constexpr int defaultHandshakeTimeoutMs = 40000;

    struct InterfaceState
    {
        QString publicKey;
        QStringList peers; // sorted
    };

    // The running interface's public key and peers (never its private key).
    static Result<InterfaceState> read(RemoteShell &shell);
    // The peers' public keys named in a rendered WireGuard file, sorted.
    static QStringList peerKeys(const QByteArray &renderedConfig);
    // Why `state` is not what was pushed; empty when it is.
    static QString mismatch(const InterfaceState &state, const QString &publicKey,
                            const QStringList &peers);

    // Polls (bounded by timeoutMs) until every peer in `peers` had a
    // handshake within handshakeMaxAgeSeconds. The error names the peers
    // (through `names`, public key → "origin home") that never answered.
    static Status waitForHandshakes(RemoteShell &shell, const QStringList &peers,
                                    const QHash<QString, QString> &names, int timeoutMs,
                                    const std::atomic_bool *cancel);

private:
    // Peers without a recent handshake, or an error.
    static Result<QStringList> silentPeers(RemoteShell &shell, const QStringList &peers);
};

} // namespace kokoa
