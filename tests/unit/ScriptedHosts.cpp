#include "ScriptedHosts.h"

#include "deploy/HostDeployment.h"
#include "render/WireGuardRenderer.h"
#include "store/Store.h"

using namespace Qt::StringLiterals;

namespace kokoa::test {

FakeShellLink::FakeShellLink(FakeShell &host)
    : m_host(host)
{}

QString FakeShellLink::where() const
{
    return m_host.where();
}

Result<ExecResult> FakeShellLink::exec(const QStringList &argv, const QByteArray &in, int timeoutMs,
                                       const std::atomic_bool *cancel, bool asRoot,
                                       qsizetype maxOutputBytes)
{
    return m_host.exec(argv, in, timeoutMs, cancel, asRoot, maxOutputBytes);
}

Status FakeShellLink::upload(const QString &path, const QByteArray &content, int mode)
{
    return m_host.upload(path, content, mode);
}

Result<std::optional<QByteArray>> FakeShellLink::download(const QString &path)
{
    return m_host.download(path);
}

std::unique_ptr<FakeShell> scriptedOrigin()
{
    auto origin = std::make_unique<FakeShell>();
    origin->installPackages(HostDeployment::packagesFor(HostDeployment::Role::Origin));
    origin->setSystemd(true);
    // Another key than the edge's (every fake host would make the same).
    origin->makeDirectory(u"/etc/wireguard"_s);
    origin->writeFile(WireGuardRenderer::keyPath(),
                      QByteArray("a-different-key-for-the-origin!!").toBase64() + '\n', 0600);
    return origin;
}

std::unique_ptr<FakeShell> scriptedEdge()
{
    auto edge = std::make_unique<FakeShell>();
    edge->installPackages(HostDeployment::packagesFor(HostDeployment::Role::Edge));
    return edge;
}

QString scriptedHostKey()
{
    return u"SHA256:"_s + QString(43, u'A');
}

Status addPinnedOrigin(Store &store)
{
    Origin home;
    home.name = u"home"_s;
    home.ssh.host = u"192.168.1.10"_s;
    if (const Result<Origin> added = store.addOrigin(home); !added)
        return added.error();
    return store.setSshHostKey(Store::HostKind::Origin, home.name, scriptedHostKey());
}

Status addPinnedEdge(Store &store, const QString &name, const QString &ip)
{
    Edge e;
    e.name = name;
    e.ssh.host = ip;
    e.publicIpv4 = ip;
    if (const Result<Edge> added = store.addEdge(e); !added)
        return added.error();
    return store.setSshHostKey(Store::HostKind::Edge, name, scriptedHostKey());
}

} // namespace kokoa::test
