// The application layer's use cases driven directly, as a window would: no
// command-line parser, no stdin, typed results.
#include "CloudflareEmulator.h"
#include "app/ConfigTransfer.h"
#include "app/DnsSync.h"
#include "app/HostEnrolment.h"
#include "app/HostPreview.h"
#include "app/Installation.h"
#include "app/WatchdogService.h"
#include "app/ZoneCredentialCheck.h"
#include "app/ZoneService.h"
#include "core/DataDirectory.h"
#include "dns/DnsOwnerId.h"
#include "store/SecretStore.h"
#include "store/Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace kokoa;
using namespace kokoa::app;

namespace {

const QByteArray token = "cf-app-token-5e1d7c3a9b2f4e6d";
const QString host = QStringLiteral("www.example.com");

} // namespace

class TestApp final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void zoneDescriptionGetsItsDefaults();
    void zoneAddChecksTheCredentialAndStoresTheSecret();
    void zoneAddRollsBackWhenTheCheckFails();
    void zoneAddRollsBackWhenTheSecretCannotBeStored();
    void zoneAddLeavesAnExistingZonesSecretAlone();
    void zoneSetSecretAndRemove();
    void dnsSyncDryRunPlansWhatTheRunDoes();
    void dnsSyncReportsAFailingHostnameAndGoesOn();
    void watchdogInstallStatusUninstall();
    void watchdogInstallReportsAFailingStep();
    void exportImportRoundTrip();
    void installationSetUpIsRepeatable();
    void installationRefusesABadTunnelRangeBeforeCreatingAnything();
    void enrolmentRefusesADuplicateEdgeBeforeContact();
    void enrolmentPinsWhatTheContactFound();
    void previewShowsWhatADeployWouldInstall();
    void zoneSecretsAreCheckedForFormWithoutQuotingThem();
    void watchdogUnitTakesPathsLiterally();

private:
    Zone cloudflareZone(const QString &name) const;
    SecretStore secrets() const { return SecretStore(DataDirectory::secretsPath(m_dir->path())); }
    void addEdgesAndRoute();
    QStringList contents() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<CloudflareEmulator> m_cf;
};

void TestApp::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto store = Store::open(DataDirectory::databasePath(m_dir->path()));
    QVERIFY2(store.ok(), qPrintable(store.ok() ? QString() : store.error().message()));
    m_store = std::move(store).value();
    QVERIFY(DnsOwnerId::loadOrCreate(m_dir->path(), true).ok());
    m_cf = std::make_unique<CloudflareEmulator>(token);
    QVERIFY(m_cf->startOnOwnThread()); // the providers block this thread
    m_cf->addZone(QStringLiteral("example.com"));
}

void TestApp::cleanup()
{
    m_cf.reset();
    m_store.reset();
    m_dir.reset();
}

Zone TestApp::cloudflareZone(const QString &name) const
{
    Zone z;
    z.name = name;
    z.provider = DnsProvider::Cloudflare;
    z.providerSettings.insert(QStringLiteral("api_base"), m_cf->baseUrl());
    return z;
}

void TestApp::zoneDescriptionGetsItsDefaults()
{
    ZoneService::Description cf;
    cf.name = QStringLiteral("example.com");
    cf.provider = DnsProvider::Cloudflare;
    const Result<Zone> cloudflare = ZoneService::zoneFrom(cf);
    QVERIFY(cloudflare.ok());
    QCOMPARE(cloudflare->providerSettings.value(QStringLiteral("api_base")).toString(),
             ZoneService::defaultCloudflareApi());

    ZoneService::Description ns;
    ns.name = QStringLiteral("example.net");
    ns.provider = DnsProvider::Rfc2136;
    ns.server = QStringLiteral("192.0.2.53");
    ns.tsigName = QStringLiteral("kokoa-key");
    const Result<Zone> rfc2136 = ZoneService::zoneFrom(ns);
    QVERIFY(rfc2136.ok());
    QCOMPARE(rfc2136->providerSettings.value(QStringLiteral("port")).toString(),
             QStringLiteral("53"));
    QCOMPARE(rfc2136->providerSettings.value(QStringLiteral("tsig_algorithm")).toString(),
             QStringLiteral("hmac-sha256"));
    ns.server = QStringLiteral("[2001:db8::53]:5353");
    QCOMPARE(ZoneService::zoneFrom(ns)->providerSettings.value(QStringLiteral("port")).toString(),
             QStringLiteral("5353"));
    ns.server = QStringLiteral("admin@192.0.2.53");
    const Result<Zone> withUser = ZoneService::zoneFrom(ns);
    QVERIFY(!withUser.ok());
    QCOMPARE(withUser.error().field(), QStringLiteral("server"));
    QCOMPARE(withUser.error().value(), ns.server);
}

