#include "deploy/CertificateSet.h"

#include <QFileInfo>

namespace kokoa {
namespace {

QString previousOf(const QString &target)
{
    return target + QStringLiteral(".kokoa-prev");
}

} // namespace

Status CertificateSet::install(RemoteShell &shell, const QList<Member> &members,
                               const ConfigPush::Activate &activate)
{
    if (members.isEmpty())
        return {};
    QStringList mkdir{QStringLiteral("mkdir"), QStringLiteral("-p")};
    for (const Member &m : members) {
        for (const QString &path : {m.managed.file.targetPath, m.managed.staged()}) {
            const QString dir = QFileInfo(path).path();
            if (!mkdir.contains(dir))
                mkdir.append(dir);
        }
    }
    if (Result<ExecResult> r = shell.run(mkdir); !r)
        return r.error();

    for (const Member &m : members) {
        if (Status s =
                shell.upload(m.managed.staged(), m.managed.file.content, m.managed.file.mode);
            !s) {
            removeStaged(shell, members);
            return s;
        }
    }
    // The files being replaced stay as they are until every copy is made.
    QStringList keep{QStringLiteral("sh"), QStringLiteral("-c"), copyScript(),
                     QStringLiteral("kokoa-keep")};
    QStringList move{QStringLiteral("sh"), QStringLiteral("-c"), moveScript(),
                     QStringLiteral("kokoa-move")};
    for (const Member &m : members) {
        const QString target = m.managed.file.targetPath;
        if (m.current)
            keep << target << previousOf(target);
        move << m.managed.staged() << target;
    }
    if (keep.size() > 4) {
        if (Result<ExecResult> r = shell.run(keep); !r) {
            removeStaged(shell, members);
            return r.error();
        }
    }

    QString failure;
    if (Result<ExecResult> r = shell.run(move); !r) {
        failure = r.error().message();
        removeStaged(shell, members);
    } else {
        const Status activated = activate ? activate() : Status();
        if (activated)
            return {};
        failure = activated.error().message();
    }

    // Some of the set may have been moved in (and seen by nginx): all of it
    // goes back and the previous set is activated again.
    QStringList problems = restore(shell, members);
    if (activate && problems.isEmpty()) {
        if (Status again = activate(); !again)
            problems.append(again.error().message());
    }
    const QString outcome =
        problems.isEmpty() ? tr("every certificate file was put back as it was (new ones removed)")
                           : tr("putting the previous certificate files back failed too: %1")
                                 .arg(problems.join(QStringLiteral("; ")));
    return Error(Error::Kind::Remote,
                 tr("%1: installing %n certificate file(s) as one set failed (%2); %3", "",
                    int(members.size()))
                     .arg(shell.where(), failure, outcome));
}

QString CertificateSet::copyScript()
{
    return QStringLiteral("while [ $# -gt 1 ]; do cp -p -- \"$1\" \"$2\" || exit 1; shift 2; done");
}

QString CertificateSet::moveScript()
{
    return QStringLiteral("while [ $# -gt 1 ]; do mv -f -- \"$1\" \"$2\" || exit 1; shift 2; done");
}

QString CertificateSet::restoreScript()
{
    return QStringLiteral("rc=0; while [ $# -gt 1 ]; do mv -f -- \"$1\" \"$2\" || rc=1; shift 2; "
                          "done; exit $rc");
}

QStringList CertificateSet::restore(RemoteShell &shell, const QList<Member> &members)
{
    QStringList problems;
    QStringList back{QStringLiteral("sh"), QStringLiteral("-c"), restoreScript(),
                     QStringLiteral("kokoa-restore")};
    QStringList added{QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("--")};
    for (const Member &m : members) {
        const QString target = m.managed.file.targetPath;
        if (m.current)
            back << previousOf(target) << target;
        else
            added << target;
    }
    if (back.size() > 4) {
        if (const Result<ExecResult> r = shell.run(back); !r)
            problems.append(r.error().message());
    }
    if (added.size() > 3) {
        if (const Result<ExecResult> r = shell.run(added); !r)
            problems.append(r.error().message());
    }
    return problems;
}

void CertificateSet::removeStaged(RemoteShell &shell, const QList<Member> &members)
{
    QStringList argv{QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("--")};
    for (const Member &m : members)
        argv.append(m.managed.staged());
    (void)shell.exec(argv);
}

} // namespace kokoa
