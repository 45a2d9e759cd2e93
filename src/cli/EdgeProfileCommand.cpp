#include "cli/EdgeProfileCommand.h"

#include "app/EdgeProfileSwitch.h"
#include "cli/DeployCommand.h"
#include "store/TopologyJson.h"
#include "validate/Validator.h"

#include <QJsonObject>

namespace kokoa::cli {

int EdgeProfileCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("no-deploy")));
    if (!context.parse(p, args, 2,
                       QStringLiteral("edge profile NAME normal|under-attack [--no-deploy]"))) {
        return InvalidInput;
    }
    const Result<QString> name =
        Validator::name(QStringLiteral("name"), p.positionalArguments().at(0));
    if (!name)
        return context.fail(name.error());
    const Result<EdgeProfile> profile = EdgeProfileSwitch::parse(p.positionalArguments().at(1));
    if (!profile)
        return context.fail(profile.error());
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<EdgeProfileSwitch::Change> change =
        EdgeProfileSwitch::store(**store, *name, *profile, tr("asked with kokoactl"));
    if (!change)
        return context.fail(change.error());

    const bool deploy =
        change->changed && change->deployed && !p.isSet(QStringLiteral("no-deploy"));
    if (!deploy && context.json()) {
        QJsonObject json = TopologyJson::toJson(change->edge);
        json.insert(QStringLiteral("changed"), change->changed);
        json.insert(QStringLiteral("deployed"), false);
        context.printJson(json);
        return Ok;
    }
    if (!change->changed) {
        context.out() << tr("edge %1 already has the %2 profile: nothing to deploy")
                             .arg(*name, toString(*profile))
                      << Qt::endl;
        return Ok;
    }
    if (!deploy) {
        context.out() << (change->deployed
                              ? tr("edge %1: profile %2 stored (was %3); kokoactl deploy --edge "
                                   "%1 applies it")
                              : tr("edge %1: profile %2 stored (was %3); its first deployment "
                                   "applies it"))
                             .arg(*name, toString(*profile), toString(change->previous))
                      << Qt::endl;
        return Ok;
    }
    if (!context.json()) {
        context.out() << tr("edge %1: profile %2 (was %3); deploying edge %1")
                             .arg(*name, toString(*profile), toString(change->previous))
                      << Qt::endl;
    }
    // One deployment of that edge, reported as `deploy --edge NAME` reports it.
    return DeployCommand::run(context, {QStringLiteral("--edge"), *name});
}

} // namespace kokoa::cli
