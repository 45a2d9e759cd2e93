#pragma once

#include "store/Database.h"
#include "store/ProviderRecord.h"

#include <functional>
#include <optional>

namespace kokoa {

// Providers (VPS templates) and the servers Kokoa asked them for.
class ProviderStore final
{
    Q_DECLARE_TR_FUNCTIONS(ProviderStore)

public:
    explicit ProviderStore(Database &db)
        : m_db(db)
    {}

    // alongside runs inside the transaction once the row is written (e.g.
    // storing the token); its failure rolls the provider back.
    Status add(const ProviderRecord &provider, const std::function<Status()> &alongside = {});
    Result<QList<ProviderRecord>> list() const;
    Result<std::optional<ProviderRecord>> find(const QString &name) const;
    // Refused while a server made through it is not known to be destroyed:
    // forgetting the provider would forget the server.
    Status remove(const QString &name);

    // The intent, written before the provider is asked.
    Status recordRequested(const ServerRecord &server);
    // The provider's answer to a create.
    Status recordCreated(const QString &provider, const QString &name, const QString &serverId,
                         const QString &ipv4, const QString &ipv6);
    Status setPendingHostKey(const QString &provider, const QString &name,
                             const QString &fingerprint);
    Status setServerState(const QString &provider, const QString &name, ServerRecord::State state);
    // Every server of a provider (all providers when empty), newest last.
    Result<QList<ServerRecord>> servers(const QString &provider = {}) const;
    // The server of this provider and name, whatever its state.
    Result<std::optional<ServerRecord>> server(const QString &provider, const QString &name) const;
    Result<std::optional<ServerRecord>> serverForEdge(const QString &edge) const;

private:
    Database &m_db;
};

} // namespace kokoa
