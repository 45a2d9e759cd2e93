#include "cli/EdgeCreateCommand.h"

#include "app/EdgeCreation.h"

#include <QJsonObject>

namespace kokoa::cli {

int EdgeCreateCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("provider"), QString(), QStringLiteral("name")));
    p.addOption(QCommandLineOption(QStringLiteral("profile"), QString(), QStringLiteral("name")));
    p.addOption(QCommandLineOption(QStringLiteral("no-dns")));
    if (!context.parse(p, args, 1,
                       QStringLiteral("edge create NAME --provider P "
                                      "[--profile normal|under-attack] [--no-dns]")))
        return InvalidInput;
    if (!p.isSet(QStringLiteral("provider")))
        return context.usageError(tr("provider: --provider NAME is required (see provider list)"));
    app::EdgeCreation::Request request;
    request.edge = p.positionalArguments().first();
    request.provider = p.value(QStringLiteral("provider"));
    request.syncDns = !p.isSet(QStringLiteral("no-dns"));
    if (p.isSet(QStringLiteral("profile"))) {
        const auto profile = edgeProfileFromString(p.value(QStringLiteral("profile")));
        if (!profile)
            return context.fail(Error::invalid(QStringLiteral("profile"),
                                               p.value(QStringLiteral("profile")),
                                               tr("must be normal or under-attack")));
        request.profile = *profile;
    }
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    app::EdgeCreation creation(**store, context.dataDir());
    creation.setStepSink([&context](const QString &step, const QString &detail) {
        if (!context.json())
            context.out() << QStringLiteral("%1: %2").arg(step, detail) << Qt::endl;
    });
    const Result<Edge> edge = creation.run(request);
    if (!edge)
        return context.fail(edge.error());
    if (context.json())
        context.printJson(QJsonObject{{QStringLiteral("name"), edge->name},
                                      {QStringLiteral("provider"), edge->provider},
                                      {QStringLiteral("provider_id"), edge->providerId},
                                      {QStringLiteral("public_ipv4"), edge->publicIpv4},
                                      {QStringLiteral("public_ipv6"), edge->publicIpv6},
                                      {QStringLiteral("ssh_host_key"), edge->sshHostKey}});
    else
        context.out()
            << tr("edge %1 created at %2 (%3)").arg(edge->name, edge->provider, edge->publicIpv4)
            << Qt::endl;
    return Ok;
}

} // namespace kokoa::cli
