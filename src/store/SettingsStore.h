#pragma once

#include "core/Settings.h"
#include "store/Database.h"

namespace kokoa {

class EventLog;

// The user's settings as stored rows: read, and changed one key at a time
// after Validator::setting and the rules between settings agreed.
class SettingsStore final
{
    Q_DECLARE_TR_FUNCTIONS(SettingsStore)
    Q_DISABLE_COPY_MOVE(SettingsStore)

public:
    SettingsStore(Database &db, EventLog &events)
        : m_db(db)
        , m_events(events)
    {}

    // Retired keys an older version stored are left out.
    Result<Settings> settings();
    Status set(const QString &key, const QString &value);

    // Every explicit value in canonical form, checked one by one and against
    // each other; retired keys are dropped (an older export still imports).
    static Result<Settings> canonical(const Settings &settings);
    // Replaces every stored value; runs inside the caller's transaction.
    Status replaceAllRows(const Settings &canonicalSettings);

private:
    Status insert(const QString &key, const QString &value);
    Status checkRangeChange(const QString &range);

    Database &m_db;
    EventLog &m_events;
};

} // namespace kokoa
