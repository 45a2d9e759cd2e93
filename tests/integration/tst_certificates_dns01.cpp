// DNS-01 issuance against Debian's Pebble on loopback, through both DNS
// providers: RFC 2136 at a real BIND9 (Pebble resolves through that BIND,
// so it sees exactly what the UPDATEs put there) and the Cloudflare
// emulator (Pebble resolves through pebble-challtestsrv, whose TXT records
// mirror, through its management API, the TXT records the emulator holds at
// "_acme-challenge" names; the mirror is written before the emulator
// answers the API call). Each order holds a name and its wildcard, so two
// values share one "_acme-challenge" name. Pebble never reuses an
// authorization here: every order answers its own challenges.

#include "BindServer.h"
#include "CliRunner.h"
#include "CloudflareEmulator.h"
#include "PebbleWorld.h"
#include "app/CertificateService.h"
#include "core/DataDirectory.h"
#include "dns/CloudflareProvider.h"
#include "dns/TxtPropagation.h"
#include "store/AcmeAccountStore.h"
#include "store/CertificateStore.h"
#include "store/SecretStore.h"
#include "store/Store.h"
#include "validate/ModelValidator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <memory>

using namespace kokoa;
using namespace kokoa::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kOperationWaitMs = 120'000;
const QString bindZone = u"example.test"_s;
const QString cloudflareZone = u"cf.test"_s;

// One blocking POST to challtestsrv's management API, usable from the
// emulator's own thread (no event loop, no QNetworkAccessManager).
bool postJson(quint16 port, const QByteArray &path, const QJsonObject &body)
{
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(3000))
        return false;
    socket.write("POST " + path +
                 " HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Type: "
                 "application/json\r\nContent-Length: " +
                 QByteArray::number(json.size()) + "\r\n\r\n" + json);
    if (!socket.waitForBytesWritten(3000))
        return false;
    QByteArray reply;
    while (socket.waitForReadyRead(3000))
        reply += socket.readAll(); // HTTP/1.0: the server closes when done
    reply += socket.readAll();
    return reply.startsWith("HTTP/1.") && reply.split('\n').value(0).contains(" 200");
}

} // namespace

class TestCertificatesDns01 final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cleanup();
    void wildcardThroughRfc2136();
    void wildcardThroughCloudflareEmulator();
    void badInputIsRefusedBeforeOrdering();
    void providerFailureCleansUpAndKeepsTheCertificate();
    void silentNameServerFailsTheOrderAndCleansUp();
    void kokoactlIssuesByDns01WithTheZonesOwnServer();
    void cloudflareRemovesOnlyItsOwnValue();

private:
    void startBind();
    void mirrorToChalltestsrv();
    std::unique_ptr<app::CertificateService> service(PebbleWorld &world);
    Status registerAccount(PebbleWorld &world);
    // DNS-01 routes to the origin "home" for these hostnames.
    void addDns01Routes(const QStringList &hostnames);
    Result<app::CertificateService::IssueOutcome>
    issue(PebbleWorld &world, const QStringList &names, const QString &challenge = u"dns-01"_s);
    QStringList cloudflareTxt() const;
    DnsServerAddress bindServer() const { return {u"127.0.0.1"_s, m_bind->port()}; }

    QTemporaryDir m_bindDir;
    std::unique_ptr<BindServer> m_bind;
    QByteArray m_tsigSecret; // base64
    QTemporaryDir m_pebbleBindDir;
    QTemporaryDir m_pebbleCloudflareDir;
    std::unique_ptr<PebbleWorld> m_pebbleBind;       // resolves through BIND
    std::unique_ptr<PebbleWorld> m_pebbleCloudflare; // through challtestsrv
    std::unique_ptr<CloudflareEmulator> m_cloudflare;
    QSet<QString> m_mirrored; // emulator thread only
    std::atomic<bool> m_failNextTxtListing = false;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    // Most TXT values seen at once at one "_acme-challenge" name, asked of
    // the authoritative server right after each placement.
    qsizetype m_mostValuesAtOnce = 0;
};

