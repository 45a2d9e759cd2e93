#pragma once

// Socket-level helpers of ProbeEngine (private to src/health).

#include "health/HttpTarget.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>

#include <sys/socket.h>

namespace kokoa::probe_socket {

// The request a probe sends: GET <percent-encoded path> with the hostname
// (ACE) as Host, keep-alive.
QByteArray buildRequest(const HttpTarget &target);

// false when the address cannot be connected to (null, unknown protocol).
// IPv6 scope ids (numeric or interface names) are kept.
bool toSockaddr(const QHostAddress &address, quint16 port, sockaddr_storage *storage,
                socklen_t *length);

// An errno from connect/send/recv as ProbeResult::detail text, worded as
// probe_support::describeSocketError words Qt's socket errors.
QString errnoDetail(int error);

bool wouldBlock(int error);

} // namespace kokoa::probe_socket
