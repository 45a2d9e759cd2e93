#pragma once

#include "cli/CliContext.h"

namespace kokoa::cli {

// kokoactl acme account, kokoactl cert issue|list: arguments in, the
// certificate service's answers out.
class CertCommands final
{
    Q_DECLARE_TR_FUNCTIONS(CertCommands)

public:
    static int runAcme(CliContext &context, const QStringList &args);
    static int runCert(CliContext &context, const QStringList &args);

private:
    static int account(CliContext &context, const QStringList &args);
    static int issue(CliContext &context, const QStringList &args);
    static int list(CliContext &context, const QStringList &args);
};

} // namespace kokoa::cli
