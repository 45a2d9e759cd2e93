#include "cli/DeployCommand.h"

#include "app/DeployJob.h"
#include "validate/Validator.h"

#include <QEventLoop>
#include <QJsonObject>

namespace kokoa::cli {

int DeployCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("all")));
    p.addOption(QCommandLineOption(QStringLiteral("dry-run")));
    p.addOption(QCommandLineOption(QStringLiteral("edge"), QString(), QStringLiteral("name")));
    p.addOption(QCommandLineOption(QStringLiteral("origin"), QString(), QStringLiteral("name")));
    p.addOption(QCommandLineOption(QStringLiteral("parallel"), QString(), QStringLiteral("n")));
    if (!context.parse(p, args, 0,
                       QStringLiteral("deploy [--all | --edge NAME ... | --origin NAME ...] "
                                      "[--dry-run] [--parallel N]"))) {
        return InvalidInput;
    }
    DeployRequest request;
    request.all = p.isSet(QStringLiteral("all"));
    request.dryRun = p.isSet(QStringLiteral("dry-run"));
    for (const QString &name : p.values(QStringLiteral("edge"))) {
        const Result<QString> checked = Validator::name(QStringLiteral("edge"), name);
        if (!checked)
            return context.fail(checked.error());
        request.edges.append(*checked);
    }
    for (const QString &name : p.values(QStringLiteral("origin"))) {
        const Result<QString> checked = Validator::name(QStringLiteral("origin"), name);
        if (!checked)
            return context.fail(checked.error());
        request.origins.append(*checked);
    }
    if (request.all == (!request.edges.isEmpty() || !request.origins.isEmpty()))
        return context.usageError(tr("deploy: give --all, or one or more --edge/--origin"));
    if (p.isSet(QStringLiteral("parallel"))) {
        const Result<quint16> n =
            Validator::port(QStringLiteral("parallel"), p.value(QStringLiteral("parallel")));
        if (!n || *n > 64)
            return context.usageError(tr("parallel: must be a whole number from 1 to 64"));
        request.parallelHosts = *n;
    }
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());

    QJsonArray events;
    // The job reports on this thread, in the order its hosts made the reports.
    auto print = [&](const DeployProgress &e) {
        if (e.state == DeployProgress::State::Started)
            return;
        if (context.json()) {
            events.append(QJsonObject{{QStringLiteral("host"), e.host},
                                      {QStringLiteral("step"), e.step},
                                      {QStringLiteral("state"), toString(e.state)},
                                      {QStringLiteral("detail"), e.detail}});
            return;
        }
        QTextStream &stream =
            e.state == DeployProgress::State::Failed ? context.err() : context.out();
        stream << e.host.leftJustified(20) << ' ' << e.step.leftJustified(26) << ' '
               << toString(e.state).leftJustified(10) << ' ' << e.detail << Qt::endl;
    };
    DeployJob job((*store)->database().path(), context.dataDir(), request);
    QEventLoop loop;
    QObject::connect(&job, &DeployJob::progress, &loop, print);
    QObject::connect(&job, &DeployJob::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    const Result<DeploySummary> &summary = *job.result();
    if (!summary)
        return context.fail(summary.error());

    int failed = 0;
    for (const HostResult &h : summary->hosts) {
        if (!h.ok)
            ++failed;
        if (request.dryRun && !h.report.diff.isEmpty() && !context.json())
            context.out() << h.report.diff;
    }
    if (context.json()) {
        QJsonArray hosts;
        for (const HostResult &h : summary->hosts) {
            hosts.append(QJsonObject{
                {QStringLiteral("host"), h.label},
                {QStringLiteral("ok"), h.ok},
                {QStringLiteral("error"), h.error.message()},
                {QStringLiteral("changes"), QJsonArray::fromStringList(h.report.changes)},
                {QStringLiteral("diff"), h.report.diff}});
        }
        context.printJson(QJsonObject{{QStringLiteral("hosts"), hosts},
                                      {QStringLiteral("steps"), events},
                                      {QStringLiteral("dry_run"), request.dryRun}});
    } else {
        const int changed = summary->changedHosts();
        context.out() << (request.dryRun
                              ? tr("dry run: %1 host(s) would change, %2 unchanged, %3 failed")
                              : tr("%1 host(s) changed, %2 unchanged, %3 failed"))
                             .arg(changed)
                             .arg(summary->hosts.size() - changed - failed)
                             .arg(failed)
                      << Qt::endl;
        if (changed == 0 && failed == 0)
            context.out() << tr("no changes") << Qt::endl;
    }
    for (const HostResult &h : summary->hosts) {
        if (!h.ok)
            context.err() << tr("kokoactl: %1 failed: %2").arg(h.label, context.describe(h.error))
                          << Qt::endl;
    }
    return failed == 0 ? Ok : OperationFailed;
}

} // namespace kokoa::cli
