#include "dns/OwnershipTxt.h"

#include "dns/DnsRecord.h"

namespace kokoa {

namespace {
const QByteArray prefix = QByteArrayLiteral("heritage=kokoa,owner=");
const QByteArray addressesKey = QByteArrayLiteral("addresses=");
} // namespace

OwnershipTxt OwnershipTxt::parse(const QByteArray &text)
{
    OwnershipTxt out;
    if (text == legacyText) {
        out.kind = Kind::Legacy;
        return out;
    }
    if (!text.startsWith(prefix))
        return out;
    // Anything after the prefix is another installation's at least, even if
    // malformed: it must never read as this installation's or as legacy.
    out.kind = Kind::Current;
    const QList<QByteArray> fields = text.mid(prefix.size()).split(',');
    out.ownerId = QString::fromLatin1(fields.value(0));
    for (qsizetype i = 1; i < fields.size(); ++i) {
        if (!fields[i].startsWith(addressesKey))
            continue;
        const QList<QByteArray> items = fields[i].mid(addressesKey.size()).split(' ');
        for (const QByteArray &item : items) {
            const QString address = canonicalAddress(QString::fromLatin1(item));
            if (!address.isEmpty() && !out.addresses.contains(address))
                out.addresses.append(address);
        }
    }
    out.addresses.sort();
    return out;
}

QByteArray OwnershipTxt::format(const QString &ownerId, QStringList addresses)
{
    addresses.sort();
    addresses.removeDuplicates();
    return prefix + ownerId.toLatin1() + ',' + addressesKey +
           addresses.join(QLatin1Char(' ')).toLatin1();
}

} // namespace kokoa
