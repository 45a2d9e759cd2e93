// Certificates nobody asks for: a hostname routed with --tls http-01 that
// has no certificate gets one after a deploy (DeployJob) and from the
// renewer of the lease holder, against Debian's Pebble on loopback. The
// edges are scripted hosts (FakeShell); Pebble's validation request is
// answered only once every edge holds the same key authorization.

#include "AcmeTestSupport.h"
#include "CertificateStoreFixture.h"
#include "FakeShell.h"
#include "PebbleWorld.h"
#include "app/CertificateAutoIssue.h"
#include "app/CertificateRenewer.h"
#include "app/CertificateService.h"
#include "app/DeployJob.h"
#include "core/DataDirectory.h"
#include "deploy/EdgeCertificates.h"
#include "render/NginxRenderer.h"
#include "store/CertificateStore.h"
#include "store/Store.h"

#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>

using namespace kokoa;
using namespace kokoa::test;
using namespace Qt::StringLiterals;

namespace {

const QString challengeDir = NginxLayout().acmeWebroot + u"/.well-known/acme-challenge/"_s;
const QString www = u"www.example.test"_s;
const QString api = u"api.example.test"_s;

QString chainPath(const QString &hostname)
{
    return EdgeCertificates::chainPath(hostname, NginxLayout());
}

// What the CA sees of the edges: an answer once every edge holds it, the
// same. Uploads come from deploy and renewal threads.
class ServedAnswers
{
public:
    ServedAnswers(ChallengeHttpServer &http, int edges)
        : m_http(http)
        , m_edges(edges)
    {}
    void placed(const QString &edge, const QString &token, const QByteArray &content)
    {
        QMutexLocker lock(&m_mutex);
        QHash<QString, QByteArray> &holders = m_tokens[token];
        holders.insert(edge, content);
        const bool everywhere =
            holders.size() == m_edges &&
            std::all_of(holders.cbegin(), holders.cend(),
                        [&](const QByteArray &held) { return held == content; });
        if (everywhere)
            m_http.place(token, QString::fromLatin1(content));
    }
    void removed(const QString &edge, const QString &token)
    {
        QMutexLocker lock(&m_mutex);
        m_tokens[token].remove(edge);
        m_http.remove(token);
    }

private:
    QMutex m_mutex;
    ChallengeHttpServer &m_http;
    int m_edges;
    QHash<QString, QHash<QString, QByteArray>> m_tokens;
};

class EdgeLink final : public RemoteShell
{
public:
    EdgeLink(FakeShell &host, QString name, ServedAnswers &answers, bool failChallenges)
        : m_host(host)
        , m_name(std::move(name))
        , m_answers(answers)
        , m_failChallenges(failChallenges)
    {}
    QString where() const override { return m_host.where(); }
    Result<ExecResult> exec(const QStringList &argv, const QByteArray &standardInput, int timeoutMs,
                            const std::atomic_bool *cancel, bool asRoot,
                            qsizetype maxOutputBytes) override
    {
        if (argv.value(0) == u"rm"_s && argv.last().startsWith(challengeDir))
            m_answers.removed(m_name, argv.last().mid(challengeDir.size()));
        return m_host.exec(argv, standardInput, timeoutMs, cancel, asRoot, maxOutputBytes);
    }
    Status upload(const QString &path, const QByteArray &content, int mode) override
    {
        if (!path.startsWith(challengeDir))
            return m_host.upload(path, content, mode);
        if (m_failChallenges)
            return Error(Error::Kind::Remote, u"%1: sftp: disk full"_s.arg(where()));
        const Status s = m_host.upload(path, content, mode);
        if (s)
            m_answers.placed(m_name, path.mid(challengeDir.size()), content);
        return s;
    }
    Result<std::optional<QByteArray>> download(const QString &path) override
    {
        return m_host.download(path);
    }

private:
    FakeShell &m_host;
    QString m_name;
    ServedAnswers &m_answers;
    bool m_failChallenges;
};

} // namespace

class TestCertificatesAuto final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void deployOrdersWhatTheRoutesMiss();
    void renewerOrdersMissingCertificatesAndBacksOff();

private:
    Deployer::Connector connector();
    Status registerAccount();
    void addRoute(const QString &hostname, TlsMode tls);
    QList<DeployProgress> deploy();
    QList<Event> issueEvents();

    QTemporaryDir m_worldDir;
    std::unique_ptr<PebbleWorld> m_world;
    std::unique_ptr<ServedAnswers> m_answers;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    std::map<QString, std::unique_ptr<FakeShell>> m_edges; // by address
    QHash<QString, QString> m_edgeNames;                   // address → name
    std::atomic_bool m_failChallenges = false;
};

void TestCertificatesAuto::initTestCase()
{
    QVERIFY(m_worldDir.isValid());
    for (const char *program : {"/usr/bin/pebble", "/usr/bin/pebble-challtestsrv"})
        QVERIFY2(QFile::exists(QString::fromLatin1(program)),
                 qPrintable(u"%1 is missing (installer/install-deps.sh installs it)"_s.arg(
                     QLatin1String(program))));
    m_world = std::make_unique<PebbleWorld>(m_worldDir.path());
    QVERIFY2(m_world->start(), qPrintable(m_world->error()));
}

