#pragma once

#include <QJsonObject>
#include <QString>

namespace kokoa {

// A VPS template: where new edges come from (table providers). The API token
// is a secret named by secretRef, never stored here.
struct ProviderRecord
{
    QString name;
    QString kind;         // hetzner, digitalocean, vultr, command
    QJsonObject settings; // api_base, location, server_type, image, create/destroy commands
    QString secretRef;    // empty for the command kind
};

// A server Kokoa asked a provider for (table servers). The row is written
// before the provider is asked (state requested, no id yet), so a crash
// between the request and its answer leaves a name to look for among the
// servers that carry this installation's label: nothing is ever forgotten.
struct ServerRecord
{
    enum class State
    {
        Requested,  // asked for; the provider's id may not be known yet
        Created,    // the provider gave an id
        Destroying, // destroy asked for, not yet confirmed
        Destroyed,  // gone at the provider
    };

    QString provider;
    QString name; // unique per provider: the server's name at the provider
    QString serverId;
    QString edge; // the edge it was made for
    QString ipv4;
    QString ipv6;
    QString hostKey; // fingerprint of the host key Kokoa gave it ("SHA256:…")
    // The host-made key that replaces it, known once staged on the host and
    // before it is installed: after a crash in between, the host may
    // present either.
    QString pendingHostKey;
    State state = State::Requested;
    qint64 createdMs = 0;

    static QString stateName(State state);
    static bool parseState(const QString &text, State *state);
};

} // namespace kokoa
