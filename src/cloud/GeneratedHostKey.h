#pragma once

#include "core/Result.h"

#include <QCoreApplication>

namespace kokoa {

// An SSH host key Kokoa makes for a server it creates (ed25519), so the
// first connection is already pinned: no trust on first use. The private
// half goes only into the server's user-data; the fingerprint is pinned.
struct GeneratedHostKey
{
    Q_DECLARE_TR_FUNCTIONS(GeneratedHostKey)

public:
    QByteArray privateKeyOpenSsh; // "-----BEGIN OPENSSH PRIVATE KEY-----…"
    QString publicKeyLine;        // "ssh-ed25519 AAAA… kokoa-host"
    QString fingerprint;          // "SHA256:…", as SshSession reports it

    static Result<GeneratedHostKey> generate();
    // The SHA256 fingerprint of an OpenSSH public key line, or empty when
    // the line is not one.
    static QString fingerprintOf(const QString &publicKeyLine);
};

} // namespace kokoa
