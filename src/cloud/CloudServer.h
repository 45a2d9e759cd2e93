#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace kokoa {

// What Kokoa asks a provider for.
struct ServerSpec
{
    QString name;        // unique per provider; the provider's server name
    QString image;       // e.g. debian-12
    QString size;        // server type / plan, e.g. cx22
    QString region;      // location / region, e.g. fsn1
    QByteArray userData; // cloud-config (CloudInitUserData)
    // A public IPv4 address kept from a burned server (the provider's handle
    // from CloudProvider::keepAddress): the new server gets it. Empty: a new one.
    QString keptAddress;
};

// A server as a provider shows it.
struct CloudServer
{
    QString id;
    QString name;
    QString status; // the provider's word for it (running, initializing, active, …)
    QString ipv4;
    QString ipv6;
    bool running = false; // booted as far as the provider can tell
    bool owned = false;   // carries this installation's ownership label or tag
    QString ipv4Id; // the provider's id of that address, where it has one (Hetzner: primary IP)
};

// The server named `name` among these, if any.
inline std::optional<CloudServer> serverNamed(const QList<CloudServer> &servers,
                                              const QString &name)
{
    for (const CloudServer &s : servers) {
        if (s.name == name)
            return s;
    }
    return std::nullopt;
}

} // namespace kokoa
