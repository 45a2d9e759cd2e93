// DeployJob driven from the test's event loop against scripted hosts
// (FakeShell): the progress it reports, cancelling it, destroying it while it
// runs, and the typed result it finishes with. The job runs the real
// Deployer with its own database connection beside the test's.

#include "ScriptedHosts.h"
#include "app/DeployJob.h"
#include "core/DataDirectory.h"
#include "deploy/ServiceControl.h"
#include "render/NftablesRenderer.h"
#include "render/NginxRenderer.h"
#include "render/WireGuardRenderer.h"
#include "store/CertificateStore.h"
#include "store/Store.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

using namespace kokoa;
using namespace kokoa::test;
using namespace Qt::StringLiterals;

namespace {

using State = DeployProgress::State;

const QString originLabel = u"origin home"_s;
const QString edgeLabel = u"edge e1"_s;
constexpr int deadlineMs = 30000;

// One connection to a scripted host. A command starting with `slowPrefix`
// runs until the deployment is cancelled (bounded), as a long apt-get would
// over SSH: SshSession returns Cancelled the same way.
class HostLink final : public RemoteShell
{
public:
    HostLink(FakeShell &host, QStringList slowPrefix, std::atomic_bool &inSlowCommand)
        : m_host(host)
        , m_slowPrefix(std::move(slowPrefix))
        , m_inSlowCommand(inSlowCommand)
    {}
    QString where() const override { return m_host.where(); }
    Result<ExecResult> exec(const QStringList &argv, const QByteArray &standardInput, int timeoutMs,
                            const std::atomic_bool *cancel, bool asRoot,
                            qsizetype maxOutputBytes) override
    {
        if (!m_slowPrefix.isEmpty() && argv.mid(0, m_slowPrefix.size()) == m_slowPrefix)
            return runUntilCancelled(argv, cancel);
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
    Result<ExecResult> runUntilCancelled(const QStringList &argv, const std::atomic_bool *cancel)
    {
        m_inSlowCommand = true;
        QDeadlineTimer deadline(deadlineMs);
        while (!(cancel && cancel->load())) {
            if (deadline.hasExpired())
                return Error(Error::Kind::Timeout, u"%1 was never cancelled"_s.arg(argv.first()));
            QThread::yieldCurrentThread();
        }
        return Error(Error::Kind::Cancelled, u"%1: %2 was cancelled"_s.arg(where(), argv.first()));
    }

    FakeShell &m_host;
    QStringList m_slowPrefix;
    std::atomic_bool &m_inSlowCommand;
};

bool isStaged(const QString &path)
{
    return path.endsWith(u".kokoa-staged"_s) || path.contains(u"/kokoa-staging/"_s) ||
           path.endsWith(u".tmp"_s);
}

} // namespace

class TestDeployJob final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store; // the test's own connection, on this thread
    std::unique_ptr<FakeShell> m_origin;
    std::unique_ptr<FakeShell> m_edge;
    QStringList m_slowOnEdge; // commands that run on the edge until cancelled
    std::atomic_bool m_edgeInSlowCommand = false;

    QString databasePath() const { return DataDirectory::databasePath(m_dir->path()); }

    std::unique_ptr<DeployJob> makeJob(int parallelHosts = 16)
    {
        DeployRequest request;
        request.all = true;
        request.parallelHosts = parallelHosts;
        request.tunnelCheckTimeoutMs = 5000;
        auto job = std::make_unique<DeployJob>(databasePath(), m_dir->path(), request);
        job->setConnector(
            [this](const SshSession::Options &options) -> Result<std::unique_ptr<RemoteShell>> {
                const bool edge = options.target.host == u"8.8.8.8"_s;
                return std::unique_ptr<RemoteShell>(std::make_unique<HostLink>(
                    edge ? *m_edge : *m_origin, edge ? m_slowOnEdge : QStringList(),
                    m_edgeInSlowCommand));
            });
        return job;
    }

    // One whole deployment; true when every host succeeded.
    bool runJob()
    {
        const std::unique_ptr<DeployJob> job = makeJob();
        QSignalSpy finished(job.get(), &DeployJob::finished);
        job->start();
        if (!QTest::qWaitFor([&] { return finished.size() == 1; }, deadlineMs))
            return false;
        const Result<DeploySummary> &result = *job->result();
        if (!result) {
            qWarning() << result.error().message();
            return false;
        }
        for (const HostResult &h : result->hosts) {
            if (!h.ok)
                qWarning() << h.label << h.error.message();
        }
        return result->ok();
    }

