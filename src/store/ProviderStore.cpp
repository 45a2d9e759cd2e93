#include "store/ProviderStore.h"

#include "store/StoreQuery.h"

#include <QDateTime>
#include <QJsonDocument>

namespace kokoa {
namespace {

const QString serverColumns = QStringLiteral(
    "provider, name, server_id, edge, ipv4, ipv6, host_key, state, created_ms, pending_host_key");

ProviderRecord readProvider(const QSqlQuery &q)
{
    ProviderRecord p;
    p.name = q.value(0).toString();
    p.kind = q.value(1).toString();
    p.settings = QJsonDocument::fromJson(q.value(2).toString().toUtf8()).object();
    p.secretRef = q.value(3).toString();
    return p;
}

ServerRecord readServer(const QSqlQuery &q)
{
    ServerRecord s;
    s.provider = q.value(0).toString();
    s.name = q.value(1).toString();
    s.serverId = q.value(2).toString();
    s.edge = q.value(3).toString();
    s.ipv4 = q.value(4).toString();
    s.ipv6 = q.value(5).toString();
    s.hostKey = q.value(6).toString();
    ServerRecord::parseState(q.value(7).toString(), &s.state);
    s.createdMs = q.value(8).toLongLong();
    s.pendingHostKey = q.value(9).toString();
    return s;
}

// An UPDATE that must hit exactly one server row.
Status updateOne(Database &db, const QString &sql, const QVariantList &bindings,
                 const QString &provider, const QString &name)
{
    Result<QSqlQuery> q = db.exec(sql, bindings);
    if (!q)
        return q.error();
    if (q->numRowsAffected() != 1)
        return StoreQuery::notFound(ProviderStore::tr("server"),
                                    provider + QLatin1Char('/') + name);
    return {};
}

} // namespace

QString ServerRecord::stateName(State state)
{
    switch (state) {
    case State::Requested:
        return QStringLiteral("requested");
    case State::Created:
        return QStringLiteral("created");
    case State::Destroying:
        return QStringLiteral("destroying");
    case State::Destroyed:
        return QStringLiteral("destroyed");
    }
    return {};
}

bool ServerRecord::parseState(const QString &text, State *state)
{
    for (State s : {State::Requested, State::Created, State::Destroying, State::Destroyed}) {
        if (stateName(s) == text) {
            *state = s;
            return true;
        }
    }
    return false;
}

Status ProviderStore::add(const ProviderRecord &provider, const std::function<Status()> &alongside)
{
    return m_db.transaction([&]() -> Status {
        Result<qint64> existing = StoreQuery::idOf(m_db, QStringLiteral("providers"),
                                                   QStringLiteral("name"), provider.name);
        if (!existing)
            return existing.error();
        if (*existing != 0)
            return Error(Error::Kind::Conflict,
                         tr("provider %1 exists already").arg(quoteForMessage(provider.name)),
                         QStringLiteral("name"), provider.name);
        const QString settings =
            QString::fromUtf8(QJsonDocument(provider.settings).toJson(QJsonDocument::Compact));
        if (Status s = StoreQuery::ignoreRows(
                m_db.exec(QStringLiteral("INSERT INTO providers (name, kind, settings, secret_ref, "
                                         "created_ms) VALUES (?, ?, ?, ?, ?)"),
                          {provider.name, provider.kind, settings, provider.secretRef,
                           QDateTime::currentMSecsSinceEpoch()}));
            !s)
            return s;
        return alongside ? alongside() : Status();
    });
}

Result<QList<ProviderRecord>> ProviderStore::list() const
{
    return StoreQuery::readAll(
        m_db.exec(
            QStringLiteral("SELECT name, kind, settings, secret_ref FROM providers ORDER BY name")),
        &readProvider);
}

Result<std::optional<ProviderRecord>> ProviderStore::find(const QString &name) const
{
    Result<QSqlQuery> q = m_db.exec(
        QStringLiteral("SELECT name, kind, settings, secret_ref FROM providers WHERE name = ?"),
        {name});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<ProviderRecord>();
    return std::optional<ProviderRecord>(readProvider(*q));
}

Status ProviderStore::remove(const QString &name)
{
    return m_db.transaction([&]() -> Status {
        Result<QSqlQuery> live = m_db.exec(
            QStringLiteral("SELECT count(*) FROM servers WHERE provider = ? AND state <> ?"),
            {name, ServerRecord::stateName(ServerRecord::State::Destroyed)});
        if (!live)
            return live.error();
        live->next();
        if (const int n = live->value(0).toInt(); n > 0)
            return Error(Error::Kind::Conflict,
                         tr("provider %1 still has %n server(s) Kokoa made that are not "
                            "destroyed",
                            nullptr, n)
                             .arg(quoteForMessage(name)),
                         QStringLiteral("name"), name);
        // Only destroyed servers are left: their rows go first (they refer
        // to the provider), in the same transaction.
        if (Status s = StoreQuery::ignoreRows(
                m_db.exec(QStringLiteral("DELETE FROM servers WHERE provider = ?"), {name}));
            !s)
            return s;
        Result<QSqlQuery> q =
            m_db.exec(QStringLiteral("DELETE FROM providers WHERE name = ?"), {name});
        if (!q)
            return q.error();
        if (q->numRowsAffected() != 1)
            return StoreQuery::notFound(tr("provider"), name);
        return Status();
    });
}

Status ProviderStore::recordRequested(const ServerRecord &server)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return StoreQuery::ignoreRows(m_db.exec(
        QStringLiteral("INSERT INTO servers (provider, name, server_id, edge, ipv4, ipv6, "
                       "host_key, state, created_ms, updated_ms) VALUES (?, ?, '', ?, '', '', ?, "
                       "?, ?, ?)"),
        {server.provider, server.name, server.edge, server.hostKey,
         ServerRecord::stateName(ServerRecord::State::Requested), now, now}));
}

