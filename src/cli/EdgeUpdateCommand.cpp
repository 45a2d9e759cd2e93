#include "cli/EdgeUpdateCommand.h"

#include "cli/EdgeOptions.h"
#include "store/TopologyJson.h"
#include "validate/Validator.h"

#include <QJsonObject>

#include <algorithm>

namespace kokoa::cli {
namespace {

const QStringList &changeOptions()
{
    static const QStringList options{QStringLiteral("ssh"), QStringLiteral("public-ip"),
                                     QStringLiteral("provider"), QStringLiteral("provider-id"),
                                     QStringLiteral("profile")};
    return options;
}

// Applies the options given to the stored edge; every value is validated.
Status applyOptions(const QCommandLineParser &p, Edge &edge)
{
    if (p.isSet(QStringLiteral("ssh"))) {
        const Result<SshTarget> target =
            Validator::sshTarget(QStringLiteral("ssh"), p.value(QStringLiteral("ssh")));
        if (!target)
            return target.error();
        edge.ssh = *target;
    }
    return EdgeOptions::apply(p, edge);
}

} // namespace

int EdgeUpdateCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    for (const QString &option : changeOptions())
        p.addOption(QCommandLineOption(option, QString(), QStringLiteral("value")));
    if (!context.parse(p, args, 1,
                       QStringLiteral("edge update NAME [--ssh [USER@]HOST[:PORT]] [--public-ip "
                                      "IP [--public-ip IPV6]] [--provider P --provider-id ID] "
                                      "[--profile normal|under-attack]"))) {
        return InvalidInput;
    }
    if (std::none_of(changeOptions().begin(), changeOptions().end(),
                     [&](const QString &option) { return p.isSet(option); })) {
        return context.usageError(tr("edge update: nothing to change; give one or more of "
                                     "--ssh, --public-ip, --provider with --provider-id, "
                                     "--profile"));
    }
    const Result<QString> name =
        Validator::name(QStringLiteral("name"), p.positionalArguments().first());
    if (!name)
        return context.fail(name.error());
    const Result<Topology> current = context.topology();
    if (!current)
        return context.fail(current.error());
    const Edge *stored = current->edge(*name);
    if (!stored) {
        return context.fail(Error(Error::Kind::NotFound,
                                  tr("edge %1 does not exist").arg(quoteForMessage(*name)),
                                  QStringLiteral("edge")));
    }
    Edge edge = *stored;
    if (Status s = applyOptions(p, edge); !s)
        return context.fail(s.error());
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<Updated<Edge>> updated = (*store)->updateEdge(edge);
    if (!updated)
        return context.fail(updated.error());
    if (context.json()) {
        QJsonObject json = TopologyJson::toJson(updated->value);
        json.insert(QStringLiteral("changed"), QJsonArray::fromStringList(updated->changedFields));
        context.printJson(json);
    } else if (!updated->changed()) {
        context.out() << tr("edge %1 unchanged: it already has these values").arg(*name)
                      << Qt::endl;
    } else {
        context.out() << tr("edge %1 updated (%2), tunnel address %3 kept; run kokoactl deploy "
                            "to apply it to the hosts")
                             .arg(*name, updated->changedFields.join(QStringLiteral(", ")),
                                  updated->value.tunnelAddress)
                      << Qt::endl;
    }
    return Ok;
}

} // namespace kokoa::cli
