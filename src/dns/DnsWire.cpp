#include "dns/DnsWire.h"

#include <QHostAddress>

namespace kokoa::dnswire {

namespace {

Error wireError(const QString &what)
{
    return Error(Error::Kind::Remote,
                 QCoreApplication::translate("DnsWire", "malformed DNS message: %1").arg(what));
}

Result<QByteArray> encode(const QString &name, bool lower)
{
    QString text = lower ? name.toLower() : name;
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    QByteArray out;
    if (!text.isEmpty()) {
        const QStringList labels = text.split(QLatin1Char('.'));
        for (const QString &label : labels) {
            const QByteArray bytes = label.toLatin1();
            bool ascii = label.size() == bytes.size();
            for (const char c : bytes)
                ascii = ascii && c > 0 && uchar(c) < 0x80;
            if (bytes.isEmpty() || bytes.size() > 63 || !ascii) {
                return Error(Error::Kind::InvalidInput,
                             QCoreApplication::translate("DnsWire", "%1 is not a valid DNS name")
                                 .arg(quoteForMessage(name)));
            }
            out.append(char(bytes.size()));
            out.append(bytes);
        }
    }
    out.append('\0');
    if (out.size() > 255) {
        return Error(Error::Kind::InvalidInput,
                     QCoreApplication::translate("DnsWire", "%1 is longer than 255 octets")
                         .arg(quoteForMessage(name)));
    }
    return out;
}

// Reads a possibly compressed name at `at`; moves `at` past it.
Result<QString> readName(const QByteArray &wire, qsizetype &at)
{
    QStringList labels;
    qsizetype pos = at;
    bool jumped = false;
    int hops = 0;
    qsizetype total = 0;
    for (;;) {
        if (pos >= wire.size())
            return wireError(QStringLiteral("name runs past the end"));
        const quint8 len = quint8(wire.at(pos));
        if ((len & 0xc0) == 0xc0) {
            if (pos + 1 >= wire.size())
                return wireError(QStringLiteral("truncated compression pointer"));
            const qsizetype target = ((len & 0x3f) << 8) | quint8(wire.at(pos + 1));
            if (!jumped)
                at = pos + 2;
            jumped = true;
            if (target >= pos || ++hops > 64)
                return wireError(QStringLiteral("compression pointer loop"));
            pos = target;
            continue;
        }
        if (len & 0xc0)
            return wireError(QStringLiteral("unknown label type"));
        if (len == 0) {
            if (!jumped)
                at = pos + 1;
            break;
        }
        if (pos + 1 + len > wire.size())
            return wireError(QStringLiteral("label runs past the end"));
        total += len + 1;
        if (total > 255)
            return wireError(QStringLiteral("name longer than 255 octets"));
        labels.append(QString::fromLatin1(wire.mid(pos + 1, len)).toLower());
        pos += 1 + len;
    }
    return labels.join(QLatin1Char('.'));
}

Result<QList<ResourceRecord>> readRecords(const QByteArray &wire, qsizetype &at, int count)
{
    QList<ResourceRecord> out;
    for (int i = 0; i < count; ++i) {
        ResourceRecord rr;
        rr.offset = at;
        Result<QString> name = readName(wire, at);
        if (!name)
            return name.error();
        rr.name = *name;
        if (at + 10 > wire.size())
            return wireError(QStringLiteral("record header runs past the end"));
        rr.type = getU16(wire, at);
        rr.klass = getU16(wire, at + 2);
        rr.ttl = (quint32(getU16(wire, at + 4)) << 16) | getU16(wire, at + 6);
        const quint16 rdlength = getU16(wire, at + 8);
        at += 10;
        if (at + rdlength > wire.size())
            return wireError(QStringLiteral("record data runs past the end"));
        rr.rdata = wire.mid(at, rdlength);
        at += rdlength;
        out.append(rr);
    }
    return out;
}

Status writeRecords(QByteArray &out, const QList<ResourceRecord> &records)
{
    for (const ResourceRecord &rr : records) {
        Result<QByteArray> name = encodeName(rr.name);
        if (!name)
            return name.error();
        if (rr.rdata.size() > 0xffff)
            return Error(Error::Kind::InvalidInput,
                         QCoreApplication::translate("DnsWire", "record data too long"));
        out.append(*name);
        putU16(out, rr.type);
        putU16(out, rr.klass);
        putU32(out, rr.ttl);
        putU16(out, quint16(rr.rdata.size()));
        out.append(rr.rdata);
    }
    return {};
}

} // namespace

void putU16(QByteArray &out, quint16 v)
{
    out.append(char(v >> 8));
    out.append(char(v & 0xff));
}

void putU32(QByteArray &out, quint32 v)
{
    putU16(out, quint16(v >> 16));
    putU16(out, quint16(v & 0xffff));
}

quint16 getU16(const QByteArray &in, qsizetype at)
{
    return quint16((quint8(in.at(at)) << 8) | quint8(in.at(at + 1)));
}

QString rcodeName(int rcode)
{
    switch (rcode) {
    case NoError:
        return QStringLiteral("NOERROR");
    case FormErr:
        return QStringLiteral("FORMERR");
    case ServFail:
        return QStringLiteral("SERVFAIL");
    case NxDomain:
        return QStringLiteral("NXDOMAIN");
    case NotImp:
        return QStringLiteral("NOTIMP");
    case Refused:
        return QStringLiteral("REFUSED");
    case YxDomain:
        return QStringLiteral("YXDOMAIN");
    case YxRrset:
        return QStringLiteral("YXRRSET");
    case NxRrset:
        return QStringLiteral("NXRRSET");
    case NotAuth:
        return QStringLiteral("NOTAUTH");
    case NotZone:
        return QStringLiteral("NOTZONE");
    case BadSig:
        return QStringLiteral("BADSIG");
    case BadKey:
        return QStringLiteral("BADKEY");
    case BadTime:
        return QStringLiteral("BADTIME");
    case BadTrunc:
        return QStringLiteral("BADTRUNC");
    default:
        return QStringLiteral("RCODE %1").arg(rcode);
    }
}

QString typeName(quint16 type)
{
    switch (type) {
    case TypeA:
        return QStringLiteral("A");
    case TypeAaaa:
        return QStringLiteral("AAAA");
    case TypeTxt:
        return QStringLiteral("TXT");
    case TypeSoa:
        return QStringLiteral("SOA");
    default:
        return QStringLiteral("TYPE%1").arg(type);
    }
}

Result<QByteArray> encodeName(const QString &name)
{
    return encode(name, false);
}
Result<QByteArray> canonicalName(const QString &name)
{
    return encode(name, true);
}

Result<QByteArray> build(const Message &message)
{
    QByteArray out;
    putU16(out, message.id);
    putU16(out, message.flags);
    putU16(out, quint16(message.questions.size()));
    putU16(out, quint16(message.answers.size()));
    putU16(out, quint16(message.authority.size()));
    putU16(out, quint16(message.additional.size()));
    for (const Question &q : message.questions) {
        Result<QByteArray> name = encodeName(q.name);
        if (!name)
            return name.error();
        out.append(*name);
        putU16(out, q.type);
        putU16(out, q.klass);
    }
    for (const auto *section : {&message.answers, &message.authority, &message.additional}) {
        if (Status s = writeRecords(out, *section); !s)
            return s.error();
    }
    if (out.size() > 0xffff)
        return Error(Error::Kind::InvalidInput,
                     QCoreApplication::translate("DnsWire", "DNS message too long"));
    return out;
}

Result<Message> parse(const QByteArray &wire)
{
    if (wire.size() < 12)
        return wireError(QStringLiteral("shorter than a header"));
    Message m;
    m.id = getU16(wire, 0);
    m.flags = getU16(wire, 2);
    const int qd = getU16(wire, 4), an = getU16(wire, 6), ns = getU16(wire, 8),
              ar = getU16(wire, 10);
    qsizetype at = 12;
    for (int i = 0; i < qd; ++i) {
        Result<QString> name = readName(wire, at);
        if (!name)
            return name.error();
        if (at + 4 > wire.size())
            return wireError(QStringLiteral("question runs past the end"));
        m.questions.append({*name, getU16(wire, at), getU16(wire, at + 2)});
        at += 4;
    }
    QList<ResourceRecord> *sections[] = {&m.answers, &m.authority, &m.additional};
    const int counts[] = {an, ns, ar};
    for (int s = 0; s < 3; ++s) {
        Result<QList<ResourceRecord>> records = readRecords(wire, at, counts[s]);
        if (!records)
            return records.error();
        *sections[s] = *records;
    }
    if (at != wire.size())
        return wireError(QStringLiteral("trailing bytes after the last record"));
    return m;
}

Result<QByteArray> addressRdata(const QString &address)
{
    QHostAddress parsed;
    if (!parsed.setAddress(address))
        return Error(Error::Kind::InvalidInput,
                     QCoreApplication::translate("DnsWire", "not an address: %1")
                         .arg(quoteForMessage(address)));
    QByteArray out;
    if (parsed.protocol() == QAbstractSocket::IPv4Protocol) {
        putU32(out, parsed.toIPv4Address());
    } else {
        const Q_IPV6ADDR v6 = parsed.toIPv6Address();
        out = QByteArray(reinterpret_cast<const char *>(v6.c), 16);
    }
    return out;
}

QString addressText(quint16 type, const QByteArray &rdata)
{
    if (type == TypeA && rdata.size() == 4) {
        const quint32 v = (quint32(getU16(rdata, 0)) << 16) | getU16(rdata, 2);
        return QHostAddress(v).toString();
    }
    if (type == TypeAaaa && rdata.size() == 16) {
        Q_IPV6ADDR v6;
        for (int i = 0; i < 16; ++i)
            v6.c[i] = quint8(rdata.at(i));
        return QHostAddress(v6).toString();
    }
    return {};
}

QByteArray txtRdata(const QByteArray &text)
{
    QByteArray out;
    qsizetype at = 0;
    do {
        const QByteArray chunk = text.mid(at, 255);
        out.append(char(chunk.size()));
        out.append(chunk);
        at += 255;
    } while (at < text.size());
    return out;
}

QByteArray txtText(const QByteArray &rdata)
{
    QByteArray out;
    qsizetype at = 0;
    while (at < rdata.size()) {
        const int len = quint8(rdata.at(at));
        out.append(rdata.mid(at + 1, len));
        at += 1 + len;
    }
    return out;
}

} // namespace kokoa::dnswire
