#pragma once

#include <algorithm>

namespace kokoa {

// HAProxy's "fastinter": after a target's first failed probe it is probed
// again at a short interval until `fall` is reached or a probe succeeds, so
// a dead edge is found after about one interval plus (fall - 1) short
// intervals instead of `fall` intervals. Recovery keeps the normal interval
// (rise and hold-down are unchanged). Derived from the interval and timeout
// settings so no new knob is needed.
struct FastInterval
{
    // Linux retransmits an unanswered SYN after 1 s: a re-probe waits long
    // enough for one retransmission, so a single lost packet (random loss)
    // does not fail it, but no longer.
    static constexpr int kReprobeTimeoutMs = 1100;
    static constexpr int kMinGapMs = 100;
    static constexpr int kMaxGapMs = 500;

    // Time between the starts of two re-probes.
    static int gapMs(int intervalMs) { return std::clamp(intervalMs / 16, kMinGapMs, kMaxGapMs); }
    // An edge re-probe's timeout: never longer than a regular probe's.
    static int timeoutMs(int timeoutMs) { return std::min(timeoutMs, kReprobeTimeoutMs); }
    // A hostname re-probe waits for nginx's verdict on the way to the origin
    // (a 504 after its 5 s proxy_connect_timeout) and for TCP to retransmit
    // through packet loss: only the edge's own death must be found fast.
    static constexpr int kHostnameReprobeTimeoutMs = 6000;
    static int hostnameTimeoutMs(int timeoutMs)
    {
        return std::max(timeoutMs, kHostnameReprobeTimeoutMs);
    }
};

} // namespace kokoa
