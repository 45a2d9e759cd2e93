// Deployment logic against a scripted host (FakeShell): what is run, in which
// order, what is installed and what happens when a step fails. The scripts
// themselves run for real in tests/e2e; here every command the fake does not
// know fails the test.

#include "DeployTestSupport.h"
#include "deploy/ConfigPush.h"
#include "deploy/HostDeployment.h"
#include "deploy/ServiceControl.h"
#include "render/NftablesRenderer.h"
#include "render/NginxRenderer.h"
#include "render/WireGuardRenderer.h"
#include "ssh/SshSession.h"

#include <QTest>

#include <memory>

using namespace kokoa;
using namespace kokoa::test;
using namespace Qt::StringLiterals;

namespace {

// Commands that change what a host runs.
const QList<QStringList> activations = {{u"nginx"_s, u"-s"_s, u"reload"_s},
                                        {u"systemctl"_s, u"reload"_s},
                                        {u"systemctl"_s, u"restart"_s},
                                        {u"systemctl"_s, u"enable"_s},
                                        {u"nft"_s, u"-f"_s},
                                        {u"wg-quick"_s, u"up"_s},
                                        {u"wg-quick"_s, u"down"_s},
                                        {u"mv"_s},
                                        {u"cp"_s},
                                        {u"rm"_s},
                                        {u"nginx"_s, u"-t"_s},
                                        {u"systemctl"_s, u"daemon-reload"_s}};

} // namespace

class TestDeploy final : public QObject, private DeployBench
{
    Q_OBJECT

private slots:
    void init() { resetHost(); }
    void cleanup() { checkHostLog(); }

    // ---- 1. ConfigPush ----

    void configPush_rejectedConfigIsNeverInstalled()
    {
        m_host->installPackages({u"nginx"_s});
        m_host->writeFile(nginxPath, nginxConf("old"));
        m_host->answer({u"nginx"_s, u"-t"_s}, 1, "nginx: [emerg] unknown directive \"bogus\"\n");
        int activated = 0;
        const Status s =
            ConfigPush::install(*m_host, nginxManaged(nginxConf("bogus")), nginxConf("old"), [&] {
                ++activated;
                return Status();
            });
        QVERIFY(!s);
        QVERIFY2(s.error().message().contains(u"was rejected by nginx"_s),
                 qPrintable(s.error().message()));
        QVERIFY(s.error().message().contains(u"keeps serving"_s));
        QVERIFY(s.error().message().contains(u"unknown directive"_s));
        QCOMPARE(m_host->file(nginxPath)->content, nginxConf("old"));
        QVERIFY(!m_host->exists(nginxStaged));
        QVERIFY(!m_host->exists(nginxPath + u".kokoa-prev"_s));
        QCOMPARE(activated, 0);
        QCOMPARE(countRuns(*m_host, {u"nginx"_s, u"-t"_s, u"-q"_s, u"-c"_s, nginxStaged}), 1);
    }

    void configPush_activationFailureRestoresPrevious()
    {
        m_host->installPackages({u"nginx"_s});
        m_host->writeFile(nginxPath, nginxConf("old"));
        // A stale backup of an older run must not be what comes back.
        m_host->writeFile(nginxPath + u".kokoa-prev"_s, nginxConf("ancient"));
        QList<QByteArray> activatedWith;
        const Status s =
            ConfigPush::install(*m_host, nginxManaged(nginxConf("new")), nginxConf("old"), [&] {
                activatedWith.append(m_host->file(nginxPath)->content);
                return activatedWith.size() == 1
                           ? Status(Error(Error::Kind::Remote, u"reload refused"_s))
                           : Status();
            });
        QVERIFY(!s);
        QVERIFY2(s.error().message().contains(u"reload refused"_s),
                 qPrintable(s.error().message()));
        QVERIFY(s.error().message().contains(u"the previous one was restored"_s));
        QCOMPARE(activatedWith, (QList<QByteArray>{nginxConf("new"), nginxConf("old")}));
        QCOMPARE(m_host->file(nginxPath)->content, nginxConf("old"));
        QVERIFY(!m_host->exists(nginxStaged));
    }

    void configPush_failedRestoreIsReported()
    {
        m_host->installPackages({u"nginx"_s});
        m_host->writeFile(nginxPath, nginxConf("old"));
        int activated = 0;
        const Status s =
            ConfigPush::install(*m_host, nginxManaged(nginxConf("new")), nginxConf("old"), [&] {
                ++activated;
                return Status(Error(Error::Kind::Remote, u"nginx is gone"_s));
            });
        QVERIFY(!s);
        QCOMPARE(activated, 2);
        QVERIFY2(s.error().message().contains(u"restoring the previous one failed too"_s),
                 qPrintable(s.error().message()));
        QCOMPARE(m_host->file(nginxPath)->content, nginxConf("old"));
    }

