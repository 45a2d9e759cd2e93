#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QStringList>

namespace kokoa {

class RemoteShell;

// One reading of nginx's stub_status page (the counters since nginx
// started), and how it is fetched on an edge: over SSH, from the edge
// itself to the status server on its tunnel address (NginxRenderer).
struct StubStatus
{
    Q_DECLARE_TR_FUNCTIONS(StubStatus)

public:
    qint64 active = 0; // open client connections, the reading's own included
    qint64 accepts = 0;
    qint64 handled = 0;
    qint64 requests = 0; // requests served, the reading's own included
    qint64 reading = 0;
    qint64 writing = 0;
    qint64 waiting = 0;

    // The page, or the whole HTTP/1.x response carrying it; anything else
    // (another status, a truncated page, a page of another module) is an
    // error saying what was wrong.
    static Result<StubStatus> parse(const QByteArray &response);
    // Fixed argv that prints the HTTP response of the status server at
    // `tunnelAddress`; the address travels as an argument, never as code.
    static QStringList fetchCommand(const QString &tunnelAddress);
    // Runs fetchCommand on `shell` within timeoutMs and parses the answer.
    static Result<StubStatus> fetch(RemoteShell &shell, const QString &tunnelAddress,
                                    int timeoutMs);
};

} // namespace kokoa
