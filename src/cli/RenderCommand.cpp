#include "cli/RenderCommand.h"

#include "core/DataDirectory.h"
#include "render/HostRenderer.h"
#include "store/CertificateStore.h"
#include "validate/Validator.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QSaveFile>

namespace kokoa::cli {
namespace {

Status writeUnder(const QString &outDir, const RenderedFile &file, QString &writtenPath)
{
    // Target paths come from the renderers (fixed, absolute); refuse
    // anything that could climb out of the output directory.
    if (!file.targetPath.startsWith(QLatin1Char('/')) || file.targetPath.contains(QLatin1String(".."))) {
        return Error(Error::Kind::Internal,
                     RenderCommand::tr("refusing to write to unexpected path %1")
                         .arg(file.targetPath));
    }
    writtenPath = QDir::cleanPath(outDir + file.targetPath);
    if (!QDir().mkpath(QFileInfo(writtenPath).absolutePath())) {
        return Error(Error::Kind::Io,
                     RenderCommand::tr("cannot create the directory for %1").arg(writtenPath));
    }
    QSaveFile out(writtenPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(file.content) != file.content.size()
        || !out.commit()) {
        return Error(Error::Kind::Io,
                     RenderCommand::tr("cannot write %1: %2").arg(writtenPath, out.errorString()));
    }
    QFile::setPermissions(writtenPath, QFileDevice::Permissions(
                                           ((file.mode & 0400) ? QFileDevice::ReadOwner : 0)
                                           | ((file.mode & 0200) ? QFileDevice::WriteOwner : 0)
                                           | ((file.mode & 0040) ? QFileDevice::ReadGroup : 0)
                                           | ((file.mode & 0004) ? QFileDevice::ReadOther : 0)));
    return {};
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
    const Result<QString> name = Validator::name(QStringLiteral("name"),
                                                 p.positionalArguments().at(1));
    if (!name)
        return context.fail(name.error());

    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    Result<Topology> topology = (*store)->topology();
    if (!topology)
        return context.fail(topology.error());
    Result<Settings> settings = (*store)->settings();
    if (!settings)
        return context.fail(settings.error());

    Result<RenderedHost> rendered = Error(Error::Kind::NotFound, QString());
    if (kind == QLatin1String("edge")) {
        const Edge *edge = topology->edge(*name);
        if (!edge)
            return context.fail(Error(Error::Kind::NotFound, tr("edge %1 does not exist").arg(*name)));
        rendered = HostRenderer::renderEdge(*edge, *topology, *settings,
                                            CertificateStore(DataDirectory::certificatesPath(context.dataDir()))
                                                .certified(*topology));
    } else {
        const Origin *origin = topology->origin(*name);
        if (!origin) {
            return context.fail(
                Error(Error::Kind::NotFound, tr("origin %1 does not exist").arg(*name)));
        }
        rendered = HostRenderer::renderOrigin(*origin, *topology, *settings);
    }
    if (!rendered)
        return context.fail(rendered.error());

    const QString outDir = QDir(p.value(QStringLiteral("out"))).absolutePath();
    QJsonArray files;
    for (const RenderedFile &file : std::as_const(rendered->files)) {
        QString written;
        if (Status s = writeUnder(outDir, file, written); !s)
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
