#pragma once

#include "store/BurnRecord.h"
#include "store/Database.h"

#include <optional>

namespace kokoa {

// Burns in progress and finished (table burns). At most one unfinished burn
// per edge name.
class BurnStore final
{
    Q_DECLARE_TR_FUNCTIONS(BurnStore)

public:
    explicit BurnStore(Database &db)
        : m_db(db)
    {}

    Status start(const BurnRecord &burn);
    Result<std::optional<BurnRecord>> unfinished(const QString &edge) const;
    // The unfinished burn whose replacement is `edge`, if any.
    Result<std::optional<BurnRecord>> replacing(const QString &edge) const;
    Result<QList<BurnRecord>> allUnfinished() const;
    // Burns the monitor started (edges.auto_replace) since then (ms since
    // the epoch), finished or not.
    Result<int> automaticSince(qint64 sinceMs) const;
    // What edges.max_replacements_per_day counts: automatic burns started in
    // the last 24 hours by the wall clock, as the burns record their start.
    Result<int> automaticLastDay() const;
    Status markDone(const QString &edge, const QString &step);
    // The provider's handle of the address an unfinished --keep-ip burn kept.
    Status setKeptAddress(const QString &edge, const QString &handle);
    Status finish(const QString &edge);

private:
    Database &m_db;
};

} // namespace kokoa
