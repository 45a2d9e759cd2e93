#include "dns/Rfc2136Provider.h"

#include "dns/DnsLogging.h"
#include "dns/DnsOwnerId.h"
#include "dns/OwnershipTxt.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QTcpSocket>

namespace kokoa {

using namespace dnswire;

namespace {

constexpr quint16 flagAa = 0x0400;

bool readExact(QTcpSocket &socket, QByteArray &out, qsizetype n, const QDeadlineTimer &deadline)
{
    while (socket.bytesAvailable() < n) {
        if (deadline.hasExpired() || socket.state() != QAbstractSocket::ConnectedState)
            return socket.bytesAvailable() >= n;
        if (!socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime()))))
            return socket.bytesAvailable() >= n;
    }
    out = socket.read(n);
    return true;
}

// The error code of a verified (signed) reply. SERVFAIL is the server's
// trouble and may pass; NXRRSET/YXRRSET mean the records changed since they
// were read. Every other error code (REFUSED, NOTAUTH, NOTZONE, FORMERR,
// NOTIMP) answers the request itself: sending it again unchanged cannot
// succeed. Unverified replies never get here (see exchange()).
Error::Kind kindForRcode(int rcode)
{
    switch (rcode) {
    case ServFail:
        return Error::Kind::Remote;
    case NxRrset:
    case YxRrset:
        return Error::Kind::Conflict;
    default:
        return Error::Kind::Refused;
    }
}

ResourceRecord txtRecord(const QString &name, quint16 klass, quint32 ttl, const QByteArray &rdata)
{
    ResourceRecord rr;
    rr.name = name;
    rr.type = TypeTxt;
    rr.klass = klass;
    rr.ttl = ttl;
    rr.rdata = rdata;
    return rr;
}

} // namespace

Rfc2136Provider::Rfc2136Provider(QString zone, QString server, quint16 port, TsigKey key,
                                 DnsOwner owner, int timeoutMs, const Clock &clock)
    : m_zone(std::move(zone))
    , m_server(std::move(server))
    , m_port(port)
    , m_key(std::move(key))
    , m_owner(std::move(owner))
    , m_timeoutMs(timeoutMs)
    , m_clock(clock)
{}

QString Rfc2136Provider::where() const
{
    return tr("DNS zone %1 at %2 port %3").arg(m_zone, m_server).arg(m_port);
}

Status Rfc2136Provider::checkHostname(const QString &hostname) const
{
    if (hostname == m_zone || hostname.endsWith(QLatin1Char('.') + m_zone))
        return {};
    return Error(Error::Kind::InvalidInput,
                 tr("%1 is not inside the zone %2").arg(hostname, m_zone));
}

Result<Message> Rfc2136Provider::exchange(const Message &request, const QString &what)
{
    const auto fail = [&](Error::Kind kind, const QString &why) {
        return Error(kind, tr("%1: %2 failed: %3").arg(where(), what, why));
    };
    Message req = request;
    req.id = quint16(QRandomGenerator::global()->generate());
    Result<QByteArray> wire = build(req);
    if (!wire)
        return wire.error().prefixed(where());
    Result<Tsig::Signed> signedRequest = Tsig::sign(*wire, m_key, quint64(m_clock.nowMs() / 1000));
    if (!signedRequest)
        return signedRequest.error().prefixed(where());

    const QDeadlineTimer deadline(m_timeoutMs);
    QTcpSocket socket;
    socket.connectToHost(m_server, m_port);
    if (!socket.waitForConnected(int(std::max<qint64>(1, deadline.remainingTime()))))
        return fail(Error::Kind::Remote, socket.errorString());
    QByteArray framed;
    putU16(framed, quint16(signedRequest->message.size()));
    framed.append(signedRequest->message);
    socket.write(framed);
    while (socket.bytesToWrite() > 0) {
        if (deadline.hasExpired() ||
            !socket.waitForBytesWritten(int(std::max<qint64>(1, deadline.remainingTime())))) {
            return fail(Error::Kind::Timeout, tr("could not send within %1 ms").arg(m_timeoutMs));
        }
    }
    QByteArray lengthBytes;
    QByteArray reply;
    if (!readExact(socket, lengthBytes, 2, deadline) ||
        !readExact(socket, reply, getU16(lengthBytes, 0), deadline)) {
        if (deadline.hasExpired())
            return fail(Error::Kind::Timeout, tr("no reply within %1 ms").arg(m_timeoutMs));
        return fail(Error::Kind::Remote, tr("the server closed the connection"));
    }
    socket.disconnectFromHost();

    Result<Message> parsed = parse(reply);
    if (!parsed)
        return fail(Error::Kind::Remote, parsed.error().message());
    if (parsed->id != req.id || !parsed->isResponse())
        return fail(Error::Kind::Remote, tr("the reply does not answer the request"));
    // Already over TCP, so there is no larger transport to retry on: an
    // incomplete answer must never read as "no such records".
    if (parsed->isTruncated())
        return fail(Error::Kind::Remote, tr("the reply is truncated (TC flag set)"));
    if (Status s = Tsig::verify(reply, m_key, signedRequest->mac, quint64(m_clock.nowMs() / 1000));
        !s) {
        // A reply that is not verified may be forged by anyone on the path:
        // an unsigned REFUSED or NOTAUTH, or a TSIG error, is retried with the
        // normal back-off and never pauses the zone like a signed refusal.
        return fail(Error::Kind::Remote, s.error().message());
    }
    parsed->additional.removeLast(); // the verified TSIG
    return parsed;
}

