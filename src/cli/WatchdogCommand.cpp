#include "cli/WatchdogCommand.h"

#include "store/StatusStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>

namespace kokoa::cli {
namespace {

// systemctl and loginctl can be replaced for tests (no systemd here).
QString tool(const char *name, const char *overrideVariable)
{
    const QString overridden = qEnvironmentVariable(overrideVariable);
    return overridden.isEmpty() ? QString::fromLatin1(name) : overridden;
}

struct ToolResult
{
    int code = -1;
    QString output;
};

ToolResult runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return {-1, WatchdogCommand::tr("%1 cannot be started").arg(program)};
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAll()).trimmed()};
}

QString systemdQuote(const QString &path)
{
    QString q = path;
    q.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

} // namespace

QString WatchdogCommand::unitPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
           QStringLiteral("/systemd/user/") + unitName();
}

QString WatchdogCommand::unitText(const QString &watchdogBinary, const QString &dataDir)
{
    return QStringLiteral("# Written by kokoactl watchdog install.\n"
                          "[Unit]\n"
                          "Description=Kokoa watchdog: edge health monitoring and DNS failover\n"
                          "Wants=network-online.target\n"
                          "After=network-online.target\n"
                          "\n"
                          "[Service]\n"
                          "ExecStart=%1 --data-dir %2\n"
                          "Restart=on-failure\n"
                          "RestartSec=5\n"
                          "\n"
                          "[Install]\n"
                          "WantedBy=default.target\n")
        .arg(systemdQuote(watchdogBinary), systemdQuote(dataDir));
}

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
    const QString path = unitPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile unit(path);
    const QByteArray text = unitText(binary, context.dataDir()).toUtf8();
    if (!unit.open(QIODevice::WriteOnly) || unit.write(text) != text.size() || !unit.commit())
        return context.fail(
            Error(Error::Kind::Io, tr("cannot write %1: %2").arg(path, unit.errorString())));

    const QString systemctl = tool("systemctl", "KOKOA_SYSTEMCTL");
    const QString loginctl = tool("loginctl", "KOKOA_LOGINCTL");
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
    const QList<std::pair<QString, QStringList>> steps{
        {systemctl, {QStringLiteral("--user"), QStringLiteral("daemon-reload")}},
        {systemctl,
         {QStringLiteral("--user"), QStringLiteral("enable"), QStringLiteral("--now"), unitName()}},
        // Linger: the user's services run without a login session.
        {loginctl, {QStringLiteral("enable-linger"), user}},
    };
    for (const auto &[program, args] : steps) {
        const ToolResult r = runTool(program, args);
        if (r.code != 0) {
            return context.fail(
                Error(Error::Kind::Io,
                      tr("%1 %2 failed: %3").arg(program, args.join(QLatin1Char(' ')), r.output)));
        }
    }
    if (!context.json())
        context.out() << tr("kokoa-watchdog installed (%1) and started").arg(path) << Qt::endl;
    return Ok;
}

int WatchdogCommand::uninstall(CliContext &context)
{
    const QString systemctl = tool("systemctl", "KOKOA_SYSTEMCTL");
    const QString path = unitPath();
    if (QFileInfo::exists(path)) {
        const ToolResult stop =
            runTool(systemctl, {QStringLiteral("--user"), QStringLiteral("disable"),
                                QStringLiteral("--now"), unitName()});
        if (stop.code != 0)
            context.warn(tr("systemctl --user disable --now failed: %1").arg(stop.output));
        if (!QFile::remove(path))
            return context.fail(Error(Error::Kind::Io, tr("cannot remove %1").arg(path)));
        runTool(systemctl, {QStringLiteral("--user"), QStringLiteral("daemon-reload")});
    }
    if (!context.json())
        context.out() << tr("kokoa-watchdog uninstalled") << Qt::endl;
    return Ok;
}

int WatchdogCommand::status(CliContext &context)
{
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const bool installed = QFileInfo::exists(unitPath());
    const ToolResult active =
        installed ? runTool(tool("systemctl", "KOKOA_SYSTEMCTL"),
                            {QStringLiteral("--user"), QStringLiteral("is-active"), unitName()})
                  : ToolResult{3, QStringLiteral("inactive")};
    const Result<QList<StatusStore::Heartbeat>> beats =
        StatusStore((*store)->database()).heartbeats();
    if (!beats)
        return context.fail(beats.error());
    QJsonObject json{{QStringLiteral("installed"), installed},
                     {QStringLiteral("unit"), unitPath()},
                     {QStringLiteral("service"), active.output}};
    // A watchdog killed with -9 leaves its last beat ("acting") behind; the
    // age of the beat decides, as in `kokoactl status`.
    const Result<Settings> settings = (*store)->settings();
    const qint64 interval = settings ? settings->healthIntervalMs() : 2000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QString heartbeat = tr("no heartbeat: it has not run a cycle");
    for (const StatusStore::Heartbeat &b : *beats) {
        if (b.component != QLatin1String("watchdog"))
            continue;
        const qint64 age = now - b.atMs;
        const bool alive = StatusStore::isAlive(b, now, interval);
        json.insert(QStringLiteral("pid"), b.pid);
        json.insert(QStringLiteral("last_cycle_ms"), b.atMs);
        json.insert(QStringLiteral("alive"), alive);
        json.insert(QStringLiteral("role"), alive ? b.detail : QStringLiteral("not running"));
        json.insert(QStringLiteral("last_role"), b.detail);
        heartbeat =
            alive ? tr("pid %1, %2, last cycle %3 s ago").arg(b.pid).arg(b.detail).arg(age / 1000)
                  : tr("not running (pid %1 stopped beating %2 s ago; it was %3)")
                        .arg(b.pid)
                        .arg(age / 1000)
                        .arg(b.detail);
    }
    if (context.json()) {
        context.printJson(json);
    } else {
        context.out()
            << tr("unit: %1 (%2)")
                   .arg(unitPath(), installed ? tr("installed") : tr("not installed"))
            << '\n'
            << tr("service: %1").arg(active.output.isEmpty() ? tr("unknown") : active.output)
            << '\n'
            << tr("watchdog: %1").arg(heartbeat) << Qt::endl;
    }
    return Ok;
}

} // namespace kokoa::cli
