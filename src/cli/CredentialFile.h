#pragma once

#include "core/Result.h"

#include <QCoreApplication>

namespace kokoa::cli {

// Reads a credential (API token, TSIG key) the user hands over in a file.
// Like ssh with private keys, a file other users can read or write is
// refused: the secret may already be exposed, and Kokoa should not bless it.
// Only a regular file is read (a FIFO or a device would block or never end),
// at most a few KiB. The value is never echoed, not even in errors.
class CredentialFile final
{
    Q_DECLARE_TR_FUNCTIONS(CredentialFile)

public:
    // One line of 1 to 4096 printable ASCII characters without spaces.
    static Result<QByteArray> readToken(const QString &field, const QString &path);
    // A base64 TSIG key of at least 16 bytes.
    static Result<QByteArray> readTsigKey(const QString &field, const QString &path);

private:
    static Result<QByteArray> readPrivateFile(const QString &field, const QString &path);
};

} // namespace kokoa::cli
