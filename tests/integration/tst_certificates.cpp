// Certificates end to end against Debian's Pebble on loopback: the account,
// an HTTP-01 order whose answers are placed on every edge over the deploy
// layer's shell, the result stored and deployed to every edge, and the bad
// inputs that must leave what is held untouched. The edges are scripted
// hosts (FakeShell); Pebble's validation request is answered from what the
// edges hold: only a key authorization present, identical, on every edge is
// served, so an answer missing on one edge fails the order.

#include "AcmeTestSupport.h"
#include "CertificateStoreFixture.h"
#include "CliRunner.h"
#include "FakeAcmeServer.h"
#include "FakeShell.h"
#include "PebbleWorld.h"
#include "acme/AcmeX509.h"
#include "app/CertificateRenewal.h"
#include "app/CertificateRenewer.h"
#include "app/CertificateService.h"
#include "core/DataDirectory.h"
#include "deploy/ChallengePlacement.h"
#include "render/NginxRenderer.h"
#include "store/AcmeAccountStore.h"
#include "store/CertificateStore.h"
#include "store/Store.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace kokoa;
using namespace kokoa::test;
using namespace Qt::StringLiterals;

namespace {

const QString challengeDir = NginxLayout().acmeWebroot + u"/.well-known/acme-challenge/"_s;
const QString keyPath = u"/etc/kokoa/certs/www.example.test/privkey.pem"_s;
const QString chainPath = u"/etc/kokoa/certs/www.example.test/fullchain.pem"_s;
constexpr int kValiditySeconds = 180;

// One connection to a scripted edge; tells the test whenever a challenge
// file may have come or gone.
class EdgeLink final : public RemoteShell
{
public:
    EdgeLink(FakeShell &host, std::function<void()> changed, bool failChallenges)
        : m_host(host)
        , m_changed(std::move(changed))
        , m_failChallenges(failChallenges)
    {}
    QString where() const override { return m_host.where(); }
    Result<ExecResult> exec(const QStringList &argv, const QByteArray &standardInput, int timeoutMs,
                            const std::atomic_bool *cancel, bool asRoot,
                            qsizetype maxOutputBytes) override
    {
        Result<ExecResult> r =
            m_host.exec(argv, standardInput, timeoutMs, cancel, asRoot, maxOutputBytes);
        if (argv.value(0) == u"rm"_s && argv.last().startsWith(challengeDir))
            m_changed();
        return r;
    }
    Status upload(const QString &path, const QByteArray &content, int mode) override
    {
        if (m_failChallenges && path.startsWith(challengeDir))
            return Error(Error::Kind::Remote, u"%1: sftp: disk full"_s.arg(where()));
        const Status s = m_host.upload(path, content, mode);
        if (path.startsWith(challengeDir))
            m_changed();
        return s;
    }
    Result<std::optional<QByteArray>> download(const QString &path) override
    {
        return m_host.download(path);
    }

private:
    FakeShell &m_host;
    std::function<void()> m_changed;
    bool m_failChallenges;
};

} // namespace

class TestCertificates final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void issueHttp01OnEveryEdgeThenStoreAndDeploy();
    void newEdgeGetsTheCertificatesWithoutAnOrder();
    void accountBadInput();
    void issueBadInputLeavesTheCertificateAlone();
    void challengeThatCannotBePlacedFailsAndCleansUp();
    void acmeAccountCommandRegistersWithTheCa();
    void renewerRenewsWhatIsDueAndRedistributes();
    void renewCommandKeepsWhatIsNotDue();
    void renewalFailureBacksOffAndIsAnEvent();
    void ariWindowAndProfilesAtAnAriCa();
    void renewerStopsAtOnceWhenDestroyed();
    void rekeyDeploysANewKeyThenRevokesTheOld();
    void edgeRemovalOffersRekey();

private:
    Deployer::Connector connector();
    std::unique_ptr<app::CertificateRenewal> renewal();
    std::unique_ptr<FakeAcmeServer> switchToFakeCa();
    QList<Event> certificateEvents(const QString &action);
    std::unique_ptr<app::CertificateService> service();
    Status registerAccount();
    Result<app::CertificateService::IssueOutcome> issueWww();
    void syncServedAnswers();
    QStringList challengeFiles(const FakeShell &host) const;
    bool verifiesAgainstPebbleRoot(const QByteArray &chainPem);
    FakeShell &addEdge(const QString &name, const QString &ip);

    QTemporaryDir m_worldDir;
    std::unique_ptr<PebbleWorld> m_world;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<FakeShell> m_origin;
    std::map<QString, std::unique_ptr<FakeShell>> m_edges; // by address
    QHash<QString, QString> m_edgeNames;                   // address → name
    QSet<QString> m_failingEdges;
    QSet<QString> m_served;
    QHash<QString, QSet<QString>> m_holders; // token → edges that held it
};

