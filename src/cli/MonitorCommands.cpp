#include "cli/MonitorCommands.h"

#include "app/DnsSync.h"
#include "health/DnsActuator.h"
#include "health/Monitor.h"
#include "store/Lease.h"
#include "store/StatusStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonObject>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace kokoa::cli {
namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    (void)!::write(g_signalPipe[1], &byte, 1);
}

QString ago(qint64 atMs)
{
    if (atMs <= 0)
        return QStringLiteral("-");
    const qint64 seconds = (QDateTime::currentMSecsSinceEpoch() - atMs) / 1000;
    return MonitorCommands::tr("%1 s ago").arg(seconds);
}

} // namespace

int MonitorCommands::monitor(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("once")));
    p.addOption(QCommandLineOption(QStringLiteral("observe")));
    if (!context.parse(p, args, 0, QStringLiteral("monitor [--once] [--observe]")))
        return InvalidInput;
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    Result<Settings> settings = (*store)->settings();
    if (!settings)
        return context.fail(settings.error());

    Monitor::Options options;
    options.component = QStringLiteral("monitor");
    options.mayAct = !p.isSet(QStringLiteral("observe"));
    Monitor monitor(**store, context.dataDir(),
                    std::make_unique<ProviderDnsActuator>(context.dataDir()), options);
    QEventLoop loop;
    QObject::connect(&monitor, &Monitor::alertRaised, &loop, [&](const QString &text) {
        context.err() << tr("ALERT: %1").arg(text) << Qt::endl;
    });
    QObject::connect(&monitor, &Monitor::dnsChanged, &loop,
                     [&](const QString &host, const QStringList &changes) {
                         context.out()
                             << tr("dns %1: %2").arg(host, changes.join(QStringLiteral("; ")))
                             << Qt::endl;
                     });
    const bool once = p.isSet(QStringLiteral("once"));
    if (once) {
        // Enough rounds for `fall` to be reached, then finish pending DNS work.
        const int rounds = std::max(settings->healthFall(), settings->healthRise());
        QObject::connect(&monitor, &Monitor::roundFinished, &loop, [&](int done) {
            if (done >= rounds && monitor.dnsIdle())
                loop.quit();
        });
        QObject::connect(&monitor, &Monitor::cycleFinished, &loop, [&] {
            if (monitor.probeRounds() >= rounds && monitor.dnsIdle())
                loop.quit();
        });
    } else {
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
            auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &loop);
            QObject::connect(notifier, &QSocketNotifier::activated, &loop, &QEventLoop::quit);
            std::signal(SIGINT, onSignal);
            std::signal(SIGTERM, onSignal);
        }
    }
    if (Status s = monitor.start(); !s)
        return context.fail(s.error());
    if (!context.json())
        context.out()
            << tr("monitoring %1 (%2); Ctrl-C stops").arg(context.dataDir(), monitor.holder())
            << Qt::endl;
    loop.exec();
    monitor.stop();
    return Ok;
}

