#include "dns/DnsRecord.h"

#include <QHostAddress>

namespace kokoa {

bool DnsRecord::sameData(const DnsRecord &other) const
{
    return name == other.name && type == other.type && content == other.content;
}

QString DnsRecord::toString() const
{
    return QStringLiteral("%1 %2 %3 ttl %4").arg(type, name, content).arg(ttl);
}

QStringList DnsChangeSet::describe() const
{
    QStringList lines;
    for (const DnsRecord &r : toAdd)
        lines.append(QStringLiteral("+ ") + r.toString());
    for (const DnsRecord &r : toUnproxy)
        lines.append(QStringLiteral("~ ") + r.toString() + QStringLiteral(" proxied -> false"));
    for (const DnsRecord &r : toClaim)
        lines.append(QStringLiteral("= ") + r.toString() +
                     QStringLiteral(" marked with this installation's owner id"));
    for (const DnsRecord &r : toRemove)
        lines.append(QStringLiteral("- ") + r.toString());
    for (const QString &w : warnings)
        lines.append(QStringLiteral("! ") + w);
    return lines;
}

QString canonicalAddress(const QString &address)
{
    QHostAddress parsed;
    if (address.contains(QLatin1Char('%')) || !parsed.setAddress(address))
        return {};
    if (parsed.protocol() == QAbstractSocket::IPv6Protocol) {
        bool isV4 = false;
        parsed.toIPv4Address(&isV4);
        if (isV4) // ::ffff:a.b.c.d is not an AAAA record Kokoa writes
            return {};
    }
    return parsed.toString();
}

QString dnsRecordTypeFor(const QString &address)
{
    QHostAddress parsed;
    if (address.contains(QLatin1Char('%')) || !parsed.setAddress(address))
        return {};
    if (parsed.protocol() == QAbstractSocket::IPv4Protocol)
        return QStringLiteral("A");
    if (parsed.protocol() == QAbstractSocket::IPv6Protocol)
        return QStringLiteral("AAAA");
    return {};
}

} // namespace kokoa