void TestCertificates::initTestCase()
{
    QVERIFY(m_worldDir.isValid());
    for (const char *program : {"/usr/bin/pebble", "/usr/bin/pebble-challtestsrv"})
        QVERIFY2(QFile::exists(QString::fromLatin1(program)),
                 qPrintable(u"%1 is missing (installer/install-deps.sh installs it)"_s.arg(
                     QLatin1String(program))));
    m_world = std::make_unique<PebbleWorld>(m_worldDir.path());
    // A short lifetime: two thirds of it pass within a test.
    QVERIFY2(m_world->start(-1, kValiditySeconds), qPrintable(m_world->error()));
}

FakeShell &TestCertificates::addEdge(const QString &name, const QString &ip)
{
    const Status added = addPinnedEdge(*m_store, name, ip);
    if (!added)
        qWarning() << added.error().message();
    auto host = scriptedEdge();
    FakeShell &ref = *host;
    m_edges[ip] = std::move(host);
    m_edgeNames.insert(ip, name);
    return ref;
}

void TestCertificates::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Result<std::unique_ptr<Store>> store = openCertificateStore(m_dir->path());
    QVERIFY2(store, store ? "" : qPrintable(store.error().message()));
    m_store = std::move(store).value();
    for (const QString &hostname : {u"www.example.test"_s, u"api.example.test"_s}) {
        Route r;
        r.hostname = hostname;
        r.originName = u"home"_s;
        r.port = 8080;
        QVERIFY(m_store->addRoute(r));
    }
    m_origin = std::make_unique<FakeShell>();
    m_edges.clear();
    m_edgeNames.clear();
    addEdge(u"e1"_s, u"8.8.8.8"_s);
    addEdge(u"e2"_s, u"8.8.4.4"_s);
    m_failingEdges.clear();
    m_served.clear();
    m_holders.clear();
}

void TestCertificates::cleanup()
{
    for (const QString &token : std::as_const(m_served))
        m_world->http().remove(token);
    for (const auto &[ip, host] : m_edges)
        QVERIFY2(host->unexpected().isEmpty(), qPrintable(host->unexpected().join(u'\n')));
    m_store.reset();
}

QStringList TestCertificates::challengeFiles(const FakeShell &host) const
{
    QStringList out;
    for (const QString &path : host.paths()) {
        if (path.startsWith(challengeDir))
            out.append(path.mid(challengeDir.size()));
    }
    return out;
}

// What the CA sees: an answer only when every edge holds the same one.
void TestCertificates::syncServedAnswers()
{
    QHash<QString, QByteArray> everywhere;
    bool first = true;
    for (const auto &[ip, host] : m_edges) {
        QHash<QString, QByteArray> here;
        for (const QString &token : challengeFiles(*host)) {
            here.insert(token, host->file(challengeDir + token)->content);
            m_holders[token].insert(m_edgeNames.value(ip));
        }
        if (first) {
            everywhere = here;
            first = false;
            continue;
        }
        for (auto it = everywhere.begin(); it != everywhere.end();) {
            if (here.value(it.key()) != it.value())
                it = everywhere.erase(it);
            else
                ++it;
        }
    }
    for (const QString &token : QSet<QString>(m_served)) {
        if (!everywhere.contains(token)) {
            m_world->http().remove(token);
            m_served.remove(token);
        }
    }
    for (auto it = everywhere.cbegin(); it != everywhere.cend(); ++it) {
        m_world->http().place(it.key(), QString::fromLatin1(it.value()));
        m_served.insert(it.key());
    }
}

Deployer::Connector TestCertificates::connector()
{
    return [this](const SshSession::Options &options) -> Result<std::unique_ptr<RemoteShell>> {
        const QString ip = options.target.host;
        if (m_edges.count(ip) == 0)
            return Error(Error::Kind::Remote, u"%1: no route to host"_s.arg(ip));
        return std::unique_ptr<RemoteShell>(std::make_unique<EdgeLink>(
            *m_edges.at(ip), [this] { syncServedAnswers(); },
            m_failingEdges.contains(m_edgeNames.value(ip))));
    };
}

std::unique_ptr<app::CertificateService> TestCertificates::service()
{
    auto s = std::make_unique<app::CertificateService>(*m_store, m_dir->path());
    s->setOperationTimeoutMs(kOperationWaitMs);
    s->setConnector(connector());
    return s;
}

std::unique_ptr<app::CertificateRenewal> TestCertificates::renewal()
{
    auto r = std::make_unique<app::CertificateRenewal>(*m_store, m_dir->path());
    r->setOperationTimeoutMs(kOperationWaitMs);
    r->setConnector(connector());
    return r;
}

