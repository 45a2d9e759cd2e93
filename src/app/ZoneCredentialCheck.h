#pragma once

#include "core/Model.h"
#include "core/Result.h"

#include <QCoreApplication>

namespace kokoa::app {

// Asks a zone's DNS provider, before the zone is stored, whether its
// credentials work: the token is active and may read the zone's records, or
// the TSIG key signs a query and an update the server accepts. A wrong token
// or key is then found when the zone is added or its secret set, not at the
// first failover.
class ZoneCredentialCheck final
{
    Q_DECLARE_TR_FUNCTIONS(ZoneCredentialCheck)

public:
    // zone: validated, with its own secret reference; secret: its value, not
    // stored yet. Nothing is written anywhere whatever the outcome.
    // A failure's field() is `field`, its value() the zone's name.
    static Status run(const Zone &zone, const QByteArray &secret);

    static constexpr const char *field = "credentials";
};

} // namespace kokoa::app
