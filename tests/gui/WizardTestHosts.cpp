#include "WizardTestHosts.h"

#include "deploy/HostDeployment.h"
#include "render/WireGuardRenderer.h"

#include <QDeadlineTimer>
#include <QThread>

using namespace Qt::StringLiterals;

namespace kokoa::test {

namespace {
constexpr int holdLimitMs = 60000;
}

Result<ExecResult> HostLink::holdUntilCancelled(const std::atomic_bool *cancel)
{
    *m_holding = true;
    QDeadlineTimer deadline(holdLimitMs);
    while (!(cancel && cancel->load())) {
        if (deadline.hasExpired())
            return Error(Error::Kind::Timeout, u"the deploy was never cancelled"_s);
        QThread::yieldCurrentThread();
    }
    return Error(Error::Kind::Cancelled, u"%1: apt-get was cancelled"_s.arg(where()));
}

std::unique_ptr<FakeShell> fakeHost(bool origin, int n, bool packages)
{
    auto shell = std::make_unique<FakeShell>();
    if (packages) {
        shell->installPackages(HostDeployment::packagesFor(origin ? HostDeployment::Role::Origin
                                                                  : HostDeployment::Role::Edge));
    }
    shell->setSystemd(origin);
    shell->makeDirectory(u"/etc/wireguard"_s);
    shell->writeFile(WireGuardRenderer::keyPath(),
                     QByteArray("a-distinct-key-for-fake-host-" + QByteArray::number(n))
                             .leftJustified(32, '!')
                             .toBase64() +
                         '\n',
                     0600);
    return shell;
}

} // namespace kokoa::test
