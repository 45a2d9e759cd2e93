// edge create against the Hetzner emulator and the command kind, with the
// new server played by a scripted host (FakeShell) that presents the host
// key its user-data carried: pinning, rotation, resuming and bad input.
#include "DigitalOceanEmulator.h"
#include "HetznerEmulator.h"
#include "ScriptedEdgeServers.h"
#include "app/EdgeCreation.h"
#include "app/HostKeyRotation.h"
#include "app/ProviderService.h"
#include "cloud/GeneratedHostKey.h"
#include "cloud/HetznerProvider.h"
#include "core/DataDirectory.h"
#include "deploy/HostDeployment.h"
#include "store/ProviderStore.h"
#include "store/SecretStore.h"
#include "store/Store.h"

#include <QFile>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

using namespace kokoa;
using namespace kokoa::app;
using namespace kokoa::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray token = "hz-token-0123456789";
const QString originIp = u"192.168.1.10"_s;
const QString originPin = u"SHA256:"_s + QString(43, u'A');

// A provider whose create answer carries an address no edge may have: a
// broken or hostile API must not put it into the records or the event log.
class ForgedAddress final : public ForwardingProvider
{
public:
    using ForwardingProvider::ForwardingProvider;
    Result<CloudServer> create(const ServerSpec &spec) override
    {
        Result<CloudServer> created = ForwardingProvider::create(spec);
        if (created)
            created->ipv4 = u"203.0.113.9\nforged line"_s;
        return created;
    }
};

} // namespace

class TestEdgeCreate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void createsPinsRotatesAndDeploys();
    void failedDeployResumesWithTheSameServer();
    void lostCreateAnswerResumesWithoutASecondServer();
    void wrongHostKeyStopsBeforeAnyLogin();
    void serverThatNeverRunsTimesOutAndStaysRecorded();
    void refusedImageLeavesNothingOpen();
    void commandProviderPrintingGarbageIsAClearError();
    void providerAddressIsCheckedBeforeItIsRecorded();
    void edgeAddedByHandIsNotTouched();
    void digitalOceanEdgeIsReachedAtItsReservedIp();
    void destroyServerRemovesAnOrphanButNeverAnEdgeOrAForeignServer();

private:
    EdgeCreation creation(int attempts = 4);
    Result<std::unique_ptr<RemoteShell>> connectTo(const SshSession::Options &options);
    void addHetzner(const QString &image = u"debian-12"_s);
    QStringList eventActions(const QString &edge) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<HetznerEmulator> m_api;
    std::unique_ptr<FakeShell> m_origin;
    std::unique_ptr<FakeShell> m_edge;
    GeneratedHostKey m_hostMade; // the key the edge makes when asked to rotate
    QMutex m_mutex;
    QString m_edgePresents; // the host key the new server presents
    int m_edgeRefusals = 0; // connections refused before sshd is "up"
    int m_edgeConnects = 0;
};

void TestEdgeCreate::initTestCase()
{
    qputenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES", "1");
}

void TestEdgeCreate::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(DataDirectory::ensure(m_dir->path()));
    auto store = Store::open(DataDirectory::databasePath(m_dir->path()));
    QVERIFY(store.ok());
    m_store = std::move(store).value();
    Origin home;
    home.name = u"home"_s;
    home.ssh.host = originIp;
    QVERIFY(m_store->addOrigin(home));
    QVERIFY(m_store->setSshHostKey(Store::HostKind::Origin, u"home"_s, originPin));

    m_origin = scriptedOrigin();
    m_edge = std::make_unique<FakeShell>();
    m_edge->installPackages(HostDeployment::packagesFor(HostDeployment::Role::Edge));
    const Result<GeneratedHostKey> made = GeneratedHostKey::generate();
    QVERIFY(made.ok());
    m_hostMade = *made;
    m_edgePresents.clear();
    m_edgeRefusals = 0;
    m_edgeConnects = 0;
    // The rotation, as the host runs it: staging prints the new key,
    // installing makes sshd present it.
    scriptHostKeyRotation(*m_edge, m_hostMade, [this] {
        QMutexLocker lock(&m_mutex);
        m_edgePresents = m_hostMade.fingerprint;
    });

    m_api = std::make_unique<HetznerEmulator>(token);
    QVERIFY(m_api->start());
    // The server boots from its user-data: it presents the key Kokoa gave it.
    m_api->onCreate([this](const HetznerEmulator::Server &s) {
        QMutexLocker lock(&m_mutex);
        m_edgePresents = givenFingerprint(s.userData);
    });
}

