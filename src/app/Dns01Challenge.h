#pragma once

#include "core/Model.h"
#include "core/Result.h"
#include "dns/AcmeTxtWriter.h"
#include "dns/TxtPropagation.h"

#include <QCoreApplication>

#include <functional>
#include <map>
#include <memory>

namespace kokoa {
class DnsBackend;
}

namespace kokoa::app {

// The DNS-01 answers of one order: each name's TXT record goes through the
// provider of the zone the name is in, and is only reported placed once
// every authoritative server of that zone answers every value placed at
// that name (a name and its wildcard share "_acme-challenge.<name>").
// Whatever is still placed when the order ends, well or not, is removed
// (removeAll(), also on destruction).
class Dns01Challenge final
{
    Q_DECLARE_TR_FUNCTIONS(Dns01Challenge)
    Q_DISABLE_COPY_MOVE(Dns01Challenge)

public:
    // The servers to wait for in a zone; the default asks the provider.
    using ServerLookup = std::function<Result<QList<DnsServerAddress>>(const Zone &)>;

    Dns01Challenge(QList<Zone> zones, QString dataDir);
    ~Dns01Challenge();

    void setServerLookup(ServerLookup lookup) { m_serverLookup = std::move(lookup); }
    void setWait(const TxtPropagation::Options &options) { m_wait = options; }

    // Before ordering: every name (wildcards as "*.x") is inside a zone
    // whose provider Kokoa can write to.
    Status check(const QStringList &names) const;
    // identifier: the name validated, without "*."; value: the TXT value.
    Status place(const QString &identifier, const QByteArray &value);
    Status remove(const QString &identifier, const QByteArray &value);
    void removeAll();

    static QString recordName(const QString &identifier)
    {
        return QStringLiteral("_acme-challenge.") + identifier;
    }

private:
    Result<Zone> zoneFor(const QString &name) const;
    Result<AcmeTxtWriter *> writerFor(const Zone &zone);

    QList<Zone> m_zones;
    QString m_dataDir;
    ServerLookup m_serverLookup;
    TxtPropagation::Options m_wait;
    std::map<QString, std::unique_ptr<DnsBackend>> m_backends; // by zone name
    QList<QPair<QString, QByteArray>> m_placed;                // identifier, value
};

} // namespace kokoa::app
