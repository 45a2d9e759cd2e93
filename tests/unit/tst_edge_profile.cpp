// Switching an edge's profile: the stored profile and one deployment of that
// edge alone, after which the edge's nginx.conf has the other limits, against
// scripted hosts (FakeShell) with the real Deployer.

#include "ScriptedHosts.h"
#include "app/AutoProfileSwitch.h"
#include "app/DeployJob.h"
#include "app/EdgeProfileSwitch.h"
#include "core/DataDirectory.h"
#include "render/NginxRenderer.h"
#include "render/WireGuardRenderer.h"
#include "store/AcmeAccountStore.h"
#include "store/Store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace kokoa;
using namespace kokoa::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int deadlineMs = 30000;

} // namespace

class TestEdgeProfile final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<FakeShell> m_origin;
    std::unique_ptr<FakeShell> m_edge;
    QStringList m_connected; // hosts the deployments reached, in order

    QString databasePath() const { return DataDirectory::databasePath(m_dir->path()); }

    Deployer::Connector connector()
    {
        return [this](const SshSession::Options &options) -> Result<std::unique_ptr<RemoteShell>> {
            const bool edge = options.target.host == u"8.8.8.8"_s;
            m_connected.append(options.target.host);
            return std::unique_ptr<RemoteShell>(
                std::make_unique<FakeShellLink>(edge ? *m_edge : *m_origin));
        };
    }

    static EdgeLoad loadOf(double requestsPerSecond)
    {
        EdgeLoad load;
        load.atMs = 1;
        load.requestsPerSecond = requestsPerSecond;
        return load;
    }

    int eventsWith(const QString &action)
    {
        const Result<QList<Event>> events = m_store->events(1000);
        return events ? int(std::count_if(events->cbegin(), events->cend(),
                                          [&](const Event &e) { return e.action == action; }))
                      : -1;
    }

    Result<DeploySummary> deploy(const DeployRequest &request)
    {
        DeployRequest r = request;
        r.tunnelCheckTimeoutMs = 5000;
        DeployJob job(databasePath(), m_dir->path(), r);
        job.setConnector(connector());
        QSignalSpy finished(&job, &DeployJob::finished);
        job.start();
        if (!QTest::qWaitFor([&] { return finished.size() == 1; }, deadlineMs))
            return Error(Error::Kind::Timeout, u"the deployment did not finish"_s);
        return *job.result();
    }

    QByteArray edgeNginx() const
    {
        const Result<std::optional<QByteArray>> conf = m_edge->download(u"/etc/nginx/nginx.conf"_s);
        return conf && *conf ? **conf : QByteArray();
    }

    // Reloads of the edge's nginx (ServiceControl wraps them in a script
    // named kokoa-reload that waits for the new workers).
    qsizetype nginxReloads() const
    {
        const QList<QStringList> &commands = m_edge->commands();
        return std::count_if(commands.cbegin(), commands.cend(), [](const QStringList &argv) {
            return argv.value(3) == u"kokoa-reload"_s;
        });
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(DataDirectory::ensure(m_dir->path()));
        Result<std::unique_ptr<Store>> store = Store::open(databasePath());
        QVERIFY(store);
        m_store = std::move(store).value();
        QVERIFY(addPinnedOrigin(*m_store));
        QVERIFY(addPinnedEdge(*m_store, u"e1"_s, u"8.8.8.8"_s));
        Route r;
        r.hostname = u"www.example.com"_s;
        r.originName = u"home"_s;
        r.port = 8080;
        Zone z;
        z.name = u"example.com"_s;
        QVERIFY(m_store->addZone(z));
        QVERIFY(m_store->addRoute(r));

        m_origin = scriptedOrigin();
        m_edge = scriptedEdge();
        DeployRequest all;
        all.all = true;
        const Result<DeploySummary> first = deploy(all);
        QVERIFY2(first && first->ok(),
                 first ? "a host failed" : qPrintable(first.error().message()));
        m_connected.clear();
    }

    void cleanup()
    {
        for (const FakeShell *host : {m_origin.get(), m_edge.get()})
            QVERIFY2(host->unexpected().isEmpty(), qPrintable(host->unexpected().join(u'\n')));
    }

    void switchRedeploysThatEdgeWithTheOtherLimits()
    {
        const QByteArray normal = edgeNginx();
        QVERIFY(normal.contains("limit_req zone=kokoa_req burst="));
        QVERIFY(!normal.contains("limit_req zone=kokoa_req_attack"));
        QVERIFY(normal.contains("client_header_timeout 10s;"));
        const qsizetype reloadsBefore = nginxReloads();

        const Result<EdgeProfileSwitch::Change> change =
            EdgeProfileSwitch::store(*m_store, u"e1"_s, EdgeProfile::UnderAttack, u"test"_s);
        QVERIFY(change);
        QVERIFY(change->changed && change->deployed);
        QVERIFY(change->previous == EdgeProfile::Normal);
        const Result<DeploySummary> applied = deploy(EdgeProfileSwitch::request(u"e1"_s));
        QVERIFY(applied && applied->ok());
        QCOMPARE(applied->hosts.size(), 1); // that edge alone
        QCOMPARE(applied->hosts.first().label, u"edge e1"_s);
        QCOMPARE(m_connected, QStringList{u"8.8.8.8"_s});

        const QByteArray attacked = edgeNginx();
        QVERIFY(attacked.contains("limit_req zone=kokoa_req_attack burst=10"));
        QVERIFY(attacked.contains("limit_conn kokoa_conn 8;"));
        QVERIFY(attacked.contains("client_header_timeout 5s;"));
        // Still the load server on the tunnel side.
        QVERIFY(attacked.contains(":8091;"));
        // One nginx reload applied it, nothing restarted.
        QCOMPARE(nginxReloads(), reloadsBefore + 1);
        QVERIFY(m_store->topology()->edge(u"e1"_s)->profile == EdgeProfile::UnderAttack);

        // The same profile again: nothing stored, nothing to deploy.
        const Result<EdgeProfileSwitch::Change> again =
            EdgeProfileSwitch::store(*m_store, u"e1"_s, EdgeProfile::UnderAttack, u"test"_s);
        QVERIFY(again && !again->changed);

        // And back.
        QVERIFY(EdgeProfileSwitch::store(*m_store, u"e1"_s, EdgeProfile::Normal, u"test"_s));
        const Result<DeploySummary> back = deploy(EdgeProfileSwitch::request(u"e1"_s));
        QVERIFY(back && back->ok());
        QCOMPARE(edgeNginx(), normal);
    }

    void loadAboveTheThresholdSwitchesOnceWithOneDeployment()
    {
        AutoProfileSwitch automatic(*m_store, m_dir->path());
        automatic.setConnector(connector());
        QSignalSpy switched(&automatic, &AutoProfileSwitch::switched);

        // Off by default: no load switches anything.
        automatic.onLoad(u"e1"_s, loadOf(1e6));
        QVERIFY(automatic.idle());
        QVERIFY(m_store->setSetting(u"load.attack_rps"_s, u"1000"_s));
        // At or below the threshold, or no rate yet: nothing either.
        automatic.onLoad(u"e1"_s, loadOf(1000));
        automatic.onLoad(u"e1"_s, EdgeLoad{});
        QVERIFY(automatic.idle());
        QVERIFY(m_connected.isEmpty());
        QVERIFY(m_store->topology()->edge(u"e1"_s)->profile == EdgeProfile::Normal);

        automatic.onLoad(u"e1"_s, loadOf(4210.5));
        QVERIFY(!automatic.idle());
        automatic.onLoad(u"e1"_s, loadOf(9000)); // one at a time: ignored while it runs
        QTRY_COMPARE_WITH_TIMEOUT(switched.size(), 1, deadlineMs);
        QCOMPARE(switched.first().at(1).toBool(), true);
        QVERIFY(m_store->topology()->edge(u"e1"_s)->profile == EdgeProfile::UnderAttack);
        QVERIFY(edgeNginx().contains("limit_req zone=kokoa_req_attack burst=10"));
        QCOMPARE(m_connected, QStringList{u"8.8.8.8"_s});
        QCOMPARE(eventsWith(u"profile under-attack"_s), 1);
        QCOMPARE(eventsWith(u"deploy under-attack profile"_s), 1);
        const Result<QList<Event>> events = m_store->events(1000);
        QVERIFY(std::any_of(events->cbegin(), events->cend(), [](const Event &e) {
            return e.reason.contains(u"4210.5 requests/s, above load.attack_rps (1000)"_s);
        }));

        // Under attack already: later readings change nothing, and it never
        // switches back by itself.
        QVERIFY(automatic.idle());
        automatic.onLoad(u"e1"_s, loadOf(5000));
        automatic.onLoad(u"e1"_s, loadOf(0));
        QVERIFY(automatic.idle());
        QCOMPARE(m_connected.size(), 1);
        QVERIFY(m_store->topology()->edge(u"e1"_s)->profile == EdgeProfile::UnderAttack);
    }

    // The route has TLS on and no certificate, and an ACME account exists
    // (its CA answers nothing): a deploy orders the certificate, the
    // automatic switch does not: it redeploys that edge and contacts no CA.
    void automaticSwitchOrdersNoCertificate()
    {
        AcmeAccountRecord account;
        account.directoryUrl = u"https://127.0.0.1:9/directory"_s;
        account.email = u"admin@example.com"_s;
        QVERIFY(AcmeAccountStore(m_store->database(), m_dir->path()).put(account, {}));
        QVERIFY(m_store->setSetting(u"load.attack_rps"_s, u"1000"_s));

        AutoProfileSwitch automatic(*m_store, m_dir->path());
        automatic.setConnector(connector());
        QSignalSpy switched(&automatic, &AutoProfileSwitch::switched);
        automatic.onLoad(u"e1"_s, loadOf(4210.5));
        QTRY_COMPARE_WITH_TIMEOUT(switched.size(), 1, deadlineMs);
        QCOMPARE(switched.first().at(1).toBool(), true);
        QVERIFY(edgeNginx().contains("limit_req zone=kokoa_req_attack burst=10"));
        QCOMPARE(m_connected, QStringList{u"8.8.8.8"_s});
        QCOMPARE(eventsWith(u"issue"_s), 0);

        // The same setting makes an ordinary deploy order it (and fail).
        DeployRequest edges;
        edges.edges = {u"e1"_s};
        const Result<DeploySummary> deployed = deploy(edges);
        QVERIFY(deployed && deployed->ok());
        QCOMPARE(eventsWith(u"issue"_s), 1);
    }

    void badInputChangesNothing()
    {
        const QString before = QString::fromUtf8(edgeNginx());
        const Result<EdgeProfileSwitch::Change> unknown =
            EdgeProfileSwitch::store(*m_store, u"nope"_s, EdgeProfile::UnderAttack, u"test"_s);
        QVERIFY(!unknown);
        QVERIFY(unknown.error().kind() == Error::Kind::NotFound);
        QCOMPARE(unknown.error().field(), u"edge"_s);
        const Result<EdgeProfile> word = EdgeProfileSwitch::parse(u"attack"_s);
        QVERIFY(!word);
        QCOMPARE(word.error().field(), u"profile"_s);
        QVERIFY2(word.error().message().contains(u"under-attack"_s),
                 qPrintable(word.error().message()));
        QVERIFY(*EdgeProfileSwitch::parse(u"under-attack"_s) == EdgeProfile::UnderAttack);
        QVERIFY(m_store->topology()->edge(u"e1"_s)->profile == EdgeProfile::Normal);
        QCOMPARE(QString::fromUtf8(edgeNginx()), before);
    }
};

QTEST_GUILESS_MAIN(TestEdgeProfile)
#include "tst_edge_profile.moc"