void TestEdgeCreate::cleanup()
{
    for (const FakeShell *host : {m_origin.get(), m_edge.get()})
        QVERIFY2(host->unexpected().isEmpty(), qPrintable(host->unexpected().join(u'\n')));
    m_store.reset();
    m_api.reset();
}

Result<std::unique_ptr<RemoteShell>> TestEdgeCreate::connectTo(const SshSession::Options &o)
{
    FakeShell *host = o.target.host == originIp ? m_origin.get() : m_edge.get();
    QString presented = originPin;
    if (host == m_edge.get()) {
        QMutexLocker lock(&m_mutex);
        ++m_edgeConnects;
        if (m_edgeRefusals > 0) {
            --m_edgeRefusals;
            return Error(Error::Kind::Remote, u"connection refused"_s);
        }
        presented = m_edgePresents;
    }
    return connectPresenting(o, *host, presented);
}

EdgeCreation TestEdgeCreate::creation(int attempts)
{
    EdgeCreation c(*m_store, m_dir->path(),
                   [this](const SshSession::Options &o) { return connectTo(o); });
    c.setProviderOpener(fastHetznerOpener(attempts));
    c.setTiming(fastCreationTiming());
    return c;
}

void TestEdgeCreate::addHetzner(const QString &image)
{
    const Status added =
        addHetznerProvider(*m_store, m_dir->path(), m_api->baseUrl(), token, image);
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message()));
}

QStringList TestEdgeCreate::eventActions(const QString &edge) const
{
    QStringList out;
    const auto events = m_store->events(200);
    for (const Event &e : *events) { // oldest first
        if (e.category == u"edge"_s && e.subject == u"edge "_s + edge)
            out.append(e.action + (e.outcome == u"ok"_s ? QString() : u"!"_s));
    }
    return out;
}

void TestEdgeCreate::createsPinsRotatesAndDeploys()
{
    addHetzner();
    m_edgeRefusals = 3; // sshd still starting
    EdgeCreation c = creation();
    const Result<Edge> edge = c.run({u"tokyo-3"_s, u"hz"_s});
    QVERIFY2(edge.ok(), qPrintable(edge.ok() ? QString() : edge.error().message()));

    const QList<HetznerEmulator::Server> servers = m_api->servers();
    QCOMPARE(servers.size(), 1);
    const HetznerEmulator::Server &server = servers.first();
    QVERIFY(server.name.startsWith(u"kokoa-tokyo-3-"_s));
    QVERIFY(server.userData.startsWith("#cloud-config\n"));
    const QString given = givenFingerprint(server.userData);
    QVERIFY(!given.isEmpty());

    // Pinned from the start, then replaced by the key the host made.
    QCOMPARE(edge->sshHostKey, m_hostMade.fingerprint);
    QVERIFY(edge->sshHostKey != given);
    QCOMPARE(edge->provider, u"hz"_s);
    QCOMPARE(edge->providerId, QString::number(server.id));
    QCOMPARE(edge->publicIpv4, server.ipv4);
    QVERIFY(!edge->tunnelAddress.isEmpty());
    QVERIFY(m_edge->nginxRunning);
    QVERIFY(m_edge->wireGuardUp);

    const auto recorded = ProviderStore(m_store->database()).serverForEdge(u"tokyo-3"_s);
    QVERIFY(recorded.ok() && recorded->has_value());
    QCOMPARE((*recorded)->hostKey, given);
    QCOMPARE((*recorded)->state, ServerRecord::State::Created);
    // The given key's private half is gone from the control plane.
    QVERIFY(!SecretStore(DataDirectory::secretsPath(m_dir->path()))
                 .contains(EdgeCreation::hostKeySecretName(server.name)));
    QCOMPARE(eventActions(u"tokyo-3"_s),
             (QStringList{u"server"_s, u"boot"_s, u"enrol"_s, u"connect"_s, u"rotate"_s,
                          u"deploy"_s, u"dns"_s}));
    // Running it again changes nothing at the provider.
    const Result<Edge> again = creation().run({u"tokyo-3"_s, u"hz"_s});
    QVERIFY(again.ok());
    QCOMPARE(m_api->servers().size(), 1);
    QCOMPARE(again->sshHostKey, m_hostMade.fingerprint);
}

