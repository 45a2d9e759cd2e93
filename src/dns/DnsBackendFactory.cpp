#include "dns/DnsBackendFactory.h"

#include "dns/CloudflareProvider.h"
#include "dns/DnsOwnerId.h"
#include "dns/Rfc2136Provider.h"
#include "store/SecretStore.h"
#include "validate/ModelValidator.h"

namespace kokoa {

Result<std::unique_ptr<DnsBackend>> DnsBackendFactory::create(const Zone &zone,
                                                              const SecretStore &secrets,
                                                              const DnsOwner &owner,
                                                              RetryPolicy policy)
{
    if (!DnsOwnerId::isValid(owner.id))
        return Error(Error::Kind::Internal,
                     tr("zone %1: no valid DNS owner id for this installation").arg(zone.name));
    if (zone.provider != DnsProvider::Manual && zone.secretRef.isEmpty()) {
        return Error(Error::Kind::InvalidInput,
                     tr("zone %1 has no secret (API token or TSIG key)").arg(zone.name));
    }
    // Import and `zone add` enforce this, but a database written before they
    // did may hold a zone pointing at another zone's secret: using it would
    // send that zone's token to this zone's API base.
    QByteArray secret;
    if (zone.provider != DnsProvider::Manual) {
        Zone own = zone;
        if (Status s = ModelValidator::ownSecret(own); !s)
            return s.error();
        Result<QByteArray> stored = secrets.get(zone.secretRef);
        if (!stored)
            return stored.error().prefixed(tr("zone %1").arg(zone.name));
        secret = *stored;
    }
    return createWithSecret(zone, secret, owner, policy);
}

Result<DnsZoneListing> DnsBackendFactory::test(const Zone &zone, const QByteArray &secret,
                                               RetryPolicy policy)
{
    // Verifying never writes, so no owner id is needed; the placeholder is
    // never put on a record (the provider is dropped right after).
    Result<std::unique_ptr<DnsBackend>> backend =
        createWithSecret(zone, secret, DnsOwner{QString(32, QLatin1Char('0'))}, policy);
    if (!backend)
        return backend.error();
    return (*backend)->verify();
}

Result<std::unique_ptr<DnsBackend>> DnsBackendFactory::createWithSecret(const Zone &input,
                                                                        const QByteArray &secret,
                                                                        const DnsOwner &owner,
                                                                        RetryPolicy policy)
{
    const Result<Zone> checked = ModelValidator::zone(input);
    if (!checked)
        return checked.error();
    const Zone &zone = *checked;
    if (zone.provider == DnsProvider::Manual) {
        return Error(
            Error::Kind::InvalidInput,
            tr("zone %1 is managed by hand: Kokoa does not change its records").arg(zone.name));
    }
    const QJsonObject &s = zone.providerSettings;
    const auto text = [&s](const char *key) { return s.value(QLatin1String(key)).toString(); };

    if (zone.provider == DnsProvider::Cloudflare) {
        const QByteArray token = secret.trimmed();
        if (token.isEmpty() || token.contains('\n') || token.contains('\r'))
            return Error(Error::Kind::InvalidInput,
                         tr("zone %1: the API token is empty or malformed").arg(zone.name));
        std::unique_ptr<DnsBackend> p = std::make_unique<CloudflareProvider>(
            zone.name, text("api_base"), token, owner, text("zone_id"), policy);
        return p;
    }
    const auto decoded =
        QByteArray::fromBase64Encoding(secret.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        return Error(
            Error::Kind::InvalidInput,
            tr("zone %1: the TSIG secret %2 is not base64").arg(zone.name, zone.secretRef));
    }
    TsigKey key{text("tsig_name"), text("tsig_algorithm"), *decoded};
    if (Status st = Tsig::checkKey(key); !st)
        return st.error().prefixed(tr("zone %1").arg(zone.name));
    std::unique_ptr<DnsBackend> p =
        std::make_unique<Rfc2136Provider>(zone.name, text("server"), quint16(text("port").toUInt()),
                                          key, owner, policy.transferTimeoutMs);
    return p;
}

} // namespace kokoa
