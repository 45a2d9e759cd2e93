#include "cli/RouteCommands.h"

#include "store/TopologyJson.h"
#include "validate/Validator.h"

#include <QJsonObject>

#include <algorithm>

namespace kokoa::cli {
namespace {

QJsonObject routeJson(const Route &r)
{
    QJsonObject json = TopologyJson::toJson(r);
    json.insert(QStringLiteral("zone"), r.zoneName);
    return json;
}

QString humanSize(qint64 bytes)
{
    if (bytes == 0)
        return RouteCommands::tr("unlimited");
    for (const auto &[unit, size] :
         {std::pair{'g', qint64(1) << 30}, std::pair{'m', qint64(1) << 20},
          std::pair{'k', qint64(1) << 10}}) {
        if (bytes % size == 0)
            return QString::number(bytes / size) + QLatin1Char(unit);
    }
    return QString::number(bytes);
}

enum class Required
{
    OriginAndPort, // route add
    Nothing,       // route update: what is not given stays as it is
};

// The options `route add` and `route update` share: TLS mode, origin and
// port. Every value is validated, under its option's name.
Status applyTarget(const QCommandLineParser &p, Route &route, Required required)
{
    if (p.isSet(QStringLiteral("tls"))) {
        const auto tls = tlsModeFromString(p.value(QStringLiteral("tls")));
        if (!tls) {
            return Error::invalid(QStringLiteral("tls"), p.value(QStringLiteral("tls")),
                                  RouteCommands::tr("must be http-01, dns-01 or off"));
        }
        route.tls = *tls;
    }
    if (p.isSet(QStringLiteral("origin"))) {
        const Result<QString> origin =
            Validator::name(QStringLiteral("origin"), p.value(QStringLiteral("origin")));
        if (!origin)
            return origin.error();
        route.originName = *origin;
    } else if (required == Required::OriginAndPort) {
        return Error(Error::Kind::InvalidInput, RouteCommands::tr("origin: --origin is required"),
                     QStringLiteral("origin"));
    }
    if (p.isSet(QStringLiteral("port"))) {
        const Result<quint16> port =
            Validator::port(QStringLiteral("port"), p.value(QStringLiteral("port")));
        if (!port)
            return port.error();
        route.port = *port;
    } else if (required == Required::OriginAndPort) {
        return Error(Error::Kind::InvalidInput, RouteCommands::tr("port: --port is required"),
                     QStringLiteral("port"));
    }
    return {};
}

// The shared options after the websocket choice: body size, timeout and
// health path.
Status applyLimits(const QCommandLineParser &p, Route &route)
{
    if (p.isSet(QStringLiteral("max-body"))) {
        const Result<qint64> size =
            Validator::bodySize(QStringLiteral("max-body"), p.value(QStringLiteral("max-body")));
        if (!size)
            return size.error();
        route.maxBodyBytes = *size;
    }
    if (p.isSet(QStringLiteral("timeout"))) {
        const Result<int> timeout = Validator::timeoutSeconds(QStringLiteral("timeout"),
                                                              p.value(QStringLiteral("timeout")));
        if (!timeout)
            return timeout.error();
        route.timeoutSeconds = *timeout;
    }
    if (p.isSet(QStringLiteral("health-path"))) {
        const Result<QString> path = Validator::healthPath(QStringLiteral("health-path"),
                                                           p.value(QStringLiteral("health-path")));
        if (!path)
            return path.error();
        route.healthPath = *path;
    }
    return {};
}

// Reads the options of `route add` into a Route; every value is validated.
Result<Route> routeFromOptions(const QCommandLineParser &p, const QString &hostnameInput)
{
    Route route;
    // Checked, with the wildcard rule that depends on --tls, by Store::addRoute.
    route.hostname = hostnameInput;
    if (Status s = applyTarget(p, route, Required::OriginAndPort); !s)
        return s.error();
    route.websocket = p.isSet(QStringLiteral("websocket"));
    if (route.websocket)
        route.timeoutSeconds = Route::defaultWebsocketTimeoutSeconds;
    if (Status s = applyLimits(p, route); !s)
        return s.error();
    return route;
}

const QStringList &updateOptions()
{
    static const QStringList options{QStringLiteral("origin"),    QStringLiteral("port"),
                                     QStringLiteral("websocket"), QStringLiteral("max-body"),
                                     QStringLiteral("timeout"),   QStringLiteral("health-path"),
                                     QStringLiteral("tls")};
    return options;
}

Result<bool> onOff(const QString &field, const QString &input)
{
    if (input == QLatin1String("on"))
        return true;
    if (input == QLatin1String("off"))
        return false;
    return Error::invalid(field, input, RouteCommands::tr("must be on or off"));
}

// Applies the options of `route update` to the stored route; every value is
// validated, by the same rules and under the same field names as `route add`.
Status applyUpdateOptions(const QCommandLineParser &p, Route &route)
{
    if (Status s = applyTarget(p, route, Required::Nothing); !s)
        return s;
    if (p.isSet(QStringLiteral("websocket"))) {
        const Result<bool> websocket =
            onOff(QStringLiteral("websocket"), p.value(QStringLiteral("websocket")));
        if (!websocket)
            return websocket.error();
        // As `route add --websocket` does: a route switched without --timeout
        // gets the other mode's default timeout if it still had its own.
        const int oldDefault =
            route.websocket ? Route::defaultWebsocketTimeoutSeconds : Route::defaultTimeoutSeconds;
        if (*websocket != route.websocket && route.timeoutSeconds == oldDefault) {
            route.timeoutSeconds =
                *websocket ? Route::defaultWebsocketTimeoutSeconds : Route::defaultTimeoutSeconds;
        }
        route.websocket = *websocket;
    }
    return applyLimits(p, route);
}

} // namespace

int RouteCommands::run(CliContext &context, const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("add"))
        return add(context, args.mid(1));
    if (sub == QLatin1String("update"))
        return update(context, args.mid(1));
    if (sub == QLatin1String("list"))
        return list(context, args.mid(1));
    if (sub == QLatin1String("rm"))
        return remove(context, args.mid(1));
    return context.usageError(tr("usage: kokoactl route add|update|list|rm ..."));
}