void TestCertificatesDns01::startBind()
{
    QVERIFY(m_bindDir.isValid());
    m_bind = std::make_unique<BindServer>(m_bindDir.path());
    const QString why = m_bind->start("_acme-challenge.www IN TXT \"made by hand\"\n");
    QVERIFY2(why.isEmpty(), qPrintable(why));
    m_tsigSecret = m_bind->secret(u"kokoa-key"_s);
    QVERIFY(!m_tsigSecret.isEmpty());
    // The hand-made value answers the way the propagation check asks.
    const Result<QSet<QByteArray>> answer =
        TxtPropagation::query(bindServer(), u"_acme-challenge.www.example.test"_s, 2000);
    QVERIFY(answer && answer->contains("made by hand"));
}

void TestCertificatesDns01::initTestCase()
{
    for (const char *program : {"/usr/bin/pebble", "/usr/bin/pebble-challtestsrv"})
        QVERIFY2(QFile::exists(QString::fromLatin1(program)),
                 qPrintable(u"%1 is missing (installer/install-deps.sh installs it)"_s.arg(
                     QLatin1String(program))));
    startBind();
    if (QTest::currentTestFailed())
        return;

    m_cloudflare = std::make_unique<CloudflareEmulator>(QByteArray("cf-token-dns01"));
    QVERIFY(m_cloudflare->startOnOwnThread());
    m_cloudflare->addZone(cloudflareZone);
    // Direct: runs in the emulator's thread before it answers, while this
    // thread waits for that answer.
    connect(
        m_cloudflare.get(), &CloudflareEmulator::recordsChanged, m_cloudflare.get(),
        [this](const QString &) { mirrorToChalltestsrv(); }, Qt::DirectConnection);
    connect(
        m_cloudflare.get(), &CloudflareEmulator::requestHandled, m_cloudflare.get(),
        [this] {
            // The listing before the second name's record: the provider
            // fails from then on (every retry), like an API outage.
            const CloudflareEmulator::Request last = m_cloudflare->requests().constLast();
            if (last.method == "POST" && last.body.contains("_acme-challenge") &&
                m_failNextTxtListing.exchange(false))
                m_cloudflare->failWith5xx(4, 503);
        },
        Qt::DirectConnection);

    QVERIFY(m_pebbleBindDir.isValid() && m_pebbleCloudflareDir.isValid());
    m_pebbleBind = std::make_unique<PebbleWorld>(m_pebbleBindDir.path());
    m_pebbleBind->setDnsServer(u"127.0.0.1:%1"_s.arg(m_bind->port()));
    m_pebbleBind->setAuthorizationReusePercent(0);
    QVERIFY2(m_pebbleBind->start(), qPrintable(m_pebbleBind->error()));
    m_pebbleCloudflare = std::make_unique<PebbleWorld>(m_pebbleCloudflareDir.path());
    m_pebbleCloudflare->setAuthorizationReusePercent(0);
    QVERIFY2(m_pebbleCloudflare->start(), qPrintable(m_pebbleCloudflare->error()));
}

void TestCertificatesDns01::cleanupTestCase()
{
    m_pebbleBind.reset();
    m_pebbleCloudflare.reset();
    m_cloudflare.reset();
    m_bind.reset();
}

void TestCertificatesDns01::mirrorToChalltestsrv()
{
    QHash<QString, QStringList> values;
    for (const QString &zoneId : m_cloudflare->zoneIds()) {
        for (const CloudflareEmulator::Record &r : m_cloudflare->records(zoneId)) {
            if (r.type == u"TXT"_s && r.name.startsWith(u"_acme-challenge."_s))
                values[r.name].append(r.content);
        }
    }
    const quint16 port = m_pebbleCloudflare->challengeManagementPort();
    QSet<QString> names = m_mirrored;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        names.insert(it.key());
    for (const QString &name : std::as_const(names)) {
        const QString host = name + u'.';
        if (!postJson(port, "/clear-txt", {{u"host"_s, host}}))
            qWarning() << "challtestsrv: clear-txt failed for" << name;
        for (const QString &value : values.value(name)) {
            if (!postJson(port, "/set-txt", {{u"host"_s, host}, {u"value"_s, value}}))
                qWarning() << "challtestsrv: set-txt failed for" << name;
        }
    }
    m_mirrored = QSet<QString>(values.keyBegin(), values.keyEnd());
}