void TestApp::zoneAddChecksTheCredentialAndStoresTheSecret()
{
    ZoneService zones(*m_store, m_dir->path());
    const Result<Zone> added = zones.add(cloudflareZone(QStringLiteral("example.com")), token);
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message()));
    QCOMPARE(added->secretRef, QStringLiteral("zone-example.com"));
    QCOMPARE(ZoneService::secretNameFor(QStringLiteral("example.com")), added->secretRef);
    QCOMPARE(*secrets().get(added->secretRef), token);

    const auto listed = zones.list();
    QVERIFY(listed.ok());
    QCOMPARE(listed->size(), 1);
    QVERIFY(listed->first().secretPresent);
    QVERIFY(secrets().remove(added->secretRef).ok());
    QVERIFY(!zones.list()->first().secretPresent);
}

void TestApp::zoneAddRollsBackWhenTheCheckFails()
{
    // The real check against the provider: a wrong token is refused.
    ZoneService zones(*m_store, m_dir->path());
    const Result<Zone> wrong =
        zones.add(cloudflareZone(QStringLiteral("example.com")), "not-the-token-0123456789");
    QVERIFY(!wrong.ok());
    QCOMPARE(wrong.error().field(), QString::fromLatin1(ZoneCredentialCheck::field));
    QCOMPARE(wrong.error().value(), QStringLiteral("example.com"));
    QVERIFY2(!wrong.error().message().contains(QStringLiteral("--")),
             qPrintable(wrong.error().message()));
    QVERIFY(m_store->topology()->zones.isEmpty());
    QVERIFY(!secrets().contains(QStringLiteral("zone-example.com")));

    // An injected check that fails: the same, and it saw the secret.
    QByteArray seen;
    zones.setCredentialCheck([&](const Zone &, const QByteArray &secret) -> Status {
        seen = secret;
        return Error(Error::Kind::Refused, QStringLiteral("no"),
                     QString::fromLatin1(ZoneCredentialCheck::field));
    });
    QVERIFY(!zones.add(cloudflareZone(QStringLiteral("example.com")), token).ok());
    QCOMPARE(seen, token);
    QVERIFY(m_store->topology()->zones.isEmpty());
    QVERIFY(!secrets().contains(QStringLiteral("zone-example.com")));

    // Not asked at all when the caller says so (offline).
    seen.clear();
    QVERIFY(zones.add(cloudflareZone(QStringLiteral("example.com")), token, false).ok());
    QVERIFY(seen.isEmpty());
}

void TestApp::zoneAddRollsBackWhenTheSecretCannotBeStored()
{
    // The secrets directory cannot be made: a file is in its place.
    const QString secretsPath = DataDirectory::secretsPath(m_dir->path());
    QDir(secretsPath).removeRecursively();
    QFile blocker(secretsPath);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    ZoneService zones(*m_store, m_dir->path());
    int checked = 0;
    zones.setCredentialCheck([&](const Zone &, const QByteArray &) -> Status {
        ++checked;
        return {};
    });
    const Result<Zone> added = zones.add(cloudflareZone(QStringLiteral("example.com")), token);
    QVERIFY(!added.ok());
    QCOMPARE(checked, 1);
    const Result<Topology> t = m_store->topology();
    QVERIFY(t.ok());
    QVERIFY2(t->zones.isEmpty(), "the zone row must be rolled back with the failed secret");
}

