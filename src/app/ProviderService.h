#pragma once

#include "cloud/CloudProvider.h"
#include "core/Result.h"
#include "store/ProviderRecord.h"

#include <QCoreApplication>

#include <functional>
#include <memory>

namespace kokoa {
class Store;
}

namespace kokoa::app {

// VPS providers (templates new edges are made from) and what Kokoa owns at
// them. A provider's token is a secret named provider-<name>, written in
// the same step as its row: a failure on either side leaves neither behind.
class ProviderService final
{
    Q_DECLARE_TR_FUNCTIONS(ProviderService)

public:
    // A provider as a user describes it; each field named like its option.
    struct Description
    {
        QString name;
        QString kind;
        QString apiBase;
        QString location;
        QString serverType;
        QString image;
        QString createCommand;
        QString destroyCommand;
        bool reservedIp = false; // DigitalOcean: each new edge's address is a reserved IP
    };
    static Result<ProviderRecord> recordFrom(const Description &description);
    static QString secretNameFor(const QString &providerName);

    // Makes the provider a record describes; replaceable in tests.
    using Opener = std::function<Result<std::unique_ptr<CloudProvider>>(
        const ProviderRecord &, const QByteArray &token, const QString &ownerId)>;

    ProviderService(Store &store, QString dataDir);
    void setOpener(Opener opener) { m_opener = std::move(opener); }

    // Tries the token with the provider first (unless checkCredentials is
    // false), then stores the provider and its token.
    Status add(const ProviderRecord &provider, const QByteArray &token,
               bool checkCredentials = true);
    Result<QList<ProviderRecord>> list() const;
    // Refused while a server made through it is not destroyed.
    Status remove(const QString &name);
    Result<ProviderRecord> find(const QString &name) const;
    // The provider ready to be called, with its token and this
    // installation's owner id.
    Result<std::unique_ptr<CloudProvider>> open(const ProviderRecord &provider) const;
    // The provider of that name, opened.
    Result<std::unique_ptr<CloudProvider>> open(const QString &providerName) const;

    // One server, as Kokoa recorded it and as the provider shows it.
    struct ServerView
    {
        QString name;
        QString id;
        QString edge;     // the edge it was made for ("" if none)
        QString recorded; // Kokoa's state (requested, created, …), "" if Kokoa has no record
        QString status;   // the provider's status, "" if the provider does not list it
        QString ipv4;
        QString ipv6;
        // Carries this installation's label but no configured edge uses it
        // (a failed create, a crash, an edge removed by hand): it costs money.
        bool orphan = false;
    };
    Result<QList<ServerView>> servers(const QString &providerName) const;

    // Destroys a server Kokoa made (recorded, or carrying this
    // installation's label): never one a configured edge still uses. The
    // row is marked destroying first and destroyed once the provider
    // confirms; a failure leaves it destroying, and asking again is safe.
    Status destroyServer(const QString &providerName, const QString &serverName);
    // The secret a server's Kokoa-made host key is kept under until the
    // host has made its own.
    static QString hostKeySecretName(const QString &serverName);

private:
    Result<QString> ownerId() const;

    Store &m_store;
    QString m_dataDir;
    Opener m_opener;
};

} // namespace kokoa::app
