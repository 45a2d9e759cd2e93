// Pieces shared by the tests that create and burn edges against a provider
// emulator, with every server played by a scripted host (FakeShell).
#pragma once

#include "../unit/ScriptedHosts.h"
#include "app/EdgeCreation.h"
#include "app/HostKeyRotation.h"
#include "app/ProviderService.h"
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

} // namespace kokoa::test
