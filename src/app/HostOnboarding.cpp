#include "app/HostOnboarding.h"

#include "app/AppLogging.h"
#include "ssh/SshIdentity.h"
#include "ssh/SshSession.h"

namespace kokoa::app {

HostOnboarding::HostOnboarding(QString dataDir)
    : m_dataDir(std::move(dataDir))
{}

Result<HostOnboarding::Outcome> HostOnboarding::establish(const Request &request) const
{
    const Result<SshIdentity> kokoaKey = SshIdentity::loadOrCreate(m_dataDir);
    if (!kokoaKey)
        return kokoaKey.error();

    SshSession::Options first;
    first.target = request.target;
    first.hostKey.pinned = request.pinned;
    first.hostKey.decide = request.decideHostKey;
    first.hostKey.hostLabel = request.hostLabel;
    first.password = request.password;
    // A password alone logs in with it; with an identity, the identity first.
    if (!request.identityFile.isEmpty())
        first.identityFile = request.identityFile;
    else if (request.password.isEmpty())
        first.identityFile = kokoaKey->privateKeyFile();

    Outcome outcome;
    {
        // The host key is decided inside connect, after the key exchange and
        // before authentication: a refused key never sees a password.
        Result<std::unique_ptr<SshSession>> session = SshSession::connect(first);
        if (!session)
            return session.error();
        outcome.fingerprint = (*session)->hostKeyFingerprint();
        if (first.identityFile != kokoaKey->privateKeyFile()) {
            if (Status s = (*session)->installAuthorizedKey(kokoaKey->publicKeyLine()); !s)
                return s.error();
            outcome.keyInstalled = true;
        }
    }
    // From now on Kokoa logs in with its own key only: prove that works.
    SshSession::Options check;
    check.target = request.target;
    check.identityFile = kokoaKey->privateKeyFile();
    check.hostKey.pinned = outcome.fingerprint;
    if (Result<std::unique_ptr<SshSession>> again = SshSession::connect(check); !again)
        return again.error();
    qCInfo(lcApp) << "host" << request.target.toString() << "onboarded, key" << outcome.fingerprint;
    return outcome;
}

} // namespace kokoa::app
