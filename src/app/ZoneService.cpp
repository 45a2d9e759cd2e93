#include "app/ZoneService.h"

#include "app/AppLogging.h"
#include "app/ZoneCredentialCheck.h"
#include "core/DataDirectory.h"
#include "store/SecretStore.h"
#include "store/Store.h"
#include "validate/ModelValidator.h"
#include "validate/Validator.h"

namespace kokoa::app {

ZoneService::ZoneService(Store &store, QString dataDir)
    : m_store(store)
    , m_secretsPath(DataDirectory::secretsPath(dataDir))
    , m_check(&ZoneCredentialCheck::run)
{}

Result<Zone> ZoneService::zoneFrom(const Description &d)
{
    Zone zone;
    zone.name = d.name;
    zone.provider = d.provider;
    QJsonObject &s = zone.providerSettings;
    if (d.provider == DnsProvider::Cloudflare) {
        s.insert(QStringLiteral("api_base"),
                 d.apiBase.isEmpty() ? defaultCloudflareApi() : d.apiBase);
    }
    if (d.provider == DnsProvider::Rfc2136) {
        const Result<SshTarget> server = Validator::sshTarget(QStringLiteral("server"), d.server);
        if (!server)
            return server.error();
        if (d.server.contains(QLatin1Char('@')))
            return Error::invalid(QStringLiteral("server"), d.server,
                                  tr("must be HOST or HOST:PORT"));
        const bool portGiven =
            d.server.contains(QLatin1String("]:")) ||
            (!d.server.startsWith(QLatin1Char('[')) && d.server.contains(QLatin1Char(':')));
        s.insert(QStringLiteral("server"), server->host);
        s.insert(QStringLiteral("port"), QString::number(portGiven ? server->port : 53));
        s.insert(QStringLiteral("tsig_name"), d.tsigName);
        s.insert(QStringLiteral("tsig_algorithm"),
                 d.tsigAlgorithm.isEmpty() ? QStringLiteral("hmac-sha256") : d.tsigAlgorithm);
    }
    return zone;
}

QString ZoneService::secretNameFor(const QString &zoneName)
{
    return ModelValidator::zoneSecretName(zoneName);
}

Status ZoneService::check(const Zone &zone, const QByteArray &secret, bool wanted) const
{
    // The form of the secret always (a window may hand over whatever was
    // pasted); its use with the provider only when wanted.
    if (!secret.isEmpty() && zone.provider == DnsProvider::Cloudflare) {
        if (Result<QByteArray> token = Validator::apiToken(QStringLiteral("token"), secret); !token)
            return token.error();
    }
    if (!secret.isEmpty() && zone.provider == DnsProvider::Rfc2136) {
        if (Result<QByteArray> key = Validator::tsigSecret(QStringLiteral("tsig-secret"), secret);
            !key)
            return key.error();
    }
    if (!wanted || !m_check)
        return {};
    return m_check(zone, secret);
}

Result<Zone> ZoneService::add(Zone zone, const QByteArray &secret, bool checkCredentials)
{
    const Result<Topology> current = m_store.topology();
    if (!current)
        return current.error();
    if (current->zone(zone.name)) {
        return Error(Error::Kind::Conflict,
                     tr("zone %1 already exists; its secret is unchanged").arg(zone.name),
                     QStringLiteral("zone"), zone.name);
    }

    // The secret is written inside the store's transaction, after the zone is
    // known to be new: an existing zone's secret is never touched, and a
    // failed write leaves no zone behind.
    SecretStore secrets(m_secretsPath);
    const QString secretName = secretNameFor(zone.name);
    const bool hadSecret = secrets.contains(secretName);
    bool wroteSecret = false;
    std::function<Status()> storeSecret;
    if (!secret.isEmpty())
        zone.secretRef = secretName;
    // Fully validated before anything is sent anywhere: the check hands the
    // secret to the zone's endpoint.
    const Result<Zone> checked = ModelValidator::zone(zone);
    if (!checked)
        return checked.error();
    if (Status s = check(*checked, secret, checkCredentials); !s)
        return s.error();
    if (!secret.isEmpty()) {
        storeSecret = [&]() -> Status {
            Status s = secrets.put(secretName, secret);
            wroteSecret = s.ok();
            return s;
        };
    }
    const Result<Zone> added = m_store.addZone(zone, storeSecret);
    if (!added) {
        // Only a secret this call created goes; a file that was there before
        // belongs to no zone it can know of and is left alone.
        if (wroteSecret && !hadSecret)
            (void)secrets.remove(secretName);
        return added.error();
    }
    qCInfo(lcApp) << "zone" << added->name << "added";
    return added;
}

Result<ZoneService::RemoveOutcome> ZoneService::remove(const QString &name)
{
    if (Status s = m_store.removeZone(name); !s)
        return s.error();
    RemoveOutcome outcome;
    SecretStore secrets(m_secretsPath);
    if (Status s = secrets.remove(secretNameFor(name)); !s)
        outcome.secretNotRemoved = s.error();
    return outcome;
}

Result<QList<ZoneService::Listed>> ZoneService::list() const
{
    const Result<Topology> t = m_store.topology();
    if (!t)
        return t.error();
    const SecretStore secrets(m_secretsPath);
    QList<Listed> listed;
    for (const Zone &z : t->zones)
        listed.append({z, !z.secretRef.isEmpty() && secrets.contains(z.secretRef)});
    return listed;
}

Result<Zone> ZoneService::zoneForSecret(const QString &name) const
{
    const Result<Topology> t = m_store.topology();
    if (!t)
        return t.error();
    const Zone *zone = t->zone(name);
    if (!zone) {
        return Error(Error::Kind::NotFound, tr("zone %1 does not exist").arg(name),
                     QStringLiteral("zone"), name);
    }
    if (zone->secretRef.isEmpty()) {
        return Error(
            Error::Kind::InvalidInput,
            tr("zone %1 uses provider %2, which has no secret").arg(name, toString(zone->provider)),
            QStringLiteral("zone"), name);
    }
    return *zone;
}

Status ZoneService::setSecret(const QString &name, const QByteArray &secret, bool checkCredentials)
{
    const Result<Zone> found = zoneForSecret(name);
    if (!found)
        return found.error();
    Zone stored = *found;
    // Like add: a zone (e.g. from an old database) naming another zone's
    // secret is refused rather than overwriting that secret, and the new
    // credential is tried with the provider before it replaces the old.
    if (Status s = ModelValidator::ownSecret(stored); !s)
        return s.error();
    const Result<Zone> checked = ModelValidator::zone(stored);
    if (!checked)
        return checked.error();
    if (Status s = check(*checked, secret, checkCredentials); !s)
        return s.error();
    SecretStore secrets(m_secretsPath);
    return secrets.put(checked->secretRef, secret);
}

} // namespace kokoa::app
