#include "app/Dns01Challenge.h"

#include "app/AppLogging.h"
#include "core/DataDirectory.h"
#include "dns/DnsBackend.h"
#include "dns/DnsBackendFactory.h"
#include "dns/DnsOwnerId.h"
#include "store/SecretStore.h"

namespace kokoa::app {

Dns01Challenge::Dns01Challenge(QList<Zone> zones, QString dataDir)
    : m_zones(std::move(zones))
    , m_dataDir(std::move(dataDir))
{}

Dns01Challenge::~Dns01Challenge()
{
    removeAll();
}

Result<Zone> Dns01Challenge::zoneFor(const QString &name) const
{
    const QString bare = name.startsWith(QLatin1String("*.")) ? name.mid(2) : name;
    const Zone *best = nullptr;
    for (const Zone &zone : m_zones) {
        const bool inside = bare == zone.name || bare.endsWith(QLatin1Char('.') + zone.name);
        if (inside && (!best || zone.name.size() > best->name.size()))
            best = &zone;
    }
    if (!best)
        return Error::invalid(QStringLiteral("name"), name,
                              tr("the dns-01 challenge needs the name inside one of Kokoa's "
                                 "DNS zones"));
    return *best;
}

Status Dns01Challenge::check(const QStringList &names) const
{
    for (const QString &name : names) {
        const Result<Zone> zone = zoneFor(name);
        if (!zone)
            return zone.error();
        if (zone->provider == DnsProvider::Manual)
            return Error::invalid(QStringLiteral("name"), name,
                                  tr("its zone %1 is managed by hand (no DNS provider API): the "
                                     "dns-01 challenge needs a Cloudflare or RFC 2136 zone")
                                      .arg(zone->name));
    }
    return {};
}

Result<AcmeTxtWriter *> Dns01Challenge::writerFor(const Zone &zone)
{
    auto it = m_backends.find(zone.name);
    if (it == m_backends.end()) {
        const Result<DnsOwner> owner = DnsOwnerId::loadOrCreate(m_dataDir);
        if (!owner)
            return owner.error();
        const SecretStore secrets(DataDirectory::secretsPath(m_dataDir));
        Result<std::unique_ptr<DnsBackend>> backend =
            DnsBackendFactory::create(zone, secrets, *owner);
        if (!backend)
            return backend.error();
        it = m_backends.emplace(zone.name, std::move(backend).value()).first;
    }
    auto *writer = dynamic_cast<AcmeTxtWriter *>(it->second.get());
    if (!writer)
        return Error(Error::Kind::InvalidInput,
                     tr("zone %1: its DNS provider cannot hold the dns-01 answer").arg(zone.name));
    return writer;
}

Status Dns01Challenge::place(const QString &identifier, const QByteArray &value)
{
    const Result<Zone> zone = zoneFor(identifier);
    if (!zone)
        return zone.error();
    const Result<AcmeTxtWriter *> writer = writerFor(*zone);
    if (!writer)
        return writer.error();
    const QString name = recordName(identifier);
    // Listed before the call: a request that timed out may still have
    // added the record, and removeAll() must take it away then too.
    m_placed.append({identifier, value});
    if (Status s = (*writer)->addAcmeTxt(name, value); !s)
        return s;
    const Result<QList<DnsServerAddress>> servers =
        m_serverLookup ? m_serverLookup(*zone) : (*writer)->authoritativeServers();
    if (!servers)
        return servers.error().prefixed(tr("zone %1").arg(zone->name));
    QSet<QByteArray> expected;
    for (const auto &[placedFor, placedValue] : std::as_const(m_placed)) {
        if (placedFor == identifier)
            expected.insert(placedValue);
    }
    return TxtPropagation::waitUntilAnswered(*servers, name, expected, m_wait);
}

Status Dns01Challenge::remove(const QString &identifier, const QByteArray &value)
{
    const Result<Zone> zone = zoneFor(identifier);
    if (!zone)
        return zone.error();
    const Result<AcmeTxtWriter *> writer = writerFor(*zone);
    if (!writer)
        return writer.error();
    if (Status s = (*writer)->removeAcmeTxt(recordName(identifier), value); !s)
        return s;
    m_placed.removeAll(qMakePair(identifier, value));
    return {};
}

void Dns01Challenge::removeAll()
{
    const QList<QPair<QString, QByteArray>> placed = m_placed;
    for (const auto &[identifier, value] : placed) {
        if (Status s = remove(identifier, value); !s)
            qCWarning(lcApp).noquote() << tr("the dns-01 answer at %1 could not be removed: %2")
                                              .arg(recordName(identifier), s.error().message());
    }
}

} // namespace kokoa::app
