#include "cli/WatchdogCommand.h"

#include "app/WatchdogService.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonObject>
#include <QStandardPaths>

namespace kokoa::cli {

QString WatchdogCommand::watchdogBinary()
{
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString &candidate :
         QStringList{dir + QStringLiteral("/kokoa-watchdog"),
                     dir + QStringLiteral("/../watchdog/kokoa-watchdog")}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("kokoa-watchdog"));
}

int WatchdogCommand::run(CliContext &context, const QStringList &args)
{
    const QString sub = args.value(0);
    if (args.size() == 1 && sub == QLatin1String("install"))
        return install(context);
    if (args.size() == 1 && sub == QLatin1String("uninstall"))
        return uninstall(context);
    if (args.size() == 1 && sub == QLatin1String("status"))
        return status(context);
    return context.usageError(tr("usage: kokoactl watchdog install|uninstall|status"));
}

int WatchdogCommand::install(CliContext &context)
{
    if (Result<Store *> store = context.store(); !store)
        return context.fail(store.error());
    const QString binary = watchdogBinary();
    if (binary.isEmpty())
        return context.fail(
            Error(Error::Kind::Io, tr("kokoa-watchdog was not found next to kokoactl")));
    const app::WatchdogService service(app::WatchdogService::systemOptions());
    if (Status s = service.install(binary, context.dataDir()); !s)
        return context.fail(s.error());
    if (!context.json())
        context.out() << tr("kokoa-watchdog installed (%1) and started").arg(service.unitPath())
                      << Qt::endl;
    return Ok;
}

int WatchdogCommand::uninstall(CliContext &context)
{
    const app::WatchdogService::Removal removed =
        app::WatchdogService(app::WatchdogService::systemOptions()).uninstall();
    if (removed.disableFailed)
        context.warn(removed.disableFailed->message());
    if (removed.removeFailed)
        return context.fail(*removed.removeFailed);
    if (!context.json())
        context.out() << tr("kokoa-watchdog uninstalled") << Qt::endl;
    return Ok;
}

int WatchdogCommand::status(CliContext &context)
{
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const app::WatchdogService service(app::WatchdogService::systemOptions());
    const Result<app::WatchdogService::State> state = service.state(**store);
    if (!state)
        return context.fail(state.error());
    QJsonObject json{{QStringLiteral("installed"), state->installed},
                     {QStringLiteral("unit"), service.unitPath()},
                     {QStringLiteral("service"), state->service}};
    QString heartbeat = tr("no heartbeat: it has not run a cycle");
    if (const std::optional<StatusStore::Heartbeat> &b = state->heartbeat) {
        const bool alive = state->alive;
        const qint64 age = state->ageMs;
        json.insert(QStringLiteral("pid"), b->pid);
        json.insert(QStringLiteral("last_cycle_ms"), b->atMs);
        json.insert(QStringLiteral("alive"), alive);
        json.insert(QStringLiteral("role"), alive ? b->detail : QStringLiteral("not running"));
        json.insert(QStringLiteral("last_role"), b->detail);
        heartbeat =
            alive ? tr("pid %1, %2, last cycle %3 s ago").arg(b->pid).arg(b->detail).arg(age / 1000)
                  : tr("not running (pid %1 stopped beating %2 s ago; it was %3)")
                        .arg(b->pid)
                        .arg(age / 1000)
                        .arg(b->detail);
    }
    if (context.json()) {
        context.printJson(json);
    } else {
        context.out()
            << tr("unit: %1 (%2)")
                   .arg(service.unitPath(),
                        state->installed ? tr("installed") : tr("not installed"))
            << '\n'
            << tr("service: %1").arg(state->service.isEmpty() ? tr("unknown") : state->service)
            << '\n'
            << tr("watchdog: %1").arg(heartbeat) << Qt::endl;
    }
    return Ok;
}

} // namespace kokoa::cli
