#include "cli/ProviderCommands.h"

#include "app/ProviderService.h"
#include "cli/CredentialFile.h"

#include <QJsonObject>

namespace kokoa::cli {
namespace {

QJsonObject providerJson(const ProviderRecord &p)
{
    return {{QStringLiteral("name"), p.name},
            {QStringLiteral("kind"), p.kind},
            {QStringLiteral("settings"), p.settings}};
}

QJsonObject serverJson(const app::ProviderService::ServerView &v)
{
    return {{QStringLiteral("name"), v.name},     {QStringLiteral("id"), v.id},
            {QStringLiteral("edge"), v.edge},     {QStringLiteral("recorded"), v.recorded},
            {QStringLiteral("status"), v.status}, {QStringLiteral("ipv4"), v.ipv4},
            {QStringLiteral("ipv6"), v.ipv6},     {QStringLiteral("orphan"), v.orphan}};
}

QString dash(const QString &value)
{
    return value.isEmpty() ? QStringLiteral("-") : value;
}

} // namespace

int ProviderCommands::run(CliContext &context, const QStringList &args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("add"))
        return add(context, rest);
    if (sub == QLatin1String("list"))
        return list(context, rest);
    if (sub == QLatin1String("rm") || sub == QLatin1String("remove"))
        return remove(context, rest);
    if (sub == QLatin1String("servers"))
        return servers(context, rest);
    return context.usageError(tr("usage: kokoactl provider add|list|rm|servers ..."));
}

int ProviderCommands::add(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    for (const char *option : {"kind", "token-file", "api-base", "location", "server-type", "image",
                               "create-command", "destroy-command"}) {
        p.addOption(
            QCommandLineOption(QString::fromLatin1(option), QString(), QStringLiteral("value")));
    }
    p.addOption(QCommandLineOption(QStringLiteral("no-check")));
    p.addOption(QCommandLineOption(QStringLiteral("reserved-ip")));
    if (!context.parse(p, args, 1,
                       QStringLiteral("provider add NAME --kind KIND [options] [--no-check]")))
        return InvalidInput;
    if (!p.isSet(QStringLiteral("kind")))
        return context.usageError(
            tr("kind: --kind hetzner|digitalocean|vultr|command is required"));
    app::ProviderService::Description d;
    d.name = p.positionalArguments().first();
    d.kind = p.value(QStringLiteral("kind"));
    d.apiBase = p.value(QStringLiteral("api-base"));
    d.location = p.value(QStringLiteral("location"));
    d.serverType = p.value(QStringLiteral("server-type"));
    d.image = p.value(QStringLiteral("image"));
    d.createCommand = p.value(QStringLiteral("create-command"));
    d.destroyCommand = p.value(QStringLiteral("destroy-command"));
    d.reservedIp = p.isSet(QStringLiteral("reserved-ip"));
    const Result<ProviderRecord> record = app::ProviderService::recordFrom(d);
    if (!record)
        return context.fail(record.error());
    QByteArray token;
    if (!record->secretRef.isEmpty()) {
        if (!p.isSet(QStringLiteral("token-file")))
            return context.fail(Error(Error::Kind::InvalidInput,
                                      tr("token-file: a %1 provider needs --token-file with an "
                                         "API token")
                                          .arg(record->kind),
                                      QStringLiteral("token-file")));
        const Result<QByteArray> read = CredentialFile::readToken(
            QStringLiteral("token-file"), p.value(QStringLiteral("token-file")));
        if (!read)
            return context.fail(read.error());
        token = *read;
    } else if (p.isSet(QStringLiteral("token-file"))) {
        return context.usageError(tr("token-file: a command provider takes no token"));
    }
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    app::ProviderService providers(**store, context.dataDir());
    if (Status s = providers.add(*record, token, !p.isSet(QStringLiteral("no-check"))); !s)
        return context.fail(s.error());
    if (context.json())
        context.printJson(providerJson(*record));
    else
        context.out() << tr("provider %1 added (%2)").arg(record->name, record->kind) << Qt::endl;
    return Ok;
}

int ProviderCommands::list(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 0, QStringLiteral("provider list")))
        return InvalidInput;
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<QList<ProviderRecord>> providers =
        app::ProviderService(**store, context.dataDir()).list();
    if (!providers)
        return context.fail(providers.error());
    QJsonArray array;
    QList<QStringList> rows;
    for (const ProviderRecord &r : *providers) {
        array.append(providerJson(r));
        const QJsonObject &s = r.settings;
        const QString where = r.kind == QLatin1String("command")
                                  ? s.value(QStringLiteral("create_command")).toString()
                                  : QStringLiteral("%1 %2 %3")
                                        .arg(s.value(QStringLiteral("location")).toString(),
                                             s.value(QStringLiteral("server_type")).toString(),
                                             s.value(QStringLiteral("image")).toString());
        rows.append({r.name, r.kind, where});
    }
    if (context.json())
        context.printJson(array);
    else
        context.printTable({tr("PROVIDER"), tr("KIND"), tr("TEMPLATE")}, rows);
    return Ok;
}

int ProviderCommands::remove(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 1, QStringLiteral("provider rm NAME")))
        return InvalidInput;
    const QString name = p.positionalArguments().first();
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    if (Status s = app::ProviderService(**store, context.dataDir()).remove(name); !s)
        return context.fail(s.error());
    if (!context.json())
        context.out() << tr("provider %1 removed").arg(name) << Qt::endl;
    return Ok;
}

int ProviderCommands::servers(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 1, QStringLiteral("provider servers NAME")))
        return InvalidInput;
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const auto servers =
        app::ProviderService(**store, context.dataDir()).servers(p.positionalArguments().first());
    if (!servers)
        return context.fail(servers.error());
    QJsonArray array;
    QList<QStringList> rows;
    for (const auto &v : *servers) {
        array.append(serverJson(v));
        rows.append({v.name, dash(v.id), dash(v.edge), dash(v.recorded), dash(v.status),
                     dash(v.ipv4), v.orphan ? tr("ORPHAN") : QString()});
    }
    if (context.json())
        context.printJson(array);
    else
        context.printTable({tr("SERVER"), tr("ID"), tr("EDGE"), tr("RECORDED"), tr("AT PROVIDER"),
                            tr("IPV4"), QString()},
                           rows);
    return Ok;
}

} // namespace kokoa::cli