    void configPush_firstInstallFailureRemovesNewFile()
    {
        m_host->installPackages({u"nginx"_s});
        int activated = 0;
        const Status s =
            ConfigPush::install(*m_host, nginxManaged(nginxConf("new")), std::nullopt, [&] {
                ++activated;
                return Status(Error(Error::Kind::Remote, u"start failed"_s));
            });
        QVERIFY(!s);
        QCOMPARE(activated, 1); // nothing to go back to
        QVERIFY(!m_host->exists(nginxPath));
        QVERIFY(!m_host->exists(nginxStaged));
        QVERIFY(!m_host->exists(nginxPath + u".kokoa-prev"_s));
        QVERIFY2(s.error().message().contains(u"removed"_s), qPrintable(s.error().message()));
    }

    // After success the target holds the new file with its mode, nothing is
    // staged, and <target>.kokoa-prev holds the file it replaced (kept on
    // purpose: the last good configuration, for a human to go back to).
    void configPush_successKeepsModeAndPrevious()
    {
        m_host->installPackages({u"nginx"_s});
        m_host->writeFile(nginxPath, nginxConf("old"), 0644);
        m_host->writeFile(nginxPath + u".kokoa-prev"_s, nginxConf("ancient"));
        int activated = 0;
        const Status s = ConfigPush::install(*m_host, nginxManaged(nginxConf("new"), 0640),
                                             nginxConf("old"), [&] {
                                                 ++activated;
                                                 return Status();
                                             });
        QVERIFY2(s, s ? "" : qPrintable(s.error().message()));
        QCOMPARE(activated, 1);
        QCOMPARE(m_host->file(nginxPath)->content, nginxConf("new"));
        QCOMPARE(m_host->file(nginxPath)->mode, 0640);
        QVERIFY(!m_host->exists(nginxStaged));
        QCOMPARE(m_host->file(nginxPath + u".kokoa-prev"_s)->content, nginxConf("old"));
    }

    void configPush_transformRunsBeforeValidateAndReferenceAfterSuccess()
    {
        const QString target = u"/etc/kokoa/app.conf"_s;
        const QString reference = u"/etc/kokoa/app.conf.kokoa"_s;
        QList<QByteArray> checked;
        m_host->addHandler(
            [&](const QStringList &c, const QByteArray &) -> std::optional<ExecResult> {
                if (c.size() == 2 && c.first() == u"test-transform"_s) {
                    FakeShell::File f = *m_host->file(c.at(1));
                    f.content += "host-only line\n";
                    m_host->writeFile(c.at(1), f.content, f.mode);
                    return exitWith(0);
                }
                if (c.size() == 2 && c.first() == u"test-check"_s) {
                    checked.append(m_host->file(c.at(1))->content);
                    return exitWith(checked.last().contains("reject me") ? 1 : 0, "rejected\n");
                }
                return std::nullopt;
            });
        ManagedFile m;
        m.file = RenderedFile{target, "rendered\n", 0600};
        m.transform = {u"test-transform"_s, u"{staged}"_s};
        m.validate = {u"test-check"_s, u"{staged}"_s};
        m.what = u"app configuration"_s;
        m.referencePath = reference;

        // Activation fails: no reference copy.
        Status s = ConfigPush::install(*m_host, m, std::nullopt,
                                       [] { return Status(Error(Error::Kind::Remote, u"no"_s)); });
        QVERIFY(!s);
        QVERIFY(!m_host->exists(reference));
        QVERIFY(!m_host->exists(target));
        // Validation fails: no reference copy either.
        m.file.content = "reject me\n";
        s = ConfigPush::install(*m_host, m, std::nullopt, [] { return Status(); });
        QVERIFY(!s);
        QVERIFY(!m_host->exists(reference));
        QVERIFY(!m_host->exists(target + u".kokoa-staged"_s));
        // Success.
        m.file.content = "rendered\n";
        checked.clear();
        m_host->clearLog();
        s = ConfigPush::install(*m_host, m, std::nullopt, [] { return Status(); });
        QVERIFY2(s, s ? "" : qPrintable(s.error().message()));
        QCOMPARE(checked,
                 QList<QByteArray>{"rendered\nhost-only line\n"}); // validated after transform
        QVERIFY(firstRun(*m_host, {u"test-transform"_s}) < firstRun(*m_host, {u"test-check"_s}));
        QCOMPARE(m_host->file(target)->content, QByteArray("rendered\nhost-only line\n"));
        QCOMPARE(m_host->file(reference)->content, QByteArray("rendered\n"));
        QVERIFY(m_host->uploads().indexOf(reference) >
                m_host->uploads().indexOf(target + u".kokoa-staged"_s));
    }