void TestApp::zoneAddLeavesAnExistingZonesSecretAlone()
{
    ZoneService zones(*m_store, m_dir->path());
    zones.setCredentialCheck({});
    QVERIFY(zones.add(cloudflareZone(QStringLiteral("example.com")), token).ok());
    const Result<Zone> again =
        zones.add(cloudflareZone(QStringLiteral("example.com")), "another-token-0123456789");
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind(), Error::Kind::Conflict);
    QCOMPARE(again.error().field(), QStringLiteral("zone"));
    QCOMPARE(again.error().value(), QStringLiteral("example.com"));
    QCOMPARE(*secrets().get(QStringLiteral("zone-example.com")), token);
}

void TestApp::zoneSetSecretAndRemove()
{
    ZoneService zones(*m_store, m_dir->path());
    QVERIFY(zones.add(cloudflareZone(QStringLiteral("example.com")), token).ok());
    // A wrong replacement is tried with the provider and refused: the old stays.
    QVERIFY(!zones.setSecret(QStringLiteral("example.com"), "wrong-token-0123456789").ok());
    QCOMPARE(*secrets().get(QStringLiteral("zone-example.com")), token);
    QVERIFY(zones.setSecret(QStringLiteral("example.com"), "new-token-0123456789", false).ok());
    QCOMPARE(*secrets().get(QStringLiteral("zone-example.com")),
             QByteArray("new-token-0123456789"));

    const Result<Zone> missing = zones.zoneForSecret(QStringLiteral("example.org"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind(), Error::Kind::NotFound);

    const auto removed = zones.remove(QStringLiteral("example.com"));
    QVERIFY(removed.ok());
    QVERIFY(!removed->secretNotRemoved);
    QVERIFY(m_store->topology()->zones.isEmpty());
    QVERIFY(!secrets().contains(QStringLiteral("zone-example.com")));
}

void TestApp::addEdgesAndRoute()
{
    ZoneService zones(*m_store, m_dir->path());
    QVERIFY(zones.add(cloudflareZone(QStringLiteral("example.com")), token).ok());
    Origin origin;
    origin.name = QStringLiteral("home");
    origin.ssh = SshTarget{QStringLiteral("admin"), QStringLiteral("192.168.1.10"), 22};
    QVERIFY(m_store->addOrigin(origin).ok());
    for (const auto &[name, ip] :
         {std::pair{QStringLiteral("tokyo-1"), QStringLiteral("8.8.4.4")},
          std::pair{QStringLiteral("osaka-1"), QStringLiteral("9.9.9.9")}}) {
        Edge e;
        e.name = name;
        e.ssh = SshTarget{QStringLiteral("root"), ip, 22};
        e.publicIpv4 = ip;
        const auto added = m_store->addEdge(e);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message()));
        QVERIFY(m_store->setHostState(Store::HostKind::Edge, name, HostState::Deployed).ok());
    }
    Route r;
    r.hostname = host;
    r.zoneName = QStringLiteral("example.com");
    r.originName = QStringLiteral("home");
    r.port = 8080;
    const auto route = m_store->addRoute(r);
    QVERIFY2(route.ok(), qPrintable(route.ok() ? QString() : route.error().message()));
}

QStringList TestApp::contents() const
{
    QStringList out;
    for (const auto &r : m_cf->recordsNamed(host))
        out.append(r.content);
    out.sort();
    return out;
}

void TestApp::dnsSyncDryRunPlansWhatTheRunDoes()
{
    addEdgesAndRoute();
    if (QTest::currentTestFailed())
        return;
    const DnsSync sync(*m_store, m_dir->path());
    const Result<DnsSync::Report> dry = sync.run(DnsSync::Mode::DryRun);
    QVERIFY2(dry.ok(), qPrintable(dry.ok() ? QString() : dry.error().message()));
    QCOMPARE(dry->hostnames.size(), 1);
    QCOMPARE(dry->hostnames.first().hostname, host);
    QVERIFY(!dry->hostnames.first().error);
    QCOMPARE(dry->failures(), 0);
    QVERIFY(!dry->hostnames.first().changes.isEmpty());
    QVERIFY(contents().isEmpty()); // the dry run changed nothing

    const Result<DnsSync::Report> applied = sync.run(DnsSync::Mode::Apply);
    QVERIFY(applied.ok());
    QCOMPARE(applied->hostnames.first().changes, dry->hostnames.first().changes);
    QCOMPARE(contents(), (QStringList{QStringLiteral("8.8.4.4"), QStringLiteral("9.9.9.9")}));

    const Result<DnsSync::Report> again = sync.run(DnsSync::Mode::DryRun);
    QVERIFY(again.ok());
    for (const QString &line : again->hostnames.first().changes)
        QVERIFY2(line.startsWith(QLatin1String("! ")), qPrintable(line)); // warnings only
    QVERIFY(again->edgesLeftOut.isEmpty());
}

