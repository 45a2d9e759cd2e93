#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl acme account, kokoactl cert issue|list|renew|rekey: arguments in, the
// certificate service's answers out.
class CertCommands final
{
    Q_DECLARE_TR_FUNCTIONS(CertCommands)

public:
    static int runAcme(CliContext &context, const QStringList &args);
    static int runCert(CliContext &context, const QStringList &args);
    // After edge is removed: re-keys the certificates whose keys it held
    // when the setting says so, else says how.
    static int afterEdgeRemoval(CliContext &context, const QString &edge);

private:
    static int account(CliContext &context, const QStringList &args);
    static int issue(CliContext &context, const QStringList &args);
    static int list(CliContext &context, const QStringList &args);
    static int renew(CliContext &context, const QStringList &args, bool rekey);
};

} // namespace kokoa::cli
