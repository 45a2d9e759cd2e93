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
                     .arg(where(), describe(argv))
                     .arg(r->exitCode)
                     .arg(r->diagnostics()));
}

QString RemoteShell::describe(const QStringList &argv)
{
    // `sh -c <script> <name> <args…>`: the script is long and says nothing
    // to a reader; its $0 name and arguments do.
    if (argv.size() > 3 && argv.at(0) == QLatin1String("sh") && argv.at(1) == QLatin1String("-c"))
        return argv.mid(3).join(QLatin1Char(' '));
    if (argv.size() == 3 && argv.at(0) == QLatin1String("sh") && argv.at(1) == QLatin1String("-c"))
        return QStringLiteral("a shell script");
    return argv.join(QLatin1Char(' '));
}

QString ExecResult::diagnostics() const
{
    constexpr qsizetype limit = 2000;
    const QByteArray &raw = standardError.trimmed().isEmpty() ? standardOutput : standardError;
    const QString text = RemoteShell::printable(QString::fromUtf8(raw.left(limit * 4)).trimmed());
    return text.size() > limit ? text.left(limit) + QStringLiteral(" …") : text;
}

QString RemoteShell::printable(QString text)
{
    for (QChar &c : text) {
        const bool control =
            c.category() == QChar::Other_Control || c.category() == QChar::Other_Format;
        if (control && c != QLatin1Char('\n') && c != QLatin1Char('\t'))
            c = QChar(0xFFFD);
    }
    return text;
}

} // namespace kokoa
