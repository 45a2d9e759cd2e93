#include "app/HostKeyRotation.h"

#include "cloud/GeneratedHostKey.h"
#include "ssh/RemoteShell.h"

namespace kokoa::app {
namespace {

// Fixed scripts; the paths are their positional arguments, nothing a user
// typed ever reaches them. One line each: SshSession refuses a command
// argument with a line break.
const QString stageScript =
    QStringLiteral("set -eu; new=\"$1\"; "
                   "if [ ! -s \"$new.pub\" ]; then rm -f \"$new\" \"$new.pub\"; "
                   "ssh-keygen -q -t ed25519 -N '' -C '' -f \"$new\"; fi; "
                   "cat \"$new.pub\"");

const QString installScript =
    QStringLiteral("set -eu; new=\"$1\"; live=\"$2\"; "
                   "if [ -s \"$new\" ]; then mv -f \"$new\" \"$live\"; fi; "
                   "if [ -s \"$new.pub\" ]; then mv -f \"$new.pub\" \"$live.pub\"; fi; "
                   "if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet ssh; "
                   "then systemctl reload ssh; "
                   "elif [ -s /run/sshd.pid ]; then kill -HUP \"$(cat /run/sshd.pid)\"; fi");

} // namespace

Result<QString> HostKeyRotation::stage(RemoteShell &shell, const QString &stagedPath)
{
    Result<ExecResult> r = shell.run({QStringLiteral("sh"), QStringLiteral("-c"), stageScript,
                                      QStringLiteral("kokoa-stage-host-key"), stagedPath});
    if (!r)
        return r.error().prefixed(tr("making a new host key on %1").arg(shell.where()));
    const QString line = QString::fromLatin1(r->standardOutput).trimmed();
    if (!line.startsWith(QLatin1String("ssh-ed25519 ")))
        return Error(Error::Kind::Remote,
                     tr("making a new host key on %1: the host printed no ed25519 public key")
                         .arg(shell.where()));
    const QString fingerprint = GeneratedHostKey::fingerprintOf(line);
    if (fingerprint.isEmpty())
        return Error(
            Error::Kind::Remote,
            tr("making a new host key on %1: its public key is not readable").arg(shell.where()));
    return fingerprint;
}

Status HostKeyRotation::install(RemoteShell &shell)
{
    Result<ExecResult> r = shell.run({QStringLiteral("sh"), QStringLiteral("-c"), installScript,
                                      QStringLiteral("kokoa-install-host-key"),
                                      QLatin1String(stagedKey), QLatin1String(liveKey)});
    if (!r)
        return r.error().prefixed(tr("installing the new host key on %1").arg(shell.where()));
    return {};
}

} // namespace kokoa::app
