#include "app/ProviderService.h"

#include "app/AppLogging.h"
#include "cloud/ProviderFactory.h"
#include "core/DataDirectory.h"
#include "dns/DnsOwnerId.h"
#include "store/ProviderStore.h"
#include "store/SecretStore.h"
#include "store/Store.h"
#include "validate/Validator.h"

#include <QHash>
#include <QSet>

namespace kokoa::app {
namespace {

// The event log records configuration changes; a failed write is logged,
// never a reason to undo the change.
void logEvent(Store &store, const QString &provider, const QString &action, const QString &reason)
{
    Event e;
    e.category = QStringLiteral("config");
    e.subject = QStringLiteral("provider ") + provider;
    e.action = action;
    e.reason = reason;
    e.outcome = QStringLiteral("ok");
    if (Status s = store.appendEvent(e); !s)
        qCWarning(lcApp).noquote() << "event not recorded:" << s.error().message();
}

} // namespace

ProviderService::ProviderService(Store &store, QString dataDir)
    : m_store(store)
    , m_dataDir(std::move(dataDir))
    , m_opener(&ProviderFactory::make)
{}

QString ProviderService::secretNameFor(const QString &providerName)
{
    return QStringLiteral("provider-") + providerName.toLower();
}

Result<ProviderRecord> ProviderService::recordFrom(const Description &d)
{
    const Result<QString> name = Validator::name(QStringLiteral("name"), d.name);
    if (!name)
        return name.error();
    ProviderRecord p;
    p.name = *name;
    p.kind = d.kind;
    auto put = [&p](const char *key, const QString &value) {
        if (!value.isEmpty())
            p.settings.insert(QLatin1String(key), value);
    };
    put("api_base", d.apiBase);
    put("location", d.location);
    put("server_type", d.serverType);
    put("image", d.image);
    put("create_command", d.createCommand);
    put("destroy_command", d.destroyCommand);
    if (d.reservedIp)
        p.settings.insert(QLatin1String("reserved_ip"), true);
    if (ProviderFactory::needsToken(p.kind))
        p.secretRef = secretNameFor(p.name);
    if (Status s = ProviderFactory::validate(p); !s)
        return s.error();
    return p;
}

Result<QString> ProviderService::ownerId() const
{
    Result<DnsOwner> owner = DnsOwnerId::loadOrCreate(m_dataDir);
    if (!owner)
        return owner.error();
    return owner->id;
}

Status ProviderService::add(const ProviderRecord &provider, const QByteArray &token,
                            bool checkCredentials)
{
    if (Status s = ProviderFactory::validate(provider); !s)
        return s;
    const bool needsToken = ProviderFactory::needsToken(provider.kind);
    if (needsToken) {
        if (Result<QByteArray> t = Validator::apiToken(QStringLiteral("token"), token); !t)
            return t.error();
    }
    if (checkCredentials) {
        Result<QString> owner = ownerId();
        if (!owner)
            return owner.error();
        Result<std::unique_ptr<CloudProvider>> cloud = m_opener(provider, token, *owner);
        if (!cloud)
            return cloud.error();
        if (Status s = (*cloud)->checkCredentials(); !s)
            return s;
    }
    SecretStore secrets(DataDirectory::secretsPath(m_dataDir));
    ProviderStore providers(m_store.database());
    const Status added = providers.add(provider, [&]() -> Status {
        return needsToken ? secrets.put(provider.secretRef, token) : Status();
    });
    if (added)
        logEvent(m_store, provider.name, QStringLiteral("add"), provider.kind);
    return added;
}

Result<QList<ProviderRecord>> ProviderService::list() const
{
    return ProviderStore(m_store.database()).list();
}

Result<ProviderRecord> ProviderService::find(const QString &name) const
{
    Result<std::optional<ProviderRecord>> found = ProviderStore(m_store.database()).find(name);
    if (!found)
        return found.error();
    if (!found->has_value())
        return Error(Error::Kind::NotFound,
                     tr("provider %1 does not exist").arg(quoteForMessage(name)),
                     QStringLiteral("provider"), name);
    return **found;
}

Status ProviderService::remove(const QString &name)
{
    Result<ProviderRecord> provider = find(name);
    if (!provider)
        return provider.error();
    if (Status s = ProviderStore(m_store.database()).remove(name); !s)
        return s;
    if (!provider->secretRef.isEmpty()) {
        SecretStore secrets(DataDirectory::secretsPath(m_dataDir));
        if (Status s = secrets.remove(provider->secretRef); !s)
            qCWarning(lcApp).noquote()
                << "provider" << name << "removed, its token not:" << s.error().message();
    }
    logEvent(m_store, name, QStringLiteral("remove"), {});
    return {};
}

Result<std::unique_ptr<CloudProvider>> ProviderService::open(const QString &providerName) const
{
    Result<ProviderRecord> provider = find(providerName);
    if (!provider)
        return provider.error();
    return open(*provider);
}

Result<std::unique_ptr<CloudProvider>> ProviderService::open(const ProviderRecord &provider) const
{
    QByteArray token;
    if (ProviderFactory::needsToken(provider.kind)) {
        Result<QByteArray> stored =
            SecretStore(DataDirectory::secretsPath(m_dataDir)).get(provider.secretRef);
        if (!stored)
            return stored.error().prefixed(
                tr("reading the token of provider %1").arg(quoteForMessage(provider.name)));
        token = *stored;
    }
    Result<QString> owner = ownerId();
    if (!owner)
        return owner.error();
    return m_opener(provider, token, *owner);
}

Result<QList<ProviderService::ServerView>>
ProviderService::servers(const QString &providerName) const
{
    Result<ProviderRecord> provider = find(providerName);
    if (!provider)
        return provider.error();
    Result<QList<ServerRecord>> records = ProviderStore(m_store.database()).servers(providerName);
    if (!records)
        return records.error();
    Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    QSet<QString> edges;
    for (const Edge &e : topology->edges)
        edges.insert(e.name);

    QList<CloudServer> listed;
    Result<std::unique_ptr<CloudProvider>> cloud = open(*provider);
    if (!cloud)
        return cloud.error();
    if ((*cloud)->canList()) {
        Result<QList<CloudServer>> owned = (*cloud)->owned();
        if (!owned)
            return owned.error();
        listed = *owned;
    }

    QList<ServerView> out;
    QHash<QString, qsizetype> byName;
    for (const ServerRecord &r : *records) {
        if (r.state == ServerRecord::State::Destroyed)
            continue;
        ServerView v;
        v.name = r.name;
        v.id = r.serverId;
        v.edge = r.edge;
        v.recorded = ServerRecord::stateName(r.state);
        v.ipv4 = r.ipv4;
        v.ipv6 = r.ipv6;
        byName.insert(r.name, out.size());
        out.append(v);
    }
    for (const CloudServer &s : listed) {
        if (auto it = byName.constFind(s.name); it != byName.constEnd()) {
            ServerView &v = out[*it];
            v.status = s.status;
            v.id = s.id;
            continue;
        }
        ServerView v; // labelled as ours, yet unknown to this database
        v.name = s.name;
        v.id = s.id;
        v.status = s.status;
        v.ipv4 = s.ipv4;
        v.ipv6 = s.ipv6;
        out.append(v);
    }
    for (ServerView &v : out) {
        const bool atProvider = !v.status.isEmpty() || !(*cloud)->canList();
        v.orphan = atProvider && (v.edge.isEmpty() || !edges.contains(v.edge));
    }
    return out;
}

QString ProviderService::hostKeySecretName(const QString &serverName)
{
    return QStringLiteral("hostkey-") + serverName;
}

Status ProviderService::destroyServer(const QString &providerName, const QString &serverName)
{
    Result<ProviderRecord> provider = find(providerName);
    if (!provider)
        return provider.error();
    ProviderStore store(m_store.database());
    Result<std::optional<ServerRecord>> found = store.server(providerName, serverName);
    if (!found)
        return found.error();
    std::optional<ServerRecord> record = *found;
    if (record && record->state == ServerRecord::State::Destroyed)
        record.reset();
    if (record && !record->edge.isEmpty()) {
        Result<Topology> topology = m_store.topology();
        if (!topology)
            return topology.error();
        if (topology->edge(record->edge))
            return Error(Error::Kind::Conflict,
                         tr("server %1 is edge %2: remove the edge first")
                             .arg(quoteForMessage(serverName), quoteForMessage(record->edge)),
                         QStringLiteral("server"), serverName);
    }
    Result<std::unique_ptr<CloudProvider>> cloud = open(*provider);
    if (!cloud)
        return cloud.error();
    QString id = record ? record->serverId : QString();
    if (id.isEmpty() && (*cloud)->canList()) {
        // Not recorded (or its create's answer was lost): only a server
        // carrying this installation's label is ours to destroy.
        Result<QList<CloudServer>> owned = (*cloud)->owned();
        if (!owned)
            return owned.error();
        if (const std::optional<CloudServer> s = serverNamed(*owned, serverName))
            id = s->id;
    }
    if (!record && id.isEmpty())
        return Error(Error::Kind::NotFound,
                     tr("provider %1 has no server %2 that Kokoa made")
                         .arg(quoteForMessage(providerName), quoteForMessage(serverName)),
                     QStringLiteral("server"), serverName);
    if (record) {
        if (Status s =
                store.setServerState(providerName, serverName, ServerRecord::State::Destroying);
            !s)
            return s;
    }
    if (!id.isEmpty()) {
        if (Status s = (*cloud)->destroy(id); !s) {
            logEvent(m_store, providerName, QStringLiteral("destroy server"),
                     serverName + QStringLiteral(": ") + s.error().message());
            return s;
        }
    }
    if (record) {
        if (Status s =
                store.setServerState(providerName, serverName, ServerRecord::State::Destroyed);
            !s)
            return s;
    }
    (void)SecretStore(DataDirectory::secretsPath(m_dataDir)).remove(hostKeySecretName(serverName));
    logEvent(m_store, providerName, QStringLiteral("destroy server"), serverName);
    return {};
}

} // namespace kokoa::app
