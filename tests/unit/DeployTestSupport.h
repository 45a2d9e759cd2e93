#pragma once

// What the deployment unit tests share: the paths and keys they use, small
// builders of rendered files, a shell that times out on demand, and the
// fixture (a fresh FakeShell per test, the progress it reported).

#include "FakeShell.h"
#include "deploy/ConfigPush.h"
#include "deploy/HostDeployment.h"
#include "ssh/SshSession.h"

#include <QTest>

#include <memory>

namespace kokoa::test {

using namespace Qt::StringLiterals;

inline const QString nginxPath = u"/etc/nginx/nginx.conf"_s;
inline const QString nginxStaged = u"/etc/nginx/nginx.conf.kokoa-staged"_s;
inline const QString wgPath = u"/etc/wireguard/kokoa0.conf"_s;
inline const QString wgStaged = u"/etc/wireguard/kokoa-staging/kokoa0.conf"_s;
inline const QString nftPath = u"/etc/nftables.d/kokoa.nft"_s;
inline const QString unitPath = u"/etc/systemd/system/kokoa-firewall.service"_s;
inline const QString peerA = u"GQgISIL9Ve7bMPlazBJ+Jz3RUm2ubcNJT0lTFJhnGEY="_s;
inline const QString peerB = u"c48CZL0Szz9wDRJQa7tybGhvutamv739QWCPp32XQzI="_s;

// Whether `seq` occurs contiguously in `command` (wrappers such as
// `sh -c <script> name <command…>` count as running the command).
inline bool runs(const QStringList &command, const QStringList &seq)
{
    for (qsizetype i = 0; i + seq.size() <= command.size(); ++i) {
        if (command.mid(i, seq.size()) == seq)
            return true;
    }
    return false;
}

inline int countRuns(const FakeShell &host, const QStringList &seq)
{
    return int(std::count_if(host.commands().begin(), host.commands().end(),
                             [&](const QStringList &c) { return runs(c, seq); }));
}

inline int firstRun(const FakeShell &host, const QStringList &seq, int from = 0)
{
    for (int i = from; i < host.commands().size(); ++i) {
        if (runs(host.commands().at(i), seq))
            return i;
    }
    return -1;
}

// Any command whose arguments mention `text` (for scripts).
inline int countMentions(const FakeShell &host, const QString &text)
{
    return int(
        std::count_if(host.commands().begin(), host.commands().end(), [&](const QStringList &c) {
            return std::any_of(c.begin(), c.end(),
                               [&](const QString &a) { return a.contains(text); });
        }));
}

inline QString log(const FakeShell &host)
{
    QStringList lines;
    for (const QStringList &c : host.commands())
        lines.append(FakeShell::show(c));
    return lines.join(u'\n');
}

inline QByteArray nginxConf(const QByteArray &marker)
{
    return "# Rendered by Kokoa.\nevents {}\nhttp {\n    # " + marker + "\n}\n";
}

inline QByteArray wgConf(const QString &address, const QStringList &peers)
{
    QByteArray out = "# Rendered by Kokoa.\n[Interface]\nAddress = " + address.toUtf8() +
                     "\nListenPort = 51820\n";
    int n = 10;
    for (const QString &peer : peers) {
        out += "\n[Peer]\nPublicKey = " + peer.toUtf8() + "\nAllowedIPs = 10.100.0." +
               QByteArray::number(n++) + "/32\n";
    }
    return out;
}

inline QByteArray nftRules(const QByteArray &marker)
{
    return "#!/usr/sbin/nft -f\n# " + marker +
           "\ntable inet kokoa\ndelete table inet kokoa\n"
           "table inet kokoa {\n}\n";
}

inline RenderedHost edgeFiles(const QByteArray &nginx, const QByteArray &wg, const QByteArray &nft)
{
    RenderedHost host;
    // Deliberately not in apply order.
    host.files = {RenderedFile{nginxPath, nginx, 0644}, RenderedFile{wgPath, wg, 0600},
                  RenderedFile{nftPath, nft, 0644}};
    return host;
}

inline RenderedHost defaultEdge()
{
    return edgeFiles(nginxConf("v1"), wgConf(u"10.100.1.1/24"_s, {peerA}), nftRules("v1"));
}

inline QByteArray withKey(const QByteArray &rendered, const QByteArray &key)
{
    QByteArray out = rendered;
    out.replace("[Interface]\n", QByteArray("[Interface]\nPrivateKey = " + key + '\n'));
    return out;
}

// The fake host, except that commands starting with `prefix` time out.
class TimeoutShell final : public RemoteShell
{
public:
    TimeoutShell(FakeShell &host, QStringList prefix)
        : m_host(host)
        , m_prefix(std::move(prefix))
    {}
    QString where() const override { return m_host.where(); }
    Result<ExecResult> exec(const QStringList &argv, const QByteArray &standardInput, int timeoutMs,
                            const std::atomic_bool *cancel, bool asRoot,
                            qsizetype maxOutputBytes) override
    {
        if (argv.mid(0, m_prefix.size()) == m_prefix)
            return Error(Error::Kind::Timeout,
                         u"%1: %2 did not finish within 120 s"_s.arg(where(), argv.first()));
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
    FakeShell &m_host;
    QStringList m_prefix;
};

class DeployBench
{
protected:
    std::unique_ptr<FakeShell> m_host;
    QList<DeployProgress> m_progress;

    void resetHost()
    {
        m_host = std::make_unique<FakeShell>();
        m_progress.clear();
    }

    // After every test: nothing unknown was run, and everything run would
    // have passed the real SSH layer.
    void checkHostLog() const
    {
        QVERIFY2(m_host->unexpected().isEmpty(),
                 qPrintable(u"commands the fake host does not know:\n"_s +
                            m_host->unexpected().join(u'\n')));
        for (const QStringList &c : m_host->commands()) {
            if (c.first() == u"<download>"_s)
                continue;
            const Result<QString> line = SshSession::commandLine(c);
            QVERIFY2(line.ok(), qPrintable(FakeShell::show(c)));
        }
    }

    HostDeployment deployment(bool dryRun = false,
                              HostDeployment::Role role = HostDeployment::Role::Edge)
    {
        return HostDeployment(
            role, u"edge test-1"_s, *m_host,
            [this](const DeployProgress &p) { m_progress.append(p); }, nullptr, dryRun);
    }

    // A host with every package, prepared for real (key made).
    Result<PreparedHost> readyEdge(bool systemd)
    {
        m_host->setSystemd(systemd);
        m_host->installPackages(HostDeployment::packagesFor(HostDeployment::Role::Edge));
        return deployment().prepare();
    }

    std::optional<DeployProgress> lastProgress(const QString &step) const
    {
        for (auto it = m_progress.crbegin(); it != m_progress.crend(); ++it) {
            if (it->step == step && it->state != DeployProgress::State::Started)
                return *it;
        }
        return std::nullopt;
    }

    QString stateOf(const QString &step) const
    {
        const std::optional<DeployProgress> p = lastProgress(step);
        return p ? toString(p->state) : u"(no report for %1)"_s.arg(step);
    }

    ManagedFile nginxManaged(const QByteArray &content, int mode = 0644) const
    {
        ManagedFile m;
        m.file = RenderedFile{nginxPath, content, mode};
        m.validate = {u"nginx"_s, u"-t"_s, u"-q"_s, u"-c"_s, u"{staged}"_s};
        m.what = u"nginx configuration"_s;
        return m;
    }
};

} // namespace kokoa::test
