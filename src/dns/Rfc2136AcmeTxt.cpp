// Rfc2136Provider's ACME DNS-01 records: one signed UPDATE adds or removes
// exactly one TXT value (RFC 2136 2.5.1 and 2.5.4), so other values at the
// same name (a name and its wildcard, another order, records by hand) stay.

#include "dns/DnsLogging.h"
#include "dns/Rfc2136Provider.h"

namespace kokoa {

using namespace dnswire;

Status Rfc2136Provider::addAcmeTxt(const QString &name, const QByteArray &value)
{
    return updateAcmeTxt(name, value, true);
}

Status Rfc2136Provider::removeAcmeTxt(const QString &name, const QByteArray &value)
{
    return updateAcmeTxt(name, value, false);
}

Status Rfc2136Provider::updateAcmeTxt(const QString &name, const QByteArray &value, bool add)
{
    if (Status s = checkHostname(name); !s)
        return s;
    Message update;
    update.flags = flagsFor(OpUpdate);
    update.questions.append({m_zone, TypeSoa, ClassIn});
    ResourceRecord rr;
    rr.name = name;
    rr.type = TypeTxt;
    rr.klass = add ? ClassIn : ClassNone; // NONE: delete this RR only
    rr.ttl = add ? acmeTxtTtl : 0;
    rr.rdata = txtRdata(value);
    update.authority.append(rr);
    const QString what = add ? tr("adding the ACME TXT record at %1").arg(name)
                             : tr("removing the ACME TXT record at %1").arg(name);
    const Result<Message> reply = exchange(update, what);
    if (!reply)
        return reply.error();
    if (reply->rcode() != NoError)
        return Error(
            Error::Kind::Refused,
            tr("%1: the server refused %2: %3").arg(where(), what, rcodeName(reply->rcode())));
    qCInfo(lcDns).noquote() << where() << what;
    return {};
}

Result<QList<DnsServerAddress>> Rfc2136Provider::authoritativeServers()
{
    // The primary the UPDATE went to; secondaries it notifies are not
    // known from the settings.
    return QList<DnsServerAddress>{{m_server, m_port}};
}

} // namespace kokoa
