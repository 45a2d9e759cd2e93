#include "ssh/RemoteShell.h"

#include <QCoreApplication>

namespace kokoa {

Result<ExecResult> RemoteShell::run(const QStringList &argv, const QByteArray &standardInput,
                                    int timeoutMs, const std::atomic_bool *cancel)
{
    Result<ExecResult> r = exec(argv, standardInput, timeoutMs, cancel);
    if (!r || r->exitCode == 0)
        return r;
    return Error(Error::Kind::Remote,
                 QCoreApplication::translate("RemoteShell", "%1: %2 exited with status %3: %4")
                     .arg(where(), argv.join(QLatin1Char(' ')))
                     .arg(r->exitCode)
                     .arg(r->diagnostics()));
}

QString ExecResult::diagnostics() const
{
    constexpr qsizetype limit = 2000;
    const QByteArray &raw = standardError.trimmed().isEmpty() ? standardOutput : standardError;
    QString text = QString::fromUtf8(raw.left(limit * 4)).trimmed();
    for (QChar &c : text) {
        const bool control = c.category() == QChar::Other_Control
                             || c.category() == QChar::Other_Format;
        if (control && c != QLatin1Char('\n') && c != QLatin1Char('\t'))
            c = QChar(0xFFFD);
    }
    return text.size() > limit ? text.left(limit) + QStringLiteral(" …") : text;
}

} // namespace kokoa