// The account moves to the project's own ARI CA (the certificate held
// stays the one Pebble issued).
std::unique_ptr<FakeAcmeServer> TestCertificates::switchToFakeCa()
{
    const QString tls = m_dir->path() + u"/fake-ca"_s;
    auto fake = std::make_unique<FakeAcmeServer>();
    if (!QDir().mkpath(tls) || !makeTlsFiles(tls) ||
        !fake->listen(tls + u"/tls.pem"_s, tls + u"/tls.key"_s))
        return nullptr;
    app::CertificateService::AccountRequest request;
    request.email = u"admin@example.test"_s;
    request.agreeTos = true;
    request.directoryUrl = fake->directoryUrl().toString();
    request.caBundle = tls + u"/tls-ca.pem"_s;
    if (!service()->registerAccount(request))
        return nullptr;
    return fake;
}

QList<Event> TestCertificates::certificateEvents(const QString &action)
{
    QList<Event> out;
    const Result<QList<Event>> events = m_store->events(1000);
    for (const Event &e : events.value()) {
        if (e.category == u"certificate"_s && e.action == action)
            out.append(e);
    }
    return out;
}

Status TestCertificates::registerAccount()
{
    app::CertificateService::AccountRequest request;
    request.email = u"admin@example.test"_s;
    request.agreeTos = true;
    request.directoryUrl = m_world->directoryUrl().toString();
    request.caBundle = m_world->caBundle();
    const Result<AcmeAccountRecord> account = service()->registerAccount(request);
    if (!account)
        return account.error();
    return {};
}

Result<app::CertificateService::IssueOutcome> TestCertificates::issueWww()
{
    app::CertificateService::IssueRequest request;
    request.names = {u"www.example.test"_s};
    return service()->issue(request);
}

bool TestCertificates::verifiesAgainstPebbleRoot(const QByteArray &chainPem)
{
    const QByteArray root = m_world->managementGet(u"/roots/0"_s);
    const QList<QSslCertificate> chain = QSslCertificate::fromData(chainPem, QSsl::Pem);
    if (root.isEmpty() || chain.size() < 2)
        return false;
    QByteArray intermediates;
    for (qsizetype i = 1; i < chain.size(); ++i)
        intermediates += chain.at(i).toPem();
    const QString dir = m_dir->path();
    if (!writeFile(dir + u"/root.pem"_s, root) ||
        !writeFile(dir + u"/leaf.pem"_s, chain.first().toPem()) ||
        !writeFile(dir + u"/intermediates.pem"_s, intermediates))
        return false;
    QString output;
    const bool ok = runOpenSsl({u"verify"_s, u"-CAfile"_s, u"root.pem"_s, u"-untrusted"_s,
                                u"intermediates.pem"_s, u"leaf.pem"_s},
                               dir, &output);
    if (!ok)
        qWarning() << "openssl verify:" << output;
    return ok;
}

void TestCertificates::issueHttp01OnEveryEdgeThenStoreAndDeploy()
{
    const Status account = registerAccount();
    QVERIFY2(account, account ? "" : qPrintable(account.error().message()));
    const int answeredBefore = m_world->http().answered();
    const Result<app::CertificateService::IssueOutcome> outcome = issueWww();
    QVERIFY2(outcome, outcome ? "" : qPrintable(outcome.error().message()));

    // Placed on every edge, checked by the CA, taken away from every edge.
    QCOMPARE(outcome->challengeEdges, (QStringList{u"e1"_s, u"e2"_s}));
    QVERIFY(!m_holders.isEmpty());
    for (auto it = m_holders.cbegin(); it != m_holders.cend(); ++it)
        QCOMPARE(it.value(), (QSet<QString>{u"e1"_s, u"e2"_s}));
    QVERIFY(m_world->http().answered() > answeredBefore);
    for (const auto &[ip, host] : m_edges)
        QVERIFY2(challengeFiles(*host).isEmpty(), qPrintable(ip));

    // Stored: the chain in the database, the key as a secret.
    CertificateStore certificates(m_store->database(), m_dir->path());
    const Result<std::optional<CertificateRecord>> stored =
        certificates.find(u"www.example.test"_s);
    QVERIFY(stored && *stored);
    QCOMPARE((*stored)->serial, outcome->certificate.serial);
    QCOMPARE((*stored)->names, QStringList{u"www.example.test"_s});
    QVERIFY((*stored)->notAfter > QDateTime::currentDateTimeUtc());
    QVERIFY(!(*stored)->issuer.isEmpty());
    QVERIFY(verifiesAgainstPebbleRoot((*stored)->chainPem));
    const Result<CertificateMaterial> material = certificates.material(u"www.example.test"_s);
    QVERIFY(material);
    QVERIFY(material->keyPem.contains("PRIVATE KEY"));

    // Deployed: every edge holds chain and key, nginx serves HTTPS.
    QVERIFY(outcome->deployed && outcome->deployed->ok());
    for (const auto &[ip, host] : m_edges) {
        QCOMPARE(host->file(chainPath)->content, material->chainPem);
        QCOMPARE(host->file(keyPath)->content, material->keyPem);
        QCOMPARE(host->file(keyPath)->mode, 0600);
        const QByteArray nginx = *host->nginxServing;
        QVERIFY(nginx.contains(QByteArray("ssl_certificate " + chainPath.toUtf8() + ';')));
        QVERIFY(nginx.contains("# api.example.test -> origin home (http only)"));
    }
    const Result<QList<app::CertificateService::Held>> held = service()->list();
    QVERIFY(held && held->size() == 1);
    QCOMPARE(held->first().edges, (QStringList{u"e1"_s, u"e2"_s}));
    QVERIFY(held->first().renewFrom > (*stored)->notBefore);
    QVERIFY(held->first().renewFrom < (*stored)->notAfter);
}

