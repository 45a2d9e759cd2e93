#include "cli/EdgeBurnCommand.h"

#include "app/EdgeBurn.h"

#include <QJsonObject>

namespace kokoa::cli {

int EdgeBurnCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("provider"), QString(), QStringLiteral("name")));
    p.addOption(QCommandLineOption(QStringLiteral("no-replace")));
    p.addOption(QCommandLineOption(QStringLiteral("keep-ip")));
    if (!context.parse(p, args, 1,
                       QStringLiteral("edge burn NAME [--no-replace] [--provider P] [--keep-ip]")))
        return InvalidInput;
    app::EdgeBurn::Request request;
    request.edge = p.positionalArguments().first();
    request.replace = !p.isSet(QStringLiteral("no-replace"));
    request.provider = p.value(QStringLiteral("provider"));
    request.keepIp = p.isSet(QStringLiteral("keep-ip"));
    if (!request.replace && !request.provider.isEmpty())
        return context.usageError(tr("provider: --provider names where a replacement comes from; "
                                     "it makes no sense with --no-replace"));
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    app::EdgeBurn burn(**store, context.dataDir());
    burn.setStepSink([&context](const QString &step, const QString &detail) {
        if (!context.json())
            context.out() << QStringLiteral("%1: %2").arg(step, detail) << Qt::endl;
    });
    const Result<app::EdgeBurn::Report> report = burn.run(request);
    if (!report)
        return context.fail(report.error());
    if (context.json()) {
        context.printJson(QJsonObject{{QStringLiteral("edge"), report->edge},
                                      {QStringLiteral("replacement"), report->replacement},
                                      {QStringLiteral("resumed"), report->resumed},
                                      {QStringLiteral("destroy_by_hand"), report->destroyByHand}});
        return Ok;
    }
    if (!report->destroyByHand.isEmpty())
        context.out() << tr("edge %1 was added by hand: destroy the machine at %2 yourself")
                             .arg(report->edge, report->destroyByHand)
                      << Qt::endl;
    context.out()
        << (report->replacement.isEmpty()
                ? tr("edge %1 burned").arg(report->edge)
                : tr("edge %1 burned, replaced by %2").arg(report->edge, report->replacement))
        << Qt::endl;
    return Ok;
}

} // namespace kokoa::cli
