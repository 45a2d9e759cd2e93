#pragma once

#include "core/Result.h"

#include <QCoreApplication>
#include <QString>

namespace kokoa {

// A Curve25519 key pair in the text form `wg` uses (base64 of 32 bytes).
// Kokoa lets hosts make their own keys (`wg genkey` on the host); this is for
// keys that must be made elsewhere, such as a VPS's first-boot user data.
struct WireGuardKeyPair
{
    QString privateKey;
    QString publicKey;
};

class WireGuardKey final
{
    Q_DECLARE_TR_FUNCTIONS(WireGuardKey)

public:
    static Result<WireGuardKeyPair> generate();
    // The public key of a private key, as `wg pubkey` prints it.
    static Result<QString> publicKeyFor(const QString &privateKey);
};

} // namespace kokoa
