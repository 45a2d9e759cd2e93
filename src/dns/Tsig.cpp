#include "dns/Tsig.h"

#include "dns/DnsWire.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace kokoa {

using namespace dnswire;

namespace {

const EVP_MD *digestFor(const QString &algorithm)
{
    if (algorithm == QLatin1String("hmac-sha256"))
        return EVP_sha256();
    if (algorithm == QLatin1String("hmac-sha384"))
        return EVP_sha384();
    if (algorithm == QLatin1String("hmac-sha512"))
        return EVP_sha512();
    return nullptr;
}

void putU48(QByteArray &out, quint64 v)
{
    putU16(out, quint16(v >> 32));
    putU32(out, quint32(v & 0xffffffffu));
}

// The TSIG variables of RFC 8945 4.3.3, appended to the MAC input.
Result<QByteArray> variables(const TsigKey &key, quint64 timeSigned, quint16 fudge, quint16 error,
                             const QByteArray &other)
{
    Result<QByteArray> keyName = canonicalName(key.name);
    if (!keyName)
        return keyName.error();
    Result<QByteArray> algorithm = canonicalName(key.algorithm);
    if (!algorithm)
        return algorithm.error();
    QByteArray out = *keyName;
    putU16(out, ClassAny);
    putU32(out, 0);
    out.append(*algorithm);
    putU48(out, timeSigned);
    putU16(out, fudge);
    putU16(out, error);
    putU16(out, quint16(other.size()));
    out.append(other);
    return out;
}

struct TsigRdata
{
    QString algorithm;
    quint64 timeSigned = 0;
    quint16 fudge = 0;
    QByteArray mac;
    quint16 originalId = 0;
    quint16 error = 0;
    QByteArray other;
};

Result<TsigRdata> parseRdata(const QByteArray &wholeMessage, const ResourceRecord &rr)
{
    // The algorithm name is never compressed (RFC 8945 4.2): read it plainly.
    const QByteArray &d = rr.rdata;
    TsigRdata t;
    qsizetype at = 0;
    QStringList labels;
    for (;;) {
        if (at >= d.size())
            return Error(Error::Kind::Remote, Tsig::tr("malformed TSIG record"));
        const int len = quint8(d.at(at));
        if (len == 0) {
            ++at;
            break;
        }
        if (len > 63 || at + 1 + len > d.size())
            return Error(Error::Kind::Remote, Tsig::tr("malformed TSIG algorithm name"));
        labels.append(QString::fromLatin1(d.mid(at + 1, len)).toLower());
        at += 1 + len;
    }
    t.algorithm = labels.join(QLatin1Char('.'));
    if (at + 10 > d.size())
        return Error(Error::Kind::Remote, Tsig::tr("malformed TSIG record"));
    t.timeSigned =
        (quint64(getU16(d, at)) << 32) | (quint64(getU16(d, at + 2)) << 16) | getU16(d, at + 4);
    t.fudge = getU16(d, at + 6);
    const quint16 macSize = getU16(d, at + 8);
    at += 10;
    if (at + macSize + 6 > d.size())
        return Error(Error::Kind::Remote, Tsig::tr("malformed TSIG record"));
    t.mac = d.mid(at, macSize);
    at += macSize;
    t.originalId = getU16(d, at);
    t.error = getU16(d, at + 2);
    const quint16 otherLen = getU16(d, at + 4);
    at += 6;
    if (at + otherLen != d.size())
        return Error(Error::Kind::Remote, Tsig::tr("malformed TSIG record"));
    t.other = d.mid(at, otherLen);
    Q_UNUSED(wholeMessage);
    return t;
}

} // namespace

Status Tsig::checkKey(const TsigKey &key)
{
    if (!digestFor(key.algorithm)) {
        return Error(
            Error::Kind::InvalidInput,
            tr("TSIG algorithm %1 is not supported (hmac-sha256, hmac-sha384, hmac-sha512)")
                .arg(quoteForMessage(key.algorithm)));
    }
    if (key.secret.size() < 16)
        return Error(Error::Kind::InvalidInput,
                     tr("the TSIG secret of %1 is shorter than 16 bytes").arg(key.name));
    if (Result<QByteArray> n = canonicalName(key.name); !n)
        return n.error();
    return {};
}

Result<QByteArray> Tsig::hmac(const QString &algorithm, const QByteArray &secret,
                              const QByteArray &data)
{
    const EVP_MD *md = digestFor(algorithm);
    if (!md)
        return Error(Error::Kind::InvalidInput,
                     tr("unsupported TSIG algorithm %1").arg(quoteForMessage(algorithm)));
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int outLen = 0;
    if (!HMAC(md, secret.constData(), int(secret.size()),
              reinterpret_cast<const unsigned char *>(data.constData()), size_t(data.size()), out,
              &outLen)) {
        return Error(Error::Kind::Crypto, tr("computing the TSIG HMAC failed"));
    }
    return QByteArray(reinterpret_cast<const char *>(out), int(outLen));
}