void TestCertificatesDns01::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(DataDirectory::ensure(m_dir->path()));
    Result<std::unique_ptr<Store>> store = Store::open(DataDirectory::databasePath(m_dir->path()));
    QVERIFY2(store, store ? "" : qPrintable(store.error().message()));
    m_store = std::move(store).value();
    SecretStore secrets(DataDirectory::secretsPath(m_dir->path()));

    Zone bind;
    bind.name = bindZone;
    bind.provider = DnsProvider::Rfc2136;
    bind.providerSettings = {{u"server"_s, u"127.0.0.1"_s},
                             {u"port"_s, QString::number(m_bind->port())},
                             {u"tsig_name"_s, u"kokoa-key"_s},
                             {u"tsig_algorithm"_s, u"hmac-sha256"_s}};
    bind.secretRef = ModelValidator::zoneSecretName(bind.name);
    QVERIFY(secrets.put(bind.secretRef, m_tsigSecret));
    QVERIFY(m_store->addZone(bind));

    Zone cloudflare;
    cloudflare.name = cloudflareZone;
    cloudflare.provider = DnsProvider::Cloudflare;
    cloudflare.providerSettings = {{u"api_base"_s, m_cloudflare->baseUrl()}};
    cloudflare.secretRef = ModelValidator::zoneSecretName(cloudflare.name);
    QVERIFY(secrets.put(cloudflare.secretRef, "cf-token-dns01"));
    QVERIFY(m_store->addZone(cloudflare));

    Zone manual;
    manual.name = u"hand.test"_s;
    QVERIFY(m_store->addZone(manual));

    Origin home;
    home.name = u"home"_s;
    home.ssh.host = u"192.168.1.10"_s;
    QVERIFY(m_store->addOrigin(home));
    for (const QString &zone : {bindZone, cloudflareZone, u"hand.test"_s})
        addDns01Routes({zone, u"*."_s + zone});
    m_mostValuesAtOnce = 0;
    m_failNextTxtListing = false;
}

void TestCertificatesDns01::cleanup()
{
    m_store.reset();
}

std::unique_ptr<app::CertificateService> TestCertificatesDns01::service(PebbleWorld &world)
{
    auto s = std::make_unique<app::CertificateService>(*m_store, m_dir->path());
    s->setOperationTimeoutMs(kOperationWaitMs);
    const DnsServerAddress challtestsrv{u"127.0.0.1"_s, world.challengeDnsPort()};
    const DnsServerAddress bind = bindServer();
    // The authoritative servers Pebble asks: BIND, or challtestsrv for the
    // emulator's zone (Cloudflare's own name servers are not on loopback).
    s->setDnsServerLookup([this, bind, challtestsrv](const Zone &zone) {
        const DnsServerAddress server = zone.provider == DnsProvider::Rfc2136 ? bind : challtestsrv;
        const Result<QSet<QByteArray>> now =
            TxtPropagation::query(server, u"_acme-challenge."_s + zone.name, 2000);
        if (now)
            m_mostValuesAtOnce = std::max(m_mostValuesAtOnce, now->size());
        return Result<QList<DnsServerAddress>>(QList<DnsServerAddress>{server});
    });
    TxtPropagation::Options wait;
    wait.timeoutMs = 20'000;
    wait.intervalMs = 200;
    s->setDnsWait(wait);
    return s;
}

void TestCertificatesDns01::addDns01Routes(const QStringList &hostnames)
{
    for (const QString &hostname : hostnames) {
        Route r;
        r.hostname = hostname;
        r.originName = u"home"_s;
        r.port = 8080;
        r.tls = TlsMode::Dns01;
        const Result<Route> added = m_store->addRoute(r);
        QVERIFY2(added, added ? "" : qPrintable(added.error().message()));
    }
}

Status TestCertificatesDns01::registerAccount(PebbleWorld &world)
{
    app::CertificateService::AccountRequest request;
    request.email = u"admin@example.test"_s;
    request.agreeTos = true;
    request.directoryUrl = world.directoryUrl().toString();
    request.caBundle = world.caBundle();
    const Result<AcmeAccountRecord> account = service(world)->registerAccount(request);
    if (!account)
        return account.error();
    return {};
}

