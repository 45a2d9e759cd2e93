#include "deploy/HostLock.h"

#include <QRegularExpression>
#include <QSysInfo>

#include <cerrno>
#include <csignal>

namespace kokoa {
namespace {

constexpr int busyExit = 75; // EX_TEMPFAIL

QString thisMachine()
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9.-]"));
    QString host = QSysInfo::machineHostName();
    host.replace(unsafe, QStringLiteral("_"));
    return host;
}

// A lock taken from this machine by a process that is gone (killed while
// deploying) is not worth waiting for.
bool heldByDeadProcessHere(const QString &holder)
{
    static const QRegularExpression owner(QStringLiteral("^\\S+ on (\\S+), pid (\\d+)$"));
    const QRegularExpressionMatch m = owner.match(holder.trimmed());
    if (!m.hasMatch() || m.captured(1) != thisMachine())
        return false;
    const qint64 pid = m.captured(2).toLongLong();
    return pid > 0 && pid != QCoreApplication::applicationPid() && ::kill(pid_t(pid), 0) != 0 &&
           errno == ESRCH;
}

} // namespace

Status HostLock::acquire(RemoteShell &shell, const QString &owner)
{
    QString holder;
    Status first = tryAcquire(shell, owner, &holder);
    if (first || !heldByDeadProcessHere(holder))
        return first;
    release(shell);
    return tryAcquire(shell, owner, &holder);
}

Status HostLock::tryAcquire(RemoteShell &shell, const QString &owner, QString *holderOut)
{
    // mkdir is atomic: exactly one deployment creates the directory.
    const QString script = QStringLiteral(
        "take() { mkdir \"$1\" 2>/dev/null && printf '%s\\n' \"$2\" > \"$1/owner\"; }; "
        "take \"$1\" \"$2\" && exit 0; "
        "now=$(date +%s); since=$(stat -c %Y \"$1\" 2>/dev/null) || since=$now; "
        "if [ $((now - since)) -ge \"$3\" ]; then rm -rf -- \"$1\"; take \"$1\" \"$2\" && exit 0; "
        "fi; "
        "echo $((now - since)); head -c 200 \"$1/owner\" 2>/dev/null; exit 75");
    const Result<ExecResult> r =
        shell.exec({QStringLiteral("sh"), QStringLiteral("-c"), script,
                    QStringLiteral("kokoa-lock"), path(), owner, QString::number(staleSeconds)});
    if (!r)
        return r.error();
    if (r->exitCode == 0)
        return {};
    if (r->exitCode != busyExit) {
        return Error(Error::Kind::Remote, tr("%1: taking the deployment lock %2 failed: %3")
                                              .arg(shell.where(), path(), r->diagnostics()));
    }
    const QStringList lines = QString::fromUtf8(r->standardOutput).split(QLatin1Char('\n'));
    const qint64 age = lines.value(0).trimmed().toLongLong();
    ExecResult holder; // for its sanitiser: the host wrote this
    holder.standardOutput = lines.value(1).toUtf8();
    const QString who = holder.diagnostics();
    *holderOut = who;
    return Error(Error::Kind::Conflict,
                 tr("%1: another deployment to this host is running (%2, started %3 s ago); "
                    "nothing was changed. Run again when it is done; if no deployment runs, "
                    "remove %4 on the host")
                     .arg(shell.where(), who.isEmpty() ? tr("unknown") : who)
                     .arg(age)
                     .arg(path()));
}

void HostLock::release(RemoteShell &shell)
{
    (void)shell.exec({QStringLiteral("rm"), QStringLiteral("-rf"), QStringLiteral("--"), path()});
}

QString HostLock::thisProcess()
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9.-]"));
    QString program = QCoreApplication::applicationName();
    program.replace(unsafe, QStringLiteral("_"));
    return QStringLiteral("%1 on %2, pid %3")
        .arg(program.isEmpty() ? QStringLiteral("kokoa") : program, thisMachine())
        .arg(QCoreApplication::applicationPid());
}

} // namespace kokoa
