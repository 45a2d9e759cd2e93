#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl zone add|list|rm|set-secret
class ZoneCommands final
{
    Q_DECLARE_TR_FUNCTIONS(ZoneCommands)

public:
    static int run(CliContext &context, const QStringList &args);

    // The secret name a zone's credential is stored under.
    static QString secretNameFor(const QString &zoneName);

private:
    static int add(CliContext &context, const QStringList &args);
    static int list(CliContext &context, const QStringList &args);
    static int remove(CliContext &context, const QStringList &args);
    static int setSecret(CliContext &context, const QStringList &args);
    // A stored zone, checked before a new secret is sent to it or stored for it.
    static Result<Zone> checkedForSecret(const Zone &stored);
};

} // namespace kokoa::cli