void TestCertificatesAuto::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Result<std::unique_ptr<Store>> store = openCertificateStore(m_dir->path());
    QVERIFY2(store, store ? "" : qPrintable(store.error().message()));
    m_store = std::move(store).value();
    m_edges.clear();
    m_edgeNames.clear();
    for (const auto &[name, ip] : {std::pair{u"e1"_s, u"8.8.8.8"_s}, {u"e2"_s, u"8.8.4.4"_s}}) {
        const Status added = addPinnedEdge(*m_store, name, ip);
        QVERIFY2(added, added ? "" : qPrintable(added.error().message()));
        m_edges[ip] = scriptedEdge();
        m_edgeNames.insert(ip, name);
    }
    m_answers = std::make_unique<ServedAnswers>(m_world->http(), int(m_edges.size()));
    m_failChallenges = false;
}

void TestCertificatesAuto::cleanup()
{
    for (const auto &[ip, host] : m_edges)
        QVERIFY2(host->unexpected().isEmpty(), qPrintable(host->unexpected().join(u'\n')));
    m_store.reset();
}

Deployer::Connector TestCertificatesAuto::connector()
{
    return [this](const SshSession::Options &options) -> Result<std::unique_ptr<RemoteShell>> {
        const QString ip = options.target.host;
        if (m_edges.count(ip) == 0)
            return Error(Error::Kind::Remote, u"%1: no route to host"_s.arg(ip));
        return std::unique_ptr<RemoteShell>(std::make_unique<EdgeLink>(
            *m_edges.at(ip), m_edgeNames.value(ip), *m_answers, m_failChallenges.load()));
    };
}

Status TestCertificatesAuto::registerAccount()
{
    app::CertificateService service(*m_store, m_dir->path());
    service.setOperationTimeoutMs(kOperationWaitMs);
    app::CertificateService::AccountRequest request;
    request.email = u"admin@example.test"_s;
    request.agreeTos = true;
    request.directoryUrl = m_world->directoryUrl().toString();
    request.caBundle = m_world->caBundle();
    const Result<AcmeAccountRecord> account = service.registerAccount(request);
    if (!account)
        return account.error();
    return {};
}

void TestCertificatesAuto::addRoute(const QString &hostname, TlsMode tls)
{
    Route r;
    r.hostname = hostname;
    r.originName = u"home"_s;
    r.port = 8080;
    r.tls = tls;
    QVERIFY(m_store->addRoute(r));
}

// A deploy of both edges as kokoactl deploy and the window run it; the
// progress it reported.
QList<DeployProgress> TestCertificatesAuto::deploy()
{
    DeployRequest request;
    request.edges = {u"e1"_s, u"e2"_s};
    DeployJob job(DataDirectory::databasePath(m_dir->path()), m_dir->path(), request);
    job.setConnector(connector());
    QList<DeployProgress> progress;
    connect(&job, &DeployJob::progress, this,
            [&progress](const DeployProgress &p) { progress.append(p); });
    QSignalSpy finished(&job, &DeployJob::finished);
    job.start();
    if (!QTest::qWaitFor([&] { return finished.size() == 1; }, kOperationWaitMs)) {
        qWarning() << "the deploy did not finish";
        return {};
    }
    const Result<DeploySummary> &summary = *job.result();
    if (!summary || !summary->ok())
        qWarning() << "the deploy failed:"
                   << (summary ? summary->hosts.value(0).error.message()
                               : summary.error().message());
    return progress;
}

QList<Event> TestCertificatesAuto::issueEvents()
{
    QList<Event> out;
    const Result<QList<Event>> events = m_store->events(1000);
    for (const Event &e : events.value()) {
        if (e.category == u"certificate"_s && e.action == u"issue"_s)
            out.append(e);
    }
    return out;
}

