#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace kokoa {

// One DNS server to ask directly (no recursion): host (address or name) and
// port.
struct DnsServerAddress
{
    QString host;
    quint16 port = 53;
    QString toString() const { return host + QLatin1Char(':') + QString::number(port); }
    bool operator==(const DnsServerAddress &) const = default;
};

// The ACME DNS-01 answer (RFC 8555 8.4) at a provider: TXT records at
// "_acme-challenge.<name>" whose value is the key authorization's digest.
// Several values may share a name (a name and its wildcard in one order):
// each is added and removed on its own, never the whole RRset, so another
// order's or someone else's value at the same name stays. The value itself
// marks the record as this order's: it is unique to the challenge token, so
// removing exactly that value can only remove what was added for it.
class AcmeTxtWriter
{
public:
    virtual ~AcmeTxtWriter() = default;

    virtual QString acmeZone() const = 0;
    virtual Status addAcmeTxt(const QString &name, const QByteArray &value) = 0;
    // Removing a value that is not there is success.
    virtual Status removeAcmeTxt(const QString &name, const QByteArray &value) = 0;
    // The servers that must answer the record before the CA is asked to
    // look: those the provider's settings name.
    virtual Result<QList<DnsServerAddress>> authoritativeServers() = 0;
};

} // namespace kokoa
