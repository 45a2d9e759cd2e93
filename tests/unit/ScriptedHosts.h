// Scripted hosts (FakeShell) set up the way the deployment tests start from,
// and the store entries that point at them.
#pragma once

#include "FakeShell.h"

#include <memory>

namespace kokoa {
class Store;
}

namespace kokoa::test {

// One connection to a scripted host; the host outlives it.
class FakeShellLink final : public RemoteShell
{
public:
    explicit FakeShellLink(FakeShell &host);
    QString where() const override;
    Result<ExecResult> exec(const QStringList &argv, const QByteArray &in, int timeoutMs,
                            const std::atomic_bool *cancel, bool asRoot,
                            qsizetype maxOutputBytes) override;
    Status upload(const QString &path, const QByteArray &content, int mode) override;
    Result<std::optional<QByteArray>> download(const QString &path) override;

private:
    FakeShell &m_host;
};

// An origin host with its packages, systemd and a WireGuard key of its own.
std::unique_ptr<FakeShell> scriptedOrigin();
// An edge host with its packages.
std::unique_ptr<FakeShell> scriptedEdge();

// The host key pinned for the hosts added below.
QString scriptedHostKey();
// Origin home at 192.168.1.10 with a pinned host key.
Status addPinnedOrigin(Store &store);
// Edge name at ip (SSH and public IPv4) with a pinned host key.
Status addPinnedEdge(Store &store, const QString &name, const QString &ip);

} // namespace kokoa::test
