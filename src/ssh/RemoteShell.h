#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QStringList>

#include <atomic>
#include <optional>

namespace kokoa {

struct ExecResult
{
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;

    // What the command said about a failure (stderr, else stdout), made safe
    // for messages and the event log: another host's output must not carry
    // terminal control sequences to the user, and it is cut at 2,000 chars.
    QString diagnostics() const;
};

// What deployment needs from a host: run fixed commands, move whole files.
// SshSession is the real one; tests use a scripted stand-in.
class RemoteShell
{
public:
    static constexpr int defaultTimeoutMs = 120000;
    // What a command may send back (stdout and stderr together) before the
    // call stops reading and fails: a host streaming without end must not
    // grow the control plane until it runs out of memory.
    static constexpr qsizetype defaultMaxOutputBytes = 4 * 1024 * 1024;

    virtual ~RemoteShell() = default;

    // "user@host[:port]" for messages.
    virtual QString where() const = 0;
    // Runs argv (as root: prefixed with `sudo -n` for other users). More
    // than maxOutputBytes of output is an error, not a result.
    virtual Result<ExecResult> exec(const QStringList &argv, const QByteArray &standardInput = {},
                                    int timeoutMs = defaultTimeoutMs,
                                    const std::atomic_bool *cancel = nullptr, bool asRoot = true,
                                    qsizetype maxOutputBytes = defaultMaxOutputBytes) = 0;
    // Replaces remotePath atomically with content and mode.
    virtual Status upload(const QString &remotePath, const QByteArray &content, int mode) = 0;
    // The file's content, or nullopt when it does not exist.
    virtual Result<std::optional<QByteArray>> download(const QString &remotePath) = 0;

    // argv for messages: a `sh -c` script by its $0 name and arguments.
    static QString describe(const QStringList &argv);
    // Text another host chose (its output, its SSH server's words), made
    // safe for messages and the event log: control characters other than
    // newline and tab become U+FFFD, so none reaches a terminal.
    static QString printable(QString text);

    // exec, with a non-zero exit status turned into an Error quoting stderr.
    Result<ExecResult> run(const QStringList &argv, const QByteArray &standardInput = {},
                           int timeoutMs = defaultTimeoutMs,
                           const std::atomic_bool *cancel = nullptr);
};

} // namespace kokoa
