// Deployment checks against a scripted host (FakeShell): the running
// WireGuard interface against what was pushed, the tunnel check of an edge,
// the per-host deployment lock, the table of deployed file kinds, and what
// failures are reported as.

#include "DeployTestSupport.h"
#include "deploy/ConfigPush.h"
#include "deploy/Deployer.h"
#include "deploy/FileKind.h"
#include "deploy/HostDeployment.h"
#include "deploy/HostLock.h"
#include "deploy/ServiceControl.h"
#include "render/WireGuardRenderer.h"

#include <QTest>

using namespace kokoa;
using namespace kokoa::test;
using namespace Qt::StringLiterals;

class TestDeployChecks final : public QObject, private DeployBench
{
    Q_OBJECT

private slots:
    void init() { resetHost(); }
    void cleanup() { checkHostLog(); }

    // Regression test: ID and VERSION_ID from /etc/os-release reached the
    // terminal and the event log raw, terminal escapes included.
    void prepare_osReleaseEscapesNeverReachMessages()
    {
        auto controlFree = [](const QString &text) {
            return std::none_of(text.begin(), text.end(),
                                [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; });
        };
        m_host->setOsRelease("ID=\"debian\x1b]0;owned\x07\"\nVERSION_ID=12\n");
        const Result<PreparedHost> refused = deployment().prepare();
        QVERIFY(!refused);
        QVERIFY2(controlFree(refused.error().message()), qPrintable(refused.error().message()));
        QVERIFY2(refused.error().message().contains(u"invalid ID"_s),
                 qPrintable(refused.error().message()));

        m_progress.clear();
        m_host->installPackages(HostDeployment::packagesFor(HostDeployment::Role::Edge));
        m_host->setOsRelease("ID=debian\nVERSION_ID=\"12\x1b[2J\x1b[1;1H\"\n");
        const Result<PreparedHost> accepted = deployment().prepare();
        QVERIFY2(accepted, accepted ? "" : qPrintable(accepted.error().message()));
        QCOMPARE(accepted->facts.osVersion, u"unknown version"_s);
        for (const DeployProgress &p : std::as_const(m_progress))
            QVERIFY2(controlFree(p.detail), qPrintable(p.detail));
    }