Result<QList<ResourceRecord>> Rfc2136Provider::query(const QString &name, quint16 type)
{
    Message q;
    q.flags = flagsFor(OpQuery);
    q.questions.append({name, type, ClassIn});
    Result<Message> reply = exchange(q, tr("querying %1 %2").arg(typeName(type), name));
    if (!reply)
        return reply.error();
    const int rcode = reply->rcode();
    if (rcode != NoError && rcode != NxDomain) {
        return Error(kindForRcode(rcode),
                     tr("%1: querying %2 %3 failed: %4")
                         .arg(where(), typeName(type), name, rcodeName(rcode)));
    }
    if (!(reply->flags & flagAa)) {
        return Error(Error::Kind::Refused,
                     tr("%1: the server is not authoritative for %2 (delegated elsewhere?)")
                         .arg(where(), name));
    }
    QList<ResourceRecord> out;
    for (const ResourceRecord &rr : std::as_const(reply->answers)) {
        if (rr.name == name && rr.type == type && rr.klass == ClassIn)
            out.append(rr);
    }
    return out;
}

Result<Rfc2136Provider::NameState> Rfc2136Provider::readName(const QString &hostname)
{
    NameState state;
    state.legacyAdoptable = m_owner.adoptsLegacyMarkers;
    for (const quint16 type : {TypeA, TypeAaaa}) {
        Result<QList<ResourceRecord>> rrs = query(hostname, type);
        if (!rrs)
            return rrs.error();
        for (const ResourceRecord &rr : std::as_const(*rrs)) {
            DnsRecord r;
            r.name = hostname;
            r.type = typeName(type);
            r.content = addressText(type, rr.rdata);
            r.ttl = int(rr.ttl);
            if (!r.content.isEmpty())
                state.addresses.append(r);
        }
    }
    Result<QList<ResourceRecord>> txt = query(hostname, TypeTxt);
    if (!txt)
        return txt.error();
    for (const ResourceRecord &rr : std::as_const(*txt)) {
        state.txt.append(rr.rdata);
        const OwnershipTxt marker = OwnershipTxt::parse(txtText(rr.rdata));
        if (marker.kind == OwnershipTxt::Kind::Legacy) {
            state.legacyTxt.append(rr.rdata);
        } else if (marker.kind == OwnershipTxt::Kind::Current && marker.ownerId == m_owner.id) {
            state.ownTxt.append(rr.rdata);
            for (const QString &a : marker.addresses)
                state.listed.insert(a);
        } else if (marker.kind == OwnershipTxt::Kind::Current) {
            state.otherInstallation = true;
        }
    }
    return state;
}

Result<DnsZoneListing> Rfc2136Provider::verify()
{
    // A signed query proves the key's name and secret (BADKEY, BADSIG).
    Result<QList<ResourceRecord>> soa = query(m_zone, TypeSoa);
    if (!soa)
        return soa.error();
    if (soa->isEmpty())
        return Error(Error::Kind::NotFound,
                     tr("%1: the server has no SOA for the zone").arg(where()));
    // An UPDATE without changes tells whether the key may update the zone.
    Message update;
    update.flags = flagsFor(OpUpdate);
    update.questions.append({m_zone, TypeSoa, ClassIn});
    Result<Message> reply = exchange(update, tr("checking update permission"));
    if (!reply)
        return reply.error();
    if (reply->rcode() != NoError) {
        return Error(kindForRcode(reply->rcode()),
                     tr("%1: key %2 may not update the zone: %3")
                         .arg(where(), m_key.name, rcodeName(reply->rcode())));
    }
    return listZone();
}