Result<app::CertificateService::IssueOutcome>
TestCertificatesDns01::issue(PebbleWorld &world, const QStringList &names, const QString &challenge)
{
    app::CertificateService::IssueRequest request;
    request.names = names;
    request.challenge = challenge;
    return service(world)->issue(request);
}

QStringList TestCertificatesDns01::cloudflareTxt() const
{
    QStringList out;
    for (const QString &zoneId : m_cloudflare->zoneIds()) {
        for (const CloudflareEmulator::Record &r : m_cloudflare->records(zoneId)) {
            if (r.type == u"TXT"_s)
                out << r.name + u' ' + r.content;
        }
    }
    return out;
}

// A name and its wildcard through RFC 2136: both values at
// _acme-challenge.example.test at once (Pebble checks both), the
// certificate names both, nothing left in the zone afterwards but the
// record made by hand at another name.
void TestCertificatesDns01::wildcardThroughRfc2136()
{
    QVERIFY(registerAccount(*m_pebbleBind));
    const Result<app::CertificateService::IssueOutcome> issued =
        issue(*m_pebbleBind, {u"*.example.test"_s, u"example.test"_s});
    QVERIFY2(issued, issued ? "" : qPrintable(issued.error().message()));
    QCOMPARE(QSet<QString>(issued->certificate.names.begin(), issued->certificate.names.end()),
             (QSet<QString>{u"*.example.test"_s, u"example.test"_s}));
    QCOMPARE(m_mostValuesAtOnce, 2);
    QVERIFY(issued->challengeEdges.isEmpty());
    QVERIFY(!issued->deployed); // no edge to deploy to

    const Result<QSet<QByteArray>> left =
        TxtPropagation::query(bindServer(), u"_acme-challenge.example.test"_s, 2000);
    QVERIFY2(left, left ? "" : qPrintable(left.error().message()));
    QVERIFY(left->isEmpty());
    const Result<QSet<QByteArray>> byHand =
        TxtPropagation::query(bindServer(), u"_acme-challenge.www.example.test"_s, 2000);
    QVERIFY(byHand && *byHand == QSet<QByteArray>{"made by hand"});

    CertificateStore certificates(m_store->database(), m_dir->path());
    const auto held = certificates.find(u"*.example.test"_s);
    QVERIFY(held && *held);
    QCOMPARE((*held)->serial, issued->certificate.serial);
}

// The same through the Cloudflare emulator: the records carry this
// installation's comment, both values coexist, and both are gone after.
void TestCertificatesDns01::wildcardThroughCloudflareEmulator()
{
    QVERIFY(registerAccount(*m_pebbleCloudflare));
    m_cloudflare->clearRequests();
    const Result<app::CertificateService::IssueOutcome> issued =
        issue(*m_pebbleCloudflare, {u"cf.test"_s, u"*.cf.test"_s});
    QVERIFY2(issued, issued ? "" : qPrintable(issued.error().message()));
    QCOMPARE(QSet<QString>(issued->certificate.names.begin(), issued->certificate.names.end()),
             (QSet<QString>{u"*.cf.test"_s, u"cf.test"_s}));
    QCOMPARE(m_mostValuesAtOnce, 2);
    QVERIFY2(cloudflareTxt().isEmpty(), qPrintable(cloudflareTxt().join(u", "_s)));
    int created = 0;
    int removed = 0;
    for (const CloudflareEmulator::Request &r : m_cloudflare->requests()) {
        if (r.method == "POST" && r.status == 200) {
            const QJsonObject body = QJsonDocument::fromJson(r.body).object();
            QCOMPARE(body.value(u"name"_s).toString(), u"_acme-challenge.cf.test"_s);
            QVERIFY(body.value(u"comment"_s).toString().startsWith(u"managed-by: kokoa; owner="_s));
            ++created;
        }
        if (r.method == "DELETE" && r.status == 200)
            ++removed;
    }
    QCOMPARE(created, 2);
    QCOMPARE(removed, 2);
}