    // Regression test: after the key file changed (a reinstall, a restore)
    // the running interface kept the old key while the peers were given the
    // new one, and deploy reported "unchanged".
    void apply_replacedKeyReachesTheRunningInterface()
    {
        const Result<PreparedHost> first = readyEdge(false);
        QVERIFY(first);
        QVERIFY(deployment().apply(defaultEdge(), *first));
        const QByteArray restored = QByteArray("a key restored from last backup").toBase64();
        m_host->writeFile(WireGuardRenderer::keyPath(), restored + '\n', 0600);
        const Result<PreparedHost> second = deployment().prepare();
        QVERIFY(second);
        QCOMPARE(second->wgPublicKey, QString::fromLatin1(FakeShell::publicKeyOf(restored)));
        m_host->clearLog();
        m_progress.clear();

        const Result<HostReport> r = deployment().apply(defaultEdge(), *second);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message() + u'\n' + log(*m_host)));
        QCOMPARE(stateOf(u"WireGuard configuration"_s), u"changed"_s);
        QVERIFY2(r->changes.join(u' ').contains(u"running interface"_s),
                 qPrintable(r->changes.join(u' ')));
        // Applied live and kept in the installed copy for the next boot.
        QCOMPARE(countMentions(*m_host, u"wg syncconf"_s), 1);
        QCOMPARE(*m_host->wireGuardLoaded, withKey(defaultEdge().files[1].content, restored));
        QCOMPARE(m_host->file(wgPath)->content, withKey(defaultEdge().files[1].content, restored));
        for (const QByteArray &bytes : m_host->returned())
            QVERIFY2(!bytes.contains(restored), bytes.constData());

        m_host->clearLog();
        const Result<HostReport> again = deployment().apply(defaultEdge(), *second);
        QVERIFY(again);
        QVERIFY2(again->changes.isEmpty(), qPrintable(again->changes.join(u' ')));
    }

    void apply_dryRunTellsAboutAReplacedKeyAndChangesNothing()
    {
        const Result<PreparedHost> first = readyEdge(false);
        QVERIFY(first);
        QVERIFY(deployment().apply(defaultEdge(), *first));
        const QByteArray loaded = *m_host->wireGuardLoaded;
        m_host->writeFile(WireGuardRenderer::keyPath(),
                          QByteArray("restored key").toBase64() + '\n', 0600);
        const Result<PreparedHost> second = deployment(true).prepare();
        QVERIFY(second);
        m_host->clearLog();
        const Result<HostReport> dry = deployment(true).apply(defaultEdge(), *second);
        QVERIFY2(dry, dry ? "" : qPrintable(dry.error().message()));
        QVERIFY2(dry->changes.join(u' ').contains(u"running interface"_s),
                 qPrintable(dry->changes.join(u' ')));
        QCOMPARE(*m_host->wireGuardLoaded, loaded);
        QVERIFY(m_host->uploads().isEmpty());
    }

    void apply_interfaceStillOnTheOldKeyFails()
    {
        const Result<PreparedHost> first = readyEdge(false);
        QVERIFY(first);
        QVERIFY(deployment().apply(defaultEdge(), *first));
        m_host->writeFile(WireGuardRenderer::keyPath(),
                          QByteArray("another key!").toBase64() + '\n', 0600);
        const Result<PreparedHost> second = deployment().prepare();
        QVERIFY(second);
        // A syncconf that reports success but changes nothing.
        m_host->addHandler(
            [](const QStringList &argv, const QByteArray &) -> std::optional<ExecResult> {
                if (argv.size() > 2 && argv.at(2) == FakeShell::wireGuardSyncScript())
                    return exitWith(0);
                return std::nullopt;
            });
        const Result<HostReport> r = deployment().apply(defaultEdge(), *second);
        QVERIFY(!r);
        QVERIFY2(r.error().message().contains(u"does not match what Kokoa pushed"_s) &&
                     r.error().message().contains(second->wgPublicKey),
                 qPrintable(r.error().message()));
        QCOMPARE(stateOf(u"WireGuard configuration"_s), u"FAILED"_s);
    }

    void apply_changedPeersAreRestored()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(defaultEdge(), *prepared));
        // Someone removed the peer by hand (wg set kokoa0 peer … remove).
        m_host->wireGuardLoaded->replace("PublicKey = ", "#PublicKey = ");
        m_host->clearLog();
        const Result<HostReport> r = deployment().apply(defaultEdge(), *prepared);
        QVERIFY2(r, r ? "" : qPrintable(r.error().message()));
        QVERIFY(!r->changes.isEmpty());
        QCOMPARE(*m_host->wireGuardLoaded,
                 withKey(defaultEdge().files[1].content, m_host->privateKey()));
    }

    void verifyTunnel_namesTheOriginThatDoesNotAnswer()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        QVERIFY(deployment().apply(defaultEdge(), *prepared));
        const QHash<QString, QString> names{{peerA, u"origin home"_s}};
        const Status answered = deployment().verifyTunnel(defaultEdge(), names, 0);
        QVERIFY2(answered, answered ? "" : qPrintable(answered.error().message()));
        m_host->silentPeers.insert(peerA);
        const Status silent = deployment().verifyTunnel(defaultEdge(), names, 0);
        QVERIFY(!silent);
        QVERIFY2(silent.error().message().contains(u"no WireGuard handshake with origin home"_s),
                 qPrintable(silent.error().message()));
        QCOMPARE(stateOf(u"tunnel check"_s), u"FAILED"_s);
        // A dry run never waits for the tunnel.
        QVERIFY(deployment(true).verifyTunnel(defaultEdge(), names, 0));
    }

    // Regression test: a second deployment running at the same time removed
    // the first one's staged file, which was then reported as "rejected by
    // nginx". Now the second one stops at once and says why.
    void hostLock_secondDeploymentIsTurnedAway()
    {
        QVERIFY(HostLock::acquire(*m_host, u"kokoactl on desk, pid 1"_s));
        m_host->now += 12;
        const Status second = HostLock::acquire(*m_host, u"kokoactl on laptop, pid 2"_s);
        QVERIFY(!second);
        QCOMPARE(second.error().kind(), Error::Kind::Conflict);
        const QString message = second.error().message();
        QVERIFY2(message.contains(u"another deployment to this host is running"_s) &&
                     message.contains(u"kokoactl on desk, pid 1"_s) &&
                     message.contains(u"12 s ago"_s) && !message.contains(u"rejected"_s),
                 qPrintable(message));
        HostLock::release(*m_host);
        QVERIFY(HostLock::acquire(*m_host, u"kokoactl on laptop, pid 2"_s));
        // A lock left by a deployment that died is taken over in the end.
        m_host->now += HostLock::staleSeconds;
        QVERIFY(HostLock::acquire(*m_host, u"kokoactl on desk, pid 3"_s));
        QCOMPARE(m_host->lockOwner, QByteArray("kokoactl on desk, pid 3"));
        // At once when it was this machine's and that process is gone
        // (killed while deploying): a rerun must not wait half an hour.
        const QString me = HostLock::thisProcess();
        const QString dead = me.left(me.lastIndexOf(u"pid "_s)) + u"pid 999999999"_s;
        HostLock::release(*m_host);
        QVERIFY(HostLock::acquire(*m_host, dead));
        m_host->now += 5;
        const Status rerun = HostLock::acquire(*m_host, me);
        QVERIFY2(rerun, rerun ? "" : qPrintable(rerun.error().message()));
        QCOMPARE(m_host->lockOwner, me.toUtf8());
        // But not when that process still runs (this one, seen from another).
        m_host->now += 5;
        QVERIFY(!HostLock::acquire(*m_host, dead));
    }

    // Deployed file kinds are one table: a row for every file a host gets, in
    // apply order, each with what checks, starts and reloads it.
    void fileKinds_oneRowPerFileInApplyOrder()
    {
        const QList<FileKind> &kinds = FileKind::table();
        QStringList paths;
        for (qsizetype i = 0; i < kinds.size(); ++i) {
            const FileKind &kind = kinds.at(i);
            // A certificate kind covers one file per hostname below its directory.
            const QString path = kind.underDirectory
                                     ? kind.targetPath + u"/www.example.com/"_s + kind.fileName
                                     : kind.targetPath;
            paths.append(path);
            QVERIFY2(i == 0 || kinds.at(i - 1).applyOrder < kind.applyOrder,
                     qPrintable(kind.targetPath));
            QVERIFY(kind.running && kind.start && kind.reload);
            QVERIFY(!kind.displayName().isEmpty());
            QCOMPARE(FileKind::forPath(path), &kind);
        }
        QCOMPARE(paths,
                 (QStringList{nftPath, unitPath, ServiceControl::nginxOrderingPath(), wgPath,
                              u"/etc/kokoa/certs/www.example.com/privkey.pem"_s,
                              u"/etc/kokoa/certs/www.example.com/fullchain.pem"_s, nginxPath}));
        QVERIFY(FileKind::forPath(u"/etc/kokoa/certs/www.example.com/privkey.pem"_s)->secret);
        QCOMPARE(FileKind::forPath(nginxPath)->roles, QList{HostDeployment::Role::Edge});
        QVERIFY(!FileKind::forPath(u"/etc/passwd"_s));
    }

    // A file no kind describes (or one for another kind of host) stops the
    // host before anything on it changes.
    void apply_fileWithoutAKindChangesNothing()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        m_host->clearLog();
        RenderedHost unknown = defaultEdge();
        unknown.files.append(RenderedFile{u"/etc/kokoa/unknown.conf"_s, "x\n", 0644});
        const Result<HostReport> r = deployment().apply(unknown, *prepared);
        QVERIFY(!r);
        QCOMPARE(r.error().kind(), Error::Kind::Internal);
        QVERIFY2(r.error().message().contains(u"/etc/kokoa/unknown.conf"_s),
                 qPrintable(r.error().message()));
        const Result<HostReport> origin =
            deployment(false, HostDeployment::Role::Origin).apply(defaultEdge(), *prepared);
        QVERIFY(!origin);
        QVERIFY2(origin.error().message().contains(nginxPath),
                 qPrintable(origin.error().message()));
        QVERIFY2(m_host->commands().isEmpty(), qPrintable(log(*m_host)));
        QVERIFY(m_host->uploads().isEmpty());
    }

    // A cancel that comes while a host's files are replaced waits for the
    // whole set; one that comes before the first file changes nothing.
    void apply_cancelNeverLeavesHalfASet()
    {
        const Result<PreparedHost> prepared = readyEdge(false);
        QVERIFY(prepared);
        std::atomic_bool cancel = false;
        m_host->addHandler([&cancel](const QStringList &argv, const QByteArray &) {
            if (argv.mid(0, 2) == QStringList{u"nft"_s, u"-c"_s})
                cancel = true; // the first file is being checked
            return std::optional<ExecResult>();
        });
        auto sink = [this](const DeployProgress &p) { m_progress.append(p); };
        HostDeployment edge(HostDeployment::Role::Edge, u"edge test-1"_s, *m_host, sink, &cancel,
                            false);
        const Result<HostReport> whole = edge.apply(defaultEdge(), *prepared);
        QVERIFY2(whole, whole ? "" : qPrintable(whole.error().message()));
        QVERIFY(cancel);
        QCOMPARE(whole->changes.size(), 3);
        QCOMPARE(*m_host->nginxServing, nginxConf("v1"));
        QCOMPARE(*m_host->firewallActive, nftRules("v1"));
        QVERIFY(m_host->wireGuardUp);

        m_host->clearLog();
        const Result<HostReport> none = edge.apply(
            edgeFiles(nginxConf("v2"), wgConf(u"10.100.1.1/24"_s, {peerA, peerB}), nftRules("v2")),
            *prepared);
        QVERIFY(!none);
        QCOMPARE(none.error().kind(), Error::Kind::Cancelled);
        QVERIFY2(m_host->commands().isEmpty(), qPrintable(log(*m_host)));
        QCOMPARE(m_host->file(nginxPath)->content, nginxConf("v1"));
        QCOMPARE(m_host->file(nftPath)->content, nftRules("v1"));
    }

    // Regression test: a check that timed out was reported as a rejection.
    void configPush_checkTimeoutIsNotARejection()
    {
        m_host->installPackages({u"nginx"_s});
        TimeoutShell shell(*m_host, {u"nginx"_s, u"-t"_s});
        const Status s = ConfigPush::install(shell, nginxManaged(nginxConf("v2")), std::nullopt,
                                             [] { return Status(); });
        QVERIFY(!s);
        QCOMPARE(s.error().kind(), Error::Kind::Timeout);
        QVERIFY2(!s.error().message().contains(u"rejected"_s) &&
                     s.error().message().contains(u"did not complete"_s),
                 qPrintable(s.error().message()));
        QVERIFY(!m_host->exists(nginxPath));
    }

    // Regression test: a failed reload quoted the whole shell script.
    void run_namesScriptsByTheirName()
    {
        m_host->answer({u"sh"_s, u"-c"_s}, 1, "nginx: [emerg] reload failed\n");
        const QString script = u"master=$(cat /run/nginx.pid) || exit 1; children() { :; }"_s;
        const Result<ExecResult> r = m_host->run(
            {u"sh"_s, u"-c"_s, script, u"kokoa-reload"_s, u"nginx"_s, u"-s"_s, u"reload"_s});
        QVERIFY(!r);
        const QString message = r.error().message();
        QVERIFY2(!message.contains(u"children()"_s) &&
                     message.contains(u"kokoa-reload nginx -s reload"_s) &&
                     message.contains(u"reload failed"_s),
                 qPrintable(message));
    }

    // Regression test: a deployment stopped by a changed host key was logged
    // as "no changes".
    void deployEvent_saysWhyItStopped()
    {
        HostResult stopped;
        stopped.label = u"edge tokyo-1"_s;
        stopped.fail(Error(Error::Kind::HostKey, u"root@tokyo: the SSH host key CHANGED"_s));
        const std::optional<Event> e = Deployer::eventFor(stopped, false);
        QVERIFY(e);
        QVERIFY2(!e->reason.contains(u"no changes"_s) && e->reason.contains(u"host key"_s),
                 qPrintable(e->reason));
        QCOMPARE(e->outcome, stopped.error.message());
        HostResult fine;
        fine.ok = true;
        QCOMPARE(Deployer::eventFor(fine, false)->reason, u"no changes"_s);
        QVERIFY(!Deployer::eventFor(fine, true));
    }
};

QTEST_GUILESS_MAIN(TestDeployChecks)
#include "tst_deploy_checks.moc"