// Without an account a deploy orders nothing and says nothing about it;
// with one, the deploy orders the certificate of the hostname routed with
// --tls http-01 (not the one with TLS off), every edge serves it, and the
// next deploy orders nothing more.
void TestCertificatesAuto::deployOrdersWhatTheRoutesMiss()
{
    addRoute(www, TlsMode::Http01);
    addRoute(api, TlsMode::Off);
    const auto certificateLines = [](const QList<DeployProgress> &progress) {
        QList<DeployProgress> out;
        for (const DeployProgress &p : progress) {
            if (p.host.startsWith(u"certificate"_s))
                out.append(p);
        }
        return out;
    };
    QList<DeployProgress> progress = deploy();
    QVERIFY(!progress.isEmpty());
    QVERIFY(certificateLines(progress).isEmpty());
    CertificateStore certificates(m_store->database(), m_dir->path());
    QVERIFY(certificates.list()->isEmpty());
    app::CertificateAutoIssue autoIssue(*m_store, m_dir->path());
    QCOMPARE(autoIssue.missing().value(), QStringList{www});

    QVERIFY(registerAccount());
    progress = deploy();
    const QList<DeployProgress> lines = certificateLines(progress);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first().host, u"certificate "_s + www);
    QVERIFY(lines.first().state == DeployProgress::State::Changed);
    const std::optional<CertificateRecord> held = *certificates.find(www);
    QVERIFY(held);
    QVERIFY(lines.first().detail.contains(held->serial));
    QVERIFY(!*certificates.find(api));
    const QByteArray chain = certificates.material(www)->chainPem;
    for (const auto &[ip, host] : m_edges) {
        QCOMPARE(host->file(chainPath(www))->content, chain);
        QVERIFY(host->nginxServing->contains("listen 443 ssl"));
        QVERIFY(!host->exists(chainPath(api)));
    }
    QCOMPARE(issueEvents().size(), 1);
    QCOMPARE(issueEvents().first().outcome, u"ok"_s);
    QVERIFY(autoIssue.missing()->isEmpty());

    const int answered = m_world->http().answered();
    QVERIFY(certificateLines(deploy()).isEmpty());
    QCOMPARE(m_world->http().answered(), answered);
    QCOMPARE((*certificates.find(www))->serial, held->serial);
}

// The renewer of the lease holder counts a missing certificate as due: the
// challenges cannot be placed at first, so both orders fail, each an event
// and an alert, and the CA is not asked again during the back-off; once the
// edges take challenges and the back-off is over, both hostnames get their
// certificates on every edge without anyone asking.
void TestCertificatesAuto::renewerOrdersMissingCertificatesAndBacksOff()
{
    addRoute(www, TlsMode::Http01);
    addRoute(api, TlsMode::Http01);
    QVERIFY(registerAccount());
    m_failChallenges = true;

    app::CertificateRenewer renewer(m_dir->path());
    renewer.setConnector(connector());
    renewer.setOperationTimeoutMs(kOperationWaitMs);
    renewer.setBackoffMs(60 * 1000, 60 * 60 * 1000);
    auto offset = std::make_shared<std::atomic<qint64>>(0);
    renewer.setClock([offset] { return QDateTime::currentDateTimeUtc().addMSecs(offset->load()); });
    QStringList issued;
    QStringList alerts;
    int looks = 0;
    connect(&renewer, &app::CertificateRenewer::issued, this,
            [&](const QString &name) { issued << name; });
    connect(&renewer, &app::CertificateRenewer::alertRaised, this,
            [&](const QString &text) { alerts << text; });
    connect(&renewer, &app::CertificateRenewer::checked, this, [&] { ++looks; });
    renewer.setLeaseHeld(true);
    QTRY_VERIFY_WITH_TIMEOUT(looks == 1, kOperationWaitMs);

    QVERIFY(issued.isEmpty());
    QCOMPARE(alerts.size(), 2);
    for (const QString &alert : std::as_const(alerts))
        QVERIFY2(alert.contains(u"ordering the first certificate"_s) &&
                     alert.contains(u"disk full"_s),
                 qPrintable(alert));
    QVERIFY(renewer.backingOffUntil(www).isValid());
    QVERIFY(renewer.backingOffUntil(api).isValid());
    QList<Event> events = issueEvents();
    QCOMPARE(events.size(), 2);
    for (const Event &e : std::as_const(events))
        QVERIFY2(e.outcome.contains(u"disk full"_s), qPrintable(e.outcome));
    CertificateStore certificates(m_store->database(), m_dir->path());
    QVERIFY(certificates.list()->isEmpty());

    // Within the back-off: looked at, not ordered.
    m_failChallenges = false;
    QVERIFY(renewer.checkNow());
    QTRY_VERIFY_WITH_TIMEOUT(looks == 2, kOperationWaitMs);
    QCOMPARE(issueEvents().size(), 2);
    QCOMPARE(alerts.size(), 2);

    // After it: ordered, stored and on every edge.
    offset->store(61 * 1000);
    QVERIFY(renewer.checkNow());
    QTRY_VERIFY_WITH_TIMEOUT(looks == 3, kOperationWaitMs);
    QCOMPARE(alerts.size(), 2);
    issued.sort();
    QCOMPARE(issued, (QStringList{api, www}));
    for (const QString &name : {www, api}) {
        const Result<CertificateMaterial> material = certificates.material(name);
        QVERIFY2(material, material ? "" : qPrintable(material.error().message()));
        for (const auto &[ip, host] : m_edges)
            QCOMPARE(host->file(chainPath(name))->content, material->chainPem);
        QVERIFY(!renewer.backingOffUntil(name).isValid());
    }
    events = issueEvents();
    QCOMPARE(events.size(), 4);
    QCOMPARE(events.at(2).outcome, u"ok"_s); // oldest first
    QCOMPARE(events.at(3).outcome, u"ok"_s);
}

QTEST_MAIN(TestCertificatesAuto)
#include "tst_certificates_auto.moc"