// A new edge's first deploy carries the certificates already held; the
// CA is not asked again.
void TestCertificates::newEdgeGetsTheCertificatesWithoutAnOrder()
{
    QVERIFY(registerAccount());
    QVERIFY(issueWww());
    const int answered = m_world->http().answered();
    FakeShell &e3 = addEdge(u"e3"_s, u"8.8.4.8"_s);
    Deployer deployer(
        *m_store, m_dir->path(), [](const DeployProgress &) {},
        [this](const SshSession::Options &o) -> Result<std::unique_ptr<RemoteShell>> {
            return std::unique_ptr<RemoteShell>(std::make_unique<EdgeLink>(
                *m_edges.at(o.target.host), [] {}, false));
        });
    DeployRequest request;
    request.edges = {u"e3"_s};
    const Result<DeploySummary> summary = deployer.run(request);
    QVERIFY2(summary && summary->ok(), summary ? qPrintable(summary->hosts.value(0).error.message())
                                               : qPrintable(summary.error().message()));
    QCOMPARE(e3.file(chainPath)->content, m_edges.at(u"8.8.8.8"_s)->file(chainPath)->content);
    QCOMPARE(e3.file(keyPath)->mode, 0600);
    QVERIFY(e3.nginxServing->contains("listen 443 ssl"));
    QCOMPARE(m_world->http().answered(), answered);
}

void TestCertificates::accountBadInput()
{
    AcmeAccountStore accounts(m_store->database(), m_dir->path());
    app::CertificateService::AccountRequest request;
    request.email = u"admin@example.test"_s;
    request.directoryUrl = m_world->directoryUrl().toString();
    request.caBundle = m_world->caBundle();

    Result<AcmeAccountRecord> r = service()->registerAccount(request);
    QVERIFY(!r);
    QCOMPARE(r.error().field(), u"agree-tos"_s);
    QVERIFY2(r.error().message().contains(u"terms of service"_s), qPrintable(r.error().message()));

    request.agreeTos = true;
    request.email = u"not an address"_s;
    r = service()->registerAccount(request);
    QVERIFY(!r);
    QCOMPARE(r.error().field(), u"email"_s);

    request.email = u"admin@example.test"_s;
    request.caBundle = m_world->wrongCaBundle();
    r = service()->registerAccount(request);
    QVERIFY(!r);
    QVERIFY2(r.error().message().contains(m_world->directoryUrl().toString()),
             qPrintable(r.error().message()));

    request.caBundle = m_dir->path() + u"/missing.pem"_s;
    r = service()->registerAccount(request);
    QVERIFY(!r);
    QCOMPARE(r.error().field(), u"ca-bundle"_s);

    request.caBundle.clear();
    request.directoryUrl = u"https://127.0.0.1:%1/dir"_s.arg(m_world->unusedPort());
    r = service()->registerAccount(request);
    QVERIFY(!r);
    QCOMPARE(r.error().field(), u"directory"_s);
    QVERIFY2(r.error().message().contains(u"cannot reach the CA"_s),
             qPrintable(r.error().message()));
    QVERIFY(accounts.get() && !*accounts.get()); // nothing was stored

    request.directoryUrl = u"http://127.0.0.1/dir"_s;
    r = service()->registerAccount(request);
    QVERIFY(!r);
    QCOMPARE(r.error().field(), u"directory"_s);

    // Issuing without an account says so.
    const Result<app::CertificateService::IssueOutcome> issued = issueWww();
    QVERIFY(!issued);
    QCOMPARE(issued.error().field(), u"account"_s);
}