void TestApp::dnsSyncReportsAFailingHostnameAndGoesOn()
{
    addEdgesAndRoute();
    if (QTest::currentTestFailed())
        return;
    // The provider is gone: the hostname fails, the sync as a whole reports.
    m_cf.reset();
    const Result<DnsSync::Report> report =
        DnsSync(*m_store, m_dir->path()).run(DnsSync::Mode::Apply);
    QVERIFY(report.ok());
    QCOMPARE(report->hostnames.size(), 1);
    QVERIFY(report->hostnames.first().error.has_value());
    QCOMPARE(report->failures(), 1);
}

void TestApp::watchdogInstallStatusUninstall()
{
    QTemporaryDir units;
    QList<QStringList> calls;
    WatchdogService::Options o;
    o.unitDirectory = units.filePath(QStringLiteral("systemd/user"));
    o.systemctl = QStringLiteral("fake-systemctl");
    o.loginctl = QStringLiteral("fake-loginctl");
    o.user = QStringLiteral("kokoa-user");
    o.run = [&](const QString &program, const QStringList &args) {
        calls.append(QStringList{program} + args);
        return WatchdogService::CommandResult{
            0, args.contains(QStringLiteral("is-active")) ? QStringLiteral("active") : QString()};
    };
    const WatchdogService service(o);
    QCOMPARE(service.unitPath(), o.unitDirectory + QStringLiteral("/kokoa-watchdog.service"));

    QVERIFY(service.install(QStringLiteral("/opt/kokoa/bin/kokoa-watchdog"), m_dir->path()).ok());
    QFile unit(service.unitPath());
    QVERIFY(unit.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(unit.readAll());
    QVERIFY2(
        text.contains(QStringLiteral("ExecStart=\"/opt/kokoa/bin/kokoa-watchdog\" --data-dir \"") +
                      m_dir->path() + QLatin1Char('"')),
        qPrintable(text));
    QCOMPARE(calls.size(), 3);
    QCOMPARE(calls.at(0), (QStringList{QStringLiteral("fake-systemctl"), QStringLiteral("--user"),
                                       QStringLiteral("daemon-reload")}));
    QCOMPARE(calls.at(1), (QStringList{QStringLiteral("fake-systemctl"), QStringLiteral("--user"),
                                       QStringLiteral("enable"), QStringLiteral("--now"),
                                       WatchdogService::unitName()}));
    QCOMPARE(calls.at(2),
             (QStringList{QStringLiteral("fake-loginctl"), QStringLiteral("enable-linger"),
                          QStringLiteral("kokoa-user")}));

    const auto state = service.state(*m_store);
    QVERIFY(state.ok());
    QVERIFY(state->installed);
    QCOMPARE(state->service, QStringLiteral("active"));
    QVERIFY(!state->heartbeat); // it never ran a cycle

    calls.clear();
    const WatchdogService::Removal removed = service.uninstall();
    QVERIFY(!removed.disableFailed && !removed.removeFailed);
    QVERIFY(!QFile::exists(service.unitPath()));
    QCOMPARE(calls.first(), (QStringList{QStringLiteral("fake-systemctl"), QStringLiteral("--user"),
                                         QStringLiteral("disable"), QStringLiteral("--now"),
                                         WatchdogService::unitName()}));
    QVERIFY(!service.state(*m_store)->installed);
    calls.clear();
    QVERIFY(!service.uninstall().removeFailed); // nothing installed: nothing run
    QVERIFY(calls.isEmpty());
}

void TestApp::watchdogInstallReportsAFailingStep()
{
    QTemporaryDir units;
    WatchdogService::Options o;
    o.unitDirectory = units.path();
    o.run = [](const QString &, const QStringList &args) {
        return args.contains(QStringLiteral("enable"))
                   ? WatchdogService::CommandResult{1, QStringLiteral("Failed to connect to bus")}
                   : WatchdogService::CommandResult{0, {}};
    };
    const Status s = WatchdogService(o).install(QStringLiteral("/bin/true"), m_dir->path());
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind(), Error::Kind::Io);
    QVERIFY2(s.error().message().contains(QStringLiteral("Failed to connect to bus")),
             qPrintable(s.error().message()));
}