    // With a reference copy, `current` describes the copy: a live file that
    // exists without one must still be restored, not deleted.
    void configPush_liveFileWithoutReferenceIsRestored()
    {
        const QString target = u"/etc/kokoa/app.conf"_s;
        m_host->writeFile(target, "hand-made\n", 0600);
        ManagedFile m;
        m.file = RenderedFile{target, "rendered\n", 0600};
        m.what = u"app configuration"_s;
        m.referencePath = u"/etc/kokoa/app.conf.kokoa"_s;
        int activated = 0;
        const Status s = ConfigPush::install(*m_host, m, std::nullopt, [&] {
            return ++activated == 1 ? Status(Error(Error::Kind::Remote, u"no"_s)) : Status();
        });
        QVERIFY(!s);
        QVERIFY(m_host->exists(target));
        QCOMPARE(m_host->file(target)->content, QByteArray("hand-made\n"));
        QCOMPARE(activated, 2);
        QVERIFY(s.error().message().contains(u"restored"_s));
    }

    // ---- 2. HostDeployment::prepare ----

    void prepare_refusesUnsupportedSystem()
    {
        m_host->setOsRelease("NAME=\"Fedora Linux\"\nID=fedora\nVERSION_ID=40\n");
        const Result<PreparedHost> p = deployment().prepare();
        QVERIFY(!p);
        QVERIFY2(p.error().message().contains(u"fedora"_s), qPrintable(p.error().message()));
        QVERIFY(p.error().message().contains(u"Debian and Ubuntu"_s));
        QCOMPARE(countRuns(*m_host, {u"apt-get"_s}), 0);
        QVERIFY(m_host->uploads().isEmpty());
        QCOMPARE(stateOf(u"inspect"_s), toString(DeployProgress::State::Failed));
    }

    void prepare_acceptsDebianDerivatives()
    {
        m_host->setOsRelease("ID=linuxmint\nID_LIKE=\"ubuntu debian\"\nVERSION_ID=\"21.3\"\n");
        m_host->installPackages(HostDeployment::packagesFor(HostDeployment::Role::Edge));
        const Result<PreparedHost> p = deployment().prepare();
        QVERIFY2(p, p ? "" : qPrintable(p.error().message()));
        QCOMPARE(p->facts.osId, u"linuxmint"_s);
    }

    void prepare_installsMissingPackages()
    {
        m_host->installPackages({u"wireguard-tools"_s});
        m_host->setSystemd(true);
        const Result<PreparedHost> p = deployment().prepare();
        QVERIFY2(p, p ? "" : qPrintable(p.error().message()));
        QVERIFY(p->facts.systemd);
        QCOMPARE(p->facts.missingPackages, (QStringList{u"nginx"_s, u"nftables"_s}));
        const QStringList install = {
            u"env"_s,     u"DEBIAN_FRONTEND=noninteractive"_s, u"apt-get"_s, u"-q"_s,      u"-y"_s,
            u"install"_s, u"--no-install-recommends"_s,        u"nginx"_s,   u"nftables"_s};
        QCOMPARE(m_host->count(install), 1);
        QCOMPARE(countRuns(*m_host, {u"apt-get"_s, u"-q"_s, u"update"_s}), 0);
        QCOMPARE(stateOf(u"packages"_s), toString(DeployProgress::State::Changed));
    }

    void prepare_updatesPackageListsAndRetries()
    {
        m_host->setPackageListsFresh(false);
        const Result<PreparedHost> p = deployment(false, HostDeployment::Role::Origin).prepare();
        QVERIFY2(p, p ? "" : qPrintable(p.error().message()));
        const QStringList install = {u"env"_s,
                                     u"DEBIAN_FRONTEND=noninteractive"_s,
                                     u"apt-get"_s,
                                     u"-q"_s,
                                     u"-y"_s,
                                     u"install"_s,
                                     u"--no-install-recommends"_s,
                                     u"wireguard-tools"_s};
        const int first = m_host->indexOf(install);
        const int update = m_host->indexOf({u"apt-get"_s, u"-q"_s, u"update"_s});
        const int retry = m_host->indexOf(install, first + 1);
        QVERIFY2(first >= 0 && update > first && retry > update, qPrintable(log(*m_host)));
        QCOMPARE(m_host->count(install), 2);
        QVERIFY(!p->wgPublicKey.isEmpty()); // wg works after the install
    }

    void prepare_cancelledInstallIsNotRetried()
    {
        m_host->setPackageListsFresh(false);
        std::atomic_bool cancel = false;
        m_host->addHandler(
            [&](const QStringList &c, const QByteArray &) -> std::optional<ExecResult> {
                if (runs(c, {u"apt-get"_s, u"-q"_s, u"-y"_s, u"install"_s}))
                    cancel = true; // the user gives up while apt-get runs
                return std::nullopt;
            });
        const Status s = HostInspector::installPackages(*m_host, {u"nginx"_s}, &cancel);
        QVERIFY(!s);
        QCOMPARE(countRuns(*m_host, {u"apt-get"_s, u"-q"_s, u"update"_s}), 0);
        QCOMPARE(countRuns(*m_host, {u"apt-get"_s, u"-q"_s, u"-y"_s, u"install"_s}), 1);
    }

