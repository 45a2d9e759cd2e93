#pragma once

#include "health/StubStatus.h"

#include <QMetaType>
#include <QString>

#include <optional>

namespace kokoa {

// An edge's load as `status` shows it: requests per second over the time
// between two readings of nginx's counters, and the client connections open
// at the last one. The monitor publishes it as a health row (HealthKey
// EdgeLoad); toDetail/fromDetail are that row's one text form.
struct EdgeLoad
{
    qint64 atMs = 0;               // when the last reading arrived
    double requestsPerSecond = -1; // < 0: not known yet (one reading so far, or a restart)
    qint64 connections = 0;        // open client connections, the reading's own left out
    QString error;                 // the last reading failed: why (the numbers are older)

    bool rateKnown() const { return requestsPerSecond >= 0; }

    // The load after `current`, given the previous reading (if any) and
    // when each arrived. The readings' own requests are left out, and
    // counters that went down (nginx restarted) give no rate.
    static EdgeLoad between(const std::optional<std::pair<StubStatus, qint64>> &previous,
                            const StubStatus &current, qint64 nowMs);

    QString toDetail() const;
    static std::optional<EdgeLoad> fromDetail(const QString &detail, qint64 atMs);
};

} // namespace kokoa

Q_DECLARE_METATYPE(kokoa::EdgeLoad)
