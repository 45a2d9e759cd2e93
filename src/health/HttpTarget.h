#pragma once

#include <QHostAddress>
#include <QString>

namespace kokoa {

// One hostname on one edge, as the monitor probes it: GET <path> with the
// hostname as Host (and as TLS SNI) to the edge's address.
struct HttpTarget
{
    QHostAddress address; // the edge, an IP literal (v4 or v6)
    quint16 port = 443;
    bool tls = true;
    QString hostname;                   // Host header and SNI
    QString path = QStringLiteral("/"); // health path
};

} // namespace kokoa