void TestApp::exportImportRoundTrip()
{
    addEdgesAndRoute();
    if (QTest::currentTestFailed())
        return;
    const Result<QByteArray> exported = ConfigTransfer(*m_store, m_dir->path()).exportJson();
    QVERIFY(exported.ok());
    QVERIFY(!exported->contains(token)); // secrets never travel

    QTemporaryDir other;
    auto otherStore = Store::open(DataDirectory::databasePath(other.path()));
    QVERIFY(otherStore.ok());
    const Result<Configuration> parsed = ConfigTransfer::parse(*exported);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message()));
    const ConfigTransfer target(**otherStore, other.path());
    const auto imported = target.import(*parsed);
    QVERIFY2(imported.ok(), qPrintable(imported.ok() ? QString() : imported.error().message()));
    QCOMPARE(imported->zones, 1);
    QCOMPARE(imported->origins, 1);
    QCOMPARE(imported->edges, 2);
    QCOMPARE(imported->routes, 1);
    QCOMPARE(imported->zonesWithoutSecret, QStringList{QStringLiteral("example.com")});
    QCOMPARE(*target.exportJson(), *exported);

    // A broken document is refused and stores nothing.
    const Result<Configuration> broken = ConfigTransfer::parse("{\"zones\": 3}");
    QVERIFY(!broken.ok());
    QCOMPARE(*target.exportJson(), *exported);
}

QTEST_GUILESS_MAIN(TestApp)
void TestApp::installationSetUpIsRepeatable()
{
    QTemporaryDir parent;
    const QString dir = parent.path() + QStringLiteral("/kokoa");
    const Installation installation(dir);
    QVERIFY(!installation.exists());
    Installation::Options options;
    options.tunnelRange = QStringLiteral("10.77.0.0/24");
    const auto first = installation.setUp(options);
    QVERIFY2(first.ok(), qPrintable(first.ok() ? QString() : first.error().message()));
    QVERIFY(first->created);
    QVERIFY(installation.exists());
    QVERIFY(first->sshPublicKey.startsWith(QStringLiteral("ssh-")));
    QVERIFY(!first->dnsOwnerId.isEmpty());

    const auto again = installation.setUp({});
    QVERIFY(again.ok());
    QVERIFY(!again->created);
    QCOMPARE(again->sshPublicKey, first->sshPublicKey);
    QCOMPARE(again->dnsOwnerId, first->dnsOwnerId);
    const auto store = Store::open(DataDirectory::databasePath(dir));
    QVERIFY(store.ok());
    QCOMPARE((*store)->settings()->tunnelRange(), QStringLiteral("10.77.0.0/24"));

    // A new owner id only in place of a lost one.
    Installation::Options replace;
    replace.newDnsOwnerId = true;
    const auto refused = installation.setUp(replace);
    QVERIFY(!refused.ok());
}

void TestApp::installationRefusesABadTunnelRangeBeforeCreatingAnything()
{
    QTemporaryDir parent;
    const QString dir = parent.path() + QStringLiteral("/kokoa");
    Installation::Options options;
    options.tunnelRange = QStringLiteral("10.77.0.0/33");
    const auto outcome = Installation(dir).setUp(options);
    QVERIFY(!outcome.ok());
    QCOMPARE(outcome.error().kind(), Error::Kind::InvalidInput);
    QCOMPARE(outcome.error().field(), QStringLiteral("tunnel-range"));
    QCOMPARE(outcome.error().value(), options.tunnelRange);
    QVERIFY(!QFileInfo::exists(dir));
}

