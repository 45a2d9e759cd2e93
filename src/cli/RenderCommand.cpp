#include "cli/RenderCommand.h"

#include "app/HostPreview.h"
#include "validate/Validator.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kokoa::cli {
namespace {

// The rendered files carry the host's absolute paths (/etc/...), written
// below --out. Nothing below --out is trusted: a directory shared with
// others (/tmp) may hold links planted to redirect a write. So every
// directory is entered with O_NOFOLLOW, and a file is written under a fresh
// name (O_EXCL) and renamed over its target, which replaces a link instead
// of following it.
class NoFollowTree final
{
public:
    explicit NoFollowTree(const QString &root)
        : m_root(root)
    {}

    Status write(const QString &relativePath, const QByteArray &content, int mode) const
    {
        QStringList parts = relativePath.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        const QByteArray name = QFile::encodeName(parts.takeLast());
        int dir = ::open(QFile::encodeName(m_root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir < 0)
            return ioError(m_root, errno);
        QString where = m_root;
        for (const QString &part : std::as_const(parts)) {
            where += QLatin1Char('/') + part;
            const QByteArray component = QFile::encodeName(part);
            if (::mkdirat(dir, component.constData(), 0755) != 0 && errno != EEXIST)
                return closeWith(dir, ioError(where, errno));
            const int next = ::openat(dir, component.constData(),
                                      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (next < 0) {
                const int why = errno;
                return closeWith(
                    dir,
                    why == ELOOP || why == ENOTDIR
                        ? Error(Error::Kind::Io, RenderCommand::tr("refusing to write below %1: it "
                                                                   "is a symbolic link or not a "
                                                                   "directory")
                                                     .arg(where))
                        : ioError(where, why));
            }
            ::close(dir);
            dir = next;
        }
        return closeWith(dir, replaceFile(dir, where + QLatin1Char('/') + QFile::decodeName(name),
                                          name, content, mode));
    }

private:
    static Error ioError(const QString &path, int error)
    {
        return Error(Error::Kind::Io, RenderCommand::tr("cannot write %1: %2")
                                          .arg(path, QString::fromLocal8Bit(strerror(error))));
    }
    static Status closeWith(int fd, const Status &status)
    {
        ::close(fd);
        return status;
    }

    static Status replaceFile(int dir, const QString &path, const QByteArray &name,
                              const QByteArray &content, int mode)
    {
        const QByteArray temporary =
            '.' + name + ".kokoa-" +
            QByteArray::number(QRandomGenerator::system()->generate64(), 16);
        const int fd =
            ::openat(dir, temporary.constData(),
                     O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(mode & 0644));
        if (fd < 0)
            return ioError(path, errno);
        qsizetype done = 0;
        while (done < content.size()) {
            const ssize_t n =
                ::write(fd, content.constData() + done, size_t(content.size() - done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                const int why = errno;
                ::close(fd);
                ::unlinkat(dir, temporary.constData(), 0);
                return ioError(path, why);
            }
            done += n;
        }
        // The umask may have taken bits away; the file gets exactly its mode.
        const bool ok = ::fchmod(fd, mode_t(mode & 0644)) == 0 && ::fsync(fd) == 0;
        const int why = errno;
        ::close(fd);
        if (!ok || ::renameat(dir, temporary.constData(), dir, name.constData()) != 0) {
            const int renameWhy = ok ? errno : why;
            ::unlinkat(dir, temporary.constData(), 0);
            return ioError(path, renameWhy);
        }
        return {};
    }

    QString m_root;
};

// --out must be a real directory that is not the root of this machine: the
// files would replace the control machine's own /etc.
Result<QString> outputDirectory(const QString &given)
{
    const QString absolute = QDir(given).absolutePath();
    const QFileInfo info(absolute);
    if (info.isSymLink()) {
        return Error(Error::Kind::InvalidInput,
                     RenderCommand::tr("out: %1 is a symbolic link; give the directory itself")
                         .arg(absolute),
                     QStringLiteral("out"));
    }
    if (!QDir().mkpath(absolute)) {
        return Error(Error::Kind::Io, RenderCommand::tr("out: cannot create %1").arg(absolute),
                     QStringLiteral("out"));
    }
    const QString canonical = QFileInfo(absolute).canonicalFilePath();
    if (canonical.isEmpty() || canonical == QLatin1String("/")) {
        return Error(Error::Kind::InvalidInput,
                     RenderCommand::tr("out: refusing to write into %1: the files would replace "
                                       "this machine's own /etc; give a new or empty directory")
                         .arg(absolute),
                     QStringLiteral("out"));
    }
    return canonical;
}

Status writeUnder(const QString &outDir, const RenderedFile &file, QString &writtenPath)
{
    // Target paths come from the renderers (fixed, absolute); refuse
    // anything that could climb out of the output directory.
    if (!file.targetPath.startsWith(QLatin1Char('/')) ||
        file.targetPath.contains(QLatin1String(".."))) {
        return Error(
            Error::Kind::Internal,
            RenderCommand::tr("refusing to write to unexpected path %1").arg(file.targetPath));
    }
    writtenPath = QDir::cleanPath(outDir + file.targetPath);
    return NoFollowTree(outDir).write(file.targetPath, file.content, file.mode);
}

} // namespace

int RenderCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("out"), QString(), QStringLiteral("dir")));
    const QString usage = QStringLiteral("render edge|origin NAME --out DIR");
    if (!context.parse(p, args, 2, usage))
        return InvalidInput;
    const QString kind = p.positionalArguments().at(0);
    if (kind != QLatin1String("edge") && kind != QLatin1String("origin"))
        return context.usageError(tr("usage: kokoactl %1").arg(usage));
    if (!p.isSet(QStringLiteral("out")) || p.value(QStringLiteral("out")).isEmpty())
        return context.usageError(tr("out: --out DIR is required"));
    const Result<QString> name =
        Validator::name(QStringLiteral("name"), p.positionalArguments().at(1));
    if (!name)
        return context.fail(name.error());
    // Checked before anything is rendered or written.
    const Result<QString> outDir = outputDirectory(p.value(QStringLiteral("out")));
    if (!outDir)
        return context.fail(outDir.error());

    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<RenderedHost> rendered =
        app::HostPreview(**store, context.dataDir())
            .render(kind == QLatin1String("edge") ? app::HostPreview::Role::Edge
                                                  : app::HostPreview::Role::Origin,
                    *name);
    if (!rendered)
        return context.fail(rendered.error());

    QJsonArray files;
    for (const RenderedFile &file : std::as_const(rendered->files)) {
        QString written;
        if (Status s = writeUnder(*outDir, file, written); !s)
            return context.fail(s.error());
        const QString mode = QStringLiteral("0%1").arg(file.mode, 3, 8, QLatin1Char('0'));
        files.append(QJsonObject{{QStringLiteral("target"), file.targetPath},
                                 {QStringLiteral("file"), written},
                                 {QStringLiteral("mode"), mode},
                                 {QStringLiteral("bytes"), qint64(file.content.size())}});
        if (!context.json())
            context.out() << tr("%1 (%2) → %3").arg(file.targetPath, mode, written) << '\n';
    }
    for (const QString &warning : std::as_const(rendered->warnings))
        context.warn(warning);
    if (context.json())
        context.printJson(files);
    context.out().flush();
    return Ok;
}

} // namespace kokoa::cli