Result<DnsZoneListing> Rfc2136Provider::listZone()
{
    // A zone transfer (AXFR), first message only: it is verified like any
    // reply, and holds thousands of records, enough for a "Test". Later
    // messages would need TSIG chaining; a bigger zone is listed in part.
    Message axfr;
    axfr.flags = flagsFor(OpQuery);
    axfr.questions.append({m_zone, TypeAxfr, ClassIn});
    Result<Message> reply = exchange(axfr, tr("listing the zone (AXFR)"));
    if (!reply)
        return reply.error();
    DnsZoneListing listing;
    if (reply->rcode() != NoError) {
        // Many servers allow updates but no transfers: the key works.
        listing.complete = false;
        listing.note = tr("the server does not let key %1 list the zone (%2)")
                           .arg(m_key.name, rcodeName(reply->rcode()));
        return listing;
    }
    const QList<ResourceRecord> &rrs = reply->answers;
    const bool closed = rrs.size() >= 2 && rrs.last().type == TypeSoa;
    for (qsizetype i = 0; i < rrs.size(); ++i) {
        const ResourceRecord &rr = rrs[i];
        if (i == rrs.size() - 1 && closed)
            break; // the closing SOA repeats the first
        ++listing.totalRecords;
        if (rr.klass != ClassIn || (rr.type != TypeA && rr.type != TypeAaaa))
            continue;
        DnsRecord r;
        r.name = rr.name;
        r.type = typeName(rr.type);
        r.content = addressText(rr.type, rr.rdata);
        r.ttl = int(rr.ttl);
        if (!r.content.isEmpty())
            listing.addresses.append(r);
    }
    if (!closed) {
        listing.complete = false;
        listing.note = tr("the zone is larger than one transfer message: %n record(s) listed",
                          nullptr, listing.totalRecords);
    }
    return listing;
}

Result<DnsHostRecords> Rfc2136Provider::records(const QString &hostname)
{
    if (Status s = checkHostname(hostname); !s)
        return s.error();
    if (!DnsOwnerId::isValid(m_owner.id))
        return Error(Error::Kind::Internal,
                     tr("%1: no valid DNS owner id for this installation").arg(where()));
    m_read.remove(hostname);
    Result<NameState> state = readName(hostname);
    if (!state)
        return state.error();
    DnsHostRecords out;
    const bool adopt = state->adoptsLegacy();
    for (DnsRecord r : std::as_const(state->addresses)) {
        if (state->listed.contains(r.content)) {
            out.owned.append(r);
        } else if (adopt && m_owner.adopts(r.content)) {
            r.legacyOwner = true;
            out.owned.append(r);
        } else {
            out.foreign.append(r);
        }
    }
    m_read.insert(hostname, *state);
    return out;
}

Result<ResourceRecord> Rfc2136Provider::addressRecord(const DnsRecord &r, const QString &name,
                                                      quint16 klass) const
{
    if (r.name != name)
        return Error(Error::Kind::Internal,
                     tr("record %1 does not belong to %2").arg(r.toString(), name));
    Result<QByteArray> rdata = addressRdata(r.content);
    if (!rdata)
        return rdata.error();
    ResourceRecord rr;
    rr.name = name;
    rr.type = r.type == QLatin1String("AAAA") ? TypeAaaa : TypeA;
    rr.klass = klass;
    rr.ttl = klass == ClassIn ? quint32(std::max(0, r.ttl)) : 0;
    rr.rdata = *rdata;
    return rr;
}