    void prepare_dryRunChangesNothing()
    {
        const Result<PreparedHost> p = deployment(true).prepare();
        QVERIFY2(p, p ? "" : qPrintable(p.error().message()));
        QCOMPARE(countRuns(*m_host, {u"apt-get"_s}), 0);
        QCOMPARE(countRuns(*m_host, {u"mkdir"_s}), 0);
        QVERIFY(m_host->uploads().isEmpty());
        const std::optional<DeployProgress> packages = lastProgress(u"packages"_s);
        QVERIFY(packages);
        QCOMPARE(toString(packages->state), toString(DeployProgress::State::Skipped));
        QVERIFY2(packages->detail.contains(u"would install nginx, wireguard-tools, nftables"_s),
                 qPrintable(packages->detail));
        QVERIFY(!m_host->exists(WireGuardRenderer::keyPath()));
        QVERIFY(p->wgPublicKey.isEmpty());
        QCOMPARE(stateOf(u"wireguard key"_s), toString(DeployProgress::State::Skipped));
        QCOMPARE(countMentions(*m_host, u"wg genkey"_s), 0);
    }

    void prepare_makesTheKeyOnlyWhenMissing()
    {
        m_host->installPackages(HostDeployment::packagesFor(HostDeployment::Role::Edge));
        // A dry run never creates it.
        Result<PreparedHost> p = deployment(true).prepare();
        QVERIFY(p);
        QVERIFY(!m_host->exists(WireGuardRenderer::keyPath()));

        p = deployment().prepare();
        QVERIFY2(p, p ? "" : qPrintable(p.error().message()));
        const std::optional<FakeShell::File> key = m_host->file(WireGuardRenderer::keyPath());
        QVERIFY(key);
        QCOMPARE(key->mode, 0600);
        QCOMPARE(p->wgPublicKey.toLatin1(), FakeShell::publicKeyOf(m_host->privateKey()));
        QCOMPARE(stateOf(u"wireguard key"_s), toString(DeployProgress::State::Changed));

        m_progress.clear();
        p = deployment().prepare();
        QVERIFY(p);
        QCOMPARE(p->wgPublicKey.toLatin1(), FakeShell::publicKeyOf(m_host->privateKey()));
        QCOMPARE(stateOf(u"wireguard key"_s), toString(DeployProgress::State::Unchanged));
        QCOMPARE(m_host->file(WireGuardRenderer::keyPath())->content, key->content);

        // With a key, a dry run reports the real public key.
        p = deployment(true).prepare();
        QVERIFY(p);
        QCOMPARE(p->wgPublicKey.toLatin1(), FakeShell::publicKeyOf(m_host->privateKey()));
    }

    // ---- 3. HostDeployment::apply ----

    void apply_ordersFirewallTunnelNginx_data()
    {
        QTest::addColumn<bool>("systemd");
        QTest::newRow("without systemd") << false;
        QTest::newRow("with systemd") << true;
    }

    void apply_ordersFirewallTunnelNginx()
    {
        QFETCH(bool, systemd);
        const Result<PreparedHost> prepared = readyEdge(systemd);
        QVERIFY2(prepared, prepared ? "" : qPrintable(prepared.error().message()));
        m_host->clearLog();
        const RenderedHost edge = defaultEdge();
        const Result<HostReport> r = deployment().apply(edge, *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message() + u'\n' + log(*m_host)));