void TestCertificates::issueBadInputLeavesTheCertificateAlone()
{
    QVERIFY(registerAccount());
    const Result<app::CertificateService::IssueOutcome> first = issueWww();
    QVERIFY(first);
    const QByteArray chainOnEdge = m_edges.at(u"8.8.8.8"_s)->file(chainPath)->content;

    const auto refused = [&](const QStringList &names, const QString &challenge,
                             const QString &field) {
        app::CertificateService::IssueRequest request;
        request.names = names;
        request.challenge = challenge;
        const Result<app::CertificateService::IssueOutcome> r = service()->issue(request);
        if (r || r.error().field() != field) {
            qWarning() << names << (r ? u"issued"_s : r.error().message());
            return false;
        }
        return true;
    };
    QVERIFY(refused({u"www.example.test"_s, u"other.example.test"_s}, u"http-01"_s, u"name"_s));
    QVERIFY(refused({u"*.example.test"_s}, u"http-01"_s, u"name"_s));
    QVERIFY(refused({u"www.example.test"_s}, u"tls-alpn-01"_s, u"challenge"_s));
    QVERIFY(refused({u"bad..name"_s}, u"http-01"_s, u"name"_s));

    // A profile the CA does not list (Pebble 2.4 lists none).
    app::CertificateService::IssueRequest request;
    request.names = {u"www.example.test"_s};
    request.profile = u"shortlived"_s;
    const Result<app::CertificateService::IssueOutcome> r = service()->issue(request);
    QVERIFY(!r);
    QVERIFY2(r.error().message().contains(u"shortlived"_s), qPrintable(r.error().message()));

    CertificateStore certificates(m_store->database(), m_dir->path());
    QCOMPARE((*certificates.find(u"www.example.test"_s))->serial, first->certificate.serial);
    QCOMPARE(m_edges.at(u"8.8.8.8"_s)->file(chainPath)->content, chainOnEdge);
}

// One edge cannot take the answer: the order fails naming it, nothing is
// left on the other edge, nothing is stored, the certificate held keeps
// serving.
void TestCertificates::challengeThatCannotBePlacedFailsAndCleansUp()
{
    QVERIFY(registerAccount());
    const Result<app::CertificateService::IssueOutcome> first = issueWww();
    QVERIFY(first);
    m_failingEdges.insert(u"e2"_s);
    // Another name: Pebble reuses the account's valid authorization for www.
    app::CertificateService::IssueRequest request;
    request.names = {u"api.example.test"_s};
    const Result<app::CertificateService::IssueOutcome> r = service()->issue(request);
    QVERIFY(!r);
    QVERIFY2(r.error().message().contains(u"edge e2"_s), qPrintable(r.error().message()));
    for (const auto &[ip, host] : m_edges)
        QVERIFY2(challengeFiles(*host).isEmpty(), qPrintable(ip));
    CertificateStore certificates(m_store->database(), m_dir->path());
    QCOMPARE((*certificates.find(u"www.example.test"_s))->serial, first->certificate.serial);
    QVERIFY(!*certificates.find(u"api.example.test"_s));
    QVERIFY(m_edges.at(u"8.8.4.4"_s)->file(chainPath).has_value());
}

// kokoactl acme account against the CA itself: registered, the account
// URL printed and stored; the same again keeps the key (the CA answers with
// the same account).
void TestCertificates::acmeAccountCommandRegistersWithTheCa()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QCOMPARE(runCli(dir.path(), {u"init"_s}).code, 0);
    const QStringList args{u"acme"_s,
                           u"account"_s,
                           u"--email"_s,
                           u"admin@example.test"_s,
                           u"--agree-tos"_s,
                           u"--directory"_s,
                           m_world->directoryUrl().toString(),
                           u"--ca-bundle"_s,
                           m_world->caBundle()};
    const CliResult first = runCli(dir.path(), args);
    QVERIFY2(first.code == 0, qPrintable(first.err));
    QVERIFY2(first.out.contains(u"/my-account/"_s), qPrintable(first.out));
    const CliResult again = runCli(dir.path(), QStringList{u"--json"_s} + args);
    QCOMPARE(again.code, 0);
    const QJsonObject account = QJsonDocument::fromJson(again.out.toUtf8()).object();
    QVERIFY2(first.out.contains(account.value(u"account"_s).toString()), qPrintable(again.out));

    const CliResult refused =
        runCli(dir.path(), {u"acme"_s, u"account"_s, u"--email"_s, u"admin@example.test"_s,
                            u"--agree-tos"_s, u"--directory"_s, m_world->directoryUrl().toString(),
                            u"--ca-bundle"_s, m_world->wrongCaBundle()});
    QCOMPARE(refused.code, 1);
    QVERIFY2(refused.err.contains(m_world->directoryUrl().toString()), qPrintable(refused.err));
}

