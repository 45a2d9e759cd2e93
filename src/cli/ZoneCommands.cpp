#include "cli/ZoneCommands.h"

#include "app/ZoneCredentialCheck.h"
#include "app/ZoneService.h"
#include "cli/CredentialFile.h"
#include "store/TopologyJson.h"
#include "validate/ModelValidator.h"
#include "validate/Validator.h"

#include <QJsonObject>

namespace kokoa::cli {
namespace {

struct ZoneRequest
{
    Zone zone;
    QByteArray secret;
};

Result<ZoneRequest> zoneFromOptions(const QCommandLineParser &p, const QString &name)
{
    app::ZoneService::Description d;
    d.name = name;
    const QString providerText = p.value(QStringLiteral("provider"));
    const auto provider = dnsProviderFromString(providerText);
    if (!provider) {
        return Error::invalid(QStringLiteral("provider"), providerText,
                              ZoneCommands::tr("must be manual, cloudflare or rfc2136"));
    }
    d.provider = *provider;
    auto refuse = [&](const char *option) -> Error {
        return Error(Error::Kind::InvalidInput,
                     ZoneCommands::tr("--%1 does not apply to provider %2")
                         .arg(QLatin1String(option), providerText),
                     QString::fromLatin1(option));
    };
    const bool cloudflare = *provider == DnsProvider::Cloudflare;
    const bool rfc2136 = *provider == DnsProvider::Rfc2136;
    for (const char *option : {"token-file", "api-base"}) {
        if (!cloudflare && p.isSet(QString::fromLatin1(option)))
            return refuse(option);
    }
    for (const char *option : {"server", "tsig-name", "tsig-algorithm", "tsig-secret-file"}) {
        if (!rfc2136 && p.isSet(QString::fromLatin1(option)))
            return refuse(option);
    }
    if (cloudflare && !p.isSet(QStringLiteral("token-file"))) {
        return Error(Error::Kind::InvalidInput,
                     ZoneCommands::tr("token-file: a Cloudflare zone needs --token-file with "
                                      "an API token (Zone.DNS edit)"),
                     QStringLiteral("token-file"));
    }
    if (rfc2136) {
        for (const char *option : {"server", "tsig-name", "tsig-secret-file"}) {
            if (!p.isSet(QString::fromLatin1(option))) {
                return Error(
                    Error::Kind::InvalidInput,
                    ZoneCommands::tr("%1: an rfc2136 zone needs --%1").arg(QLatin1String(option)),
                    QString::fromLatin1(option));
            }
        }
    }
    d.apiBase = p.value(QStringLiteral("api-base"));
    d.server = p.value(QStringLiteral("server"));
    d.tsigName = p.value(QStringLiteral("tsig-name"));
    d.tsigAlgorithm = p.value(QStringLiteral("tsig-algorithm"));
    Result<Zone> zone = app::ZoneService::zoneFrom(d);
    if (!zone)
        return zone.error();

    ZoneRequest request{*zone, {}};
    if (cloudflare) {
        Result<QByteArray> token = CredentialFile::readToken(QStringLiteral("token-file"),
                                                             p.value(QStringLiteral("token-file")));
        if (!token)
            return token.error();
        request.secret = *token;
    }
    if (rfc2136) {
        Result<QByteArray> secret = CredentialFile::readTsigKey(
            QStringLiteral("tsig-secret-file"), p.value(QStringLiteral("tsig-secret-file")));
        if (!secret)
            return secret.error();
        request.secret = *secret;
    }
    return request;
}

QJsonObject zoneJson(const Zone &z, bool hasSecret)
{
    QJsonObject json = TopologyJson::toJson(z);
    json.insert(QStringLiteral("secret_present"), hasSecret);
    return json;
}

} // namespace

Error ZoneCommands::withCliHint(const Error &error)
{
    if (error.kind() == Error::Kind::Conflict && error.field() == QLatin1String("zone") &&
        !error.value().isEmpty()) {
        return Error(error.kind(),
                     tr("zone %1 already exists; its secret is unchanged (use 'zone "
                        "set-secret' to replace it)")
                         .arg(error.value()),
                     error.field(), error.value());
    }
    if (error.field() == QLatin1String(app::ZoneCredentialCheck::field)) {
        return Error(
            error.kind(),
            tr("%1 (--no-check stores it without asking, e.g. offline)").arg(error.message()),
            error.field(), error.value());
    }
    return error;
}

int ZoneCommands::run(CliContext &context, const QStringList &args)
{
    const QString sub = args.value(0);
    const QStringList rest = args.mid(1);
    if (sub == QLatin1String("add"))
        return add(context, rest);
    if (sub == QLatin1String("list"))
        return list(context, rest);
    if (sub == QLatin1String("rm"))
        return remove(context, rest);
    if (sub == QLatin1String("set-secret"))
        return setSecret(context, rest);
    return context.usageError(tr("usage: kokoactl zone add|list|rm|set-secret ..."));
}

int ZoneCommands::add(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    for (const char *option : {"provider", "token-file", "api-base", "server", "tsig-name",
                               "tsig-algorithm", "tsig-secret-file"}) {
        p.addOption(
            QCommandLineOption(QString::fromLatin1(option), QString(), QStringLiteral("value")));
    }
    p.addOption(QCommandLineOption(QStringLiteral("no-check")));
    if (!context.parse(p, args, 1,
                       QStringLiteral("zone add NAME --provider KIND [options] [--no-check]"))) {
        return InvalidInput;
    }
    if (!p.isSet(QStringLiteral("provider")))
        return context.usageError(tr("provider: --provider manual|cloudflare|rfc2136 is required"));
    const Result<QString> name =
        Validator::zoneName(QStringLiteral("zone"), p.positionalArguments().first());
    if (!name)
        return context.fail(name.error());
    Result<ZoneRequest> request = zoneFromOptions(p, *name);
    if (!request)
        return context.fail(request.error());
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());

