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
            removeStaged(shell, members, 0);
            return s;
        }
    }
    // The files being replaced stay as they are until every copy is made.
    for (const Member &m : members) {
        if (!m.current)
            continue;
        const QString target = m.managed.file.targetPath;
        if (Result<ExecResult> r = shell.run({QStringLiteral("cp"), QStringLiteral("-p"),
                                              QStringLiteral("--"), target, previousOf(target)});
            !r) {
            removeStaged(shell, members, 0);
            return r.error();
        }
    }

    QString failure;
    qsizetype moved = 0;
    for (; moved < members.size(); ++moved) {
        const ManagedFile &managed = members.at(moved).managed;
        const Result<ExecResult> r =
            shell.run({QStringLiteral("mv"), QStringLiteral("-f"), QStringLiteral("--"),
                       managed.staged(), managed.file.targetPath});
        if (!r) {
            failure = r.error().message();
            removeStaged(shell, members, moved);
            break;
        }
    }
    if (failure.isEmpty()) {
        const Status activated = activate ? activate() : Status();
        if (activated)
            return {};
        failure = activated.error().message();
    }

    QStringList problems = restore(shell, members, moved);
    // Only when something was moved in can nginx have seen it.
    if (moved > 0 && activate && problems.isEmpty()) {
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

QStringList CertificateSet::restore(RemoteShell &shell, const QList<Member> &members,
                                    qsizetype count)
{
    QStringList problems;
    QStringList added{QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("--")};
    for (qsizetype i = 0; i < count; ++i) {
        const Member &m = members.at(i);
        const QString target = m.managed.file.targetPath;
        if (!m.current) {
            added.append(target);
            continue;
        }
        const Result<ExecResult> back =
            shell.run({QStringLiteral("mv"), QStringLiteral("-f"), QStringLiteral("--"),
                       previousOf(target), target});
        if (!back)
            problems.append(back.error().message());
    }
    if (added.size() > 3) {
        if (const Result<ExecResult> r = shell.run(added); !r)
            problems.append(r.error().message());
    }
    return problems;
}

void CertificateSet::removeStaged(RemoteShell &shell, const QList<Member> &members, qsizetype from)
{
    QStringList argv{QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("--")};
    for (qsizetype i = from; i < members.size(); ++i)
        argv.append(members.at(i).managed.staged());
    (void)shell.exec(argv);
}

} // namespace kokoa
