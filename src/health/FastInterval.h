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
    // A probe with no sign of life from its edge this long after it
    // started (no SYN-ACK, or what it sent not acknowledged) starts the
    // edge's re-probes and the cross-check without waiting for its own
    // timeout: longer than a round trip to any edge, shorter than the 1 s
    // after which Linux sends a lost SYN again. A slow origin behind a
    // live edge is not silence: the edge's kernel acknowledges the request.
    static constexpr int kSilentAfterMs = 500;
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