// Nobody asks: the renewer of the lease holder finds the certificate due
// (two thirds of Pebble's short lifetime, on the renewer's clock), renews it
// on its own thread with the key the edges hold, and every edge gets it.
void TestCertificates::renewerRenewsWhatIsDueAndRedistributes()
{
    QVERIFY(registerAccount());
    const Result<app::CertificateService::IssueOutcome> first = issueWww();
    QVERIFY(first);
    const CertificateRecord &old = first->certificate;
    QVERIFY2(qAbs(old.notBefore.secsTo(old.notAfter) - kValiditySeconds) <= 2,
             qPrintable(QString::number(old.notBefore.secsTo(old.notAfter))));
    CertificateStore certificates(m_store->database(), m_dir->path());
    const QByteArray oldKey = certificates.material(old.name)->keyPem;

    app::CertificateRenewer renewer(m_dir->path());
    renewer.setConnector(connector());
    renewer.setOperationTimeoutMs(kOperationWaitMs);
    // Two thirds of the lifetime have passed on the renewer's clock.
    const QDateTime due = old.notBefore.addSecs(kValiditySeconds * 2 / 3 + 1);
    const qint64 ahead = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(due));
    renewer.setClock([ahead] { return QDateTime::currentDateTimeUtc().addMSecs(ahead); });
    QStringList renewed;
    QStringList failures;
    int looks = 0;
    connect(&renewer, &app::CertificateRenewer::renewed, this,
            [&](const QString &name) { renewed << name; });
    connect(&renewer, &app::CertificateRenewer::failed, this,
            [&](const QString &name, const QString &why) { failures << name + u": "_s + why; });
    connect(&renewer, &app::CertificateRenewer::checked, this, [&] { ++looks; });
    QVERIFY(!renewer.checkNow()); // not without the lease
    renewer.setLeaseHeld(true);   // the monitor took the lease: a look at once
    QVERIFY(renewer.isChecking());
    QTRY_VERIFY_WITH_TIMEOUT(looks == 1, kOperationWaitMs);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u'\n')));
    QCOMPARE(renewed, QStringList{u"www.example.test"_s});

    const CertificateRecord now = **certificates.find(old.name);
    QVERIFY(now.serial != old.serial);
    QVERIFY(now.notAfter >= old.notAfter); // issued within the same second, perhaps
    const Result<CertificateMaterial> material = certificates.material(old.name);
    QCOMPARE(material->keyPem, oldKey); // a renewal keeps the key
    QVERIFY(verifiesAgainstPebbleRoot(material->chainPem));
    for (const auto &[ip, host] : m_edges)
        QCOMPARE(host->file(chainPath)->content, material->chainPem);
    const QList<Event> events = certificateEvents(u"renew"_s);
    QCOMPARE(events.size(), 1);
    QCOMPARE(events.first().outcome, u"ok"_s);
    QVERIFY(events.first().reason.contains(old.serial));

    // Lease lost: no more looks.
    renewer.setLeaseHeld(false);
    QVERIFY(!renewer.checkNow());
}

// cert renew without --force leaves a certificate that is not due; with
// --force it renews it at once. Pebble has no ARI: no replaces.
void TestCertificates::renewCommandKeepsWhatIsNotDue()
{
    QVERIFY(registerAccount());
    const Result<app::CertificateService::IssueOutcome> first = issueWww();
    QVERIFY(first);
    app::CertificateRenewal::Request request;
    Result<QList<app::CertificateRenewal::Outcome>> r = renewal()->run(request);
    QVERIFY2(r, r ? "" : qPrintable(r.error().message()));
    QCOMPARE(r->size(), 1);
    QVERIFY(!r->first().due && !r->first().renewed && !r->first().error);
    QVERIFY(!r->first().fromAri);
    QCOMPARE(r->first().renewFrom,
             first->certificate.notBefore.addMSecs(
                 first->certificate.notBefore.msecsTo(first->certificate.notAfter) * 2 / 3));
    request.force = true;
    request.names = {u"www.example.test"_s};
    r = renewal()->run(request);
    QVERIFY(r && r->size() == 1);
    QVERIFY2(r->first().renewed && !r->first().error,
             r->first().error ? qPrintable(r->first().error->message()) : "not renewed");
    QVERIFY(r->first().certificate.serial != first->certificate.serial);
    QVERIFY(r->first().deployed && r->first().deployed->ok());

    // A name Kokoa holds no certificate for is named as such.
    request.names = {u"api.example.test"_s};
    r = renewal()->run(request);
    QVERIFY(!r);
    QCOMPARE(r.error().field(), u"name"_s);
}