        QStringList installs = {nftPath, wgPath, nginxPath};
        if (systemd)
            installs.insert(1, unitPath);
        if (systemd)
            installs.insert(2, ServiceControl::nginxOrderingPath());
        int at = -1;
        for (const QString &target : installs) {
            const int i = firstRun(*m_host, {u"mv"_s, u"-f"_s, u"--"_s}, at + 1);
            QVERIFY2(i > at && m_host->commands().at(i).last() == target,
                     qPrintable(target + u" out of order:\n"_s + log(*m_host)));
            at = i;
        }
        QList<QStringList> starts;
        if (systemd) {
            starts = {{u"nft"_s, u"-f"_s, nftPath},
                      {u"systemctl"_s, u"daemon-reload"_s},
                      {u"systemctl"_s, u"enable"_s, u"kokoa-firewall.service"_s},
                      {u"systemctl"_s, u"enable"_s, u"--now"_s, u"wg-quick@kokoa0"_s},
                      {u"systemctl"_s, u"enable"_s, u"--now"_s, u"nginx"_s}};
        } else {
            starts = {
                {u"nft"_s, u"-f"_s, nftPath}, {u"wg-quick"_s, u"up"_s, u"kokoa0"_s}, {u"nginx"_s}};
        }
        at = -1;
        for (const QStringList &start : std::as_const(starts)) {
            const int i = m_host->indexOf(start, at + 1);
            QVERIFY2(i > at, qPrintable(start.join(u' ') + u" out of order:\n"_s + log(*m_host)));
            at = i;
        }
        QCOMPARE(m_host->indexOf({u"wg-quick"_s, u"up"_s}) >= 0, !systemd);
        QVERIFY(m_host->nginxRunning && m_host->wireGuardUp && m_host->firewallLoaded);
        QCOMPARE(*m_host->nginxServing, nginxConf("v1"));
        QCOMPARE(*m_host->firewallActive, nftRules("v1"));
        QCOMPARE(m_host->exists(unitPath), systemd);
        // On systemd, nginx (bound to the tunnel address) starts after WireGuard at boot.
        QCOMPARE(m_host->exists(ServiceControl::nginxOrderingPath()), systemd);
        if (systemd) {
            const QByteArray ordering = m_host->file(ServiceControl::nginxOrderingPath())->content;
            QVERIFY2(ordering.contains("\nAfter=wg-quick@kokoa0.service\n") &&
                         ordering.contains("\nWants=wg-quick@kokoa0.service\n"),
                     ordering.constData());
        }
        QCOMPARE(r->changes.size(), installs.size());
    }

    void apply_unchangedFilesTouchNothing_data() { apply_ordersFirewallTunnelNginx_data(); }

    void apply_unchangedFilesTouchNothing()
    {
        QFETCH(bool, systemd);
        const Result<PreparedHost> prepared = readyEdge(systemd);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(defaultEdge(), *prepared));
        m_host->clearLog();
        m_progress.clear();
        const Result<HostReport> r = deployment().apply(defaultEdge(), *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message()));
        QVERIFY2(r->changes.isEmpty(), qPrintable(r->changes.join(u'\n')));
        QVERIFY(m_host->uploads().isEmpty());
        for (const QStringList &a : activations)
            QVERIFY2(countRuns(*m_host, a) == 0,
                     qPrintable(a.join(u' ') + u" ran:\n"_s + log(*m_host)));
        QCOMPARE(countMentions(*m_host, u"syncconf"_s), 0);
        QCOMPARE(m_host->count({u"nginx"_s}), 0); // not even a start
        for (const QString &step :
             {u"nginx configuration"_s, u"WireGuard configuration"_s, u"firewall ruleset"_s}) {
            QCOMPARE(stateOf(step), toString(DeployProgress::State::Unchanged));
        }
    }

    void apply_changedNginxIsTestedAndReloaded_data() { apply_ordersFirewallTunnelNginx_data(); }

    void apply_changedNginxIsTestedAndReloaded()
    {
        QFETCH(bool, systemd);
        const Result<PreparedHost> prepared = readyEdge(systemd);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(defaultEdge(), *prepared));
        m_host->clearLog();
        RenderedHost edge = defaultEdge();
        edge.files[0].content = nginxConf("v2");
        const Result<HostReport> r = deployment().apply(edge, *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message()));
        const int test = firstRun(*m_host, {u"nginx"_s, u"-t"_s, u"-q"_s, u"-c"_s, nginxStaged});
        const QStringList reload = systemd ? QStringList{u"systemctl"_s, u"reload"_s, u"nginx"_s}
                                           : QStringList{u"nginx"_s, u"-s"_s, u"reload"_s};
        const int reloaded = firstRun(*m_host, reload);
        QVERIFY2(test >= 0 && reloaded > test, qPrintable(log(*m_host)));
        QCOMPARE(countRuns(*m_host, reload), 1);
        QCOMPARE(*m_host->nginxServing, nginxConf("v2"));
        QCOMPARE(r->changes, QStringList{u"updated /etc/nginx/nginx.conf"_s});
        // Nothing else was touched.
        QCOMPARE(countMentions(*m_host, u"syncconf"_s), 0);
        QCOMPARE(countRuns(*m_host, {u"nft"_s, u"-f"_s}), 0);
        QCOMPARE(countRuns(*m_host, {u"wg-quick"_s, u"up"_s}), 0);
    }

    void apply_rejectedNginxKeepsServing()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(defaultEdge(), *prepared));
        m_host->answer({u"nginx"_s, u"-t"_s}, 1, "nginx: [emerg] unknown directive \"bogus\"\n");
        m_host->clearLog();
        RenderedHost edge = defaultEdge();
        edge.files[0].content = nginxConf("bogus");
        const Result<HostReport> r = deployment().apply(edge, *prepared);
        QVERIFY(!r);
        QVERIFY2(r.error().message().contains(u"was rejected by nginx"_s),
                 qPrintable(r.error().message()));
        QCOMPARE(m_host->file(nginxPath)->content, nginxConf("v1"));
        QCOMPARE(*m_host->nginxServing, nginxConf("v1"));
        QCOMPARE(countRuns(*m_host, {u"nginx"_s, u"-s"_s, u"reload"_s}), 0);
        QCOMPARE(stateOf(u"nginx configuration"_s), toString(DeployProgress::State::Failed));
    }

    void apply_failedReloadRollsBack()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(defaultEdge(), *prepared));
        int reloads = 0;
        m_host->addHandler(
            [&](const QStringList &c, const QByteArray &) -> std::optional<ExecResult> {
                if (runs(c, {u"nginx"_s, u"-s"_s, u"reload"_s}) && ++reloads == 1)
                    return exitWith(1, "nginx: [emerg] cannot load certificate\n");
                return std::nullopt;
            });
        m_host->clearLog();
        RenderedHost edge = defaultEdge();
        edge.files[0].content = nginxConf("v2");
        const Result<HostReport> r = deployment().apply(edge, *prepared);
        QVERIFY(!r);
        QVERIFY2(r.error().message().contains(u"the previous one was restored"_s),
                 qPrintable(r.error().message()));
        QVERIFY(r.error().message().contains(u"cannot load certificate"_s));
        QCOMPARE(reloads, 2);
        QCOMPARE(m_host->file(nginxPath)->content, nginxConf("v1"));
        QCOMPARE(*m_host->nginxServing, nginxConf("v1"));
    }

    void apply_startsStoppedNginx_data() { apply_ordersFirewallTunnelNginx_data(); }

    void apply_startsStoppedNginx()
    {
        QFETCH(bool, systemd);
        const Result<PreparedHost> prepared = readyEdge(systemd);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(defaultEdge(), *prepared));
        m_host->nginxRunning = false;
        m_host->nginxServing.reset();
        m_host->clearLog();
        const Result<HostReport> r = deployment().apply(defaultEdge(), *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message()));
        const QStringList start =
            systemd ? QStringList{u"systemctl"_s, u"enable"_s, u"--now"_s, u"nginx"_s}
                    : QStringList{u"nginx"_s};
        QCOMPARE(m_host->count(start), 1);
        QVERIFY(m_host->uploads().isEmpty());
        QCOMPARE(countRuns(*m_host, {u"nginx"_s, u"-t"_s}), 0);
        QVERIFY(m_host->nginxRunning);
        QCOMPARE(*m_host->nginxServing, nginxConf("v1"));
        QCOMPARE(r->changes, QStringList{u"started nginx configuration"_s});
    }

    void apply_wireGuardPeerChangeIsLive_data() { apply_ordersFirewallTunnelNginx_data(); }

    void apply_wireGuardPeerChangeIsLive()
    {
        QFETCH(bool, systemd);
        const Result<PreparedHost> prepared = readyEdge(systemd);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(defaultEdge(), *prepared));
        m_host->clearLog();
        RenderedHost edge = defaultEdge();
        edge.files[1].content = wgConf(u"10.100.1.1/24"_s, {peerA, peerB});
        const Result<HostReport> r = deployment().apply(edge, *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message()));
        QCOMPARE(countMentions(*m_host, u"wg syncconf"_s), 1);
        QCOMPARE(countRuns(*m_host, {u"wg-quick"_s, u"down"_s}), 0);
        QCOMPARE(countRuns(*m_host, {u"wg-quick"_s, u"up"_s}), 0);
        QCOMPARE(countRuns(*m_host, {u"systemctl"_s, u"restart"_s}), 0);
        QCOMPARE(*m_host->wireGuardLoaded, withKey(edge.files[1].content, m_host->privateKey()));
    }

    void apply_wireGuardAddressChangeRestarts_data() { apply_ordersFirewallTunnelNginx_data(); }

    void apply_wireGuardAddressChangeRestarts()
    {
        QFETCH(bool, systemd);
        const Result<PreparedHost> prepared = readyEdge(systemd);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(defaultEdge(), *prepared));
        m_host->clearLog();
        RenderedHost edge = defaultEdge();
        edge.files[1].content = wgConf(u"10.100.1.2/24"_s, {peerA});
        const Result<HostReport> r = deployment().apply(edge, *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message() + u'\n' + log(*m_host)));
        QCOMPARE(countMentions(*m_host, u"syncconf"_s), 0);
        if (systemd) {
            QCOMPARE(m_host->count({u"systemctl"_s, u"restart"_s, u"wg-quick@kokoa0"_s}), 1);
        } else {
            const int down = m_host->indexOf({u"wg-quick"_s, u"down"_s, u"kokoa0"_s});
            const int up = m_host->indexOf({u"wg-quick"_s, u"up"_s, u"kokoa0"_s});
            QVERIFY2(down >= 0 && up > down, qPrintable(log(*m_host)));
        }
        QVERIFY(m_host->wireGuardUp);
        QCOMPARE(*m_host->wireGuardLoaded, withKey(edge.files[1].content, m_host->privateKey()));
    }

    void apply_wireGuardDownIsStarted_data() { apply_ordersFirewallTunnelNginx_data(); }

    void apply_wireGuardDownIsStarted()
    {
        QFETCH(bool, systemd);
        const Result<PreparedHost> prepared = readyEdge(systemd);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(defaultEdge(), *prepared));
        m_host->wireGuardUp = false;
        m_host->clearLog();
        const Result<HostReport> r = deployment().apply(defaultEdge(), *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message()));
        const QStringList start =
            systemd ? QStringList{u"systemctl"_s, u"enable"_s, u"--now"_s, u"wg-quick@kokoa0"_s}
                    : QStringList{u"wg-quick"_s, u"up"_s, u"kokoa0"_s};
        QCOMPARE(m_host->count(start), 1);
        QVERIFY(m_host->uploads().isEmpty());
        QVERIFY(m_host->wireGuardUp);
    }

    void apply_wireGuardKeyStaysOnTheHost()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        m_host->clearLog();
        const RenderedHost first = defaultEdge();
        QVERIFY(deployment().apply(first, *prepared));
        RenderedHost second = defaultEdge();
        second.files[1].content = wgConf(u"10.100.1.1/24"_s, {peerA, peerB});
        const Result<HostReport> r = deployment().apply(second, *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message()));
        // A dry run compares too.
        RenderedHost third = defaultEdge();
        third.files[1].content = wgConf(u"10.100.1.3/24"_s, {peerB});
        const Result<HostReport> dry = deployment(true).apply(third, *prepared);
        QVERIFY(dry);

        const QByteArray key = m_host->privateKey();
        const std::optional<FakeShell::File> installed = m_host->file(wgPath);
        QCOMPARE(installed->content, withKey(second.files[1].content, key));
        QVERIFY(installed->content.contains(
            QByteArray("[Interface]\nPrivateKey = " + key + "\nAddress")));
        QCOMPARE(installed->mode, 0600);
        const std::optional<FakeShell::File> reference =
            m_host->file(WireGuardRenderer::referencePath());
        QCOMPARE(reference->content, second.files[1].content);
        QVERIFY(!reference->content.contains(key));
        QVERIFY(!m_host->exists(wgStaged));

        for (const QStringList &c : m_host->commands()) {
            for (const QString &a : c)
                QVERIFY2(!a.toLatin1().contains(key), qPrintable(FakeShell::show(c)));
        }
        for (const QByteArray &bytes : m_host->returned())
            QVERIFY2(!bytes.contains(key), bytes.constData());
        QVERIFY(!dry->diff.contains(QString::fromLatin1(key)));
        QVERIFY2(dry->diff.contains(u"+Address = 10.100.1.3/24"_s), qPrintable(dry->diff));
    }

    void apply_originGetsItsFirewallBeforeTheTunnel_data()
    {
        apply_ordersFirewallTunnelNginx_data();
    }

    void apply_originGetsItsFirewallBeforeTheTunnel()
    {
        QFETCH(bool, systemd);
        m_host->setSystemd(systemd);
        m_host->installPackages(HostDeployment::packagesFor(HostDeployment::Role::Origin));
        const auto origin = HostDeployment::Role::Origin;
        const Result<PreparedHost> prepared = deployment(false, origin).prepare();
        QVERIFY(prepared);
        RenderedHost host;
        host.files = {RenderedFile{wgPath, wgConf(u"10.100.0.1/16"_s, {peerA}), 0600},
                      RenderedFile{nftPath, nftRules("origin"), 0644}};
        m_host->clearLog();
        const Result<HostReport> r = deployment(false, origin).apply(host, *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message() + u'\n' + log(*m_host)));
        QVERIFY(m_host->firewallLoaded);
        QCOMPARE(*m_host->firewallActive, nftRules("origin"));
        const int firewall = m_host->indexOf({u"nft"_s, u"-f"_s, nftPath});
        const int check = m_host->indexOf({u"nft"_s, u"-c"_s, u"-f"_s});
        const int tunnel = firstRun(*m_host, {u"mv"_s, u"-f"_s, u"--"_s, wgStaged, wgPath});
        QVERIFY2(check >= 0 && check < firewall && firewall < tunnel, qPrintable(log(*m_host)));
        // Kept across reboots where there is systemd to load it, after (and
        // with every restart of) nftables.service, whose "flush ruleset"
        // would drop the table.
        QCOMPARE(m_host->exists(unitPath), systemd);
        if (systemd) {
            const QByteArray unit = m_host->file(unitPath)->content;
            QVERIFY(unit.contains("After=nftables.service\n") &&
                    unit.contains("PartOf=nftables.service\n"));
            QCOMPARE(m_host->count({u"systemctl"_s, u"enable"_s, u"kokoa-firewall.service"_s}), 1);
        }
        QVERIFY(HostDeployment::packagesFor(origin).contains(u"nftables"_s));
    }

    void apply_wireGuardReinstalledWhenOnlyTheReferenceIsLeft()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(defaultEdge(), *prepared));
        m_host->removeFile(wgPath);
        m_host->wireGuardUp = false;
        const Result<HostReport> r = deployment().apply(defaultEdge(), *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message()));
        QCOMPARE(m_host->file(wgPath)->content,
                 withKey(defaultEdge().files[1].content, m_host->privateKey()));
        QVERIFY(m_host->wireGuardUp);
    }

    void apply_dryRunUploadsNothing()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        m_host->clearLog();
        Result<HostReport> r = deployment(true).apply(defaultEdge(), *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message()));
        QVERIFY(m_host->uploads().isEmpty());
        for (const QStringList &a : activations)
            QVERIFY2(countRuns(*m_host, a) == 0,
                     qPrintable(a.join(u' ') + u" ran:\n"_s + log(*m_host)));
        QCOMPARE(countRuns(*m_host, {u"mkdir"_s}), 0);
        QCOMPARE(m_host->count({u"nginx"_s}), 0);
        QVERIFY(!m_host->exists(nginxPath));
        QVERIFY(r->diff.contains(u"--- /dev/null\n+++ /etc/nginx/nginx.conf\n"_s));
        QVERIFY(r->diff.contains(u"+    # v1\n"_s));
        QCOMPARE(r->changes.size(), 3);

        QVERIFY(deployment().apply(defaultEdge(), *prepared));
        m_host->clearLog();
        RenderedHost edge = defaultEdge();
        edge.files[0].content = nginxConf("v2");
        r = deployment(true).apply(edge, *prepared);
        QVERIFY(r);
        QVERIFY(m_host->uploads().isEmpty());
        QCOMPARE(countRuns(*m_host, {u"nginx"_s, u"-t"_s}), 0);
        QVERIFY2(r->diff.startsWith(u"--- /etc/nginx/nginx.conf\n+++ /etc/nginx/nginx.conf\n"_s),
                 qPrintable(r->diff));
        QVERIFY(r->diff.contains(u"\n-    # v1\n+    # v2\n"_s));
        QCOMPARE(r->changes, QStringList{u"update /etc/nginx/nginx.conf"_s});
        QCOMPARE(m_host->file(nginxPath)->content, nginxConf("v1"));
    }

    void apply_stopsAtTheFirstFailure()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        m_host->answer({u"nft"_s, u"-c"_s}, 1, "Error: syntax error\n");
        const Result<HostReport> r = deployment().apply(defaultEdge(), *prepared);
        QVERIFY(!r);
        QVERIFY2(r.error().message().contains(u"firewall ruleset was rejected by nft"_s),
                 qPrintable(r.error().message()));
        QVERIFY(!m_host->exists(nftPath));
        QVERIFY(!m_host->exists(wgPath));
        QVERIFY(!m_host->exists(nginxPath));
        QVERIFY(!m_host->firewallLoaded && !m_host->wireGuardUp && !m_host->nginxRunning);
    }

    // ---- 4. What a host prints never carries control sequences ----

    void remoteOutputIsMadePrintable()
    {
        ExecResult r;
        r.exitCode = 1;
        r.standardError = "nginx: [emerg] \x1b]0;owned\x07 bad\r\n\x1b[2J line two\n";
        const QString text = r.diagnostics();
        QVERIFY(!text.contains(QChar(0x1b)) && !text.contains(QChar(0x07)) &&
                !text.contains(u'\r'));
        QVERIFY(text.startsWith(u"nginx: [emerg]"_s));
        QVERIFY(text.contains(u"\n"_s)); // lines stay lines
        r.standardError.clear();
        r.standardOutput = QByteArray(10000, 'x');
        QVERIFY(r.diagnostics().size() <= 2002);
    }

    // ---- 5. The SSH layer refuses line breaks ----

    void commandLine_refusesLineBreaks_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::newRow("newline") << u"a\nb"_s;
        QTest::newRow("carriage return") << u"a\rb"_s;
        QTest::newRow("NUL") << QString(u"a"_s + QChar(0) + u"b"_s);
        QTest::newRow("trailing newline") << u"/etc/nginx/nginx.conf\n"_s;
    }

    void commandLine_refusesLineBreaks()
    {
        QFETCH(QString, argument);
        const Result<QString> line = SshSession::commandLine({u"cat"_s, argument});
        QVERIFY(!line);
        QVERIFY(line.error().message().contains(u"line break"_s));
    }

    void commandLine_quotesEverythingElse()
    {
        const Result<QString> line = SshSession::commandLine(
            {u"sh"_s, u"-c"_s, u"[ -s \"$1\" ] && echo '$x' `y`"_s, u"name"_s, u"a b;c"_s});
        QVERIFY2(line, line ? "" : qPrintable(line.error().message()));
        QVERIFY(line->startsWith(u"'sh' '-c' '[ -s \"$1\" ] && echo '\\''$x'\\'' `y`' "_s));
        QVERIFY(line->endsWith(u" 'name' 'a b;c'"_s));
        QVERIFY(!SshSession::commandLine({}));
    }
};

QTEST_GUILESS_MAIN(TestDeploy)
#include "tst_deploy.moc"
