#pragma once

// Scripted hosts for the wizard's deploy page: the deploy runs against
// FakeShell instead of installing packages on this machine.

#include "../unit/FakeShell.h"

#include <atomic>
#include <memory>

namespace kokoa::test {

// One deploy connection to a scripted host, which outlives it. With `hold`
// set, installing packages runs until the deploy is cancelled (bounded), as a
// long apt-get over SSH would.
class HostLink final : public RemoteShell
{
public:
    explicit HostLink(FakeShell &host, std::atomic_bool *hold = nullptr,
                      std::atomic_bool *holding = nullptr)
        : m_host(host)
        , m_hold(hold)
        , m_holding(holding)
    {}
    QString where() const override { return m_host.where(); }
    Result<ExecResult> exec(const QStringList &argv, const QByteArray &standardInput, int timeoutMs,
                            const std::atomic_bool *cancel, bool asRoot,
                            qsizetype maxOutputBytes) override
    {
        if (m_hold && *m_hold &&
            argv.mid(0, 3) == QStringList{QStringLiteral("env"),
                                          QStringLiteral("DEBIAN_FRONTEND=noninteractive"),
                                          QStringLiteral("apt-get")})
            return holdUntilCancelled(cancel);
        return m_host.exec(argv, standardInput, timeoutMs, cancel, asRoot, maxOutputBytes);
    }
    Status upload(const QString &path, const QByteArray &content, int mode) override
    {
        return m_host.upload(path, content, mode);
    }
    Result<std::optional<QByteArray>> download(const QString &path) override
    {
        return m_host.download(path);
    }

private:
    Result<ExecResult> holdUntilCancelled(const std::atomic_bool *cancel);

    FakeShell &m_host;
    std::atomic_bool *m_hold;
    std::atomic_bool *m_holding;
};

// A scripted Debian host, with what a deployment needs installed (or not:
// the deploy installs it), and a WireGuard key of its own (every fake host
// would otherwise make the same).
std::unique_ptr<FakeShell> fakeHost(bool origin, int n, bool packages = true);

} // namespace kokoa::test
