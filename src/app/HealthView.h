#pragma once

#include "app/StatusReport.h"
#include "core/Clock.h"
#include "core/Result.h"
#include "core/Settings.h"

namespace kokoa {

class Store;

// The read side of monitoring, shared by every shell: turns what the
// monitors published in the database (health rows under their HealthKey,
// heartbeats, the DNS lease) into a StatusReport. Reads only; any process
// may call it while a monitor runs elsewhere.
class HealthView final
{
public:
    explicit HealthView(Store &store, const Clock &clock = Clock::system())
        : m_store(store)
        , m_clock(clock)
    {}

    Result<StatusReport> report();

private:
    void addReplacement(StatusReport &report, const Settings &settings);

    Store &m_store;
    const Clock &m_clock;
};

} // namespace kokoa
