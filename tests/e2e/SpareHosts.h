#pragma once

#include "NetWorld.h"

#include <QJsonArray>
#include <QProcess>

#include <memory>

// world/spare-host as a `command` provider: the world's spare public hosts
// handed out as freshly created servers (see world/README.md). Shared by
// the end-to-end tests that create and burn edges.
class SpareHosts final
{
public:
    SpareHosts() = default;
    ~SpareHosts();
    Q_DISABLE_COPY_MOVE(SpareHosts)

    // Runs `spare-host serve` for `hosts` (powered off until created) with
    // its directory under the build tree, where desk sees it. Returns an
    // error text, empty once it is ready.
    QString start(const NetWorld &world, const QStringList &hosts);
    // Tells serve to end (waits, bounded, then kills it).
    void stop();

    QString filePath(const QString &name) const; // in the provider's directory
    // The provider's server list ([{host, ipv4, state, id, name}]).
    QJsonArray servers() const;
    // free, creating, running or destroyed; empty for an unknown host.
    QString state(const QString &host) const;

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QProcess m_serve;
};

namespace KokoaInWorld {

// The world's BIND authoritative for example.com and example.net, Kokoa
// initialised with origin "home" (Kokoa's key authorised there), routes
// a.example.com (8081) and b.example.net (8082) in those RFC 2136 zones,
// and `spares` added as the command provider "spares". Kokoa's public key
// goes to *kokoaKey. Returns an error text, empty on success.
QString setUpWithSpareProvider(const NetWorld &world, const SpareHosts &spares,
                               QByteArray *kokoaKey);

} // namespace KokoaInWorld