Result<Tsig::Signed> Tsig::sign(const QByteArray &message, const TsigKey &key, quint64 timeSigned,
                                quint16 fudge, const QByteArray &requestMac)
{
    if (Status s = checkKey(key); !s)
        return s.error();
    if (message.size() < 12)
        return Error(Error::Kind::Internal, tr("cannot sign a message without a header"));
    Result<QByteArray> vars = variables(key, timeSigned, fudge, 0, {});
    if (!vars)
        return vars.error();
    QByteArray data;
    if (!requestMac.isEmpty()) {
        putU16(data, quint16(requestMac.size()));
        data.append(requestMac);
    }
    Result<QByteArray> mac = hmac(key.algorithm, key.secret, data + message + *vars);
    if (!mac)
        return mac.error();

    QByteArray rdata = *canonicalName(key.algorithm);
    putU48(rdata, timeSigned);
    putU16(rdata, fudge);
    putU16(rdata, quint16(mac->size()));
    rdata.append(*mac);
    rdata.append(message.left(2)); // original id
    putU16(rdata, 0);              // error
    putU16(rdata, 0);              // other len

    Signed out;
    out.message = message;
    out.message.append(*canonicalName(key.name));
    putU16(out.message, TypeTsig);
    putU16(out.message, ClassAny);
    putU32(out.message, 0);
    putU16(out.message, quint16(rdata.size()));
    out.message.append(rdata);
    const quint16 arcount = getU16(message, 10) + 1;
    out.message[10] = char(arcount >> 8);
    out.message[11] = char(arcount & 0xff);
    out.mac = *mac;
    return out;
}

Status Tsig::verify(const QByteArray &message, const TsigKey &key, const QByteArray &requestMac,
                    quint64 now, bool checkTime)
{
    Result<Message> parsed = parse(message);
    if (!parsed)
        return parsed.error();
    if (parsed->additional.isEmpty() || parsed->additional.last().type != TypeTsig) {
        return Error(
            Error::Kind::Remote,
            tr("the DNS server's reply is not signed (%1)").arg(rcodeName(parsed->rcode())));
    }
    const ResourceRecord &rr = parsed->additional.last();
    Result<TsigRdata> t = parseRdata(message, rr);
    if (!t)
        return t.error();
    // The server refuses our key, signature or clock. Such a reply carries
    // no MAC this key can verify (BADKEY, BADSIG), so anyone on the path can
    // forge it, and BADTIME passes once the clock is fixed: retryable
    // (Remote), never a refusal that pauses the zone.
    if (t->error != 0) {
        QString hint;
        if (t->error == BadSig)
            hint = tr(": the TSIG secret is wrong");
        else if (t->error == BadKey)
            hint = tr(": the server does not know this key name and algorithm");
        else if (t->error == BadTime)
            hint = tr(": this machine's clock and the server's differ by more than %1 s")
                       .arg(t->fudge);
        return Error(Error::Kind::Remote,
                     tr("the DNS server rejected the TSIG signature of key %1: %2 (%3)%4")
                         .arg(key.name, rcodeName(t->error), rcodeName(parsed->rcode()), hint));
    }
    Result<QByteArray> wantName = canonicalName(key.name);
    if (!wantName)
        return wantName.error();
    QString keyName = key.name.toLower();
    if (keyName.endsWith(QLatin1Char('.')))
        keyName.chop(1);
    if (rr.name != keyName || t->algorithm != key.algorithm) {
        return Error(Error::Kind::Remote,
                     tr("the DNS reply is signed with key %1 (%2), expected %3 (%4)")
                         .arg(quoteForMessage(rr.name), quoteForMessage(t->algorithm), keyName,
                              key.algorithm));
    }
    QByteArray data;
    if (!requestMac.isEmpty()) {
        putU16(data, quint16(requestMac.size()));
        data.append(requestMac);
    }
    QByteArray unsignedPart = message.left(rr.offset);
    const quint16 arcount = getU16(unsignedPart, 10) - 1;
    unsignedPart[0] = char(t->originalId >> 8);
    unsignedPart[1] = char(t->originalId & 0xff);
    unsignedPart[10] = char(arcount >> 8);
    unsignedPart[11] = char(arcount & 0xff);
    data.append(unsignedPart);
    Result<QByteArray> vars = variables(key, t->timeSigned, t->fudge, t->error, t->other);
    if (!vars)
        return vars.error();
    data.append(*vars);
    Result<QByteArray> mac = hmac(key.algorithm, key.secret, data);
    if (!mac)
        return mac.error();
    if (mac->size() != t->mac.size() ||
        CRYPTO_memcmp(mac->constData(), t->mac.constData(), size_t(mac->size())) != 0)
        return Error(
            Error::Kind::Remote,
            tr("the TSIG signature of the DNS reply does not verify (key %1)").arg(key.name));
    if (checkTime) {
        const quint64 diff = now > t->timeSigned ? now - t->timeSigned : t->timeSigned - now;
        if (diff > t->fudge) {
            return Error(
                Error::Kind::Remote,
                tr("the DNS reply was signed %1 s away from this machine's clock (fudge %2 s)")
                    .arg(diff)
                    .arg(t->fudge));
        }
    }
    return {};
}

} // namespace kokoa
