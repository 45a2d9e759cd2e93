#include "app/EdgeProfileSwitch.h"

#include "store/Store.h"

#include <QDateTime>

namespace kokoa {

Result<EdgeProfile> EdgeProfileSwitch::parse(const QString &word)
{
    if (const std::optional<EdgeProfile> profile = edgeProfileFromString(word))
        return *profile;
    return Error::invalid(
        QStringLiteral("profile"), word,
        tr("must be %1 or %2")
            .arg(toString(EdgeProfile::Normal), toString(EdgeProfile::UnderAttack)));
}

Result<EdgeProfileSwitch::Change> EdgeProfileSwitch::store(Store &store, const QString &edge,
                                                           EdgeProfile profile,
                                                           const QString &reason)
{
    const Result<Topology> topology = store.topology();
    if (!topology)
        return topology.error();
    const Edge *current = topology->edge(edge);
    if (!current) {
        return Error(Error::Kind::NotFound, tr("edge %1 does not exist").arg(edge),
                     QStringLiteral("edge"), edge);
    }
    Change change;
    change.previous = current->profile;
    change.deployed = current->state == HostState::Deployed;
    change.edge = *current;
    if (current->profile == profile)
        return change;
    Edge wanted = *current;
    wanted.profile = profile;
    const Result<Updated<Edge>> updated = store.updateEdge(wanted);
    if (!updated)
        return updated.error();
    change.edge = updated->value;
    change.changed = updated->changed();
    Event event;
    event.at = QDateTime::currentDateTimeUtc();
    event.category = QStringLiteral("config");
    event.subject = QStringLiteral("edge ") + edge;
    event.action = QStringLiteral("profile %1").arg(toString(profile));
    event.reason = reason;
    event.outcome = QStringLiteral("ok");
    if (Status s = store.appendEvent(event); !s)
        return s.error();
    return change;
}

DeployRequest EdgeProfileSwitch::request(const QString &edge)
{
    DeployRequest r;
    r.edges = {edge};
    return r;
}

} // namespace kokoa
