#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace kokoa {

struct TsigKey
{
    QString name;      // e.g. "kokoa-key" (no trailing dot needed)
    QString algorithm; // hmac-sha256 (required), hmac-sha384, hmac-sha512
    QByteArray secret; // raw key bytes (the base64 text decoded)
};

// Transaction signatures, RFC 8945: signs a request by appending a TSIG
// record, and verifies the TSIG of a reply (or of a request, for tests).
class Tsig final
{
    Q_DECLARE_TR_FUNCTIONS(Tsig)

public:
    static constexpr quint16 defaultFudge = 300;

    struct Signed
    {
        QByteArray message; // with the TSIG record appended, ARCOUNT + 1
        QByteArray mac;     // needed to verify the reply
    };

    static Status checkKey(const TsigKey &key);
    static Result<QByteArray> hmac(const QString &algorithm, const QByteArray &secret,
                                   const QByteArray &data);
    // requestMac: empty for a request; for a reply (a test server), the MAC
    // of the request it answers, which the reply's MAC covers.
    static Result<Signed> sign(const QByteArray &message, const TsigKey &key, quint64 timeSigned,
                               quint16 fudge = defaultFudge, const QByteArray &requestMac = {});
    // requestMac: the MAC of the request this message answers; empty when
    // verifying a request. now: seconds since the epoch; checked against the
    // signature's time and fudge unless checkTime is false. A reply carrying a
    // TSIG error (BADSIG, BADKEY, BADTIME) fails with that error named.
    static Status verify(const QByteArray &message, const TsigKey &key,
                         const QByteArray &requestMac, quint64 now, bool checkTime = true);
};

} // namespace kokoa
