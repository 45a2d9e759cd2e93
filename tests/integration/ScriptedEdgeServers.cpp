#include "ScriptedEdgeServers.h"

#include "cloud/HetznerProvider.h"
#include "cloud/ProviderFactory.h"
#include "ssh/HostKeyCheck.h"
#include "store/Store.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace kokoa::test {

Result<std::unique_ptr<RemoteShell>> connectPresenting(const SshSession::Options &o,
                                                       FakeShell &host, const QString &presented)
{
    if (o.hostKey.pinned != presented) {
        const HostKeyQuestion q{o.hostKey.hostLabel, o.target.toString(), presented,
                                o.hostKey.pinned};
        if (!o.hostKey.decide || o.hostKey.decide(q) != HostKeyDecision::Accept)
            return Error(Error::Kind::HostKey, u"the host key changed"_s,
                         QString::fromLatin1(hostKeyField::changed), presented);
    }
    return std::unique_ptr<RemoteShell>(std::make_unique<FakeShellLink>(host));
}

QString givenFingerprint(const QByteArray &userData)
{
    static const QRegularExpression rx(u"ed25519_public: \"([^\"]+)\""_s);
    return GeneratedHostKey::fingerprintOf(rx.match(QString::fromUtf8(userData)).captured(1));
}

void scriptHostKeyRotation(FakeShell &host, const GeneratedHostKey &made,
                           std::function<void()> installed)
{
    host.addHandler([&made, installed = std::move(installed)](
                        const QStringList &argv, const QByteArray &) -> std::optional<ExecResult> {
        if (argv.value(0) != u"sh"_s || argv.size() < 4)
            return std::nullopt;
        if (argv.at(3) == u"kokoa-stage-host-key"_s) {
            if (argv.value(4) != QLatin1String(app::HostKeyRotation::stagedKey))
                return ExecResult{2, {}, "unexpected staging path"};
            return ExecResult{0, made.publicKeyLine.toLatin1() + '\n', {}};
        }
        if (argv.at(3) == u"kokoa-install-host-key"_s) {
            installed();
            return ExecResult{0, {}, {}};
        }
        return std::nullopt;
    });
}

app::ProviderService::Opener fastHetznerOpener(int attempts)
{
    return [attempts](const ProviderRecord &p, const QByteArray &t,
                      const QString &owner) -> Result<std::unique_ptr<CloudProvider>> {
        if (p.kind != u"hetzner"_s)
            return ProviderFactory::make(p, t, owner);
        RetryPolicy retry;
        retry.maxAttempts = attempts;
        retry.initialBackoffMs = 5;
        return std::unique_ptr<CloudProvider>(std::make_unique<HetznerProvider>(
            p.settings.value(u"api_base"_s).toString(), t, owner, retry, ActionPolling{2'000, 10}));
    };
}

app::EdgeCreation::Timing fastCreationTiming()
{
    app::EdgeCreation::Timing timing;
    timing.boot = {3'000, 10};
    timing.sshTimeoutMs = 3'000;
    timing.sshRetryMs = 10;
    timing.tunnelCheckTimeoutMs = 5'000;
    return timing;
}

Status addHetznerProvider(Store &store, const QString &dataDir, const QString &apiBase,
                          const QByteArray &token, const QString &image)
{
    app::ProviderService::Description d;
    d.name = u"hz"_s;
    d.kind = u"hetzner"_s;
    d.apiBase = apiBase;
    d.location = u"fsn1"_s;
    d.serverType = u"cx22"_s;
    d.image = image;
    const Result<ProviderRecord> record = app::ProviderService::recordFrom(d);
    if (!record.ok())
        return record.error();
    return app::ProviderService(store, dataDir).add(*record, token, false);
}

} // namespace kokoa::test
