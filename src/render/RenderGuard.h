#pragma once

#include "core/Result.h"

#include <QString>

// Defence in depth for the renderers: every value is checked against a
// strict character set for its kind right before it is written into a
// configuration file, even though Validator has canonicalised it long before.
// A value that fails is never rendered: the renderer returns an Internal
// error ("refusing to render ...") instead of a file.
namespace kokoa::render {

enum class ValueKind
{
    Hostname,     // [a-z0-9.-], optionally one leading "*."
    Ipv4,         // [0-9.]
    IpAddress,    // [0-9a-f.:]
    Path,         // absolute, [A-Za-z0-9._/-]
    Name,         // origin and edge names: [a-z0-9-]
    WireGuardKey, // 44 characters of base64
    UnixUser,     // [a-z_][a-z0-9_-]*
};

Status checkValue(ValueKind kind, const QString &what, const QString &value);

// An integer that ends up in a file: refused outside [min, max].
Status checkNumber(const QString &what, qint64 value, qint64 min, qint64 max);

} // namespace kokoa::render