void TestEdgeCreate::failedDeployResumesWithTheSameServer()
{
    addHetzner();
    m_edge->answer({u"nginx"_s, u"-t"_s}, 1, "nginx: [emerg] broken on purpose");
    Result<Edge> edge = creation().run({u"osaka-1"_s, u"hz"_s});
    QVERIFY(!edge.ok());
    QVERIFY(eventActions(u"osaka-1"_s).contains(u"deploy!"_s));
    m_edge->removeAnswers();
    m_edge->addHandler(
        [this](const QStringList &argv, const QByteArray &) -> std::optional<ExecResult> {
            if (argv.value(0) == u"sh"_s && argv.value(3) == u"kokoa-stage-host-key"_s)
                return ExecResult{0, m_hostMade.publicKeyLine.toLatin1() + '\n', {}};
            return std::nullopt;
        });
    edge = creation().run({u"osaka-1"_s, u"hz"_s});
    QVERIFY2(edge.ok(), qPrintable(edge.ok() ? QString() : edge.error().message()));
    QCOMPARE(m_api->servers().size(), 1);
    QCOMPARE(edge->providerId, QString::number(m_api->servers().first().id));
    QCOMPARE(edge->sshHostKey, m_hostMade.fingerprint);
}

void TestEdgeCreate::lostCreateAnswerResumesWithoutASecondServer()
{
    addHetzner();
    m_api->loseCreateAnswers(1);
    Result<Edge> edge = creation(1).run({u"kyoto-1"_s, u"hz"_s});
    QVERIFY(!edge.ok());
    QCOMPARE(m_api->servers().size(), 1); // made, its answer lost
    const auto pending = ProviderStore(m_store->database()).serverForEdge(u"kyoto-1"_s);
    QCOMPARE((*pending)->state, ServerRecord::State::Requested);
    QCOMPARE((*pending)->name, m_api->servers().first().name);

    edge = creation(1).run({u"kyoto-1"_s, u"hz"_s});
    QVERIFY2(edge.ok(), qPrintable(edge.ok() ? QString() : edge.error().message()));
    QCOMPARE(m_api->servers().size(), 1);
    QCOMPARE(m_api->requestCount("POST", u"/v1/servers"_s), 1);
    QCOMPARE(edge->providerId, QString::number(m_api->servers().first().id));
}

void TestEdgeCreate::wrongHostKeyStopsBeforeAnyLogin()
{
    addHetzner();
    m_api->onCreate([this](const HetznerEmulator::Server &) {
        QMutexLocker lock(&m_mutex);
        m_edgePresents = u"SHA256:someone-in-the-middle"_s;
    });
    const Result<Edge> edge = creation().run({u"nara-1"_s, u"hz"_s});
    QVERIFY(!edge.ok());
    QCOMPARE(edge.error().kind(), Error::Kind::HostKey);
    QCOMPARE(m_edgeConnects, 1); // no retries against a wrong key
    QVERIFY(m_edge->commands().isEmpty());
    QVERIFY(eventActions(u"nara-1"_s).contains(u"connect!"_s));
}

void TestEdgeCreate::serverThatNeverRunsTimesOutAndStaysRecorded()
{
    addHetzner();
    m_api->setNeverReady(true);
    const Result<Edge> edge = creation().run({u"kobe-1"_s, u"hz"_s});
    QVERIFY(!edge.ok());
    QCOMPARE(edge.error().kind(), Error::Kind::Timeout);
    QCOMPARE(m_api->servers().size(), 1);
    const auto servers = ProviderService(*m_store, m_dir->path()).servers(u"hz"_s);
    QVERIFY(servers.ok());
    QCOMPARE(servers->size(), 1);
    QCOMPARE(servers->first().recorded, u"created"_s);
    QCOMPARE(servers->first().status, u"initializing"_s);
    QVERIFY(servers->first().orphan); // no edge uses it: it shows, it costs money
    QVERIFY(eventActions(u"kobe-1"_s).contains(u"boot!"_s));
}

