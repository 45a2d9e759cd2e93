#pragma once

#include "core/Result.h"

#include <QString>

#include <optional>

namespace kokoa {

// Where Kokoa keeps its database, secrets and certificates. Chosen in this
// order: an explicit path (--data-dir), $KOKOA_DATA_DIR, then the platform's
// application data location. Several instances and tests never collide as
// long as each gets its own path.
class DataDirectory final
{
public:
    static QString resolve(const QString &explicitPath = {});
    // The same choice, but an empty --data-dir or a KOKOA_DATA_DIR that is set
    // and empty is an error: taking the default instead would act on another
    // installation than the one meant (typically a variable that expanded to
    // nothing). nullopt: no --data-dir given.
    static Result<QString> choose(const std::optional<QString> &explicitPath);

    // Creates the directory (mode 0700) if needed.
    static Result<QString> ensure(const QString &path);

    static QString databasePath(const QString &dataDir);
    static QString secretsPath(const QString &dataDir);
    static QString certificatesPath(const QString &dataDir);
};

} // namespace kokoa
