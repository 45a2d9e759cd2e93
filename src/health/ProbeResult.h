#pragma once

#include <QMetaType>
#include <QString>

namespace kokoa {

// What one probe of an edge (or of an edge for one hostname) found.
// Serving:      the edge answered HTTP with anything but 502/503/504
//               (404, 401, 301 … still mean the edge and the tunnel work), or
//               a TCP connect succeeded.
// OriginError:  the edge answered 502, 503 or 504: the edge is alive but the
//               tunnel or the origin behind it is not.
// Unreachable:  no HTTP answer (refused, reset, TLS handshake failure,
//               malformed response, timeout).
struct ProbeResult
{
    enum class Outcome
    {
        Serving,
        OriginError,
        Unreachable
    };

    Outcome outcome = Outcome::Unreachable;
    int httpStatus = 0;   // 0 when no status line was received
    qint64 latencyMs = 0; // from probe() to the result
    QString detail;       // for humans: "HTTP 200", "timeout after 1500 ms", …

    bool isServing() const { return outcome == Outcome::Serving; }

    // The outcome an HTTP status maps to.
    static Outcome outcomeForStatus(int status)
    {
        return (status == 502 || status == 503 || status == 504) ? Outcome::OriginError
                                                                 : Outcome::Serving;
    }
};

inline QString toString(ProbeResult::Outcome outcome)
{
    switch (outcome) {
    case ProbeResult::Outcome::Serving:
        return QStringLiteral("serving");
    case ProbeResult::Outcome::OriginError:
        return QStringLiteral("origin error");
    case ProbeResult::Outcome::Unreachable:
        return QStringLiteral("unreachable");
    }
    return {};
}

} // namespace kokoa

Q_DECLARE_METATYPE(kokoa::ProbeResult)