void TestApp::enrolmentRefusesADuplicateEdgeBeforeContact()
{
    addEdgesAndRoute();
    Edge twin;
    twin.name = QStringLiteral("tokyo-2");
    twin.ssh = SshTarget{QStringLiteral("root"), QStringLiteral("8.8.4.4"), 22};
    twin.publicIpv4 = QStringLiteral("8.8.4.4"); // tokyo-1's address
    int contacted = 0;
    const HostEnrolment enrolment(*m_store);
    QVERIFY(!enrolment.precheck(twin).ok());
    const auto added = enrolment.addEdge(twin, [&](const SshTarget &) -> Result<QString> {
        ++contacted;
        return QStringLiteral("SHA256:x");
    });
    QVERIFY(!added.ok());
    QCOMPARE(contacted, 0);
    QVERIFY(!m_store->topology()->edge(twin.name));

    // A name already taken is refused before contact too, for both kinds.
    Edge renamed = *m_store->topology()->edge(QStringLiteral("tokyo-1"));
    renamed.publicIpv4 = QStringLiteral("1.0.0.1");
    renamed.ssh.host = QStringLiteral("1.0.0.1");
    const auto taken = enrolment.addEdge(renamed, [&](const SshTarget &) -> Result<QString> {
        ++contacted;
        return QStringLiteral("SHA256:x");
    });
    QVERIFY(!taken.ok());
    QCOMPARE(taken.error().kind(), Error::Kind::Conflict);
    QCOMPARE(taken.error().field(), QStringLiteral("name"));
    Origin home = *m_store->topology()->origin(QStringLiteral("home"));
    const auto origin = enrolment.addOrigin(home, [&](const SshTarget &) -> Result<QString> {
        ++contacted;
        return QStringLiteral("SHA256:x");
    });
    QVERIFY(!origin.ok());
    QCOMPARE(origin.error().kind(), Error::Kind::Conflict);
    QCOMPARE(contacted, 0);
}

void TestApp::enrolmentPinsWhatTheContactFound()
{
    const QString fingerprint =
        QStringLiteral("SHA256:") + QString(43, QLatin1Char('k')); // the form ssh-keygen prints
    const QString originFingerprint = QStringLiteral("SHA256:") + QString(43, QLatin1Char('o'));
    addEdgesAndRoute();
    const HostEnrolment enrolment(*m_store);
    Edge edge;
    edge.name = QStringLiteral("nagoya-1");
    edge.ssh = SshTarget{QStringLiteral("root"), QStringLiteral("1.1.1.1"), 22};
    edge.publicIpv4 = QStringLiteral("1.1.1.1");
    QVERIFY(enrolment.precheck(edge).ok());

    // A failed contact stores nothing.
    const auto failed = enrolment.addEdge(edge, [](const SshTarget &) -> Result<QString> {
        return Error(Error::Kind::HostKey, QStringLiteral("refused"));
    });
    QVERIFY(!failed.ok());
    QCOMPARE(failed.error().kind(), Error::Kind::HostKey);
    QVERIFY(!m_store->topology()->edge(edge.name));

    SshTarget contactedAt;
    const auto added = enrolment.addEdge(edge, [&](const SshTarget &target) -> Result<QString> {
        contactedAt = target;
        return fingerprint;
    });
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message()));
    QCOMPARE(contactedAt.host, QStringLiteral("1.1.1.1"));
    QCOMPARE(m_store->topology()->edge(edge.name)->sshHostKey, fingerprint);
    QVERIFY(!added->tunnelAddress.isEmpty());

    Origin origin;
    origin.name = QStringLiteral("office");
    origin.ssh = SshTarget{QStringLiteral("admin"), QStringLiteral("192.168.1.20"), 22};
    const auto office = enrolment.addOrigin(
        origin, [&](const SshTarget &) -> Result<QString> { return originFingerprint; });
    QVERIFY(office.ok());
    QCOMPARE(m_store->topology()->origin(origin.name)->sshHostKey, originFingerprint);
}