void TestEdgeCreate::refusedImageLeavesNothingOpen()
{
    addHetzner(u"windows-11"_s);
    const Result<Edge> edge = creation().run({u"sendai-1"_s, u"hz"_s});
    QVERIFY(!edge.ok());
    QCOMPARE(edge.error().kind(), Error::Kind::Refused);
    QVERIFY(edge.error().message().contains(u"windows-11"_s));
    QVERIFY(m_api->servers().isEmpty());
    const auto recorded = ProviderStore(m_store->database()).servers(u"hz"_s);
    QCOMPARE(recorded->size(), 1);
    QCOMPARE(recorded->first().state, ServerRecord::State::Destroyed);
    QVERIFY(ProviderService(*m_store, m_dir->path()).remove(u"hz"_s).ok());
}

void TestEdgeCreate::commandProviderPrintingGarbageIsAClearError()
{
    const QString create = m_dir->filePath(u"create.sh"_s);
    const QString destroy = m_dir->filePath(u"destroy.sh"_s);
    for (const QString &path : {create, destroy}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\necho 'Booting your server, please wait...'\n");
        f.close();
        f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    ProviderService::Description d;
    d.name = u"mine"_s;
    d.kind = u"command"_s;
    d.createCommand = create;
    d.destroyCommand = destroy;
    const Result<ProviderRecord> record = ProviderService::recordFrom(d);
    QVERIFY(record.ok());
    QVERIFY(ProviderService(*m_store, m_dir->path()).add(*record, {}).ok());
    const Result<Edge> edge = creation().run({u"edge-9"_s, u"mine"_s});
    QVERIFY(!edge.ok());
    QVERIFY(edge.error().message().contains(u"JSON object"_s));
    QVERIFY(edge.error().message().contains(u"Booting your server"_s));
    QCOMPARE(edge.error().field(), u"create-command"_s);
    QVERIFY(m_store->topology()->edges.isEmpty());
}

void TestEdgeCreate::providerAddressIsCheckedBeforeItIsRecorded()
{
    addHetzner();
    EdgeCreation c = creation();
    c.setProviderOpener([](const ProviderRecord &p, const QByteArray &t,
                           const QString &owner) -> Result<std::unique_ptr<CloudProvider>> {
        return std::unique_ptr<CloudProvider>(
            std::make_unique<ForgedAddress>(std::make_unique<HetznerProvider>(
                p.settings.value(u"api_base"_s).toString(), t, owner)));
    });
    const Result<Edge> edge = c.run({u"nara-1"_s, u"hz"_s});
    QVERIFY(!edge.ok());
    QCOMPARE(edge.error().kind(), Error::Kind::InvalidInput);
    QCOMPARE(edge.error().field(), u"ipv4"_s);
    QVERIFY(m_store->topology()->edges.isEmpty());
    const auto recorded = ProviderStore(m_store->database()).servers(u"hz"_s);
    QCOMPARE(recorded->size(), 1);
    QCOMPARE(recorded->first().state, ServerRecord::State::Requested);
    QVERIFY(recorded->first().ipv4.isEmpty());
    const Result<QList<Event>> events = m_store->events(200);
    QVERIFY(events.ok());
    for (const Event &e : *events)
        QVERIFY2(!QString(e.reason + e.outcome).contains(u"\nforged"_s), qPrintable(e.outcome));
}

void TestEdgeCreate::edgeAddedByHandIsNotTouched()
{
    addHetzner();
    Edge byHand;
    byHand.name = u"tokyo-1"_s;
    byHand.ssh.host = u"198.51.100.7"_s;
    byHand.publicIpv4 = u"198.51.100.7"_s;
    QVERIFY(m_store->addEdge(byHand));
    const Result<Edge> edge = creation().run({u"tokyo-1"_s, u"hz"_s});
    QVERIFY(!edge.ok());
    QCOMPARE(edge.error().kind(), Error::Kind::Conflict);
    QVERIFY(m_api->servers().isEmpty());
    const Result<Edge> badName = creation().run({u"Tokyo 1"_s, u"hz"_s});
    QCOMPARE(badName.error().field(), u"edge"_s);
    const Result<Edge> noProvider = creation().run({u"tokyo-2"_s, u"nope"_s});
    QCOMPARE(noProvider.error().kind(), Error::Kind::NotFound);
}

void TestEdgeCreate::destroyServerRemovesAnOrphanButNeverAnEdgeOrAForeignServer()
{
    addHetzner();
    m_api->setNeverReady(true);
    QVERIFY(!creation().run({u"kobe-1"_s, u"hz"_s}).ok());
    m_api->setNeverReady(false);
    const QString orphan = m_api->servers().first().name;
    ProviderService providers(*m_store, m_dir->path());
    providers.setOpener([](const ProviderRecord &p, const QByteArray &t,
                           const QString &owner) -> Result<std::unique_ptr<CloudProvider>> {
        return std::unique_ptr<CloudProvider>(
            std::make_unique<HetznerProvider>(p.settings.value(u"api_base"_s).toString(), t, owner,
                                              RetryPolicy(), ActionPolling{2'000, 10}));
    });

    m_api->failDestroys(1);
    const Status failed = providers.destroyServer(u"hz"_s, orphan);
    QVERIFY(!failed.ok());
    QCOMPARE((*ProviderStore(m_store->database()).servers(u"hz"_s)).first().state,
             ServerRecord::State::Destroying);
    QCOMPARE(m_api->servers().size(), 1);
    QVERIFY(providers.destroyServer(u"hz"_s, orphan).ok());
    QVERIFY(m_api->servers().isEmpty());
    QCOMPARE((*ProviderStore(m_store->database()).servers(u"hz"_s)).first().state,
             ServerRecord::State::Destroyed);

    // A server an edge uses, and one without this installation's label.
    QVERIFY(creation().run({u"tokyo-3"_s, u"hz"_s}).ok());
    const QString used = m_api->servers().first().name;
    const Status refused = providers.destroyServer(u"hz"_s, used);
    QCOMPARE(refused.error().kind(), Error::Kind::Conflict);
    m_api->addServer(u"web-1"_s, {});
    QCOMPARE(providers.destroyServer(u"hz"_s, u"web-1"_s).error().kind(), Error::Kind::NotFound);
    QCOMPARE(m_api->servers().size(), 2);
}

// A DigitalOcean provider added with --reserved-ip: the edge is reached at
// the reserved IP its droplet got once running (the address --keep-ip can
// hand on), not at the droplet's own.
void TestEdgeCreate::digitalOceanEdgeIsReachedAtItsReservedIp()
{
    DigitalOceanEmulator api(token);
    QVERIFY(api.start());
    const QString own = u"203.0.113.77"_s;
    api.assignAddresses([this, own](const DigitalOceanEmulator::Droplet &d) {
        QMutexLocker lock(&m_mutex);
        m_edgePresents = givenFingerprint(d.userData);
        return own;
    });
    ProviderService::Description d;
    d.name = u"do"_s;
    d.kind = u"digitalocean"_s;
    d.apiBase = api.baseUrl();
    d.location = u"fra1"_s;
    d.serverType = u"s-1vcpu-1gb"_s;
    d.image = u"debian-12-x64"_s;
    d.reservedIp = true;
    const Result<ProviderRecord> record = ProviderService::recordFrom(d);
    QVERIFY(record.ok());
    QVERIFY(ProviderService(*m_store, m_dir->path()).add(*record, token).ok());

    const Result<Edge> edge = creation().run({u"osaka-1"_s, u"do"_s});
    QVERIFY2(edge.ok(), qPrintable(edge.ok() ? QString() : edge.error().message()));
    QCOMPARE(api.reservedIps().size(), 1);
    const DigitalOceanEmulator::ReservedIp reserved = api.reservedIps().first();
    QCOMPARE(reserved.droplet, api.droplets().first().id);
    QVERIFY(reserved.ip != own);
    QCOMPARE(edge->publicIpv4, reserved.ip);
    QCOMPARE(edge->ssh.host, reserved.ip);
    QCOMPARE((*ProviderStore(m_store->database()).servers(u"do"_s)).first().ipv4, reserved.ip);

    d.kind = u"hetzner"_s; // only DigitalOcean needs it
    QCOMPARE(ProviderService::recordFrom(d).error().field(), u"reserved-ip"_s);
}

QTEST_GUILESS_MAIN(TestEdgeCreate)
#include "tst_edge_create.moc"