int RouteCommands::add(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    for (const char *option : {"origin", "port", "max-body", "timeout", "health-path", "tls"}) {
        p.addOption(
            QCommandLineOption(QString::fromLatin1(option), QString(), QStringLiteral("value")));
    }
    p.addOption(QCommandLineOption(QStringLiteral("websocket")));
    if (!context.parse(p, args, 1,
                       QStringLiteral("route add HOSTNAME --origin NAME --port PORT [options]"))) {
        return InvalidInput;
    }
    const Result<Route> route = routeFromOptions(p, p.positionalArguments().first());
    if (!route)
        return context.fail(route.error());
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<Route> added = (*store)->addRoute(*route);
    if (!added)
        return context.fail(added.error());
    if (context.json())
        context.printJson(routeJson(*added));
    else
        context.out() << tr("route %1 → origin %2 port %3 added (zone %4)")
                             .arg(added->hostname, added->originName)
                             .arg(added->port)
                             .arg(added->zoneName)
                      << Qt::endl;
    return Ok;
}

// Changes a stored route in place; the hostname (and so its zone) stays.
int RouteCommands::update(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    for (const QString &option : updateOptions())
        p.addOption(QCommandLineOption(option, QString(), QStringLiteral("value")));
    if (!context.parse(p, args, 1,
                       QStringLiteral("route update HOSTNAME [--origin NAME] [--port PORT] "
                                      "[--websocket on|off] [--max-body SIZE] [--timeout SECONDS] "
                                      "[--health-path PATH] [--tls http-01|dns-01|off]"))) {
        return InvalidInput;
    }
    if (std::none_of(updateOptions().begin(), updateOptions().end(),
                     [&](const QString &option) { return p.isSet(option); })) {
        return context.usageError(tr("route update: nothing to change; give one or more of "
                                     "--origin, --port, --websocket, --max-body, --timeout, "
                                     "--health-path, --tls"));
    }
    const Result<QString> hostname = Validator::hostname(
        QStringLiteral("hostname"), p.positionalArguments().first(), Validator::Wildcard::Allowed);
    if (!hostname)
        return context.fail(hostname.error());
    const Result<Topology> current = context.topology();
    if (!current)
        return context.fail(current.error());
    const auto stored = std::find_if(current->routes.begin(), current->routes.end(),
                                     [&](const Route &r) { return r.hostname == *hostname; });
    if (stored == current->routes.end()) {
        return context.fail(Error(Error::Kind::NotFound,
                                  tr("route %1 does not exist").arg(quoteForMessage(*hostname)),
                                  QStringLiteral("route")));
    }
    Route route = *stored;
    if (Status s = applyUpdateOptions(p, route); !s)
        return context.fail(s.error());
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<Updated<Route>> updated = (*store)->updateRoute(route);
    if (!updated)
        return context.fail(updated.error());
    if (context.json()) {
        QJsonObject json = routeJson(updated->value);
        json.insert(QStringLiteral("changed"), QJsonArray::fromStringList(updated->changedFields));
        context.printJson(json);
    } else if (!updated->changed()) {
        context.out() << tr("route %1 unchanged: it already has these values").arg(*hostname)
                      << Qt::endl;
    } else {
        context.out() << tr("route %1 updated (%2); run kokoactl deploy to apply it")
                             .arg(*hostname, updated->changedFields.join(QStringLiteral(", ")))
                      << Qt::endl;
    }
    return Ok;
}

int RouteCommands::list(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 0, QStringLiteral("route list")))
        return InvalidInput;
    const Result<Topology> t = context.topology();
    if (!t)
        return context.fail(t.error());
    QJsonArray array;
    QList<QStringList> rows;
    for (const Route &r : std::as_const(t->routes)) {
        array.append(routeJson(r));
        rows.append(
            {r.hostname, r.zoneName, r.originName + QLatin1Char(':') + QString::number(r.port),
             r.websocket ? tr("yes") : tr("no"), humanSize(r.maxBodyBytes),
             QString::number(r.timeoutSeconds) + QLatin1Char('s'), r.healthPath, toString(r.tls)});
    }
    if (context.json())
        context.printJson(array);
    else
        context.printTable({tr("HOSTNAME"), tr("ZONE"), tr("ORIGIN:PORT"), tr("WEBSOCKET"),
                            tr("MAX BODY"), tr("TIMEOUT"), tr("HEALTH"), tr("TLS")},
                           rows);
    return Ok;
}

int RouteCommands::remove(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 1, QStringLiteral("route rm HOSTNAME")))
        return InvalidInput;
    const Result<QString> hostname = Validator::hostname(
        QStringLiteral("hostname"), p.positionalArguments().first(), Validator::Wildcard::Allowed);
    if (!hostname)
        return context.fail(hostname.error());
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    if (Status s = (*store)->removeRoute(*hostname); !s)
        return context.fail(s.error());
    if (!context.json())
        context.out() << tr("route %1 removed").arg(*hostname) << Qt::endl;
    return Ok;
}

} // namespace kokoa::cli
