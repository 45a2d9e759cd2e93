#pragma once

#include <QString>

namespace kokoa {

// Where Kokoa reaches a host over SSH. Only ever built by Validator.
struct SshTarget
{
    QString user = QStringLiteral("root");
    QString host; // hostname (ACE) or IP address, never bracketed
    quint16 port = 22;

    // user@host[:port], with brackets around IPv6 addresses.
    QString toString() const;
    bool operator==(const SshTarget &) const = default;
};

} // namespace kokoa
