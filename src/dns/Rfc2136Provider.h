#pragma once

#include "core/Clock.h"
#include "dns/DnsBackend.h"
#include "dns/DnsWire.h"
#include "dns/Tsig.h"

#include <QSet>

namespace kokoa {

// Self-hosted DNS (BIND, Knot, PowerDNS) through RFC 2136 UPDATE signed with
// TSIG (RFC 8945), over TCP. Reads use plain signed queries to the same server.
//
// Ownership, external-dns style: a name Kokoa manages carries a TXT record
// "heritage=kokoa,owner=kokoa" at the same name. Kokoa changes A/AAAA records
// only at names with that TXT; at a name with no A/AAAA records it creates the
// TXT together with its first records (one UPDATE whose prerequisites say
// "no A, no AAAA"); a name that has A/AAAA records but no ownership TXT is
// refused. Each hostname's change is one atomic UPDATE.
class Rfc2136Provider final : public DnsBackend
{
    Q_DECLARE_TR_FUNCTIONS(Rfc2136Provider)
    Q_DISABLE_COPY_MOVE(Rfc2136Provider)

public:
    static constexpr const char *ownershipText = "heritage=kokoa,owner=kokoa";
    static constexpr quint32 ownershipTtl = 300;

    Rfc2136Provider(QString zone, QString server, quint16 port, TsigKey key, int timeoutMs = 5000,
                    const Clock &clock = Clock::system());

    QString zone() const override { return m_zone; }
    Status verify() override;
    Result<DnsHostRecords> records(const QString &hostname) override;
    Status apply(const DnsChangeSet &change) override;

    // One signed exchange over TCP; the reply's TSIG is verified. Public for tests.
    Result<dnswire::Message> exchange(const dnswire::Message &request, const QString &what);

private:
    struct NameState
    {
        QList<DnsRecord> addresses;
        bool ownershipTxt = false;
    };
    Result<NameState> readName(const QString &hostname);
    Result<QList<dnswire::ResourceRecord>> query(const QString &name, quint16 type);
    Status checkHostname(const QString &hostname) const;
    QString where() const;

    QString m_zone;
    QString m_server;
    quint16 m_port;
    TsigKey m_key;
    int m_timeoutMs;
    const Clock &m_clock;
    QSet<QString> m_ownedNames; // names whose ownership TXT was seen by records()
};

} // namespace kokoa
