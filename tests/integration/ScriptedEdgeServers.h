// Pieces shared by the tests that create and burn edges against a provider
// emulator, with every server played by a scripted host (FakeShell).
#pragma once

#include "../unit/ScriptedHosts.h"
#include "app/EdgeCreation.h"
#include "app/HostKeyRotation.h"
#include "app/ProviderService.h"
#include "cloud/CloudProvider.h"
#include "cloud/GeneratedHostKey.h"
#include "ssh/SshSession.h"

#include <functional>
#include <memory>

namespace kokoa {
class Store;
}

namespace kokoa::test {

// What SshSession does with the key a server presents: a link when it is the
// pinned one (or the caller's question accepts it), else the host-key error.
Result<std::unique_ptr<RemoteShell>> connectPresenting(const SshSession::Options &options,
                                                       FakeShell &host, const QString &presented);

// The host key a cloud-config carries, as the server would present it.
QString givenFingerprint(const QByteArray &userData);

// The host-key rotation as an edge runs it: staging prints the public half of
// made (read when asked), installing calls installed so sshd presents it.
void scriptHostKeyRotation(FakeShell &host, const GeneratedHostKey &made,
                           std::function<void()> installed);

// Hetzner through the emulator at the record's api_base with short retries and
// polling; other kinds as the application opens them.
app::ProviderService::Opener fastHetznerOpener(int attempts);

// Boot, SSH and tunnel waits short enough for a scripted host.
app::EdgeCreation::Timing fastCreationTiming();

// Registers the Hetzner provider "hz" (fsn1, cx22) served at apiBase.
Status addHetznerProvider(Store &store, const QString &dataDir, const QString &apiBase,
                          const QByteArray &token, const QString &image);

// A provider that passes every call to another one; tests derive from it
// and change the one call their fault is about.
class ForwardingProvider : public CloudProvider
{
public:
    explicit ForwardingProvider(std::unique_ptr<CloudProvider> inner)
        : m_inner(std::move(inner))
    {}
    QString kind() const override { return m_inner->kind(); }
    Status checkCredentials() override { return m_inner->checkCredentials(); }
    Result<CloudServer> create(const ServerSpec &spec) override { return m_inner->create(spec); }
    Result<std::optional<CloudServer>> server(const QString &id) override
    {
        return m_inner->server(id);
    }
    Status destroy(const QString &id) override { return m_inner->destroy(id); }
    Result<QList<CloudServer>> owned() override { return m_inner->owned(); }
    bool canKeepAddress() const override { return m_inner->canKeepAddress(); }
    Status checkKeepable(const QString &id, const QString &address) override
    {
        return m_inner->checkKeepable(id, address);
    }
    Result<QString> keepAddress(const QString &id, const QString &address) override
    {
        return m_inner->keepAddress(id, address);
    }
    Result<QString> attachAddress(const CloudServer &running, const QString &kept) override
    {
        return m_inner->attachAddress(running, kept);
    }
    Status releaseKeptAddress(const QString &handle) override
    {
        return m_inner->releaseKeptAddress(handle);
    }

private:
    std::unique_ptr<CloudProvider> m_inner;
};

} // namespace kokoa::test