// Refused before any order, naming the field and the rule; nothing stored.
void TestCertificatesDns01::badInputIsRefusedBeforeOrdering()
{
    QVERIFY(registerAccount(*m_pebbleBind));
    const auto refused = [&](const QStringList &names, const QString &challenge,
                             const QStringList &words) {
        const Result<app::CertificateService::IssueOutcome> r =
            issue(*m_pebbleBind, names, challenge);
        if (r || r.error().field() != u"name"_s) {
            qWarning() << names << (r ? u"issued"_s : r.error().message());
            return false;
        }
        for (const QString &word : words) {
            if (!r.error().message().contains(word)) {
                qWarning() << r.error().message() << "does not say" << word;
                return false;
            }
        }
        return true;
    };
    QVERIFY(refused({u"*.example.test"_s}, u"http-01"_s,
                    {u"*.example.test"_s, u"dns-01"_s, u"http-01"_s, u"wildcard"_s}));
    QVERIFY(refused({u"www.elsewhere.test"_s}, u"dns-01"_s, {u"www.elsewhere.test"_s, u"zones"_s}));
    QVERIFY(refused({u"example.test"_s, u"*.hand.test"_s}, u"dns-01"_s,
                    {u"*.hand.test"_s, u"hand.test"_s, u"by hand"_s}));
    CertificateStore certificates(m_store->database(), m_dir->path());
    const auto all = certificates.list();
    QVERIFY(all && all->isEmpty());
    QVERIFY(
        TxtPropagation::query(bindServer(), u"_acme-challenge.example.test"_s, 2000)->isEmpty());
}

// The provider fails while the second name's record is added: the order
// fails naming the zone, the first name's record is removed, the
// certificate held before is untouched. The failing order's names are its
// own: names another order validated may need no challenge at all (Pebble
// can hand back a valid authorization), and then no second record is added.
void TestCertificatesDns01::providerFailureCleansUpAndKeepsTheCertificate()
{
    addDns01Routes({u"held.cf.test"_s, u"fails.cf.test"_s, u"*.fails.cf.test"_s});
    if (QTest::currentTestFailed())
        return;
    QVERIFY(registerAccount(*m_pebbleCloudflare));
    const Result<app::CertificateService::IssueOutcome> first =
        issue(*m_pebbleCloudflare, {u"held.cf.test"_s});
    QVERIFY2(first, first ? "" : qPrintable(first.error().message()));

    m_failNextTxtListing = true;
    const Result<app::CertificateService::IssueOutcome> second =
        issue(*m_pebbleCloudflare, {u"fails.cf.test"_s, u"*.fails.cf.test"_s});
    QVERIFY(!second);
    QVERIFY2(second.error().message().contains(u"Cloudflare zone cf.test"_s),
             qPrintable(second.error().message()));
    QVERIFY(!m_failNextTxtListing);
    QVERIFY2(cloudflareTxt().isEmpty(), qPrintable(cloudflareTxt().join(u", "_s)));
    CertificateStore certificates(m_store->database(), m_dir->path());
    const auto held = certificates.find(first->certificate.name);
    QVERIFY(held && *held);
    QCOMPARE((*held)->serial, first->certificate.serial);
    const auto all = certificates.list();
    QVERIFY(all);
    QCOMPARE(all->size(), 1); // nothing stored for the failed order
}

// A name server that never answers: the wait is bounded, the order fails
// saying which server, and the record is removed again.
void TestCertificatesDns01::silentNameServerFailsTheOrderAndCleansUp()
{
    QVERIFY(registerAccount(*m_pebbleBind));
    auto s = service(*m_pebbleBind);
    const DnsServerAddress silent{u"127.0.0.1"_s, m_pebbleBind->unusedPort()};
    s->setDnsServerLookup([silent](const Zone &) {
        return Result<QList<DnsServerAddress>>(QList<DnsServerAddress>{silent});
    });
    TxtPropagation::Options wait;
    wait.timeoutMs = 1500;
    wait.intervalMs = 200;
    wait.queryTimeoutMs = 300;
    s->setDnsWait(wait);
    app::CertificateService::IssueRequest request;
    request.names = {u"example.test"_s};
    request.challenge = u"dns-01"_s;
    const Result<app::CertificateService::IssueOutcome> r = s->issue(request);
    QVERIFY(!r);
    QVERIFY2(r.error().message().contains(silent.toString()), qPrintable(r.error().message()));
    QVERIFY(
        TxtPropagation::query(bindServer(), u"_acme-challenge.example.test"_s, 2000)->isEmpty());
}