    // Every step each host reported, in order, without repeats.
    static QMap<QString, QStringList> stepsByHost(const QList<DeployProgress> &progress)
    {
        QMap<QString, QStringList> steps;
        for (const DeployProgress &p : progress) {
            QStringList &list = steps[p.host];
            if (list.isEmpty() || list.last() != p.step)
                list.append(p.step);
        }
        return steps;
    }

    static QList<DeployProgress> progressOf(const QSignalSpy &spy)
    {
        QList<DeployProgress> out;
        for (const QList<QVariant> &args : spy)
            out.append(args.at(0).value<DeployProgress>());
        return out;
    }

    void verifyNoStagedFiles(const FakeShell &host)
    {
        for (const QString &path : host.paths())
            QVERIFY2(!isStaged(path), qPrintable(path));
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(DataDirectory::ensure(m_dir->path()));
        Result<std::unique_ptr<Store>> store = Store::open(databasePath());
        QVERIFY2(store, store ? "" : qPrintable(store.error().message()));
        m_store = std::move(store).value();

        QVERIFY(addPinnedOrigin(*m_store));
        QVERIFY(addPinnedEdge(*m_store, u"e1"_s, u"8.8.8.8"_s));

        m_origin = scriptedOrigin();
        m_edge = scriptedEdge();
        m_slowOnEdge.clear();
        m_edgeInSlowCommand = false;
    }

    void cleanup()
    {
        for (const FakeShell *host : {m_origin.get(), m_edge.get()}) {
            QVERIFY2(host->unexpected().isEmpty(), qPrintable(host->unexpected().join(u'\n')));
        }
    }

    void progress_everyHostInStepOrder()
    {
        const std::unique_ptr<DeployJob> job = makeJob();
        QSignalSpy progress(job.get(), &DeployJob::progress);
        QSignalSpy finished(job.get(), &DeployJob::finished);
        std::optional<Result<DeploySummary>> carried;
        connect(job.get(), &DeployJob::finished, this,
                [&carried](const Result<DeploySummary> &r) { carried = r; });
        job->start();
        QVERIFY(job->isRunning()); // start() returned before the work ended
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, deadlineMs);
        QVERIFY(!job->isRunning());
        QVERIFY(carried && *carried && job->result());
        QCOMPARE(carried->value().hosts.size(), job->result()->value().hosts.size());

        const Result<DeploySummary> &result = *job->result();
        QVERIFY2(result, result ? "" : qPrintable(result.error().message()));
        QCOMPARE(result->hosts.size(), 2);
        for (const HostResult &h : result->hosts)
            QVERIFY2(h.ok, qPrintable(h.label + u": "_s + h.error.message()));

        const QList<DeployProgress> reports = progressOf(progress);
        const QMap<QString, QStringList> steps = stepsByHost(reports);
        QCOMPARE(steps.keys(), (QStringList{edgeLabel, originLabel}));
        QCOMPARE(steps.value(originLabel),
                 (QStringList{u"connect"_s, u"inspect"_s, u"packages"_s, u"wireguard key"_s,
                              u"firewall ruleset"_s, u"firewall boot unit"_s,
                              u"WireGuard configuration"_s}));
        QCOMPARE(steps.value(edgeLabel),
                 (QStringList{u"connect"_s, u"inspect"_s, u"packages"_s, u"wireguard key"_s,
                              u"firewall ruleset"_s, u"WireGuard configuration"_s,
                              u"nginx configuration"_s, u"tunnel check"_s}));

        // Per host and step: started first, then exactly one outcome (connect
        // reports only its start when it works).
        QHash<QString, QHash<QString, QList<State>>> states;
        for (const DeployProgress &p : reports)
            states[p.host][p.step].append(p.state);
        for (auto host = states.cbegin(); host != states.cend(); ++host) {
            for (auto step = host->cbegin(); step != host->cend(); ++step) {
                const QString where = host.key() + u" / "_s + step.key();
                QVERIFY2(step->first() == State::Started, qPrintable(where));
                const qsizetype expected = step.key() == u"connect"_s ? 1 : 2;
                QVERIFY2(step->size() == expected, qPrintable(where));
                if (expected == 2)
                    QVERIFY2(step->last() == State::Changed || step->last() == State::Unchanged,
                             qPrintable(where + u": "_s + toString(step->last())));
            }
        }

