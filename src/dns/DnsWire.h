#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

// The DNS wire format (RFC 1035, RFC 2136 sections, RFC 3596 AAAA) as far as
// Kokoa needs it: building queries and UPDATE messages without compression,
// and parsing replies (with compression pointers).
namespace kokoa::dnswire {

enum RrType : quint16
{
    TypeA = 1,
    TypeSoa = 6,
    TypeTxt = 16,
    TypeAaaa = 28,
    TypeOpt = 41,
    TypeTsig = 250,
    TypeAxfr = 252,
    TypeAny = 255
};
enum RrClass : quint16
{
    ClassIn = 1,
    ClassNone = 254,
    ClassAny = 255
};
enum Opcode : quint16
{
    OpQuery = 0,
    OpUpdate = 5
};
enum Rcode : quint16
{
    NoError = 0,
    FormErr = 1,
    ServFail = 2,
    NxDomain = 3,
    NotImp = 4,
    Refused = 5,
    YxDomain = 6,
    YxRrset = 7,
    NxRrset = 8,
    NotAuth = 9,
    NotZone = 10,
    BadSig = 16,
    BadKey = 17,
    BadTime = 18,
    BadTrunc = 22
};

constexpr quint16 flagsFor(Opcode opcode)
{
    return quint16(opcode << 11);
}
constexpr quint16 FlagQr = 0x8000;
constexpr quint16 FlagTc = 0x0200; // the message was truncated

// "NOERROR", "NOTAUTH", "BADSIG", ... or "RCODE 42".
QString rcodeName(int rcode);
QString typeName(quint16 type);

// Uncompressed wire form of a name ("www.example.test" or with a trailing
// dot; "" or "." is the root). Labels are kept as written (no lowercasing).
Result<QByteArray> encodeName(const QString &name);
// Lowercase wire form, as TSIG's MAC input wants it (RFC 8945 4.3.3).
Result<QByteArray> canonicalName(const QString &name);

struct Question
{
    QString name;
    quint16 type = TypeA;
    quint16 klass = ClassIn;
};

struct ResourceRecord
{
    QString name; // lowercase, no trailing dot
    quint16 type = 0;
    quint16 klass = ClassIn;
    quint32 ttl = 0;
    QByteArray rdata;
    qsizetype offset = 0; // where the record starts in a parsed message
};

struct Message
{
    quint16 id = 0;
    quint16 flags = 0;
    // For UPDATE the sections are zone, prerequisite, update, additional.
    QList<Question> questions;
    QList<ResourceRecord> answers;
    QList<ResourceRecord> authority;
    QList<ResourceRecord> additional;

    int rcode() const { return flags & 0x000f; }
    int opcode() const { return (flags >> 11) & 0x000f; }
    bool isResponse() const { return flags & FlagQr; }
    bool isTruncated() const { return flags & FlagTc; }
};

Result<QByteArray> build(const Message &message);
Result<Message> parse(const QByteArray &wire);

// RDATA helpers. address: canonical IPv4/IPv6 text.
Result<QByteArray> addressRdata(const QString &address);
QString addressText(quint16 type, const QByteArray &rdata); // empty if malformed
QByteArray txtRdata(const QByteArray &text);                // split into 255-byte strings
QByteArray txtText(const QByteArray &rdata);                // strings concatenated

// Big-endian helpers.
void putU16(QByteArray &out, quint16 v);
void putU32(QByteArray &out, quint32 v);
quint16 getU16(const QByteArray &in, qsizetype at);

} // namespace kokoa::dnswire
