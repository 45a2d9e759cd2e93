#include "cli/MonitorCommands.h"

#include "app/AutoProfileSwitch.h"
#include "app/AutoReplacement.h"
#include "app/CertificateRenewer.h"
#include "app/DnsSync.h"
#include "app/HealthView.h"
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
    options.loadFetch = LoadReader::sshFetch(context.dataDir());
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
    // Holding the lease, a monitor that may act renews the certificates due
    // and switches edges above load.attack_rps to the under-attack profile,
    // and (edges.auto_replace) replaces edges down from every vantage.
    AutoProfileSwitch autoProfile(**store, context.dataDir());
    app::AutoReplacement autoReplace(**store, context.dataDir());
    app::CertificateRenewer renewer(context.dataDir());
    if (!once && options.mayAct) {
        QObject::connect(&monitor, &Monitor::loadRead, &autoProfile, &AutoProfileSwitch::onLoad);
        autoReplace.follow(monitor);
        QObject::connect(
            &autoReplace, &app::AutoReplacement::alertRaised, &loop,
            [&](const QString &text) { context.err() << tr("ALERT: %1").arg(text) << Qt::endl; });
        QObject::connect(&monitor, &Monitor::leaseChanged, &renewer,
                         [&renewer](bool held) { renewer.setLeaseHeld(held); });
        QObject::connect(
            &renewer, &app::CertificateRenewer::alertRaised, &loop,
            [&](const QString &text) { context.err() << tr("ALERT: %1").arg(text) << Qt::endl; });
    }
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

