#pragma once

#include "cloud/CloudServer.h"
#include "core/Result.h"

#include <QList>

#include <optional>

namespace kokoa {

// A place new edges come from. Calls block (each within a bounded time) and
// are made from a worker thread, never the GUI thread. Every server Kokoa
// creates carries this installation's ownership label; a server without it
// is never destroyed through this interface's users.
class CloudProvider
{
public:
    virtual ~CloudProvider() = default;

    virtual QString kind() const = 0;
    // Whether owned() can ask the provider (the command kind cannot).
    virtual bool canList() const { return true; }

    // Tries the credentials with a cheap read: Refused when they do not work.
    virtual Status checkCredentials() = 0;
    // Asks for a server and returns once the provider accepted it (its id is
    // known); it may still be booting. A create whose answer was lost and is
    // retried finds the first server by its name instead of making a second.
    virtual Result<CloudServer> create(const ServerSpec &spec) = 0;
    // The server with this id; no value when the provider does not know it.
    virtual Result<std::optional<CloudServer>> server(const QString &id) = 0;
    // Destroys the server and returns once the provider confirms it. A server
    // that is already gone counts as destroyed.
    virtual Status destroy(const QString &id) = 0;
    // Every server carrying this installation's label.
    virtual Result<QList<CloudServer>> owned() = 0;

    // `edge burn --keep-ip`: a server's public IPv4 address outlives it and
    // goes to its replacement (ServerSpec::keptAddress). Whether this
    // provider can do that; the two calls below are made only where it can.
    virtual bool canKeepAddress() const { return false; }
    // Whether keepAddress(serverId, address) can work, asked before a burn
    // changes anything; changes nothing itself.
    virtual Status checkKeepable(const QString &serverId, const QString &address)
    {
        Q_UNUSED(serverId)
        Q_UNUSED(address)
        return {};
    }
    // Makes the server's public IPv4 address (`address`, as Kokoa recorded
    // it) stay when the server is destroyed; returns the provider's handle
    // for it. Repeatable.
    virtual Result<QString> keepAddress(const QString &serverId, const QString &address)
    {
        Q_UNUSED(address)
        return Error(Error::Kind::Internal,
                     QStringLiteral("keeping %1's address is not supported").arg(serverId));
    }
    // The public IPv4 address a running server is reached at, and where a
    // kept address (ServerSpec::keptAddress) goes to it. Most providers give
    // a server its address, a kept one too, when they create it; where an
    // address can only be attached to a running server (DigitalOcean's
    // reserved IPs), this attaches it. Repeatable.
    virtual Result<QString> attachAddress(const CloudServer &running, const QString &keptAddress)
    {
        Q_UNUSED(keptAddress)
        return running.ipv4;
    }
    // The kept address lives and dies with the server that now holds it
    // again: a later burn without --keep-ip must not leave it behind,
    // billed and unused. Repeatable.
    virtual Status releaseKeptAddress(const QString &handle)
    {
        return Error(Error::Kind::Internal,
                     QStringLiteral("address %1 was never kept").arg(handle));
    }
};

} // namespace kokoa
