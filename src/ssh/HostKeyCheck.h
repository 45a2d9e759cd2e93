#pragma once

#include <QString>

#include <functional>

namespace kokoa {

// What a connection asks its caller when no pin settles a host key: the
// window shows it in a dialog, kokoactl answers from its options.
struct HostKeyQuestion
{
    QString hostLabel;   // "edge tokyo-1", or the target when the host has no name yet
    QString target;      // "root@203.0.113.7:22"
    QString fingerprint; // the key the server presented ("SHA256:…")
    QString pinned;      // the pin this key would replace; empty on first contact

    bool replacesPinned() const { return !pinned.isEmpty(); }
};

enum class HostKeyDecision
{
    Accept,
    Refuse,
};

// Asked after the key exchange and before any authentication: a refused key
// never sees a password or a command.
using HostKeyDecider = std::function<HostKeyDecision(const HostKeyQuestion &)>;

// How a connection treats the server's host key. Kokoa pins the SHA256
// fingerprint on first use; after that a different key stops all work unless
// `decide` explicitly accepts the replacement.
struct HostKeyCheck
{
    QString pinned;            // the fingerprint on record ("SHA256:…"), empty if none
    QString acceptFingerprint; // first use: accept exactly this fingerprint
    bool trustOnFirstUse = false;
    // Asked when neither the pin, acceptFingerprint nor trustOnFirstUse
    // settles the key; unset means refuse.
    HostKeyDecider decide;
    QString hostLabel; // for the question; the target is used when empty
};

// The `field` of a HostKey error says which case it is; its value() is the
// fingerprint the server presented.
namespace hostKeyField {
inline constexpr const char *unknown = "host-key";              // first contact, not accepted
inline constexpr const char *changed = "pinned-host-key";       // differs from the pin
inline constexpr const char *notAccepted = "accepted-host-key"; // not the one the caller named
inline constexpr const char *notPinned = "unpinned-host-key";   // no pin on record yet
} // namespace hostKeyField

} // namespace kokoa
