#include "app/EdgeCreation.h"

#include "app/AppLogging.h"
#include "app/DnsSync.h"
#include "app/HostEnrolment.h"
#include "app/HostKeyRotation.h"
#include "cloud/CloudInitUserData.h"
#include "cloud/ProviderFactory.h"
#include "core/DataDirectory.h"
#include "ssh/SshIdentity.h"
#include "store/ProviderStore.h"
#include "store/SecretStore.h"
#include "store/Store.h"
#include "validate/Validator.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>

namespace kokoa::app {
namespace {

const QString category = QStringLiteral("edge");

// A provider's server name: Kokoa's, the edge's, and a random part so a
// replacement never meets the name of the server it replaces.
QString serverNameFor(const QString &edge)
{
    const quint32 random = QRandomGenerator::system()->generate() & 0xffffffu;
    return QStringLiteral("kokoa-%1-%2").arg(edge).arg(random, 6, 16, QLatin1Char('0'));
}

// The stored host key: its public line, then the private key.
QByteArray hostKeySecret(const GeneratedHostKey &key)
{
    return key.publicKeyLine.toLatin1() + '\n' + key.privateKeyOpenSsh;
}

Result<GeneratedHostKey> hostKeyFromSecret(const QByteArray &secret)
{
    const qsizetype newline = secret.indexOf('\n');
    GeneratedHostKey key;
    key.publicKeyLine = QString::fromLatin1(secret.left(newline));
    key.privateKeyOpenSsh = secret.mid(newline + 1);
    key.fingerprint = GeneratedHostKey::fingerprintOf(key.publicKeyLine);
    if (newline < 0 || key.fingerprint.isEmpty() ||
        !key.privateKeyOpenSsh.startsWith("-----BEGIN OPENSSH PRIVATE KEY-----"))
        return Error(Error::Kind::Crypto,
                     EdgeCreation::tr("the stored host key of a server being created is damaged"));
    return key;
}

} // namespace

EdgeCreation::EdgeCreation(Store &store, QString dataDir, Deployer::Connector connector)
    : m_store(store)
    , m_dataDir(std::move(dataDir))
    , m_connector(std::move(connector))
    , m_providers(store, m_dataDir)
{}

void EdgeCreation::setProviderOpener(ProviderService::Opener opener)
{
    m_providers.setOpener(std::move(opener));
}

QString EdgeCreation::hostKeySecretName(const QString &serverName)
{
    return ProviderService::hostKeySecretName(serverName);
}

void EdgeCreation::step(const QString &name, const QString &subject, const QString &detail,
                        const Error *error)
{
    Event e;
    e.category = category;
    e.subject = QStringLiteral("edge ") + subject;
    e.action = name;
    e.reason = detail;
    e.outcome = error ? error->message() : QStringLiteral("ok");
    if (Status s = m_store.appendEvent(e); !s)
        qCWarning(lcApp).noquote() << "event not recorded:" << s.error().message();
    if (m_steps)
        m_steps(name, error ? error->message() : detail);
}

Result<Edge> EdgeCreation::edgeNamed(const QString &name) const
{
    Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    if (const Edge *edge = topology->edge(name))
        return *edge;
    return Error(Error::Kind::NotFound, tr("edge %1 does not exist").arg(quoteForMessage(name)),
                 QStringLiteral("edge"), name);
}

Result<Edge> EdgeCreation::run(const Request &request)
{
    const Result<QString> name = Validator::name(QStringLiteral("edge"), request.edge);
    if (!name)
        return name.error();
    Result<ProviderRecord> provider = m_providers.find(request.provider);
    if (!provider)
        return provider.error();
    // An edge of that name that no server of ours backs was added by hand:
    // it is not this command's to touch.
    Result<std::optional<ServerRecord>> recorded =
        ProviderStore(m_store.database()).serverForEdge(*name);
    if (!recorded)
        return recorded.error();
    if (edgeNamed(*name).ok() && !recorded->has_value())
        return Error(
            Error::Kind::Conflict,
            tr("edge %1 exists already and was not created by Kokoa").arg(quoteForMessage(*name)),
            QStringLiteral("edge"), *name);
    Result<std::unique_ptr<CloudProvider>> cloud = m_providers.open(*provider);
    if (!cloud)
        return cloud.error();

    auto failed = [&](const QString &stepName, const Error &error) -> Error {
        step(stepName, *name, {}, &error);
        return error;
    };
    Result<ServerRecord> server = obtainServer(*provider, **cloud, *name);
    if (!server)
        return server.error();
    Result<Edge> edge = enrol(*server, request);
    if (!edge)
        return failed(QStringLiteral("enrol"), edge.error());
    step(QStringLiteral("enrol"), *name,
         tr("pinned the host key Kokoa made: %1").arg(server->hostKey));
    if (Status s = secureHost(*server, *name); !s)
        return s.error();
    if (Status s = deploy(*name); !s)
        return failed(QStringLiteral("deploy"), s.error());
    step(QStringLiteral("deploy"), *name, tr("deployed with the origins"));
    if (request.syncDns) {
        Result<DnsSync::Report> report = DnsSync(m_store, m_dataDir).run(DnsSync::Mode::Apply);
        if (!report)
            return failed(QStringLiteral("dns"), report.error());
        if (report->failures() > 0)
            return failed(
                QStringLiteral("dns"),
                Error(Error::Kind::Remote, tr("%n hostname(s) could not be brought in line in DNS; "
                                              "`dns sync` tries again",
                                              nullptr, report->failures())));
        step(QStringLiteral("dns"), *name, tr("DNS brought in line"));
    }
    return edgeNamed(*name);
}

Result<ServerRecord> EdgeCreation::obtainServer(const ProviderRecord &provider,
                                                CloudProvider &cloud, const QString &edge,
                                                const QString &keptAddress)
{
    ProviderStore servers(m_store.database());
    Result<std::optional<ServerRecord>> recorded = servers.serverForEdge(edge);
    if (!recorded)
        return recorded.error();
    if (recorded->has_value() && (*recorded)->provider != provider.name)
        return Error(Error::Kind::Conflict,
                     tr("edge %1 has server %2 at provider %3 already")
                         .arg(quoteForMessage(edge), quoteForMessage((*recorded)->name),
                              quoteForMessage((*recorded)->provider)),
                     QStringLiteral("provider"), provider.name);
    Result<ServerRecord> server = recorded->has_value()
                                      ? resumeServer(provider, cloud, **recorded, keptAddress)
                                      : createServer(provider, cloud, edge, keptAddress);
    if (!server) {
        step(QStringLiteral("server"), edge, {}, &server.error());
        return server.error();
    }
    step(QStringLiteral("server"), edge,
         tr("server %1 (id %2) at %3")
             .arg(server->name, quoteForMessage(server->serverId), provider.name));

    Result<CloudServer> running =
        ServerReadiness::waitUntilRunning(cloud, server->serverId, m_timing.boot);
    if (!running) {
        step(QStringLiteral("boot"), edge, {}, &running.error());
        return running.error();
    }
    Result<QString> address = cloud.attachAddress(*running, keptAddress);
    if (!address) {
        step(QStringLiteral("boot"), edge, {}, &address.error());
        return address.error();
    }
    running->ipv4 = *address;
    if (!running->ipv4.isEmpty() &&
        (running->ipv4 != server->ipv4 || running->ipv6 != server->ipv6)) {
        if (Status s = recordAnswer(server.value(), *running); !s) {
            step(QStringLiteral("boot"), edge, {}, &s.error());
            return s.error();
        }
    }
    step(QStringLiteral("boot"), edge, tr("running at %1").arg(server->ipv4));
    return server;
}

Result<ServerRecord> EdgeCreation::createServer(const ProviderRecord &provider,
                                                CloudProvider &cloud, const QString &edge,
                                                const QString &keptAddress)
{
    const Result<GeneratedHostKey> hostKey = GeneratedHostKey::generate();
    if (!hostKey)
        return hostKey.error();
    ServerRecord record;
    record.provider = provider.name;
    record.name = serverNameFor(edge);
    record.edge = edge;
    record.hostKey = hostKey->fingerprint;
    // Key first, then the row, then the provider: a crash at any point
    // leaves a row to resume from or nothing at the provider.
    SecretStore secrets(DataDirectory::secretsPath(m_dataDir));
    if (Status s = secrets.put(hostKeySecretName(record.name), hostKeySecret(*hostKey)); !s)
        return s.error();
    ProviderStore servers(m_store.database());
    if (Status s = servers.recordRequested(record); !s)
        return s.error();
    return resumeServer(provider, cloud, record, keptAddress);
}

Result<ServerRecord> EdgeCreation::resumeServer(const ProviderRecord &provider,
                                                CloudProvider &cloud, ServerRecord record,
                                                const QString &keptAddress)
{
    ProviderStore servers(m_store.database());
    if (record.state == ServerRecord::State::Created)
        return record;
    if (record.state != ServerRecord::State::Requested)
        return Error(Error::Kind::Conflict,
                     tr("server %1 is being destroyed").arg(quoteForMessage(record.name)));
    // An earlier run asked and lost the answer: the server may exist.
    if (cloud.canList()) {
        Result<QList<CloudServer>> owned = cloud.owned();
        if (!owned)
            return owned.error();
        if (const std::optional<CloudServer> s = serverNamed(*owned, record.name)) {
            if (Status st = recordAnswer(record, *s); !st)
                return st.error();
            return record;
        }
    }
    // Not there (or the provider cannot tell): ask with the same name and
    // user-data; an API provider answers a repeat by name, not with a twin.
    SecretStore secrets(DataDirectory::secretsPath(m_dataDir));
    const Result<QByteArray> stored = secrets.get(hostKeySecretName(record.name));
    if (!stored)
        return stored.error();
    const Result<GeneratedHostKey> hostKey = hostKeyFromSecret(*stored);
    if (!hostKey)
        return hostKey.error();
    const Result<SshIdentity> identity = SshIdentity::loadOrCreate(m_dataDir);
    if (!identity)
        return identity.error();
    ServerSpec spec = ProviderFactory::specFor(
        provider, record.name, CloudInitUserData::build(*hostKey, identity->publicKeyLine()));
    spec.keptAddress = keptAddress;
    const Result<CloudServer> created = cloud.create(spec);
    if (!created) {
        // Refused: nothing was made, and asking again cannot succeed. The
        // row is closed so it holds nothing up.
        if (created.error().kind() == Error::Kind::Refused) {
            (void)servers.setServerState(provider.name, record.name,
                                         ServerRecord::State::Destroyed);
            (void)secrets.remove(hostKeySecretName(record.name));
        }
        return created.error();
    }
    if (Status s = recordAnswer(record, *created); !s)
        return s.error();
    return record;
}

// The provider's answer becomes the edge's addresses and appears in events
// and in `provider servers`: it is checked as an edge's addresses are before
// anything stores it. No address yet (empty) is kept as it is.
Status EdgeCreation::recordAnswer(ServerRecord &record, const CloudServer &answer)
{
    const QString context =
        tr("the address provider %1 gave server %2")
            .arg(quoteForMessage(record.provider), quoteForMessage(record.name));
    QString ipv4 = answer.ipv4;
    if (!ipv4.isEmpty()) {
        const Result<QString> v4 =
            Validator::ipv4Address(QStringLiteral("ipv4"), ipv4, Validator::AddressScope::Public);
        if (!v4)
            return v4.error().prefixed(context);
        ipv4 = *v4;
    }
    QString ipv6 = answer.ipv6;
    if (!ipv6.isEmpty()) {
        const Result<QString> v6 =
            Validator::ipv6Address(QStringLiteral("ipv6"), ipv6, Validator::AddressScope::Public);
        if (!v6)
            return v6.error().prefixed(context);
        ipv6 = *v6;
    }
    if (Status s = ProviderStore(m_store.database())
                       .recordCreated(record.provider, record.name, answer.id, ipv4, ipv6);
        !s)
        return s;
    record.serverId = answer.id;
    record.ipv4 = ipv4;
    record.ipv6 = ipv6;
    record.state = ServerRecord::State::Created;
    return {};
}

Result<Edge> EdgeCreation::enrol(const ServerRecord &server, const Request &request)
{
    if (Result<Edge> existing = edgeNamed(request.edge); existing) {
        if (existing->provider == server.provider && existing->providerId == server.serverId)
            return existing; // stored by an earlier run
        return Error(
            Error::Kind::Conflict,
            tr("edge %1 exists already with another server").arg(quoteForMessage(request.edge)),
            QStringLiteral("edge"), request.edge);
    }
    Edge edge;
    edge.name = request.edge;
    edge.ssh.user = QStringLiteral("root");
    edge.ssh.host = server.ipv4.isEmpty() ? server.ipv6 : server.ipv4;
    edge.ssh.port = 22;
    edge.publicIpv4 = server.ipv4;
    edge.publicIpv6 = server.ipv6;
    edge.provider = server.provider;
    edge.providerId = server.serverId;
    edge.sshHostKey = server.hostKey;
    edge.profile = request.profile;
    return HostEnrolment(m_store).addEdge(edge);
}

Result<std::unique_ptr<RemoteShell>> EdgeCreation::connect(const Edge &edge,
                                                           const ServerRecord &server)
{
    const Result<SshIdentity> identity = SshIdentity::loadOrCreate(m_dataDir);
    if (!identity)
        return identity.error();
    SshSession::Options options;
    options.target = edge.ssh;
    options.identityFile = identity->privateKeyFile();
    options.hostKey.pinned = edge.sshHostKey;
    options.hostKey.hostLabel = QStringLiteral("edge ") + edge.name;
    // After a crash between installing the host-made key and pinning it,
    // the host presents that key: known, because it was read first.
    const QString pending = server.pendingHostKey;
    options.hostKey.decide = [pending](const HostKeyQuestion &q) {
        return !pending.isEmpty() && q.fingerprint == pending ? HostKeyDecision::Accept
                                                              : HostKeyDecision::Refuse;
    };
    // sshd of a booting server answers when it is ready: retry what a
    // retry can fix, until the deadline; a wrong host key stops at once.
    // The first retries come soon: the usual refusal is the moment sshd
    // takes to reload after the host-key rotation, not a boot.
    const QDeadlineTimer deadline(m_timing.sshTimeoutMs);
    int waitMs = std::min(kFirstSshRetryMs, m_timing.sshRetryMs);
    for (;;) {
        Result<std::unique_ptr<RemoteShell>> shell = m_connector(options);
        if (shell || !shell.error().retryable() || deadline.remainingTime() < waitMs)
            return shell;
        QThread::msleep(ulong(waitMs));
        waitMs = std::min(waitMs * 2, m_timing.sshRetryMs);
    }
}

Status EdgeCreation::secureHost(const ServerRecord &given, const QString &edgeName)
{
    Result<Edge> edge = edgeNamed(edgeName);
    if (!edge)
        return edge.error();
    ProviderStore servers(m_store.database());
    Result<std::optional<ServerRecord>> current = servers.serverForEdge(edgeName);
    if (!current)
        return current.error();
    const ServerRecord server = current->value_or(given);
    auto fail = [&](const QString &stepName, const Error &error) -> Status {
        step(stepName, edgeName, {}, &error);
        return error;
    };
    const bool rotated = edge->sshHostKey != server.hostKey;
    Result<std::unique_ptr<RemoteShell>> shell = connect(*edge, server);
    if (!shell)
        return fail(QStringLiteral("connect"), shell.error());
    step(QStringLiteral("connect"), edgeName, tr("connected with the pinned host key"));
    if (!rotated) {
        const Result<QString> staged = HostKeyRotation::stage(**shell);
        if (!staged)
            return fail(QStringLiteral("rotate"), staged.error());
        if (Status s = servers.setPendingHostKey(server.provider, server.name, *staged); !s)
            return fail(QStringLiteral("rotate"), s.error());
        if (Status s = HostKeyRotation::install(**shell); !s)
            return fail(QStringLiteral("rotate"), s.error());
        if (Status s = m_store.setSshHostKey(Store::HostKind::Edge, edgeName, *staged); !s)
            return fail(QStringLiteral("rotate"), s.error());
        shell->reset();
        edge->sshHostKey = *staged;
    } else if (edge->sshHostKey != server.pendingHostKey && !server.pendingHostKey.isEmpty()) {
        // Installed, not yet pinned: the connection above accepted it.
        if (Status s =
                m_store.setSshHostKey(Store::HostKind::Edge, edgeName, server.pendingHostKey);
            !s)
            return fail(QStringLiteral("rotate"), s.error());
        edge->sshHostKey = server.pendingHostKey;
    }
    // The host now presents its own key, and only that one is accepted.
    ServerRecord settled = server;
    settled.pendingHostKey.clear();
    if (Result<std::unique_ptr<RemoteShell>> again = connect(*edge, settled); !again)
        return fail(QStringLiteral("rotate"), again.error());
    (void)SecretStore(DataDirectory::secretsPath(m_dataDir)).remove(hostKeySecretName(server.name));
    step(QStringLiteral("rotate"), edgeName,
         tr("the host made its own key, now pinned: %1").arg(edge->sshHostKey));
    return {};
}

Status EdgeCreation::deploy(const QString &edgeName)
{
    return deployWithOrigins({edgeName});
}

Status EdgeCreation::deployOrigins()
{
    return deployWithOrigins({});
}

Status EdgeCreation::deployWithOrigins(const QStringList &edges)
{
    Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    DeployRequest request;
    request.edges = edges;
    for (const Origin &o : topology->origins)
        request.origins.append(o.name);
    if (request.edges.isEmpty() && request.origins.isEmpty())
        return {}; // nothing to bring in line
    request.tunnelCheckTimeoutMs = m_timing.tunnelCheckTimeoutMs;
    // Progress comes from the deployer's worker threads; the outcome (and
    // the deployer's own events) is what this step reports.
    Deployer deployer(
        m_store, m_dataDir, [](const DeployProgress &) {}, m_connector);
    Result<DeploySummary> summary = deployer.run(request);
    if (!summary)
        return summary.error();
    for (const HostResult &h : summary->hosts) {
        if (!h.ok)
            return h.error;
    }
    return {};
}

} // namespace kokoa::app
