#include "deploy/ConfigPush.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

namespace kokoa {

QString ManagedFile::staged() const
{
    return stagedPath.isEmpty() ? file.targetPath + QStringLiteral(".kokoa-staged") : stagedPath;
}

Status ConfigPush::install(RemoteShell &shell, const ManagedFile &managed,
                           const std::optional<QByteArray> &current, const Activate &activate)
{
    const QString target = managed.file.targetPath;
    const QString staged = managed.staged();
    const QString previous = target + QStringLiteral(".kokoa-prev");
    const QString dir = QFileInfo(target).path();
    const QString stagedDir = QFileInfo(staged).path();
    for (const QString &d : {dir, stagedDir}) {
        if (Result<ExecResult> r = shell.run({QStringLiteral("mkdir"), QStringLiteral("-p"), d});
            !r)
            return r.error();
    }
    if (Status s = shell.upload(staged, managed.file.content, managed.file.mode); !s)
        return s;
    auto removeStaged = [&] {
        (void)shell.exec(
            {QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("--"), staged});
    };
    if (!managed.transform.isEmpty()) {
        QStringList argv = managed.transform;
        argv.replaceInStrings(QStringLiteral("{staged}"), staged);
        if (Result<ExecResult> r = shell.run(argv); !r) {
            removeStaged();
            return r.error();
        }
    }

    if (!managed.validate.isEmpty()) {
        QStringList argv = managed.validate;
        argv.replaceInStrings(QStringLiteral("{staged}"), staged);
        const Result<ExecResult> checked = shell.exec(argv);
        if (!checked || checked->exitCode != 0) {
            removeStaged();
            // `sh -c script name …` checks are named by their $0.
            const QString checker = managed.validate.size() > 3 &&
                                            managed.validate.first() == QLatin1String("sh") &&
                                            managed.validate.at(1) == QLatin1String("-c")
                                        ? managed.validate.at(3)
                                        : managed.validate.first();
            if (!checked) {
                // A timeout or a lost connection says nothing about the file.
                return Error(
                    checked.error().kind(),
                    tr("%1: checking the new %2 with %3 did not complete, so it was not "
                       "installed and the current one keeps serving: %4")
                        .arg(shell.where(), managed.what, checker, checked.error().message()));
            }
            return Error(Error::Kind::Remote,
                         tr("%1: the new %2 was rejected by %3, so it was not installed and the "
                            "current one keeps serving: %4")
                             .arg(shell.where(), managed.what, checker, checked->diagnostics()));
        }
    }

    // With a reference copy, `current` is that copy, not the live file: a
    // live file may exist without it (installed before reference copies, or
    // by hand) and must then be kept for a rollback all the same.
    bool hadPrevious = current.has_value();
    if (!managed.referencePath.isEmpty()) {
        const Result<ExecResult> live =
            shell.exec({QStringLiteral("test"), QStringLiteral("-e"), target});
        if (!live) {
            removeStaged();
            return live.error();
        }
        hadPrevious = live->exitCode == 0;
    }

    if (hadPrevious) {
        if (Result<ExecResult> r = shell.run({QStringLiteral("cp"), QStringLiteral("-p"),
                                              QStringLiteral("--"), target, previous});
            !r) {
            removeStaged();
            return r.error();
        }
    }
    if (Result<ExecResult> r = shell.run(
            {QStringLiteral("mv"), QStringLiteral("-f"), QStringLiteral("--"), staged, target});
        !r) {
        removeStaged();
        return r.error();
    }
    const Status activated = activate ? activate() : Status();
    if (activated) {
        if (!managed.referencePath.isEmpty())
            return shell.upload(managed.referencePath, managed.file.content, managed.file.mode);
        return {};
    }

    // Roll back: the previous file returns and is activated again; a file
    // that had no predecessor is removed (nothing used it before).
    QString outcome;
    if (hadPrevious) {
        const Result<ExecResult> back = shell.run(
            {QStringLiteral("mv"), QStringLiteral("-f"), QStringLiteral("--"), previous, target});
        const Status restored = !back ? Status(back.error()) : activate ? activate() : Status();
        outcome =
            restored
                ? tr("the previous one was restored")
                : tr("restoring the previous one failed too: %1").arg(restored.error().message());
    } else {
        const Result<ExecResult> removed =
            shell.run({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("--"), target});
        outcome = removed ? tr("there was no previous one, so the new one was removed")
                          : tr("removing it failed too: %1").arg(removed.error().message());
    }
    return Error(Error::Kind::Remote,
                 tr("%1: activating the new %2 failed (%3); %4")
                     .arg(shell.where(), managed.what, activated.error().message(), outcome));
}

QString ConfigPush::diff(const QString &path, const std::optional<QByteArray> &current,
                         const QByteArray &next)
{
    QTemporaryDir dir;
    const QString a = dir.filePath(QStringLiteral("current"));
    const QString b = dir.filePath(QStringLiteral("next"));
    for (const auto &[file, content] :
         {std::pair{a, current.value_or(QByteArray())}, std::pair{b, next}}) {
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            return tr("(cannot compute a diff for %1)").arg(path);
        f.write(content);
    }
    QProcess process;
    process.start(QStringLiteral("diff"), {QStringLiteral("-u"), QStringLiteral("--label"),
                                           current ? path : QStringLiteral("/dev/null"),
                                           QStringLiteral("--label"), path, a, b});
    process.waitForFinished(30000);
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace kokoa