    app::ZoneService zones(**store, context.dataDir());
    const Result<Zone> added =
        zones.add(request->zone, request->secret, !p.isSet(QStringLiteral("no-check")));
    if (!added)
        return context.fail(withCliHint(added.error()));
    if (context.json())
        context.printJson(zoneJson(*added, !added->secretRef.isEmpty()));
    else
        context.out() << tr("zone %1 added (%2)").arg(added->name, toString(added->provider))
                      << Qt::endl;
    return Ok;
}

int ZoneCommands::list(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 0, QStringLiteral("zone list")))
        return InvalidInput;
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<QList<app::ZoneService::Listed>> zones =
        app::ZoneService(**store, context.dataDir()).list();
    if (!zones)
        return context.fail(zones.error());
    QJsonArray array;
    QList<QStringList> rows;
    for (const auto &[z, present] : *zones) {
        array.append(zoneJson(z, present));
        const QString where = z.provider == DnsProvider::Rfc2136
                                  ? z.providerSettings.value(QStringLiteral("server")).toString()
                                  : z.providerSettings.value(QStringLiteral("api_base")).toString();
        const QString secret = z.secretRef.isEmpty() ? QStringLiteral("-")
                               : present             ? tr("stored")
                                                     : tr("MISSING");
        rows.append(
            {z.name, toString(z.provider), where.isEmpty() ? QStringLiteral("-") : where, secret});
    }
    if (context.json())
        context.printJson(array);
    else
        context.printTable({tr("ZONE"), tr("PROVIDER"), tr("ENDPOINT"), tr("SECRET")}, rows);
    return Ok;
}

int ZoneCommands::remove(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 1, QStringLiteral("zone rm NAME")))
        return InvalidInput;
    const Result<QString> name =
        Validator::zoneName(QStringLiteral("zone"), p.positionalArguments().first());
    if (!name)
        return context.fail(name.error());
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<app::ZoneService::RemoveOutcome> removed =
        app::ZoneService(**store, context.dataDir()).remove(*name);
    if (!removed)
        return context.fail(removed.error());
    if (removed->secretNotRemoved)
        context.warn(removed->secretNotRemoved->message());
    if (!context.json())
        context.out() << tr("zone %1 removed").arg(*name) << Qt::endl;
    return Ok;
}

int ZoneCommands::setSecret(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("file"), QString(), QStringLiteral("file")));
    p.addOption(QCommandLineOption(QStringLiteral("no-check")));
    if (!context.parse(p, args, 1, QStringLiteral("zone set-secret NAME --file F [--no-check]")))
        return InvalidInput;
    const Result<QString> name =
        Validator::zoneName(QStringLiteral("zone"), p.positionalArguments().first());
    if (!name)
        return context.fail(name.error());
    if (!p.isSet(QStringLiteral("file")))
        return context.usageError(tr("file: --file is required"));
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    app::ZoneService zones(**store, context.dataDir());
    const Result<Zone> zone = zones.zoneForSecret(*name);
    if (!zone)
        return context.fail(zone.error());
    const QString file = p.value(QStringLiteral("file"));
    const Result<QByteArray> secret =
        zone->provider == DnsProvider::Rfc2136
            ? CredentialFile::readTsigKey(QStringLiteral("file"), file)
            : CredentialFile::readToken(QStringLiteral("file"), file);
    if (!secret)
        return context.fail(secret.error());
    if (Status s = zones.setSecret(*name, *secret, !p.isSet(QStringLiteral("no-check"))); !s)
        return context.fail(withCliHint(s.error()));
    if (!context.json())
        context.out() << tr("secret of zone %1 stored").arg(*name) << Qt::endl;
    return Ok;
}

} // namespace kokoa::cli