        // The job's own connection wrote what a deployment writes; this one sees it.
        const Result<Topology> topology = m_store->topology();
        QVERIFY(topology);
        QVERIFY(topology->edge(u"e1"_s)->state == HostState::Deployed);
        QVERIFY(!topology->origin(u"home"_s)->wgPublicKey.isEmpty());
        QVERIFY(m_edge->nginxRunning && m_edge->wireGuardUp && m_edge->firewallLoaded);
        QVERIFY(m_origin->wireGuardUp && m_origin->firewallLoaded);
    }

    // The origin's files are being replaced when the cancel comes: it gets
    // its whole set; the edge, not started yet, keeps what it had.
    void cancel_duringOneHostsFilesFinishesThemAndSparesTheRest()
    {
        const std::unique_ptr<DeployJob> job = makeJob(1); // origin, then edge
        DeployJob *cancelling = job.get();
        m_origin->addHandler([cancelling](const QStringList &argv, const QByteArray &) {
            if (argv.mid(0, 2) == QStringList{u"nft"_s, u"-c"_s})
                cancelling->cancel(); // from the deployment's thread, mid-way
            return std::optional<ExecResult>();
        });
        m_edge->writeFile(NginxLayout().configPath, "# the edge's old nginx.conf\n");
        QSignalSpy finished(job.get(), &DeployJob::finished);
        job->start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, deadlineMs);

        const Result<DeploySummary> &result = *job->result();
        QVERIFY(result);
        QCOMPARE(result->hosts.size(), 2);
        const HostResult &origin = result->hosts.at(0);
        const HostResult &edge = result->hosts.at(1);
        QCOMPARE(origin.label, originLabel);
        QVERIFY2(origin.ok, qPrintable(origin.error.message()));
        QCOMPARE(edge.label, edgeLabel);
        QVERIFY(!edge.ok);
        QCOMPARE(edge.error.kind(), Error::Kind::Cancelled);
        QVERIFY2(edge.error.message().contains(u"cancelled before firewall ruleset"_s),
                 qPrintable(edge.error.message()));

        // The origin: the complete new set, live.
        for (const QString &path :
             {NftablesRenderer::configPath(), ServiceControl::firewallUnitPath(),
              WireGuardRenderer::configPath()}) {
            QVERIFY2(m_origin->exists(path), qPrintable(path));
        }
        QVERIFY(m_origin->firewallLoaded && m_origin->wireGuardUp);
        // The edge: what it had, nothing else.
        QCOMPARE(m_edge->file(NginxLayout().configPath)->content,
                 QByteArray("# the edge's old nginx.conf\n"));
        QVERIFY(!m_edge->exists(NftablesRenderer::configPath()));
        QVERIFY(!m_edge->exists(WireGuardRenderer::configPath()));
        QVERIFY(!m_edge->firewallLoaded && !m_edge->wireGuardUp && !m_edge->nginxRunning);
        verifyNoStagedFiles(*m_origin);
        verifyNoStagedFiles(*m_edge);
        QVERIFY(!m_edge->lockTakenAt && !m_origin->lockTakenAt); // both locks given back

        const Result<QList<Event>> events = m_store->events();
        QVERIFY(events);
        const auto stopped = std::find_if(events->begin(), events->end(), [](const Event &e) {
            return e.category == u"deploy"_s && e.subject == edgeLabel;
        });
        QVERIFY(stopped != events->end());
        QVERIFY2(stopped->reason.contains(u"cancelled"_s), qPrintable(stopped->reason));
    }

    // Cancelled from the window's side while a host installs packages: no
    // file changes anywhere.
    void cancel_whileInstallingChangesNoFile()
    {
        m_edge = std::make_unique<FakeShell>(); // without packages: it installs them
        m_slowOnEdge = {u"env"_s, u"DEBIAN_FRONTEND=noninteractive"_s, u"apt-get"_s};
        const std::unique_ptr<DeployJob> job = makeJob(1);
        QSignalSpy progress(job.get(), &DeployJob::progress);
        QSignalSpy finished(job.get(), &DeployJob::finished);
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_edgeInSlowCommand.load(), deadlineMs);
        job->cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, deadlineMs);

        const Result<DeploySummary> &result = *job->result();
        QVERIFY(result);
        QCOMPARE(result->hosts.size(), 2);
        for (const HostResult &h : result->hosts) {
            QVERIFY2(!h.ok, qPrintable(h.label));
            QCOMPARE(h.error.kind(), Error::Kind::Cancelled);
            QVERIFY(h.report.changes.isEmpty());
        }
        for (const FakeShell *host : {m_origin.get(), m_edge.get()}) {
            QVERIFY(!host->exists(NftablesRenderer::configPath()));
            QVERIFY(!host->exists(WireGuardRenderer::configPath()));
            QVERIFY(!host->exists(NginxLayout().configPath));
            verifyNoStagedFiles(*host);
        }
        // The edge's failed step says so, after it started.
        const QList<DeployProgress> reports = progressOf(progress);
        QList<State> packages;
        for (const DeployProgress &p : reports) {
            if (p.host == edgeLabel && p.step == u"packages"_s)
                packages.append(p.state);
        }
        QVERIFY(packages == (QList<State>{State::Started, State::Failed}));
    }

    // Destroying a running job cancels it and waits: no crash, no report
    // after it is gone, and the database is left usable.
    void destroy_whileRunningCancelsAndWaits()
    {
        m_edge = std::make_unique<FakeShell>();
        m_slowOnEdge = {u"env"_s, u"DEBIAN_FRONTEND=noninteractive"_s, u"apt-get"_s};
        std::unique_ptr<DeployJob> job = makeJob();
        QSignalSpy progress(job.get(), &DeployJob::progress);
        job->start();
        QTRY_VERIFY_WITH_TIMEOUT(m_edgeInSlowCommand.load(), deadlineMs);
        QTRY_VERIFY_WITH_TIMEOUT(!progress.isEmpty(), deadlineMs);
        job.reset(); // returns once the work has ended
        // Reports the work posted before it ended go with the job (ASan would
        // see them reach it here otherwise).
        QCoreApplication::processEvents();
        QVERIFY(QCoreApplication::instance());

        QVERIFY(!m_edge->exists(NginxLayout().configPath));
        verifyNoStagedFiles(*m_edge);
        verifyNoStagedFiles(*m_origin);
        Event written;
        written.category = u"test"_s;
        written.subject = u"after the job"_s;
        written.action = u"write"_s;
        written.outcome = u"ok"_s;
        QVERIFY(m_store->appendEvent(written));
    }

    // A job that never started is destroyed without waiting for anything, and
    // a job runs once.
    void start_onceOnly()
    {
        std::unique_ptr<DeployJob> idle = makeJob();
        idle.reset();

        const std::unique_ptr<DeployJob> job = makeJob();
        QSignalSpy finished(job.get(), &DeployJob::finished);
        QTest::ignoreMessage(QtWarningMsg, "a job runs once; start() ignored");
        QTest::ignoreMessage(QtWarningMsg, "a job runs once; start() ignored");
        QVERIFY(job->start());
        QVERIFY(!job->start());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, deadlineMs);
        QVERIFY(!job->start());
    }

    // Each host's error keeps its kind and its words: a host whose key was
    // never pinned stops with a HostKey error, the others go on.
    void finished_carriesTypedHostErrors()
    {
        Edge unpinned;
        unpinned.name = u"e2"_s;
        unpinned.ssh.host = u"8.8.4.4"_s;
        unpinned.publicIpv4 = u"8.8.4.4"_s;
        QVERIFY(m_store->addEdge(unpinned));
        const std::unique_ptr<DeployJob> job = makeJob();
        QSignalSpy finished(job.get(), &DeployJob::finished);
        job->start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, deadlineMs);
        const Result<DeploySummary> &result = *job->result();
        QVERIFY(result);
        QCOMPARE(result->hosts.size(), 3);
        QVERIFY(!result->ok());
        for (const HostResult &h : result->hosts) {
            if (h.label != u"edge e2"_s) {
                QVERIFY2(h.ok, qPrintable(h.label + u": "_s + h.error.message()));
                continue;
            }
            QVERIFY(!h.ok);
            QCOMPARE(h.error.kind(), Error::Kind::HostKey);
            QVERIFY2(h.error.message().contains(u"not pinned"_s), qPrintable(h.error.message()));
        }
    }

    // Once the control plane holds a certificate for a route, the next
    // deploy installs its chain and key (0600) on the edge and the route
    // turns to HTTPS with a redirect that spares the ACME challenge path;
    // the store records that the edge holds it.
    void certificates_reachTheEdgeAndTheRouteTurnsToHttps()
    {
        Zone zone;
        zone.name = u"example.com"_s;
        QVERIFY(m_store->addZone(zone));
        Route route;
        route.hostname = u"www.example.com"_s;
        route.originName = u"home"_s;
        route.port = 8080;
        QVERIFY(m_store->addRoute(route));
        const QString conf = NginxLayout().configPath;
        const QString key = u"/etc/kokoa/certs/www.example.com/privkey.pem"_s;
        const QString chain = u"/etc/kokoa/certs/www.example.com/fullchain.pem"_s;

        QVERIFY(runJob());
        QVERIFY(m_edge->file(conf)->content.contains("(http only)"));
        QVERIFY(!m_edge->exists(key));

        CertificateStore certificates(m_store->database(), m_dir->path());
        CertificateRecord record;
        record.name = route.hostname;
        record.names = {route.hostname};
        record.serial = u"1f"_s;
        record.chainPem = "-----BEGIN CERTIFICATE-----\nleaf\n-----END CERTIFICATE-----\n";
        QVERIFY(certificates.put(record, "-----BEGIN PRIVATE KEY-----\nk\n"));

        QVERIFY(runJob());
        QCOMPARE(m_edge->file(key)->content, QByteArray("-----BEGIN PRIVATE KEY-----\nk\n"));
        QCOMPARE(m_edge->file(key)->mode, 0600);
        QCOMPARE(m_edge->file(chain)->content, record.chainPem);
        const QByteArray nginx = m_edge->file(conf)->content;
        QVERIFY2(nginx.contains(QByteArray("ssl_certificate " + chain.toUtf8() + ';')),
                 nginx.constData());
        QVERIFY(nginx.contains(QByteArray("ssl_certificate_key " + key.toUtf8() + ';')));
        QVERIFY(nginx.contains("return 301 https://$host$request_uri;"));
        QVERIFY(nginx.contains("location ^~ /.well-known/acme-challenge/"));
        QCOMPARE(*m_edge->nginxServing, nginx);
        QCOMPARE(certificates.holders()->value(route.hostname), QStringList{u"e1"_s});
    }

    // A route whose certificate cannot be read stays on plain HTTP: nginx
    // never names a file the edge does not get.
    void certificates_unreadableKeyKeepsTheRouteOnHttp()
    {
        Zone zone;
        zone.name = u"example.com"_s;
        QVERIFY(m_store->addZone(zone));
        Route route;
        route.hostname = u"www.example.com"_s;
        route.originName = u"home"_s;
        route.port = 8080;
        QVERIFY(m_store->addRoute(route));
        CertificateStore certificates(m_store->database(), m_dir->path());
        CertificateRecord record;
        record.name = route.hostname;
        record.names = {route.hostname};
        record.serial = u"1f"_s;
        record.chainPem = "chain";
        QVERIFY(certificates.put(record, "key"));
        QVERIFY(QFile::remove(DataDirectory::secretsPath(m_dir->path()) + u'/' +
                              CertificateStore::keySecretName(record.name, record.serial)));
        QVERIFY(runJob());
        QVERIFY(m_edge->file(NginxLayout().configPath)->content.contains("(http only)"));
        QVERIFY(!m_edge->exists(u"/etc/kokoa/certs/www.example.com/privkey.pem"_s));
    }

    // A run that cannot start at all finishes with its error.
    void finished_carriesTheRunsError()
    {
        QVERIFY(m_store->removeEdge(u"e1"_s));
        QVERIFY(m_store->removeOrigin(u"home"_s));
        const std::unique_ptr<DeployJob> job = makeJob();
        QSignalSpy finished(job.get(), &DeployJob::finished);
        job->start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, deadlineMs);
        const Result<DeploySummary> &result = *job->result();
        QVERIFY(!result);
        QCOMPARE(result.error().kind(), Error::Kind::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestDeployJob)
#include "tst_deploy_job.moc"
