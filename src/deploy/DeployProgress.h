#pragma once

#include <QString>

#include <functional>

namespace kokoa {

// One line of deployment progress: which host, which step, how it went.
// The CLI prints these; the GUI turns them into progress bars.
struct DeployProgress
{
    enum class State
    {
        Started,
        Unchanged,
        Changed,
        Failed,
        Skipped
    };

    QString host; // "edge tokyo-1"
    QString step; // "nginx config"
    State state = State::Started;
    QString detail;
};

// Called from worker threads; implementations must be thread-safe.
using ProgressSink = std::function<void(const DeployProgress &)>;

QString toString(DeployProgress::State state);

} // namespace kokoa
