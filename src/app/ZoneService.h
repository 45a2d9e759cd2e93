#pragma once

#include "core/Model.h"
#include "core/Result.h"

#include <QCoreApplication>

#include <functional>
#include <optional>

namespace kokoa {
class Store;
}

namespace kokoa::app {

// DNS zones and their secrets: adding one (its credential tried with the
// provider first), removing one, replacing its secret. A zone's secret is
// stored under zone-<name>, written in the same step as the zone row: a
// failure on either side leaves neither behind.
class ZoneService final
{
    Q_DECLARE_TR_FUNCTIONS(ZoneService)

public:
    // Asks the provider whether a secret works; ZoneCredentialCheck::run by
    // default, replaceable for tests.
    using CredentialCheck = std::function<Status(const Zone &, const QByteArray &)>;

    struct RemoveOutcome
    {
        // Removing the secret file failed after the zone was gone: worth a
        // warning, the zone is removed all the same.
        std::optional<Error> secretNotRemoved;
    };

    // A zone as a user describes it; zoneFrom() fills in the defaults.
    struct Description
    {
        QString name;
        DnsProvider provider = DnsProvider::Manual;
        QString apiBase;       // Cloudflare; empty: the public API
        QString server;        // RFC 2136: HOST or HOST:PORT (port 53 when left out)
        QString tsigName;      // RFC 2136
        QString tsigAlgorithm; // RFC 2136; empty: hmac-sha256
    };
    // The zone to add(): provider settings with their defaults. The server is
    // checked here; the rest when the zone is added.
    static Result<Zone> zoneFrom(const Description &description);
    static QString defaultCloudflareApi()
    {
        return QStringLiteral("https://api.cloudflare.com/client/v4");
    }

    ZoneService(Store &store, QString dataDir);

    void setCredentialCheck(CredentialCheck check) { m_check = std::move(check); }

    // The secret name a zone's credential is stored under.
    static QString secretNameFor(const QString &zoneName);

    // zone: name, provider and provider settings (its secret reference is
    // set here); secret: the token or TSIG key, empty for a manual zone.
    // A zone of that name already existing is a Conflict (field "zone",
    // value the name) and its secret is left alone.
    Result<Zone> add(Zone zone, const QByteArray &secret, bool checkCredentials = true);
    Result<RemoveOutcome> remove(const QString &name);

    struct Listed
    {
        Zone zone;
        bool secretPresent = false; // its secret reference names a stored secret
    };
    Result<QList<Listed>> list() const;
    // Replaces a stored zone's secret, tried with the provider first.
    Status setSecret(const QString &name, const QByteArray &secret, bool checkCredentials = true);
    // The stored zone a new secret would be for: it exists and its provider
    // takes a secret (a shell learns which kind of secret to read).
    Result<Zone> zoneForSecret(const QString &name) const;

private:
    Status check(const Zone &zone, const QByteArray &secret, bool wanted) const;

    Store &m_store;
    QString m_secretsPath;
    CredentialCheck m_check;
};

} // namespace kokoa::app
