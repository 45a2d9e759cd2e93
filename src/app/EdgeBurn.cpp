#include "app/EdgeBurn.h"

#include "app/AppLogging.h"
#include "app/DnsSync.h"
#include "app/ReplacementProbe.h"
#include "store/BurnStore.h"
#include "store/ProviderStore.h"
#include "store/Store.h"
#include "validate/Validator.h"

#include <QRegularExpression>

namespace kokoa::app {
namespace {

const QString leaveDnsStep = QStringLiteral("leave-dns");
const QString destroyStep = QStringLiteral("destroy");
const QString createStep = QStringLiteral("create");
const QString deployStep = QStringLiteral("deploy");
const QString probeStep = QStringLiteral("probe");
const QString joinDnsStep = QStringLiteral("join-dns");
const QString originsStep = QStringLiteral("origins");

constexpr int defaultProbeTimeoutMs = 60'000;

// A name for a replacement that must live beside the edge it replaces:
// tokyo-1 -> tokyo-2, cdn -> cdn-2, never one that is taken.
QString nextFreeName(const QString &edge, const Topology &t)
{
    static const QRegularExpression numbered(QStringLiteral("^(.*)-(\\d+)$"));
    const QRegularExpressionMatch m = numbered.match(edge);
    QString base = m.hasMatch() ? m.captured(1) : edge;
    int n = m.hasMatch() ? m.captured(2).toInt() + 1 : 2;
    QString candidate;
    do {
        candidate = QStringLiteral("%1-%2").arg(base).arg(n++);
    } while (t.edge(candidate));
    return candidate;
}

} // namespace

EdgeBurn::EdgeBurn(Store &store, QString dataDir, Deployer::Connector connector)
    : m_store(store)
    , m_dataDir(std::move(dataDir))
    , m_providers(store, m_dataDir)
    , m_creation(store, m_dataDir, std::move(connector))
    , m_probe([](const Edge &edge, const QList<Route> &routes) {
        return ReplacementProbe::serves(edge, routes, defaultProbeTimeoutMs);
    })
{}

void EdgeBurn::setProviderOpener(ProviderService::Opener opener)
{
    m_providers.setOpener(opener);
    m_creation.setProviderOpener(std::move(opener));
}

void EdgeBurn::setStepSink(EdgeCreation::StepSink sink)
{
    m_steps = sink;
    m_creation.setStepSink(std::move(sink));
}

QStringList EdgeBurn::stepsFor(const BurnRecord &burn)
{
    // Where the burned edge is still configured when the origins are
    // deployed (or they are not deployed at all), they are deployed once
    // more at the end: its WireGuard peer must not stay open on them.
    const QStringList closeTunnel = burn.hadTunnel ? QStringList{originsStep} : QStringList();
    if (!burn.replace)
        return QStringList{leaveDnsStep, destroyStep} + closeTunnel;
    if (burn.lastEdge) // the replacement serves before the old edge leaves
        return QStringList{createStep,  deployStep,   probeStep,
                           joinDnsStep, leaveDnsStep, destroyStep} +
               closeTunnel;
    return {leaveDnsStep, destroyStep, createStep, deployStep, probeStep, joinDnsStep};
}

void EdgeBurn::event(const QString &edge, const QString &step, const QString &detail,
                     const Error *error)
{
    Event e;
    e.category = QStringLiteral("edge");
    e.subject = QStringLiteral("edge ") + edge;
    e.action = QStringLiteral("burn ") + step;
    e.reason = detail;
    e.outcome = error ? error->message() : QStringLiteral("ok");
    if (Status s = m_store.appendEvent(e); !s)
        qCWarning(lcApp).noquote() << "event not recorded:" << s.error().message();
    if (m_steps)
        m_steps(QStringLiteral("burn ") + step, error ? error->message() : detail);
}

Result<EdgeBurn::Report> EdgeBurn::run(const Request &request)
{
    Result<BurnRecord> burn = begin(request);
    if (!burn)
        return burn.error();
    Report report;
    report.edge = burn->edge;
    report.replacement = burn->replacement;
    report.resumed = !burn->done.isEmpty();
    if (burn->oldServer.isEmpty())
        report.destroyByHand = burn->sshTarget;
    BurnStore burns(m_store.database());
    for (const QString &step : stepsFor(*burn)) {
        if (burn->done.contains(step))
            continue;
        if (Status s = runStep(burn.value(), step); !s) {
            event(burn->edge, step, {}, &s.error());
            return s.error().prefixed(tr("burn of edge %1 stopped at %2 (run `edge burn %1` "
                                         "again to resume)")
                                          .arg(burn->edge, step));
        }
        if (Status s = burns.markDone(burn->edge, step); !s)
            return s.error();
        burn->done.append(step);
        if (m_interruption && m_interruption(step))
            return Error(Error::Kind::Cancelled, tr("interrupted after %1").arg(step));
    }
    if (Status s = burns.finish(burn->edge); !s)
        return s.error();
    event(burn->edge, QStringLiteral("done"),
          burn->replace ? tr("replaced by %1").arg(burn->replacement) : tr("not replaced"));
    return report;
}

Result<BurnRecord> EdgeBurn::begin(const Request &request)
{
    const Result<QString> name = Validator::name(QStringLiteral("edge"), request.edge);
    if (!name)
        return name.error();
    BurnStore burns(m_store.database());
    Result<std::optional<BurnRecord>> unfinished = burns.unfinished(*name);
    if (!unfinished)
        return unfinished.error();
    if (unfinished->has_value()) {
        event(*name, QStringLiteral("resume"),
              tr("steps done: %1").arg((*unfinished)->done.join(QStringLiteral(", "))));
        return **unfinished;
    }
    // The replacement of a burn in progress is not burned on its own: the
    // burn it belongs to finishes first.
    Result<std::optional<BurnRecord>> owner = burns.replacing(*name);
    if (!owner)
        return owner.error();
    if (owner->has_value() && (*owner)->edge != *name)
        return Error(Error::Kind::Conflict,
                     tr("edge %1 is the replacement in the unfinished burn of edge %2: run "
                        "`edge burn %2` first")
                         .arg(quoteForMessage(*name), quoteForMessage((*owner)->edge)),
                     QStringLiteral("edge"), *name);
    Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    const Edge *edge = topology->edge(*name);
    if (!edge)
        return Error(Error::Kind::NotFound,
                     tr("edge %1 does not exist").arg(quoteForMessage(*name)),
                     QStringLiteral("edge"), *name);
    Result<BurnRecord> burn = plan(request, *edge, *topology);
    if (!burn)
        return burn.error();
    if (Status s = burns.start(*burn); !s)
        return s.error();
    event(*name, QStringLiteral("start"),
          burn->replace
              ? tr("replacement %1 from provider %2%3")
                    .arg(burn->replacement, burn->provider,
                         burn->lastEdge ? tr(", serving before this edge leaves") : QString())
              : tr("no replacement"));
    return burn;
}

Result<BurnRecord> EdgeBurn::plan(const Request &request, const Edge &edge, const Topology &t)
{
    BurnRecord burn;
    burn.edge = edge.name;
    burn.replace = request.replace;
    burn.automatic = request.automatic;
    burn.hadTunnel = !edge.wgPublicKey.isEmpty();
    burn.keepIp = request.keepIp;
    burn.sshTarget = edge.ssh.toString();
    Result<std::optional<ServerRecord>> server =
        ProviderStore(m_store.database()).serverForEdge(edge.name);
    if (!server)
        return server.error();
    if (server->has_value()) {
        burn.oldProvider = (*server)->provider;
        burn.oldServer = (*server)->name;
    }
    burn.provider = !request.provider.isEmpty() ? request.provider : burn.oldProvider;
    if (burn.replace && burn.provider.isEmpty())
        return Error(Error::Kind::InvalidInput,
                     tr("provider: edge %1 was added by hand; name where its replacement comes "
                        "from with --provider P (or burn it with --no-replace)")
                         .arg(quoteForMessage(edge.name)),
                     QStringLiteral("provider"));
    if (burn.replace) {
        if (Result<ProviderRecord> p = m_providers.find(burn.provider); !p)
            return p.error();
    }
    // Another edge serves only if it is deployed and the monitor holding the
    // DNS lease has not taken it out.
    const Result<QStringList> down = DnsSync(m_store, m_dataDir).edgesFoundDown();
    if (!down)
        return down.error();
    bool othersServe = false;
    for (const Edge &e : t.edges)
        othersServe = othersServe || (e.name != edge.name && e.state == HostState::Deployed &&
                                      !down->contains(e.name));
    QStringList hostnames;
    for (const Route &r : t.routes)
        hostnames.append(r.hostname);
    burn.lastEdge = edge.state == HostState::Deployed && !othersServe && !hostnames.isEmpty();
    if (burn.lastEdge && !burn.replace)
        return Error(Error::Kind::Conflict,
                     tr("edge %1 is the last edge serving %2: burning it without a replacement "
                        "takes them offline (use `edge rm` if that is meant)")
                         .arg(quoteForMessage(edge.name), hostnames.join(QStringLiteral(", "))),
                     QStringLiteral("edge"), edge.name);
    if (burn.keepIp) {
        if (Status s = checkKeepIp(burn); !s)
            return s.error();
    }
    if (burn.replace)
        burn.replacement = burn.lastEdge ? nextFreeName(edge.name, t) : edge.name;
    return burn;
}

// --keep-ip: the replacement takes the burned server's public IPv4 address.
// So that server must be Kokoa's, at the provider the replacement comes
// from, one that can keep an address; and it must be gone before the
// replacement exists, which rules out a last edge (its replacement serves
// first, and one address cannot be on both).
Status EdgeBurn::checkKeepIp(const BurnRecord &burn)
{
    const QString field = QStringLiteral("keep-ip");
    const QString edge = quoteForMessage(burn.edge);
    if (!burn.replace)
        return Error(Error::Kind::InvalidInput,
                     tr("keep-ip: without a replacement (--no-replace) there is nothing to keep "
                        "the address for"),
                     field);
    if (burn.oldServer.isEmpty())
        return Error(Error::Kind::InvalidInput,
                     tr("keep-ip: edge %1 was added by hand; Kokoa cannot move its address to "
                        "a new server (burn without --keep-ip)")
                         .arg(edge),
                     field);
    if (burn.provider != burn.oldProvider)
        return Error(
            Error::Kind::InvalidInput,
            tr("keep-ip: the address of edge %1 belongs to provider %2; its "
               "replacement must come from there, not from %3")
                .arg(edge, quoteForMessage(burn.oldProvider), quoteForMessage(burn.provider)),
            field);
    if (burn.lastEdge)
        return Error(Error::Kind::Conflict,
                     tr("keep-ip: edge %1 is the last edge serving its hostnames, so its "
                        "replacement must serve before it leaves, and one address cannot be on "
                        "both (burn without --keep-ip)")
                         .arg(edge),
                     field);
    Result<std::unique_ptr<CloudProvider>> cloud = m_providers.open(burn.provider);
    if (!cloud)
        return cloud.error();
    if (!(*cloud)->canKeepAddress())
        return Error(Error::Kind::InvalidInput,
                     tr("keep-ip: provider %1 (kind %2) cannot give a new server the address of "
                        "a destroyed one (burn without --keep-ip)")
                         .arg(quoteForMessage(burn.provider), (*cloud)->kind()),
                     field);
    Result<std::optional<ServerRecord>> server =
        ProviderStore(m_store.database()).server(burn.oldProvider, burn.oldServer);
    if (!server)
        return server.error();
    if (server->has_value())
        return (*cloud)->checkKeepable((*server)->serverId, (*server)->ipv4);
    return {};
}

Status EdgeBurn::runStep(BurnRecord &burn, const QString &name)
{
    Status result;
    QString detail;
    if (name == leaveDnsStep) {
        result = leaveDns(burn);
        detail = tr("out of the configuration and of DNS");
    } else if (name == destroyStep) {
        result = destroy(burn);
        detail = burn.oldServer.isEmpty()
                     ? tr("added by hand: destroy the machine at %1 yourself").arg(burn.sshTarget)
                     : tr("server %1 destroyed at %2").arg(burn.oldServer, burn.oldProvider);
        if (burn.keepIp)
            detail += tr(", its address kept for the replacement");
    } else if (name == createStep) {
        result = create(burn);
        detail = tr("edge %1 created, its host key pinned").arg(burn.replacement);
    } else if (name == deployStep) {
        result = m_creation.deploy(burn.replacement);
        detail = tr("edge %1 deployed with the origins").arg(burn.replacement);
    } else if (name == probeStep) {
        result = probe(burn);
        detail = tr("edge %1 serves every hostname").arg(burn.replacement);
    } else if (name == originsStep) {
        result = m_creation.deployOrigins();
        detail = tr("the origins no longer accept edge %1's tunnel").arg(burn.edge);
    } else if (name == joinDnsStep) {
        result = syncDns();
        detail = tr("edge %1 in DNS").arg(burn.replacement);
    } else {
        result = Error(Error::Kind::Internal, tr("unknown burn step %1").arg(name));
    }
    if (result)
        event(burn.edge, name, detail);
    return result;
}

Status EdgeBurn::leaveDns(const BurnRecord &burn)
{
    Result<Topology> t = m_store.topology();
    if (!t)
        return t.error();
    // Out of the configuration first: a monitor holding the DNS lease then
    // drops the edge itself and never puts it back, and `dns sync` here
    // takes it out without overruling the monitor's verdicts on the others.
    // The edge of that name is still the burned one: the replacement takes
    // the name only in a later step.
    if (t->edge(burn.edge)) {
        if (Status s = m_store.removeEdge(burn.edge); !s)
            return s;
    }
    return syncDns();
}

Status EdgeBurn::destroy(BurnRecord &burn)
{
    if (burn.oldServer.isEmpty())
        return {}; // added by hand: nothing Kokoa may destroy
    Result<std::optional<ServerRecord>> server =
        ProviderStore(m_store.database()).server(burn.oldProvider, burn.oldServer);
    if (!server)
        return server.error();
    if (server->has_value() && (*server)->state == ServerRecord::State::Destroyed)
        return {}; // an earlier run got as far as the provider's answer
    if (burn.keepIp && burn.keptAddress.isEmpty()) {
        if (!server->has_value())
            return Error(Error::Kind::NotFound,
                         tr("keep-ip: server %1 is not recorded at provider %2")
                             .arg(quoteForMessage(burn.oldServer), burn.oldProvider),
                         QStringLiteral("keep-ip"));
        if (Status s = keepAddress(burn, **server); !s)
            return s;
    }
    return m_providers.destroyServer(burn.oldProvider, burn.oldServer);
}

// The address outlives the server before the server goes, and its handle
// is recorded before that too: a rerun after a crash finds it.
Status EdgeBurn::keepAddress(BurnRecord &burn, const ServerRecord &server)
{
    Result<std::unique_ptr<CloudProvider>> cloud = m_providers.open(burn.oldProvider);
    if (!cloud)
        return cloud.error();
    Result<QString> handle = (*cloud)->keepAddress(server.serverId, server.ipv4);
    if (!handle)
        return handle.error();
    if (Status s = BurnStore(m_store.database()).setKeptAddress(burn.edge, *handle); !s)
        return s;
    burn.keptAddress = *handle;
    event(burn.edge, QStringLiteral("keep-ip"),
          tr("address %1 of server %2 kept for the replacement").arg(server.ipv4, server.name));
    return {};
}

Status EdgeBurn::create(const BurnRecord &burn)
{
    Result<ProviderRecord> provider = m_providers.find(burn.provider);
    if (!provider)
        return provider.error();
    Result<std::unique_ptr<CloudProvider>> cloud = m_providers.open(*provider);
    if (!cloud)
        return cloud.error();
    // Each piece resumes what an earlier run left for the replacement's
    // name: the recorded server is found again, never asked for twice.
    Result<ServerRecord> server =
        m_creation.obtainServer(*provider, **cloud, burn.replacement, burn.keptAddress);
    if (!server)
        return server.error();
    if (!burn.keptAddress.isEmpty()) {
        if (Status s = (*cloud)->releaseKeptAddress(burn.keptAddress); !s)
            return s;
    }
    EdgeCreation::Request request;
    request.edge = burn.replacement;
    request.provider = burn.provider;
    Result<Edge> edge = m_creation.enrol(*server, request);
    if (!edge)
        return edge.error();
    return m_creation.secureHost(*server, burn.replacement);
}

Status EdgeBurn::probe(const BurnRecord &burn)
{
    Result<Topology> t = m_store.topology();
    if (!t)
        return t.error();
    const Edge *edge = t->edge(burn.replacement);
    if (!edge)
        return Error(Error::Kind::NotFound,
                     tr("edge %1 does not exist").arg(quoteForMessage(burn.replacement)),
                     QStringLiteral("edge"), burn.replacement);
    return m_probe(*edge, t->routes);
}

Status EdgeBurn::syncDns()
{
    Result<DnsSync::Report> report = DnsSync(m_store, m_dataDir).run(DnsSync::Mode::Apply);
    if (!report)
        return report.error();
    for (const DnsSync::HostnameResult &h : report->hostnames) {
        if (h.error)
            return h.error->prefixed(tr("DNS of %1").arg(h.hostname));
    }
    return {};
}

} // namespace kokoa::app