Result<Message> Rfc2136Provider::buildUpdate(const DnsChangeSet &change, const NameState &state)
{
    const QString &name = change.hostname;
    // What this installation owns now, as records() reported it.
    QSet<QString> owned;
    for (const DnsRecord &r : state.addresses) {
        if (state.listed.contains(r.content) || (state.adoptsLegacy() && m_owner.adopts(r.content)))
            owned.insert(r.content);
    }
    for (const QList<DnsRecord> *list : {&change.toRemove, &change.toClaim}) {
        for (const DnsRecord &r : *list) {
            if (!owned.contains(r.content)) {
                return Error(
                    Error::Kind::Internal,
                    tr("%1: %2 is not this installation's record").arg(where(), r.toString()));
            }
        }
    }
    Message update;
    update.flags = flagsFor(OpUpdate);
    update.questions.append({m_zone, TypeSoa, ClassIn});
    // Prerequisite: the TXT RRset is exactly as read (RFC 2136 2.4.2), or
    // still absent (2.4.3): no other writer's marker changed meanwhile.
    if (state.txt.isEmpty())
        update.answers.append(txtRecord(name, ClassNone, 0, {}));
    for (const QByteArray &rdata : state.txt)
        update.answers.append(txtRecord(name, ClassIn, 0, rdata));

    QSet<QString> after = owned;
    for (const DnsRecord &r : change.toAdd) { // additions before removals
        Result<ResourceRecord> rr = addressRecord(r, name, ClassIn);
        if (!rr)
            return rr.error();
        update.authority.append(*rr);
        after.insert(r.content);
    }
    for (const DnsRecord &r : change.toRemove) {
        Result<ResourceRecord> rr = addressRecord(r, name, ClassNone);
        if (!rr)
            return rr.error();
        update.authority.append(*rr);
        after.remove(r.content);
    }
    // This installation's marker is rewritten to list exactly what it owns
    // afterwards; an adopted legacy marker goes in the same UPDATE.
    for (const QByteArray &rdata : state.ownTxt)
        update.authority.append(txtRecord(name, ClassNone, 0, rdata));
    if (state.adoptsLegacy()) {
        for (const QByteArray &rdata : state.legacyTxt)
            update.authority.append(txtRecord(name, ClassNone, 0, rdata));
    }
    if (!after.isEmpty()) {
        update.authority.append(
            txtRecord(name, ClassIn, ownershipTtl,
                      txtRdata(OwnershipTxt::format(m_owner.id, after.values()))));
    }
    return update;
}

Status Rfc2136Provider::apply(const DnsChangeSet &change)
{
    const QString &name = change.hostname;
    if (Status s = checkHostname(name); !s)
        return s;
    if (change.toAdd.isEmpty() && change.toRemove.isEmpty() && change.toClaim.isEmpty())
        return {};
    const auto read = m_read.constFind(name);
    if (read == m_read.constEnd()) {
        return Error(
            Error::Kind::Internal,
            tr("%1: the records of %2 must be read before they are changed").arg(where(), name));
    }
    Result<Message> update = buildUpdate(change, *read);
    if (!update)
        return update.error();
    m_read.remove(name); // whatever happens, the next change reads again
    return sendUpdate(*update, {name});
}

Status Rfc2136Provider::sendUpdate(const Message &update, const QStringList &names)
{
    const QString shown = names.join(QStringLiteral(", "));
    Result<Message> reply = exchange(update, tr("updating %1").arg(shown));
    if (!reply)
        return reply.error();
    switch (reply->rcode()) {
    case NoError:
        return {};
    case NxRrset:
    case YxRrset:
        return Error(
            Error::Kind::Conflict,
            tr("%1: the ownership records at %2 changed since they were read (%3); nothing "
               "was changed, read them again")
                .arg(where(), shown, rcodeName(reply->rcode())));
    default:
        return Error(kindForRcode(reply->rcode()),
                     tr("%1: the server refused the update of %2: %3")
                         .arg(where(), shown, rcodeName(reply->rcode())));
    }
}

Status Rfc2136Provider::applyAll(const QList<DnsChangeSet> &changes)
{
    Message all;
    QStringList names;
    for (const DnsChangeSet &change : changes) {
        const QString &name = change.hostname;
        if (Status s = checkHostname(name); !s)
            return s;
        if (change.toAdd.isEmpty() && change.toRemove.isEmpty() && change.toClaim.isEmpty())
            continue;
        const auto read = m_read.constFind(name);
        if (read == m_read.constEnd() || names.contains(name)) {
            return Error(Error::Kind::Internal,
                         tr("%1: the records of %2 must be read before they are changed, once")
                             .arg(where(), name));
        }
        Result<Message> update = buildUpdate(change, *read);
        if (!update)
            return update.error();
        if (names.isEmpty()) {
            all.flags = update->flags;
            all.questions = update->questions;
        }
        all.answers += update->answers;     // prerequisites of every name
        all.authority += update->authority; // and every name's changes
        names.append(name);
    }
    if (names.isEmpty())
        return {};
    for (const QString &name : std::as_const(names))
        m_read.remove(name); // whatever happens, the next change reads again
    return sendUpdate(all, names);
}

} // namespace kokoa