// kokoactl with nothing set up for the test: the name servers waited for
// are the ones the RFC 2136 zone's settings name (the test BIND), and the
// challenge is the one the routes are set to. A wildcard with
// --challenge http-01 is refused with exit code 2.
void TestCertificatesDns01::kokoactlIssuesByDns01WithTheZonesOwnServer()
{
    QVERIFY(registerAccount(*m_pebbleBind));
    const CliResult refused = runCli(m_dir->path(), {u"cert"_s, u"issue"_s, u"*.example.test"_s,
                                                     u"--challenge"_s, u"http-01"_s});
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains(u"dns-01"_s) && refused.err.contains(u"http-01"_s),
             qPrintable(refused.err));

    // No --challenge: the routes are set to dns-01 (route add --tls dns-01).
    const CliResult issued = runCli(m_dir->path(), {u"cert"_s, u"issue"_s, u"example.test"_s,
                                                    u"*.example.test"_s, u"--no-deploy"_s});
    QVERIFY2(issued.code == 0, qPrintable(issued.out + issued.err));
    CertificateStore certificates(m_store->database(), m_dir->path());
    const auto held = certificates.find(u"example.test"_s);
    QVERIFY(held && *held);
    QVERIFY((*held)->names.contains(u"*.example.test"_s));
    QVERIFY(
        TxtPropagation::query(bindServer(), u"_acme-challenge.example.test"_s, 2000)->isEmpty());
}

// The provider on its own: values at one name coexist; removing one
// leaves the others and never a record made by hand, even with the same
// text; the servers waited for by default are the zone's name servers.
void TestCertificatesDns01::cloudflareRemovesOnlyItsOwnValue()
{
    const QString name = u"_acme-challenge.own.cf.test"_s;
    const QString zoneId = m_cloudflare->zoneIds().constFirst();
    CloudflareEmulator::Record byHand;
    byHand.zoneId = zoneId;
    byHand.name = name;
    byHand.type = u"TXT"_s;
    byHand.content = u"value-one"_s;
    const QString byHandId = m_cloudflare->addRecord(byHand);
    const QString owner(32, u'c');
    CloudflareProvider cf(cloudflareZone, m_cloudflare->baseUrl(), "cf-token-dns01",
                          DnsOwner{owner});
    QVERIFY(cf.addAcmeTxt(name, "value-one"));
    QVERIFY(cf.addAcmeTxt(name, "value-two"));
    QVERIFY(cf.addAcmeTxt(name, "value-two")); // a retried add adds nothing
    const auto at = [&] {
        QStringList out;
        for (const CloudflareEmulator::Record &r : m_cloudflare->records(zoneId)) {
            if (r.name == name)
                out << r.content + u'/' + (r.comment.isEmpty() ? u"-"_s : u"own"_s);
        }
        out.sort();
        return out;
    };
    // Cloudflare refuses a record identical to one that exists: the value
    // is served already, by the record made by hand.
    QCOMPARE(at(), (QStringList{u"value-one/-"_s, u"value-two/own"_s}));
    QVERIFY(cf.removeAcmeTxt(name, "value-one"));
    QCOMPARE(at(), (QStringList{u"value-one/-"_s, u"value-two/own"_s}));
    QVERIFY(cf.removeAcmeTxt(name, "value-two"));
    QVERIFY(cf.removeAcmeTxt(name, "value-two")); // already gone: done
    QCOMPARE(at(), QStringList{u"value-one/-"_s});
    QVERIFY(m_cloudflare->dropRecord(byHandId));
    QVERIFY(!cf.addAcmeTxt(u"_acme-challenge.example.test"_s, "x")); // another zone

    const Result<QList<DnsServerAddress>> servers = cf.authoritativeServers();
    QVERIFY2(servers, servers ? "" : qPrintable(servers.error().message()));
    QCOMPARE(*servers, (QList<DnsServerAddress>{{u"ada.ns.cloudflare.com"_s, 53},
                                                {u"bob.ns.cloudflare.com"_s, 53}}));
}

QTEST_GUILESS_MAIN(TestCertificatesDns01)
#include "tst_certificates_dns01.moc"