// The CA fails (rate limited, Retry-After 120 s): the renewer backs off
// at least that long, does not ask again before, says so in an event and
// an alert; the certificate held stays, on every edge. The order it made
// was an ARI replacement, because the window the CA gave has begun.
void TestCertificates::renewalFailureBacksOffAndIsAnEvent()
{
    // Only the renewal is under test: api's route asks for no certificate
    // (a missing one would be ordered by the renewer too).
    const Result<Topology> topology = m_store->topology();
    QVERIFY(topology);
    for (Route route : topology->routes) {
        if (route.hostname != u"api.example.test"_s)
            continue;
        route.tls = TlsMode::Off;
        QVERIFY(m_store->updateRoute(route));
    }
    QVERIFY(registerAccount());
    const Result<app::CertificateService::IssueOutcome> first = issueWww();
    QVERIFY(first);
    const QByteArray chainOnEdge = m_edges.at(u"8.8.8.8"_s)->file(chainPath)->content;
    std::unique_ptr<FakeAcmeServer> fake = switchToFakeCa();
    QVERIFY(fake);
    fake->orderRetryAfterS = 120;

    app::CertificateRenewer renewer(m_dir->path());
    renewer.setConnector(connector());
    renewer.setOperationTimeoutMs(kOperationWaitMs);
    renewer.setBackoffMs(1000, 60 * 60 * 1000);
    auto offset = std::make_shared<std::atomic<qint64>>(0);
    renewer.setClock([offset] { return QDateTime::currentDateTimeUtc().addMSecs(offset->load()); });
    QStringList alerts;
    int looks = 0;
    connect(&renewer, &app::CertificateRenewer::alertRaised, this,
            [&](const QString &text) { alerts << text; });
    connect(&renewer, &app::CertificateRenewer::checked, this, [&] { ++looks; });
    renewer.setLeaseHeld(true);
    QTRY_VERIFY_WITH_TIMEOUT(looks == 1, kOperationWaitMs);

    const auto orders = fake->requestsTo(u"/new-order"_s);
    QCOMPARE(orders.size(), 1);
    QCOMPARE(orders.first().payload.value(u"replaces"_s).toString(),
             AcmeX509::renewalId(first->certificate.chainPem).value());
    QCOMPARE(alerts.size(), 1);
    QVERIFY2(alerts.first().contains(u"www.example.test"_s) &&
                 alerts.first().contains(u"rateLimited"_s),
             qPrintable(alerts.first()));
    const QDateTime until = renewer.backingOffUntil(u"www.example.test"_s);
    QVERIFY(until > QDateTime::currentDateTimeUtc().addSecs(110));
    const QList<Event> events = certificateEvents(u"renew"_s);
    QCOMPARE(events.size(), 1);
    QVERIFY2(events.first().outcome.contains(u"rateLimited"_s), qPrintable(events.first().outcome));

    // Before the back-off is over the CA is not asked again.
    QVERIFY(renewer.checkNow());
    QTRY_VERIFY_WITH_TIMEOUT(looks == 2, kOperationWaitMs);
    QCOMPARE(fake->requestsTo(u"/new-order"_s).size(), 1);
    QCOMPARE(alerts.size(), 1);
    // After it, once more (and it fails once more, backing off longer).
    offset->store(121 * 1000);
    QVERIFY(renewer.checkNow());
    QTRY_VERIFY_WITH_TIMEOUT(looks == 3, kOperationWaitMs);
    QCOMPARE(fake->requestsTo(u"/new-order"_s).size(), 2);
    QCOMPARE(alerts.size(), 2);

    CertificateStore certificates(m_store->database(), m_dir->path());
    QCOMPARE((*certificates.find(u"www.example.test"_s))->serial, first->certificate.serial);
    for (const auto &[ip, host] : m_edges)
        QCOMPARE(host->file(chainPath)->content, chainOnEdge);
}

// Against a CA with ARI: a window that has not begun is not due (and is
// what cert list shows), one in the past is; a profile the directory does
// not list is refused naming the field and what the CA lists.
void TestCertificates::ariWindowAndProfilesAtAnAriCa()
{
    QVERIFY(registerAccount());
    const Result<app::CertificateService::IssueOutcome> first = issueWww();
    QVERIFY(first);
    std::unique_ptr<FakeAcmeServer> fake = switchToFakeCa();
    QVERIFY(fake);
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(20);
    fake->renewalStart = start.toString(Qt::ISODate);
    fake->renewalEnd = start.addDays(2).toString(Qt::ISODate);
    Result<QList<app::CertificateRenewal::Outcome>> r = renewal()->run({});
    QVERIFY(r && r->size() == 1);
    QVERIFY(r->first().fromAri && !r->first().due && !r->first().error);
    QCOMPARE(r->first().renewFrom, QDateTime::fromString(start.toString(Qt::ISODate), Qt::ISODate));
    QVERIFY(fake->requestsTo(u"/new-order"_s).isEmpty());
    const Result<QList<app::CertificateService::Held>> held = service()->list();
    QVERIFY(held && held->size() == 1);
    QVERIFY(held->first().renewalFromAri);
    QCOMPARE(held->first().renewFrom, r->first().renewFrom);

    // The window has begun: due, ordered as a replacement.
    fake->renewalStart = u"2026-01-01T00:00:00Z"_s;
    fake->renewalEnd = u"2026-01-02T12:00:00Z"_s;
    r = renewal()->run({});
    QVERIFY(r && r->size() == 1);
    QVERIFY(r->first().fromAri && r->first().due && r->first().error);
    QCOMPARE(fake->requestsTo(u"/new-order"_s).size(), 1);
    QCOMPARE(fake->requestsTo(u"/new-order"_s).first().payload.value(u"replaces"_s).toString(),
             first->certificate.ariId);

    app::CertificateService::IssueRequest request;
    request.names = {u"www.example.test"_s};
    request.profile = u"tlsserver"_s;
    const Result<app::CertificateService::IssueOutcome> refused = service()->issue(request);
    QVERIFY(!refused);
    QCOMPARE(refused.error().field(), u"profile"_s);
    QVERIFY2(refused.error().message().contains(u"classic, shortlived"_s),
             qPrintable(refused.error().message()));
    QCOMPARE(fake->requestsTo(u"/new-order"_s).size(), 1);
}