void TestApp::previewShowsWhatADeployWouldInstall()
{
    addEdgesAndRoute();
    const HostPreview preview(*m_store, m_dir->path());
    const auto edge = preview.render(HostPreview::Role::Edge, QStringLiteral("tokyo-1"));
    QVERIFY2(edge.ok(), qPrintable(edge.ok() ? QString() : edge.error().message()));
    QStringList targets;
    for (const RenderedFile &file : edge->files)
        targets.append(file.targetPath);
    QVERIFY2(targets.contains(QStringLiteral("/etc/nginx/nginx.conf")),
             qPrintable(targets.join(u' ')));
    const RenderedFile *nginx = nullptr;
    for (const RenderedFile &file : edge->files) {
        if (file.targetPath == QStringLiteral("/etc/nginx/nginx.conf"))
            nginx = &file;
    }
    QVERIFY(nginx && nginx->content.contains(host.toUtf8()));

    const auto origin = preview.render(HostPreview::Role::Origin, QStringLiteral("home"));
    QVERIFY(origin.ok());
    QVERIFY(!origin->files.isEmpty());

    const auto missing = preview.render(HostPreview::Role::Edge, QStringLiteral("nowhere-1"));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().kind(), Error::Kind::NotFound);
}

void TestApp::zoneSecretsAreCheckedForFormWithoutQuotingThem()
{
    ZoneService zones(*m_store, m_dir->path());
    // A pasted token with its line end, even with the provider check off.
    const QByteArray pasted = token + "\n";
    const auto added = zones.add(cloudflareZone(QStringLiteral("example.com")), pasted, false);
    QVERIFY(!added.ok());
    QCOMPARE(added.error().kind(), Error::Kind::InvalidInput);
    QCOMPARE(added.error().field(), QStringLiteral("token"));
    QVERIFY(!added.error().message().contains(QString::fromLatin1(token)));
    QVERIFY(!m_store->topology()->zone(QStringLiteral("example.com")));
    QVERIFY(!secrets().contains(ZoneService::secretNameFor(QStringLiteral("example.com"))));

    ZoneService::Description ns;
    ns.name = QStringLiteral("example.net");
    ns.provider = DnsProvider::Rfc2136;
    ns.server = QStringLiteral("192.0.2.53");
    ns.tsigName = QStringLiteral("kokoa-key");
    const Result<Zone> rfc = ZoneService::zoneFrom(ns);
    QVERIFY(rfc.ok());
    const auto shortKey = zones.add(*rfc, QByteArray("c2hvcnQ="), false); // "short": 5 bytes
    QVERIFY(!shortKey.ok());
    QCOMPARE(shortKey.error().field(), QStringLiteral("tsig-secret"));
    QVERIFY(!shortKey.error().message().contains(QStringLiteral("c2hvcnQ=")));

    // The same rules for a new secret of an existing zone.
    QVERIFY(zones.add(cloudflareZone(QStringLiteral("example.com")), token, false).ok());
    const Status replaced = zones.setSecret(QStringLiteral("example.com"), "two words", false);
    QVERIFY(!replaced.ok());
    QCOMPARE(replaced.error().field(), QStringLiteral("token"));
    QCOMPARE(secrets().get(ZoneService::secretNameFor(QStringLiteral("example.com")))->trimmed(),
             token);
}

void TestApp::watchdogUnitTakesPathsLiterally()
{
    // systemd would expand %h and $HOME inside ExecStart=; both are escaped.
    const QString text = WatchdogService::unitText(QStringLiteral("/opt/k$HOME/kokoa-watchdog"),
                                                   QStringLiteral("/data/100%h \"x\""));
    QVERIFY2(text.contains(QStringLiteral("ExecStart=\"/opt/k$$HOME/kokoa-watchdog\" --data-dir "
                                          "\"/data/100%%h \\\"x\\\"\"\n")),
             qPrintable(text));

    // A line break would start a directive of its own: refused, nothing written.
    QTemporaryDir units;
    WatchdogService::Options o;
    o.unitDirectory = units.filePath(QStringLiteral("systemd/user"));
    int ran = 0;
    o.run = [&](const QString &, const QStringList &) {
        ++ran;
        return WatchdogService::CommandResult{0, QString()};
    };
    const WatchdogService service(o);
    const Status s = service.install(QStringLiteral("/usr/bin/kokoa-watchdog"),
                                     QStringLiteral("/data\nExecStartPre=/bin/evil"));
    QVERIFY(!s.ok());
    QCOMPARE(s.error().field(), QStringLiteral("data-dir"));
    QVERIFY(!QFileInfo::exists(service.unitPath()));
    QCOMPARE(ran, 0);
}

#include "tst_app.moc"