namespace {

QJsonObject loadJson(const EdgeLoad &load)
{
    QJsonObject o{{QStringLiteral("connections"), load.connections},
                  {QStringLiteral("at_ms"), load.atMs}};
    // null until two readings gave a rate
    o.insert(QStringLiteral("requests_per_s"),
             load.rateKnown() ? QJsonValue(load.requestsPerSecond) : QJsonValue());
    if (!load.error.isEmpty())
        o.insert(QStringLiteral("error"), load.error);
    return o;
}

// Requests/s and open connections for the edge table ("-" when unread).
std::pair<QString, QString> loadCells(const StatusReport &report, const QString &edge)
{
    const auto it = report.edgeLoads.constFind(edge);
    if (it == report.edgeLoads.cend() || it->atMs <= 0)
        return {QStringLiteral("-"), QStringLiteral("-")};
    return {it->rateKnown() ? QString::number(it->requestsPerSecond, 'f', 1) : QStringLiteral("-"),
            QString::number(it->connections)};
}

QJsonObject statusJson(const StatusReport &report)
{
    auto health = [](const StatusReport::TargetHealth &h) {
        return QJsonObject{{QStringLiteral("health"), toString(h.state)},
                           {QStringLiteral("since_ms"), h.sinceMs},
                           {QStringLiteral("detail"), h.detail}};
    };
    QJsonArray edges;
    for (const StatusReport::EdgeStatus &e : report.edges) {
        QJsonObject o = health(e.health);
        o.insert(QStringLiteral("name"), e.name);
        o.insert(QStringLiteral("deploy_state"), toString(e.deployState));
        if (const auto load = report.edgeLoads.constFind(e.name); load != report.edgeLoads.cend())
            o.insert(QStringLiteral("load"), loadJson(*load));
        edges.append(o);
    }
    QJsonArray hostnames;
    for (const StatusReport::HostnameStatus &h : report.hostnames) {
        QJsonObject perEdge;
        for (const StatusReport::RouteOnEdge &r : h.perEdge)
            perEdge.insert(r.edge, health(r.health));
        hostnames.append(
            QJsonObject{{QStringLiteral("hostname"), h.hostname},
                        {QStringLiteral("dns_edges"), h.dnsEdges.join(QLatin1Char(','))},
                        {QStringLiteral("edges"), perEdge}});
    }
    QJsonArray backoffs;
    for (const StatusReport::HeldBack &b : report.dnsHeldBack) {
        backoffs.append(QJsonObject{{QStringLiteral("target"), b.target},
                                    {QStringLiteral("state"), b.state},
                                    {QStringLiteral("retry_at_ms"), b.retryAtMs},
                                    {QStringLiteral("error"), b.error}});
    }
    QJsonArray budgets;
    for (const StatusReport::ApiBudget &b : report.apiBudgets) {
        budgets.append(QJsonObject{{QStringLiteral("provider"), b.provider},
                                   {QStringLiteral("level"), b.level},
                                   {QStringLiteral("used"), b.used},
                                   {QStringLiteral("limit"), b.limit},
                                   {QStringLiteral("window_s"), 300}});
    }
    QJsonArray burns;
    for (const StatusReport::BurnInProgress &b : report.burns) {
        burns.append(QJsonObject{{QStringLiteral("edge"), b.edge},
                                 {QStringLiteral("replacement"), b.replacement},
                                 {QStringLiteral("automatic"), b.automatic},
                                 {QStringLiteral("done"), QJsonArray::fromStringList(b.done)}});
    }
    const StatusReport::Replacement &r = report.replacement;
    const QJsonObject replacement{{QStringLiteral("enabled"), r.enabled},
                                  {QStringLiteral("after_s"), r.afterSeconds},
                                  {QStringLiteral("max_per_day"), r.perDay},
                                  {QStringLiteral("last_24h"), r.lastDay}};
    QJsonArray monitors;
    for (const StatusReport::MonitorStatus &m : report.monitors) {
        monitors.append(QJsonObject{
            {QStringLiteral("component"), m.component},
            {QStringLiteral("holder"), m.holder},
            {QStringLiteral("pid"), m.pid},
            {QStringLiteral("at_ms"), m.atMs},
            {QStringLiteral("alive"), m.alive},
            {QStringLiteral("detail"), m.alive ? m.detail : QStringLiteral("not running")}});
    }
    return QJsonObject{{QStringLiteral("edges"), edges},
                       {QStringLiteral("hostnames"), hostnames},
                       {QStringLiteral("monitors"), monitors},
                       {QStringLiteral("dns_backoff"), backoffs},
                       {QStringLiteral("api_budget"), budgets},
                       {QStringLiteral("auto_replace"), replacement},
                       {QStringLiteral("burns"), burns},
                       {QStringLiteral("dns_lease_holder"), report.leaseHolder}};
}

void printReplacement(CliContext &context, const StatusReport &report)
{
    const StatusReport::Replacement &r = report.replacement;
    if (r.enabled) {
        context.out() << MonitorCommands::tr("Automatic replacement: on, after %1 s down from "
                                             "every vantage; %2 of %3 in the last 24 hours")
                             .arg(r.afterSeconds)
                             .arg(r.lastDay < 0 ? QStringLiteral("?") : QString::number(r.lastDay))
                             .arg(r.perDay)
                      << '\n';
    } else {
        context.out() << MonitorCommands::tr("Automatic replacement: off (edges.auto_replace)")
                      << '\n';
    }
    for (const StatusReport::BurnInProgress &b : report.burns) {
        const QString done = b.done.isEmpty() ? MonitorCommands::tr("nothing yet")
                                              : b.done.join(QStringLiteral(", "));
        context.out() << (b.automatic
                              ? MonitorCommands::tr("Automatic burn of edge %1 unfinished (done: "
                                                    "%2); the acting monitor resumes it")
                              : MonitorCommands::tr("Burn of edge %1 unfinished (done: %2); "
                                                    "resume with `kokoactl edge burn %1`"))
                             .arg(b.edge, done)
                      << '\n';
    }
}

void printStatus(CliContext &context, const StatusReport &report)
{
    auto ago = [&](qint64 atMs) {
        if (atMs <= 0)
            return QStringLiteral("-");
        return MonitorCommands::tr("%1 s ago").arg((report.nowMs - atMs) / 1000);
    };
    QList<QStringList> edgeRows;
    for (const StatusReport::EdgeStatus &e : report.edges) {
        const auto [rate, connections] = loadCells(report, e.name);
        edgeRows.append({e.name, toString(e.deployState), toString(e.health.state),
                         ago(e.health.sinceMs), rate, connections, e.health.detail});
    }
    QList<QStringList> hostRows;
    for (const StatusReport::HostnameStatus &h : report.hostnames) {
        QStringList summary;
        for (const StatusReport::RouteOnEdge &r : h.perEdge)
            summary.append(r.edge + QLatin1Char('=') + toString(r.health.state));
        hostRows.append(
            {h.hostname,
             h.dnsEdges.isEmpty() ? QStringLiteral("-") : h.dnsEdges.join(QLatin1Char(',')),
             summary.join(QLatin1Char(' '))});
    }
    QList<QStringList> backoffRows;
    for (const StatusReport::HeldBack &b : report.dnsHeldBack) {
        const QString when =
            b.paused
                ? MonitorCommands::tr("after a configuration change")
                : QDateTime::fromMSecsSinceEpoch(b.retryAtMs).toString(QStringLiteral("HH:mm:ss"));
        backoffRows.append({b.target, b.state, when, b.error});
    }
    context.printTable({MonitorCommands::tr("EDGE"), MonitorCommands::tr("DEPLOYED"),
                        MonitorCommands::tr("HEALTH"), MonitorCommands::tr("SINCE"),
                        MonitorCommands::tr("REQ/S"), MonitorCommands::tr("CONNS"),
                        MonitorCommands::tr("DETAIL")},
                       edgeRows);
    context.out() << '\n';
    context.printTable({MonitorCommands::tr("HOSTNAME"), MonitorCommands::tr("IN DNS"),
                        MonitorCommands::tr("PER EDGE")},
                       hostRows);
    context.out() << '\n';
    if (!backoffRows.isEmpty()) {
        context.printTable({MonitorCommands::tr("DNS HELD BACK"), MonitorCommands::tr("STATE"),
                            MonitorCommands::tr("NEXT TRY"), MonitorCommands::tr("ERROR")},
                           backoffRows);
        context.out() << '\n';
    }
    for (const StatusReport::ApiBudget &b : report.apiBudgets) {
        context.out() << MonitorCommands::tr(
                             "%1 API budget: %2 of %3 requests in the last 5 minutes (%4)")
                             .arg(b.provider == QLatin1String("cloudflare")
                                      ? QStringLiteral("Cloudflare")
                                      : b.provider)
                             .arg(b.used)
                             .arg(b.limit)
                             .arg(b.level)
                      << '\n';
    }
    printReplacement(context, report);
    for (const StatusReport::MonitorStatus &m : report.monitors) {
        if (m.alive) {
            context.out() << MonitorCommands::tr("%1: pid %2, %3, last cycle %4")
                                 .arg(m.component)
                                 .arg(m.pid)
                                 .arg(m.detail, ago(m.atMs))
                          << '\n';
        } else {
            context.out() << MonitorCommands::tr(
                                 "%1: not running (pid %2 stopped beating %3; it was %4)")
                                 .arg(m.component)
                                 .arg(m.pid)
                                 .arg(ago(m.atMs), m.detail)
                          << '\n';
        }
    }
    context.out() << MonitorCommands::tr("DNS lease: %1")
                         .arg(report.leaseHolder.isEmpty() ? MonitorCommands::tr("free")
                                                           : report.leaseHolder)
                  << Qt::endl;
}

} // namespace

int MonitorCommands::status(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 0, QStringLiteral("status [--json]")))
        return InvalidInput;
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<StatusReport> report = HealthView(**store).report();
    if (!report)
        return context.fail(report.error());
    if (context.json())
        context.printJson(statusJson(*report));
    else
        printStatus(context, *report);
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