Status ProviderStore::recordCreated(const QString &provider, const QString &name,
                                    const QString &serverId, const QString &ipv4,
                                    const QString &ipv6)
{
    return updateOne(m_db,
                     QStringLiteral("UPDATE servers SET server_id = ?, ipv4 = ?, ipv6 = ?, state = "
                                    "?, updated_ms = ? WHERE provider = ? AND name = ?"),
                     {serverId, ipv4, ipv6, ServerRecord::stateName(ServerRecord::State::Created),
                      QDateTime::currentMSecsSinceEpoch(), provider, name},
                     provider, name);
}

Status ProviderStore::setPendingHostKey(const QString &provider, const QString &name,
                                        const QString &fingerprint)
{
    return updateOne(m_db,
                     QStringLiteral("UPDATE servers SET pending_host_key = ?, updated_ms = ? WHERE "
                                    "provider = ? AND name = ?"),
                     {fingerprint, QDateTime::currentMSecsSinceEpoch(), provider, name}, provider,
                     name);
}

Status ProviderStore::setServerState(const QString &provider, const QString &name,
                                     ServerRecord::State state)
{
    return updateOne(
        m_db,
        QStringLiteral("UPDATE servers SET state = ?, updated_ms = ? WHERE provider = "
                       "? AND name = ?"),
        {ServerRecord::stateName(state), QDateTime::currentMSecsSinceEpoch(), provider, name},
        provider, name);
}

Result<QList<ServerRecord>> ProviderStore::servers(const QString &provider) const
{
    if (provider.isEmpty())
        return StoreQuery::readAll(m_db.exec(QStringLiteral("SELECT ") + serverColumns +
                                             QStringLiteral(" FROM servers ORDER BY id")),
                                   &readServer);
    return StoreQuery::readAll(m_db.exec(QStringLiteral("SELECT ") + serverColumns +
                                             QStringLiteral(" FROM servers WHERE provider = ? "
                                                            "ORDER BY id"),
                                         {provider}),
                               &readServer);
}

Result<std::optional<ServerRecord>> ProviderStore::server(const QString &provider,
                                                          const QString &name) const
{
    Result<QSqlQuery> q =
        m_db.exec(QStringLiteral("SELECT ") + serverColumns +
                      QStringLiteral(" FROM servers WHERE provider = ? AND name = ?"),
                  {provider, name});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<ServerRecord>();
    return std::optional<ServerRecord>(readServer(*q));
}

Result<std::optional<ServerRecord>> ProviderStore::serverForEdge(const QString &edge) const
{
    Result<QSqlQuery> q = m_db.exec(
        QStringLiteral("SELECT ") + serverColumns +
            QStringLiteral(" FROM servers WHERE edge = ? AND state <> ? ORDER BY id DESC LIMIT 1"),
        {edge, ServerRecord::stateName(ServerRecord::State::Destroyed)});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<ServerRecord>();
    return std::optional<ServerRecord>(readServer(*q));
}

} // namespace kokoa