int MonitorCommands::status(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 0, QStringLiteral("status [--json]")))
        return InvalidInput;
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<Topology> t = (*store)->topology();
    if (!t)
        return context.fail(t.error());
    StatusStore status((*store)->database());
    const Result<QList<StatusStore::HealthRow>> health = status.health();
    const Result<QList<StatusStore::Heartbeat>> beats = status.heartbeats();
    Lease lease((*store)->database(), Lease::dnsLeaseName(), QString());
    const Result<std::pair<QString, qint64>> holder = lease.current();
    if (!health || !beats || !holder)
        return context.fail(!health ? health.error() : !beats ? beats.error() : holder.error());
    QHash<QString, StatusStore::HealthRow> rows;
    for (const StatusStore::HealthRow &r : *health)
        rows.insert(r.key, r);
    auto state = [&](const QString &key) {
        return rows.value(key).state.isEmpty() ? QStringLiteral("unknown") : rows.value(key).state;
    };

    QJsonArray edges;
    QList<QStringList> edgeRows;
    for (const Edge &e : t->edges) {
        const StatusStore::HealthRow r = rows.value(QStringLiteral("edge:") + e.name);
        edges.append(
            QJsonObject{{QStringLiteral("name"), e.name},
                        {QStringLiteral("deploy_state"), toString(e.state)},
                        {QStringLiteral("health"), state(QStringLiteral("edge:") + e.name)},
                        {QStringLiteral("since_ms"), r.sinceMs},
                        {QStringLiteral("detail"), r.detail}});
        edgeRows.append({e.name, toString(e.state), state(QStringLiteral("edge:") + e.name),
                         ago(r.sinceMs), r.detail});
    }
    QJsonArray hostnames;
    QList<QStringList> hostRows;
    for (const Route &route : t->routes) {
        QJsonObject perEdge;
        QStringList summary;
        for (const Edge &e : t->edges) {
            const QString key =
                QStringLiteral("route:") + e.name + QLatin1Char('|') + route.hostname;
            perEdge.insert(e.name,
                           QJsonObject{{QStringLiteral("health"), state(key)},
                                       {QStringLiteral("since_ms"), rows.value(key).sinceMs},
                                       {QStringLiteral("detail"), rows.value(key).detail}});
            summary.append(e.name + QLatin1Char('=') + state(key));
        }
        const QString dns = rows.value(QStringLiteral("dns:") + route.hostname).detail;
        hostnames.append(QJsonObject{{QStringLiteral("hostname"), route.hostname},
                                     {QStringLiteral("dns_edges"), dns},
                                     {QStringLiteral("edges"), perEdge}});
        hostRows.append({route.hostname, dns.isEmpty() ? QStringLiteral("-") : dns,
                         summary.join(QLatin1Char(' '))});
    }
    // DNS changes the acting monitor holds back after errors.
    QJsonArray backoffs;
    QList<QStringList> backoffRows;
    for (const StatusStore::HealthRow &r : *health) {
        if (!r.key.startsWith(QLatin1String("dns-backoff:")))
            continue;
        const QString target = r.key.section(QLatin1Char(':'), 1);
        backoffs.append(QJsonObject{{QStringLiteral("target"), target},
                                    {QStringLiteral("state"), r.state},
                                    {QStringLiteral("retry_at_ms"), r.sinceMs},
                                    {QStringLiteral("error"), r.detail}});
        const QString when =
            r.state == QLatin1String("paused")
                ? tr("after a configuration change")
                : QDateTime::fromMSecsSinceEpoch(r.sinceMs).toString(QStringLiteral("HH:mm:ss"));
        backoffRows.append({target, r.state, when, r.detail});
    }
    // A killed monitor leaves its last beat behind: its age decides.
    const Result<Settings> settings = (*store)->settings();
    const qint64 interval = settings ? settings->healthIntervalMs() : 2000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto alive = [&](const StatusStore::Heartbeat &b) {
        return StatusStore::isAlive(b, now, interval);
    };
    QJsonArray monitors;
    for (const StatusStore::Heartbeat &b : *beats) {
        monitors.append(QJsonObject{
            {QStringLiteral("component"), b.component},
            {QStringLiteral("holder"), b.holder},
            {QStringLiteral("pid"), b.pid},
            {QStringLiteral("at_ms"), b.atMs},
            {QStringLiteral("alive"), alive(b)},
            {QStringLiteral("detail"), alive(b) ? b.detail : QStringLiteral("not running")}});
    }
    if (context.json()) {
        context.printJson(QJsonObject{{QStringLiteral("edges"), edges},
                                      {QStringLiteral("hostnames"), hostnames},
                                      {QStringLiteral("monitors"), monitors},
                                      {QStringLiteral("dns_backoff"), backoffs},
                                      {QStringLiteral("dns_lease_holder"), holder->first}});
        return Ok;
    }
    context.printTable({tr("EDGE"), tr("DEPLOYED"), tr("HEALTH"), tr("SINCE"), tr("DETAIL")},
                       edgeRows);
    context.out() << '\n';
    context.printTable({tr("HOSTNAME"), tr("IN DNS"), tr("PER EDGE")}, hostRows);
    context.out() << '\n';
    if (!backoffRows.isEmpty()) {
        context.printTable({tr("DNS HELD BACK"), tr("STATE"), tr("NEXT TRY"), tr("ERROR")},
                           backoffRows);
        context.out() << '\n';
    }
    for (const StatusStore::Heartbeat &b : *beats) {
        if (alive(b)) {
            context.out() << tr("%1: pid %2, %3, last cycle %4")
                                 .arg(b.component)
                                 .arg(b.pid)
                                 .arg(b.detail, ago(b.atMs))
                          << '\n';
        } else {
            context.out() << tr("%1: not running (pid %2 stopped beating %3; it was %4)")
                                 .arg(b.component)
                                 .arg(b.pid)
                                 .arg(ago(b.atMs), b.detail)
                          << '\n';
        }
    }
    context.out() << tr("DNS lease: %1").arg(holder->first.isEmpty() ? tr("free") : holder->first)
                  << Qt::endl;
    return Ok;
}

int MonitorCommands::dns(CliContext &context, const QStringList &args)
{
    if (args.value(0) != QLatin1String("sync"))
        return context.usageError(tr("usage: kokoactl dns sync [--dry-run]"));
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("dry-run")));
    if (!context.parse(p, args.mid(1), 0, QStringLiteral("dns sync [--dry-run]")))
        return InvalidInput;
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<app::DnsSync::Report> result =
        app::DnsSync(**store, context.dataDir())
            .run(p.isSet(QStringLiteral("dry-run")) ? app::DnsSync::Mode::DryRun
                                                    : app::DnsSync::Mode::Apply);
    if (!result)
        return context.fail(result.error());
    for (const QString &e : result->edgesLeftOut)
        context.warn(tr("edge %1 is down (kokoactl status): left out").arg(e));
    QJsonArray report;
    for (const app::DnsSync::HostnameResult &h : result->hostnames) {
        if (h.error) {
            context.warn(h.error->message());
            continue;
        }
        report.append(
            QJsonObject{{QStringLiteral("hostname"), h.hostname},
                        {QStringLiteral("changes"), QJsonArray::fromStringList(h.changes)}});
        if (!context.json()) {
            context.out() << h.hostname << ": "
                          << (h.changes.isEmpty() ? tr("in sync")
                                                  : h.changes.join(QStringLiteral("; ")))
                          << '\n';
        }
    }
    if (context.json())
        context.printJson(report);
    context.out().flush();
    return result->failures() ? OperationFailed : Ok;
}

} // namespace kokoa::cli
