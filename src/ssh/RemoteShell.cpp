#include "ssh/RemoteShell.h"

#include <QCoreApplication>

namespace kokoa {

Result<ExecResult> RemoteShell::run(const QStringList &argv, const QByteArray &standardInput,
                                    int timeoutMs, const std::atomic_bool *cancel)
{
    Result<ExecResult> r = exec(argv, standardInput, timeoutMs, cancel);
    if (!r || r->exitCode == 0)
        return r;
    QString detail = QString::fromUtf8(r->standardError).trimmed();
    if (detail.isEmpty())
        detail = QString::fromUtf8(r->standardOutput).trimmed();
    return Error(Error::Kind::Remote,
                 QCoreApplication::translate("RemoteShell", "%1: %2 exited with status %3: %4")
                     .arg(where(), argv.join(QLatin1Char(' ')))
                     .arg(r->exitCode)
                     .arg(detail.left(2000)));
}

} // namespace kokoa
