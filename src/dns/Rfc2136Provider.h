#pragma once

#include "core/Clock.h"
#include "dns/AcmeTxtWriter.h"
#include "dns/DnsBackend.h"
#include "dns/DnsOwnerId.h"
#include "dns/DnsWire.h"
#include "dns/Tsig.h"

#include <QHash>
#include <QSet>

namespace kokoa {

// Self-hosted DNS (BIND, Knot, PowerDNS) through RFC 2136 UPDATE signed with
// TSIG (RFC 8945), over TCP. Reads use plain signed queries to the same server.
//
// Ownership, per record and per installation (OwnershipTxt): beside the name,
// this installation's TXT lists its owner id and the exact addresses it
// created; only those address records are owned. Records made by hand or by
// another installation stay untouched, and Kokoa adds its own beside them.
// Each hostname's change is one atomic UPDATE that also rewrites this
// installation's TXT, with the name's whole TXT RRset as read as its
// prerequisite: if anyone changed a TXT there since records(), nothing is
// changed (Conflict). A legacy TXT ("heritage=kokoa,owner=kokoa") claims the
// name's address records for this installation only if its data directory
// predates owner ids and no other installation's TXT is there; the next
// UPDATE replaces it.
class Rfc2136Provider final : public DnsBackend, public AcmeTxtWriter
{
    Q_DECLARE_TR_FUNCTIONS(Rfc2136Provider)
    Q_DISABLE_COPY_MOVE(Rfc2136Provider)

public:
    static constexpr quint32 ownershipTtl = 300;

    // owner: DnsOwnerId.
    Rfc2136Provider(QString zone, QString server, quint16 port, TsigKey key, DnsOwner owner,
                    int timeoutMs = 5000, const Clock &clock = Clock::system());

    QString zone() const override { return m_zone; }
    Result<DnsZoneListing> verify() override;
    Result<DnsHostRecords> records(const QString &hostname) override;
    Status apply(const DnsChangeSet &change) override;
    // Every hostname's change in one signed UPDATE, with every name's TXT
    // prerequisite: the server applies all of it or none (RFC 2136 3.2).
    Status applyAll(const QList<DnsChangeSet> &changes) override;

    // ACME DNS-01 (Rfc2136AcmeTxt.cpp): one signed UPDATE per value; the
    // authoritative server is the one the settings name.
    static constexpr quint32 acmeTxtTtl = 60;
    QString acmeZone() const override { return m_zone; }
    Status addAcmeTxt(const QString &name, const QByteArray &value) override;
    Status removeAcmeTxt(const QString &name, const QByteArray &value) override;
    Result<QList<DnsServerAddress>> authoritativeServers() override;

    // One signed exchange over TCP; the reply's TSIG is verified. Public for tests.
    Result<dnswire::Message> exchange(const dnswire::Message &request, const QString &what);

private:
    // One name as records() read it, for the next apply().
    struct NameState
    {
        QList<DnsRecord> addresses;     // every A/AAAA record at the name
        QList<QByteArray> txt;          // the whole TXT RRset (RDATA)
        QList<QByteArray> ownTxt;       // this installation's TXT(s) among them
        QList<QByteArray> legacyTxt;    // legacy TXT(s) among them
        QSet<QString> listed;           // addresses this installation's TXT lists
        bool otherInstallation = false; // another owner id's TXT is there
        bool legacyAdoptable = false;   // this installation predates owner ids
        bool adoptsLegacy() const
        {
            return legacyAdoptable && !legacyTxt.isEmpty() && !otherInstallation;
        }
    };
    Result<NameState> readName(const QString &hostname);
    Result<DnsZoneListing> listZone();
    Result<dnswire::Message> buildUpdate(const DnsChangeSet &change, const NameState &state);
    // Sends an UPDATE of `names` and reads the server's verdict.
    Status sendUpdate(const dnswire::Message &update, const QStringList &names);
    Result<dnswire::ResourceRecord> addressRecord(const DnsRecord &r, const QString &name,
                                                  quint16 klass) const;
    Result<QList<dnswire::ResourceRecord>> query(const QString &name, quint16 type);
    Status checkHostname(const QString &hostname) const;
    QString where() const;
    Status updateAcmeTxt(const QString &name, const QByteArray &value, bool add);

    QString m_zone;
    QString m_server;
    quint16 m_port;
    TsigKey m_key;
    DnsOwner m_owner;
    int m_timeoutMs;
    const Clock &m_clock;
    QHash<QString, NameState> m_read; // by hostname, from the last records()
};

} // namespace kokoa
