#include "cli/ConfigCommands.h"

#include "app/ConfigTransfer.h"
#include "app/Installation.h"
#include "validate/Validator.h"

#include <QFile>
#include <QJsonObject>

namespace kokoa::cli {
namespace {

constexpr qint64 maxImportBytes = 64 * 1024 * 1024;

Result<QByteArray> readImportFile(const QString &path)
{
    QFile file;
    const bool opened = path == QLatin1String("-")
                            ? file.open(stdin, QIODevice::ReadOnly)
                            : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        return Error(Error::Kind::InvalidInput,
                     ConfigCommands::tr("file: cannot read %1: %2").arg(path, file.errorString()),
                     QStringLiteral("file"));
    }
    const QByteArray data = file.read(maxImportBytes + 1);
    if (data.size() > maxImportBytes) {
        return Error(Error::Kind::InvalidInput,
                     ConfigCommands::tr("file: %1 is larger than 64 MiB").arg(path),
                     QStringLiteral("file"));
    }
    return data;
}

} // namespace

int ConfigCommands::init(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(
        QCommandLineOption(QStringLiteral("tunnel-range"), QString(), QStringLiteral("cidr")));
    p.addOption(QCommandLineOption(QStringLiteral("new-dns-owner-id")));
    if (!context.parse(p, args, 0,
                       QStringLiteral("init [--tunnel-range CIDR] [--new-dns-owner-id]")))
        return InvalidInput;
    const app::Installation installation(context.dataDir());
    app::Installation::Options options;
    options.tunnelRange = p.value(QStringLiteral("tunnel-range"));
    if (p.isSet(QStringLiteral("tunnel-range")) && options.tunnelRange.isEmpty()) {
        // Given but empty is not "not given": the range rule says why.
        return context.fail(
            Validator::ipv4Range(QStringLiteral("tunnel-range"), options.tunnelRange).error());
    }
    options.newDnsOwnerId = p.isSet(QStringLiteral("new-dns-owner-id"));
    const Result<app::Installation::Outcome> setUp = installation.setUp(options);
    if (!setUp)
        return context.fail(setUp.error());
    const bool existed = !setUp->created;
    if (context.json()) {
        context.printJson(QJsonObject{{QStringLiteral("data_dir"), context.dataDir()},
                                      {QStringLiteral("created"), !existed},
                                      {QStringLiteral("dns_owner_id"), setUp->dnsOwnerId},
                                      {QStringLiteral("ssh_public_key"), setUp->sshPublicKey}});
    } else if (existed) {
        context.out() << tr("Kokoa is already set up in %1").arg(context.dataDir()) << Qt::endl;
    } else {
        context.out() << tr("Kokoa set up in %1").arg(context.dataDir()) << Qt::endl;
    }
    if (!context.json())
        context.out() << tr("Kokoa's SSH key: %1").arg(setUp->sshPublicKey) << Qt::endl;
    return Ok;
}

int ConfigCommands::exportConfig(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 0, QStringLiteral("export")))
        return InvalidInput;
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<QByteArray> json = app::ConfigTransfer(**store, context.dataDir()).exportJson();
    if (!json)
        return context.fail(json.error());
    context.out() << QString::fromUtf8(*json);
    context.out().flush();
    return Ok;
}

int ConfigCommands::importConfig(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 1, QStringLiteral("import FILE")))
        return InvalidInput;
    const QString path = p.positionalArguments().first();
    const Result<QByteArray> data = readImportFile(path);
    if (!data)
        return context.fail(data.error());
    const Result<Configuration> config = app::ConfigTransfer::parse(*data);
    if (!config)
        return context.fail(config.error().prefixed(tr("import %1").arg(path)));
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<app::ConfigTransfer::Imported> imported =
        app::ConfigTransfer(**store, context.dataDir()).import(*config);
    if (!imported)
        return context.fail(imported.error().prefixed(tr("import %1").arg(path)));
    for (const QString &zone : imported->zonesWithoutSecret) {
        context.warn(tr("zone %1: its secret is not in this data directory; set it with "
                        "'kokoactl zone set-secret %1 --file F'")
                         .arg(zone));
    }
    if (!context.json()) {
        context.out() << tr("imported %1 zones, %2 origins, %3 edges, %4 routes")
                             .arg(imported->zones)
                             .arg(imported->origins)
                             .arg(imported->edges)
                             .arg(imported->routes)
                      << Qt::endl;
    }
    return Ok;
}

int ConfigCommands::settings(CliContext &context, const QStringList &args)
{
    const QString sub = args.value(0);
    QCommandLineParser p;
    const bool set = sub == QLatin1String("set");
    if (sub != QLatin1String("list") && !set)
        return context.usageError(tr("usage: kokoactl settings list | settings set KEY VALUE"));
    // `settings set` has no options: its two words are positional even when
    // the value looks like one ("-1" would be read as an unknown option "1"
    // and never reach the check that names the setting and its range).
    QStringList words = args.mid(1);
    if (set && !words.contains(QStringLiteral("--")))
        words.prepend(QStringLiteral("--"));
    if (!context.parse(p, words, set ? 2 : 0,
                       set ? QStringLiteral("settings set KEY VALUE")
                           : QStringLiteral("settings list"))) {
        return InvalidInput;
    }
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    if (set) {
        const QString key = p.positionalArguments().at(0);
        if (Status s = (*store)->setSetting(key, p.positionalArguments().at(1)); !s)
            return context.fail(s.error());
        if (!context.json())
            context.out() << tr("%1 set").arg(key) << Qt::endl;
        return Ok;
    }
    Result<Settings> current = (*store)->settings();
    if (!current)
        return context.fail(current.error());
    QJsonObject object;
    QList<QStringList> rows;
    for (const Settings::Definition &d : Settings::definitions()) {
        const QString key = QString::fromLatin1(d.key);
        object.insert(key, current->value(key));
        rows.append({key, current->value(key), Settings::tr(d.description)});
    }
    if (context.json())
        context.printJson(object);
    else
        context.printTable({tr("KEY"), tr("VALUE"), tr("MEANING")}, rows);
    return Ok;
}

int ConfigCommands::events(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("limit"), QString(), QStringLiteral("n")));
    if (!context.parse(p, args, 0, QStringLiteral("events [--limit N]")))
        return InvalidInput;
    int limit = 100;
    if (p.isSet(QStringLiteral("limit"))) {
        const Result<quint16> n =
            Validator::port(QStringLiteral("limit"), p.value(QStringLiteral("limit")));
        if (!n)
            return context.fail(n.error());
        limit = *n;
    }
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    Result<QList<Event>> events = (*store)->events(limit);
    if (!events)
        return context.fail(events.error());
    QJsonArray array;
    QList<QStringList> rows;
    for (const Event &e : std::as_const(*events)) {
        const QString at = e.at.toString(Qt::ISODateWithMs);
        array.append(QJsonObject{{QStringLiteral("id"), e.id},
                                 {QStringLiteral("at"), at},
                                 {QStringLiteral("category"), e.category},
                                 {QStringLiteral("subject"), e.subject},
                                 {QStringLiteral("action"), e.action},
                                 {QStringLiteral("reason"), e.reason},
                                 {QStringLiteral("outcome"), e.outcome}});
        rows.append({at, e.category, e.subject, e.action, e.reason, e.outcome});
    }
    if (context.json())
        context.printJson(array);
    else
        context.printTable(
            {tr("TIME"), tr("CATEGORY"), tr("SUBJECT"), tr("ACTION"), tr("REASON"), tr("OUTCOME")},
            rows);
    return Ok;
}

} // namespace kokoa::cli
