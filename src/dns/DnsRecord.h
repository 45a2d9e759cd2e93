#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace kokoa {

// One address record as Kokoa sees it, whatever the provider.
struct DnsRecord
{
    QString name;    // FQDN, ACE, lowercase, no trailing dot
    QString type;    // "A" or "AAAA"
    QString content; // canonical address text (QHostAddress::toString)
    int ttl = 300;
    QString providerId;   // Cloudflare record id; empty for RFC 2136
    bool proxied = false; // Cloudflare only; Kokoa's records are never proxied
    // Owned through a marker of the releases before owner ids (comment
    // "managed-by: kokoa", TXT "heritage=kokoa,owner=kokoa"): the next change
    // rewrites the marker to this installation's owner id.
    bool legacyOwner = false;

    // Same name, type and address (ttl and id do not matter).
    bool sameData(const DnsRecord &other) const;
    // "A www.example.com 203.0.113.7 ttl 60"
    QString toString() const;
};

// What a provider holds at one hostname: the A/AAAA records Kokoa owns and
// the ones somebody else made (never modified).
struct DnsHostRecords
{
    QList<DnsRecord> owned;
    QList<DnsRecord> foreign;
};

// One hostname's planned change. Providers apply additions before removals,
// so the hostname is never left without records in between.
struct DnsChangeSet
{
    Q_DECLARE_TR_FUNCTIONS(DnsChangeSet)

public:
    QString hostname;
    QList<DnsRecord> toAdd;
    QList<DnsRecord> toRemove;
    QList<DnsRecord> toUnproxy; // owned records found proxied: set proxied=false
    QList<DnsRecord> toClaim;   // kept records with a legacy marker: mark with the owner id
    QStringList warnings;       // things not done, and why

    bool isEmpty() const
    {
        return toAdd.isEmpty() && toRemove.isEmpty() && toUnproxy.isEmpty() && toClaim.isEmpty();
    }
    // One printable line per change ("+ A ...", "- A ...", "~ A ... proxied -> false",
    // "= A ... marked with the owner id") followed by "! <warning>" lines.
    QStringList describe() const;
};

// What a zone holds, as a credentials check ("Test") lists it: the address
// records (whoever made them) and how many records of every type there are.
struct DnsZoneListing
{
    QList<DnsRecord> addresses; // A and AAAA records of the zone
    int totalRecords = 0;       // records of every type listed
    bool complete = true;       // false: only part of the zone was listed
    QString note;               // why the listing is partial or missing
};

// "A" for IPv4, "AAAA" for IPv6, empty if the text is not an address.
QString dnsRecordTypeFor(const QString &address);
// Canonical text of an address, empty if it is not one.
QString canonicalAddress(const QString &address);

} // namespace kokoa