// A CA that accepts the connection and never answers: the renewer, going
// away (a shutdown), abandons the question instead of waiting for the
// operation's deadline.
void TestCertificates::renewerStopsAtOnceWhenDestroyed()
{
    QVERIFY(registerAccount());
    QVERIFY(issueWww());
    std::unique_ptr<FakeAcmeServer> fake = switchToFakeCa();
    QVERIFY(fake);
    const quint16 port = quint16(fake->directoryUrl().port());
    fake.reset();
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, port));
    auto renewer = std::make_unique<app::CertificateRenewer>(m_dir->path());
    renewer->setConnector(connector());
    renewer->setOperationTimeoutMs(kOperationWaitMs);
    renewer->setLeaseHeld(true);
    QTRY_VERIFY_WITH_TIMEOUT(silent.hasPendingConnections(), 10000);
    QVERIFY(renewer->isChecking());
    QElapsedTimer stopping;
    stopping.start();
    renewer.reset();
    QVERIFY2(stopping.elapsed() < 5000, qPrintable(QString::number(stopping.elapsed())));
}

// cert rekey --revoke: a new key and certificate on every edge, then the
// old serial revoked at the CA.
void TestCertificates::rekeyDeploysANewKeyThenRevokesTheOld()
{
    QVERIFY(registerAccount());
    const Result<app::CertificateService::IssueOutcome> first = issueWww();
    QVERIFY(first);
    CertificateStore certificates(m_store->database(), m_dir->path());
    const QByteArray oldKey = certificates.material(u"www.example.test"_s)->keyPem;
    app::CertificateRenewal::Request request;
    request.names = {u"www.example.test"_s};
    request.newKey = true;
    request.revoke = true;
    const Result<QList<app::CertificateRenewal::Outcome>> r = renewal()->run(request);
    QVERIFY(r && r->size() == 1);
    const app::CertificateRenewal::Outcome &o = r->first();
    QVERIFY2(!o.error, o.error ? qPrintable(o.error->message()) : "");
    QVERIFY(o.renewed && o.revoked);
    QCOMPARE(o.oldSerial, first->certificate.serial);

    const Result<CertificateMaterial> material = certificates.material(u"www.example.test"_s);
    QVERIFY(material->keyPem != oldKey);
    const QByteArray newPublic =
        QSslCertificate::fromData(material->chainPem).first().publicKey().toPem();
    QVERIFY(newPublic !=
            QSslCertificate::fromData(first->certificate.chainPem).first().publicKey().toPem());
    for (const auto &[ip, host] : m_edges) {
        QCOMPARE(host->file(keyPath)->content, material->keyPem);
        QCOMPARE(
            QSslCertificate::fromData(host->file(chainPath)->content).first().publicKey().toPem(),
            newPublic);
    }
    const QJsonObject status =
        QJsonDocument::fromJson(m_world->managementGet(u"/cert-status-by-serial/"_s + o.oldSerial))
            .object();
    QCOMPARE(status.value(u"Status"_s).toString(), u"Revoked"_s);
    const QJsonObject current =
        QJsonDocument::fromJson(
            m_world->managementGet(u"/cert-status-by-serial/"_s + o.certificate.serial))
            .object();
    QCOMPARE(current.value(u"Status"_s).toString(), u"Valid"_s);
    QCOMPARE(certificateEvents(u"revoke"_s).size(), 1);
}

// kokoactl cert renew leaves what is not due; cert rekey needs names.
// Removing an edge that held keys says which and how to re-key them.
void TestCertificates::edgeRemovalOffersRekey()
{
    QVERIFY(registerAccount());
    QVERIFY(issueWww());
    m_store.reset(); // the commands open the database themselves
    const CliResult renew = runCli(m_dir->path(), {u"cert"_s, u"renew"_s});
    QVERIFY2(renew.code == 0 && renew.out.contains(u"www.example.test: not due before"_s),
             qPrintable(renew.out + renew.err));
    QCOMPARE(runCli(m_dir->path(), {u"cert"_s, u"rekey"_s, u"--revoke"_s}).code, 2);
    const CliResult removed = runCli(m_dir->path(), {u"edge"_s, u"rm"_s, u"e2"_s});
    QCOMPARE(removed.code, 0);
    QVERIFY2(removed.err.contains(u"www.example.test"_s) &&
                 removed.err.contains(u"kokoactl cert rekey www.example.test --revoke"_s) &&
                 removed.err.contains(u"certificates.rekey_on_edge_removal"_s),
             qPrintable(removed.err));
    m_store = std::move(Store::open(DataDirectory::databasePath(m_dir->path()))).value();
    // The removed edge no longer counts as holding it.
    const Result<QList<app::CertificateService::Held>> held = service()->list();
    QVERIFY(held && held->size() == 1);
    QCOMPARE(held->first().edges, QStringList{u"e1"_s});
}

QTEST_MAIN(TestCertificates)
#include "tst_certificates.moc"
