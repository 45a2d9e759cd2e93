// The rendered files against the real tools that will read them on a host:
// nginx -t, wg-quick strip + wg setconf (kernel WireGuard or wireguard-go in
// a private network namespace), nft -c and nft -f in a private namespace.
#include "core/DataDirectory.h"
#include "crypto/WireGuardKey.h"
#include "deploy/EdgeCertificates.h"
#include "health/EdgeLoad.h"
#include "health/StubStatus.h"
#include "render/HostRenderer.h"
#include "render/NftablesRenderer.h"
#include "render/NginxRenderer.h"
#include "render/WireGuardRenderer.h"
#include "ssh/RemoteShell.h"
#include "store/Store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace kokoa;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(kokoa::Topology)

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    bool ok() const { return exitCode == 0; }
    QString describe() const { return u"exit %1\n%2\n%3"_s.arg(exitCode).arg(out, err); }
};

QString tool(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(name, {u"/usr/sbin"_s, u"/sbin"_s, u"/usr/bin"_s});
    return path;
}

Run run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(tool(program), args);
    Run r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        r.err = program + u" did not finish: "_s + p.errorString();
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

bool isRoot()
{
    return ::geteuid() == 0;
}

// A network namespace that exists for the lifetime of this object.
class NetNs final
{
public:
    NetNs()
        : m_name(u"kokoa-rt-%1-%2"_s.arg(QCoreApplication::applicationPid()).arg(++s_counter))
    {
        m_ok = run(u"ip"_s, {u"netns"_s, u"add"_s, m_name}).ok();
    }
    ~NetNs()
    {
        if (m_ok)
            run(u"ip"_s, {u"netns"_s, u"del"_s, m_name});
    }
    Q_DISABLE_COPY_MOVE(NetNs)

    bool ok() const { return m_ok; }
    const QString &name() const { return m_name; }
    Run exec(const QString &program, const QStringList &args) const
    {
        return run(u"ip"_s, QStringList{u"netns"_s, u"exec"_s, m_name, tool(program)} + args);
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    bool m_ok = false;
};

// Runs the load reader's fixed command inside a namespace, as SSH runs it
// on the edge itself.
class NamespaceShell final : public RemoteShell
{
public:
    explicit NamespaceShell(const NetNs &ns)
        : m_ns(ns)
    {}
    QString where() const override { return m_ns.name(); }
    Result<ExecResult> exec(const QStringList &argv, const QByteArray & = {}, int = 0,
                            const std::atomic_bool * = nullptr, bool = true, qsizetype = 0) override
    {
        const Run r = m_ns.exec(argv.value(0), argv.mid(1));
        ExecResult result;
        result.exitCode = r.exitCode;
        result.standardOutput = r.out.toUtf8();
        result.standardError = r.err.toUtf8();
        return result;
    }
    Status upload(const QString &, const QByteArray &, int) override
    {
        return Error(Error::Kind::Internal, u"not used"_s);
    }
    Result<std::optional<QByteArray>> download(const QString &) override
    {
        return Error(Error::Kind::Internal, u"not used"_s);
    }

private:
    const NetNs &m_ns;
};

QString publicKey()
{
    const Result<WireGuardKeyPair> pair = WireGuardKey::generate();
    if (!pair)
        qFatal("key generation failed: %s", qPrintable(pair.error().message()));
    return pair->publicKey;
}

Origin makeOrigin(const QString &name, const QString &address)
{
    Origin o;
    o.name = name;
    o.tunnelAddress = address;
    o.wgPublicKey = publicKey();
    return o;
}

Edge makeEdge(const QString &name, int n, bool ipv4, bool ipv6)
{
    Edge e;
    e.name = name;
    if (ipv4)
        e.publicIpv4 = u"198.51.100.%1"_s.arg(n);
    if (ipv6)
        e.publicIpv6 = u"2001:db8::%1"_s.arg(n);
    e.tunnelAddress = u"10.100.1.%1"_s.arg(n);
    e.wgPublicKey = publicKey();
    return e;
}

Route makeRoute(const QString &host, const QString &origin, quint16 port)
{
    Route r;
    r.hostname = host;
    r.originName = origin;
    r.port = port;
    return r;
}

Topology baseTopology()
{
    Topology t;
    t.origins = {makeOrigin(u"home"_s, u"10.100.0.2"_s), makeOrigin(u"nas"_s, u"10.100.0.3"_s)};
    t.edges = {makeEdge(u"tokyo-1"_s, 1, true, true), makeEdge(u"osaka-1"_s, 2, true, false),
               makeEdge(u"v6only-1"_s, 3, false, true)};
    return t;
}

// nginx -t as on an edge: the load server binds the edge's tunnel address,
// which WireGuard has brought up before nginx starts. A private namespace
// with that address on its loopback stands in for the tunnel.
Run nginxTest(const QString &tunnelAddress, const QString &root, const NginxLayout &layout)
{
    NetNs ns;
    if (!ns.ok())
        return {-1, {}, u"cannot create a network namespace"_s};
    for (const QStringList &args :
         {QStringList{u"addr"_s, u"add"_s, tunnelAddress + u"/32"_s, u"dev"_s, u"lo"_s},
          QStringList{u"link"_s, u"set"_s, u"lo"_s, u"up"_s}}) {
        if (const Run r = ns.exec(u"ip"_s, args); !r.ok())
            return r;
    }
    return ns.exec(u"nginx"_s, {u"-t"_s, u"-q"_s, u"-p"_s, root + u'/', u"-e"_s, layout.errorLog,
                                u"-c"_s, layout.configPath});
}

QSet<QString> allHostnames(const Topology &t)
{
    QSet<QString> names;
    for (const Route &r : t.routes)
        names.insert(r.hostname);
    return names;
}

} // namespace

class TestRenderTools : public QObject
{
    Q_OBJECT

private:
    void checkNginx(const Edge &edge, const Topology &t, const QSet<QString> &certified,
                    bool dropOneCertificate = false);
    QString stripWireGuard(const QTemporaryDir &dir, const QByteArray &config);
    void loadIntoInterface(const QString &stripped, const QByteArray &config);

private slots:
    void nginxAcceptsConfig_data();
    void nginxAcceptsConfig();
    void nginxRejectsMissingCertificate();
    void nginxAcceptsCertificatesFromTheStore();
    void loadIsReadFromTheTunnelSideOnly();
    void wireGuardConfigsLoad_data();
    void wireGuardConfigsLoad();
    void nftablesAcceptsFirewall();
    void nftablesAcceptsOriginFirewall();
};

void TestRenderTools::nginxAcceptsConfig_data()
{
    QTest::addColumn<Topology>("topology");
    QTest::addColumn<int>("edgeIndex");
    QTest::addColumn<bool>("underAttack");
    QTest::addColumn<QString>("certifiedMode"); // all, none, some

    Topology single = baseTopology();
    single.routes = {makeRoute(u"www.example.com"_s, u"home"_s, 8080)};
    QTest::newRow("single host") << single << 0 << false << u"all"_s;

    Topology many = baseTopology();
    const QStringList zones{u"example.com"_s, u"example.net"_s, u"kokoa-test.org"_s};
    for (int i = 0; i < 200; ++i) {
        many.routes.append(makeRoute(u"svc-%1.%2"_s.arg(i).arg(zones[i % 3]),
                                     i % 2 ? u"home"_s : u"nas"_s, quint16(8000 + i)));
    }
    QTest::newRow("200 hostnames, 3 zones") << many << 0 << false << u"all"_s;
    for (int i = 200; i < 1000; ++i) {
        many.routes.append(
            makeRoute(u"svc-%1.%2"_s.arg(i).arg(zones[i % 3]), u"home"_s, quint16(8000 + i)));
    }
    QTest::newRow("1000 hostnames, no certificates") << many << 0 << false << u"none"_s;

    Topology options = baseTopology();
    Route ws = makeRoute(u"chat.example.com"_s, u"home"_s, 3000);
    ws.websocket = true;
    ws.timeoutSeconds = Route::defaultWebsocketTimeoutSeconds;
    Route upload = makeRoute(u"upload.example.com"_s, u"nas"_s, 9000);
    upload.maxBodyBytes = 0;
    Route small = makeRoute(u"small.example.com"_s, u"nas"_s, 9001);
    small.maxBodyBytes = 1536;
    Route big = makeRoute(u"big.example.com"_s, u"nas"_s, 9002);
    big.maxBodyBytes = qint64(4) * 1024 * 1024 * 1024;
    options.routes = {ws, upload, small, big};
    QTest::newRow("websocket and body sizes") << options << 0 << false << u"all"_s;
    QTest::newRow("under attack") << options << 1 << true << u"all"_s;
    QTest::newRow("no certificates") << options << 0 << false << u"none"_s;

    Topology mixed = options;
    Route wildcard = makeRoute(u"*.apps.example.com"_s, u"home"_s, 8443);
    wildcard.tls = TlsMode::Dns01;
    Route off = makeRoute(u"plain.example.com"_s, u"home"_s, 8081);
    off.tls = TlsMode::Off;
    Route longName = makeRoute(QString(63, u'a') + u'.' + QString(63, u'b') + u".example.com"_s,
                               u"home"_s, 8082);
    mixed.routes << wildcard << off << longName;
    QTest::newRow("mixed, IPv4 only edge") << mixed << 1 << false << u"some"_s;
    QTest::newRow("mixed, IPv6 only edge") << mixed << 2 << true << u"some"_s;
}

void TestRenderTools::nginxAcceptsConfig()
{
    QFETCH(Topology, topology);
    QFETCH(int, edgeIndex);
    QFETCH(bool, underAttack);
    QFETCH(QString, certifiedMode);
    Edge edge = topology.edges.value(edgeIndex);
    edge.profile = underAttack ? EdgeProfile::UnderAttack : EdgeProfile::Normal;
    QSet<QString> certified;
    if (certifiedMode == u"all"_s) {
        certified = allHostnames(topology);
    } else if (certifiedMode == u"some"_s) {
        for (qsizetype i = 0; i < topology.routes.size(); i += 2)
            certified.insert(topology.routes[i].hostname);
        certified.insert(u"*.apps.example.com"_s);
        certified.insert(u"plain.example.com"_s); // TLS off wins
    }
    checkNginx(edge, topology, certified);
}

void TestRenderTools::nginxRejectsMissingCertificate()
{
    // The harness itself must be able to fail: a certificate nginx cannot
    // load makes `nginx -t` fail.
    Topology t = baseTopology();
    t.routes = {makeRoute(u"www.example.com"_s, u"home"_s, 8080)};
    checkNginx(t.edges.value(0), t, allHostnames(t), true);
}

// What deploy puts on an edge for the certificates in the store (chain and
// key files, the nginx.conf naming them) passes nginx -t: one route over
// HTTPS, the other still plain HTTP.
void TestRenderTools::nginxAcceptsCertificatesFromTheStore()
{
    if (tool(u"nginx"_s).isEmpty() || tool(u"openssl"_s).isEmpty())
        QFAIL("nginx or openssl is not installed; installer/install-deps.sh installs them");
    QTemporaryDir prefix;
    QVERIFY(prefix.isValid());
    const QString root = prefix.path();
    Result<std::unique_ptr<Store>> store = Store::open(DataDirectory::databasePath(root));
    QVERIFY(store);
    Topology t = baseTopology();
    t.routes = {makeRoute(u"www.example.com"_s, u"home"_s, 8080),
                makeRoute(u"api.example.com"_s, u"home"_s, 8081)};
    const Run cert = run(u"openssl"_s, {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                                        u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s,
                                        u"2"_s, u"-subj"_s, u"/CN=kokoa test"_s, u"-addext"_s,
                                        u"subjectAltName=DNS:www.example.com"_s, u"-keyout"_s,
                                        root + u"/key.pem"_s, u"-out"_s, root + u"/chain.pem"_s});
    QVERIFY2(cert.ok(), qPrintable(cert.describe()));
    CertificateRecord record;
    record.name = u"www.example.com"_s;
    record.names = {record.name};
    record.serial = u"01"_s;
    QFile chain(root + u"/chain.pem"_s);
    QFile key(root + u"/key.pem"_s);
    QVERIFY(chain.open(QIODevice::ReadOnly) && key.open(QIODevice::ReadOnly));
    record.chainPem = chain.readAll();
    CertificateStore certificates((*store)->database(), root);
    QVERIFY(certificates.put(record, key.readAll()));

    NginxLayout layout;
    layout.configPath = root + u"/nginx.conf"_s;
    layout.certificateDir = root + u"/certs"_s;
    layout.acmeWebroot = root + u"/acme"_s;
    layout.mimeTypes = root + u"/mime.types"_s;
    layout.pidFile = root + u"/nginx.pid"_s;
    layout.errorLog = root + u"/error.log"_s;
    layout.accessLog = root + u"/access.log"_s;
    if (!isRoot())
        layout.user.clear();
    QVERIFY(QFile::copy(u"/etc/nginx/mime.types"_s, layout.mimeTypes));
    QVERIFY(QDir().mkpath(layout.acmeWebroot));
    const Result<EdgeCertificates::Set> set = EdgeCertificates::collect(certificates, t, layout);
    QVERIFY(set);
    QCOMPARE(set->certified, QSet<QString>{u"www.example.com"_s});
    QCOMPARE(set->files.size(), 2);
    for (const RenderedFile &f : set->files) {
        QVERIFY(QDir().mkpath(QFileInfo(f.targetPath).path()));
        QVERIFY(writeFile(f.targetPath, f.content));
    }
    const Result<RenderedHost> host =
        HostRenderer::renderEdge(t.edges.value(0), t, {}, set->certified, layout);
    QVERIFY(host);
    const QByteArray conf = host->files.value(0).content;
    QVERIFY(conf.contains("# www.example.com -> origin home (https)"));
    QVERIFY(conf.contains("# api.example.com -> origin home (http only)"));
    QVERIFY(writeFile(layout.configPath, conf));
    if (!isRoot())
        QSKIP("nginx binds the edge's tunnel address: that needs a network namespace (root)");
    const Run test = nginxTest(t.edges.value(0).tunnelAddress, root, layout);
    QVERIFY2(test.ok(), qPrintable(test.describe()));
    QVERIFY2(test.err.trimmed().isEmpty(), qPrintable(test.describe()));
}

// The load reading against a real nginx running the rendered configuration
// in a namespace that holds the edge's tunnel address: the reader's command
// (run there, as SSH runs it on the edge) gets the counters, they count the
// requests clients made, and an address outside the tunnel network is
// refused.
void TestRenderTools::loadIsReadFromTheTunnelSideOnly()
{
    if (tool(u"nginx"_s).isEmpty() || tool(u"curl"_s).isEmpty())
        QFAIL("nginx or curl is not installed; installer/install-deps.sh installs them");
    if (!isRoot())
        QSKIP("nginx binds the edge's tunnel address: that needs a network namespace (root)");
    QTemporaryDir prefix;
    QVERIFY(prefix.isValid());
    const QString root = prefix.path();
    NginxLayout layout;
    layout.configPath = root + u"/nginx.conf"_s;
    layout.certificateDir = root + u"/certs"_s;
    layout.acmeWebroot = root + u"/acme"_s;
    layout.mimeTypes = root + u"/mime.types"_s;
    layout.pidFile = root + u"/nginx.pid"_s;
    layout.errorLog = root + u"/error.log"_s;
    layout.accessLog = root + u"/access.log"_s;
    QVERIFY(QFile::copy(u"/etc/nginx/mime.types"_s, layout.mimeTypes));
    QVERIFY(QDir().mkpath(layout.acmeWebroot));
    Topology t = baseTopology();
    t.routes = {makeRoute(u"www.example.com"_s, u"home"_s, 8080)};
    const Edge edge = t.edges.value(1); // IPv4 only: the namespace has no IPv6 address
    const Result<RenderedHost> host = HostRenderer::renderEdge(edge, t, {}, {}, layout);
    QVERIFY2(host, qPrintable(host ? QString() : host.error().message()));
    QVERIFY(writeFile(layout.configPath, host->files.value(0).content));

    NetNs ns;
    QVERIFY(ns.ok());
    const QString outsider = u"192.0.2.7"_s;
    for (const QStringList &args :
         {QStringList{u"addr"_s, u"add"_s, edge.tunnelAddress + u"/32"_s, u"dev"_s, u"lo"_s},
          QStringList{u"addr"_s, u"add"_s, outsider + u"/32"_s, u"dev"_s, u"lo"_s},
          QStringList{u"link"_s, u"set"_s, u"lo"_s, u"up"_s}}) {
        const Run r = ns.exec(u"ip"_s, args);
        QVERIFY2(r.ok(), qPrintable(r.describe()));
    }
    const Run started = ns.exec(
        u"nginx"_s, {u"-p"_s, root + u'/', u"-e"_s, layout.errorLog, u"-c"_s, layout.configPath});
    QVERIFY2(started.ok(), qPrintable(started.describe()));
    const auto stop = qScopeGuard([&] {
        ns.exec(u"nginx"_s, {u"-p"_s, root + u'/', u"-e"_s, layout.errorLog, u"-c"_s,
                             layout.configPath, u"-s"_s, u"stop"_s});
        // The master removes its pid file when it has exited.
        if (!QTest::qWaitFor([&] { return !QFile::exists(layout.pidFile); }, 10000))
            qWarning("the test's nginx did not stop within 10 s");
    });
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(layout.pidFile), 10000);

    NamespaceShell shell(ns);
    const Result<StubStatus> first = StubStatus::fetch(shell, edge.tunnelAddress, 5000);
    QVERIFY2(first, qPrintable(first ? QString() : first.error().message()));
    QCOMPARE(first->active, 1); // the reading itself

    // Requests a client makes to a hostname the edge serves (plain HTTP:
    // no certificate, so the server answers with the challenge location only).
    constexpr int kRequests = 25;
    for (int i = 0; i < kRequests; ++i) {
        const Run r = ns.exec(u"curl"_s, {u"-s"_s, u"-o"_s, u"/dev/null"_s, u"-H"_s,
                                          u"Host: www.example.com"_s, u"http://127.0.0.1/"_s});
        QVERIFY2(r.ok(), qPrintable(r.describe()));
    }
    const Result<StubStatus> second = StubStatus::fetch(shell, edge.tunnelAddress, 5000);
    QVERIFY2(second, qPrintable(second ? QString() : second.error().message()));
    QCOMPARE(second->requests - first->requests, kRequests + 1);
    const EdgeLoad load = EdgeLoad::between(std::pair{*first, qint64(1000)}, *second, 6000);
    QCOMPARE(load.requestsPerSecond, kRequests / 5.0);
    QCOMPARE(load.connections, 0);

    // From an address outside the tunnel network: refused by nginx.
    const Run refused = ns.exec(u"curl"_s, {u"-s"_s, u"-o"_s, u"/dev/null"_s, u"-w"_s,
                                            u"%{http_code}"_s, u"--interface"_s, outsider,
                                            u"http://%1:%2%3"_s.arg(edge.tunnelAddress)
                                                .arg(NginxRenderer::statusPort)
                                                .arg(NginxRenderer::statusPath())});
    QCOMPARE(refused.out, u"403"_s);
    const Result<StubStatus> forbidden =
        StubStatus::parse("HTTP/1.1 403 Forbidden\r\nServer: nginx\r\n\r\n<html>403</html>");
    QVERIFY(!forbidden);
    QVERIFY2(forbidden.error().message().contains(u"403"_s),
             qPrintable(forbidden.error().message()));
    // Nothing listens on the edge's public side for it.
    const Run closed =
        ns.exec(u"curl"_s, {u"-s"_s, u"-o"_s, u"/dev/null"_s,
                            u"http://127.0.0.1:%1/"_s.arg(NginxRenderer::statusPort)});
    QVERIFY(!closed.ok());
}

void TestRenderTools::checkNginx(const Edge &edge, const Topology &t,
                                 const QSet<QString> &certified, bool dropOneCertificate)
{
    if (tool(u"nginx"_s).isEmpty() || tool(u"openssl"_s).isEmpty())
        QFAIL("nginx or openssl is not installed; installer/install-deps.sh installs them");
    QTemporaryDir prefix;
    QVERIFY(prefix.isValid());
    const QString root = prefix.path();
    NginxLayout layout;
    layout.configPath = root + u"/nginx.conf"_s;
    layout.certificateDir = root + u"/certs"_s;
    layout.acmeWebroot = root + u"/acme"_s;
    layout.mimeTypes = root + u"/mime.types"_s;
    layout.pidFile = root + u"/nginx.pid"_s;
    layout.errorLog = root + u"/error.log"_s;
    layout.accessLog = root + u"/access.log"_s;
    if (!isRoot())
        layout.user.clear();
    QVERIFY(QFile::copy(u"/etc/nginx/mime.types"_s, layout.mimeTypes));
    QVERIFY(QDir().mkpath(layout.acmeWebroot));

    const Result<RenderedHost> host = HostRenderer::renderEdge(edge, t, {}, certified, layout);
    QVERIFY2(host, qPrintable(host ? QString() : host.error().message()));
    QVERIFY2(host->warnings.isEmpty(), qPrintable(host->warnings.join(u'\n')));
    const RenderedFile &conf = host->files.value(0);
    QCOMPARE(conf.targetPath, layout.configPath);
    QVERIFY(writeFile(conf.targetPath, conf.content));

    QStringList names = certified.values();
    names.sort();
    for (const QString &name : names) {
        const QString dir = layout.certificateDir + u'/' + NginxRenderer::certificateDirName(name);
        QVERIFY(QDir().mkpath(dir));
        const Run cert =
            run(u"openssl"_s,
                {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                 u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                 u"/CN=kokoa test"_s, u"-addext"_s, u"subjectAltName=DNS:"_s + name, u"-keyout"_s,
                 dir + u"/privkey.pem"_s, u"-out"_s, dir + u"/fullchain.pem"_s});
        QVERIFY2(cert.ok(), qPrintable(cert.describe()));
    }
    if (dropOneCertificate) {
        QVERIFY(!names.isEmpty());
        QVERIFY(QFile::remove(layout.certificateDir + u'/' +
                              NginxRenderer::certificateDirName(names.constFirst()) +
                              u"/fullchain.pem"_s));
    }

    if (!isRoot())
        QSKIP("nginx binds the edge's tunnel address: that needs a network namespace (root)");
    const Run test = nginxTest(edge.tunnelAddress, root, layout);
    if (dropOneCertificate) {
        QVERIFY2(!test.ok(), "nginx -t accepted a configuration with a missing certificate");
        QVERIFY2(test.err.contains(u"fullchain.pem"_s), qPrintable(test.describe()));
        return;
    }
    QVERIFY2(test.ok(), qPrintable(test.describe()));
    // -q prints only problems: warnings (conflicting names, hash sizes...) count as failures.
    QVERIFY2(test.err.trimmed().isEmpty(), qPrintable(test.describe()));
}

void TestRenderTools::wireGuardConfigsLoad_data()
{
    QTest::addColumn<QString>("side");
    QTest::newRow("edge") << u"edge"_s;
    QTest::newRow("origin") << u"origin"_s;
}

QString TestRenderTools::stripWireGuard(const QTemporaryDir &dir, const QByteArray &config)
{
    const QString path = dir.path() + u'/' + WireGuardRenderer::interfaceName() + u".conf"_s;
    if (!writeFile(path, config))
        return {};
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    const Run strip = run(u"wg-quick"_s, {u"strip"_s, path});
    if (!strip.ok()) {
        qWarning("%s", qPrintable(strip.describe()));
        return {};
    }
    return strip.out;
}

void TestRenderTools::wireGuardConfigsLoad()
{
    QFETCH(QString, side);
    if (tool(u"wg-quick"_s).isEmpty() || tool(u"wg"_s).isEmpty())
        QFAIL("wireguard-tools (wg, wg-quick) are not installed; installer/install-deps.sh "
              "installs them");
    const Topology t = baseTopology();
    const Result<RenderedHost> host = side == u"edge"_s
                                          ? HostRenderer::renderEdge(t.edges.value(0), t, {}, {})
                                          : HostRenderer::renderOrigin(t.origins.value(0), t, {});
    QVERIFY2(host, qPrintable(host ? QString() : host.error().message()));
    const RenderedFile wgFile = side == u"edge"_s ? host->files.value(1) : host->files.value(0);
    QCOMPARE(wgFile.targetPath, WireGuardRenderer::configPath());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString stripped = stripWireGuard(dir, wgFile.content);
    QVERIFY2(!stripped.isEmpty(), "wg-quick strip failed");
    const QStringList wgKeys{u"PrivateKey"_s, u"ListenPort"_s,         u"FwMark"_s,
                             u"PublicKey"_s,  u"PresharedKey"_s,       u"AllowedIPs"_s,
                             u"Endpoint"_s,   u"PersistentKeepalive"_s};
    int peers = 0;
    for (const QString &line : stripped.split(u'\n', Qt::SkipEmptyParts)) {
        if (line == u"[Peer]"_s) {
            ++peers;
            continue;
        }
        if (line == u"[Interface]"_s || line.startsWith(u'#'))
            continue;
        QVERIFY2(wgKeys.contains(line.section(u'=', 0, 0).trimmed()), qPrintable(line));
    }
    QCOMPARE(peers, side == u"edge"_s ? t.origins.size() : t.edges.size());
    QCOMPARE(stripped.contains(u"ListenPort"_s), side == u"edge"_s);

    if (!isRoot())
        QSKIP("loading the configuration into an interface needs root (network namespaces)");
    loadIntoInterface(stripped, wgFile.content);
}

// Loads a stripped configuration into a real WireGuard interface in a fresh
// namespace (kernel module, or wireguard-go when there is none) and compares
// what the interface reports with what was rendered.
void TestRenderTools::loadIntoInterface(const QString &stripped, const QByteArray &config)
{
    NetNs ns;
    QVERIFY2(ns.ok(), "ip netns add failed");
    // Unique per call: wireguard-go's socket lives in the shared /run/wireguard.
    static int interfaces = 0;
    const QString ifname =
        u"kt%1-%2"_s.arg(QCoreApplication::applicationPid() % 1000000).arg(++interfaces);
    const QString socket = u"/var/run/wireguard/"_s + ifname + u".sock"_s;
    QProcess userspace;
    if (!ns.exec(u"ip"_s, {u"link"_s, u"add"_s, ifname, u"type"_s, u"wireguard"_s}).ok()) {
        if (tool(u"wireguard-go"_s).isEmpty())
            QFAIL("no WireGuard kernel module and wireguard-go is not installed; "
                  "installer/install-deps.sh installs it");
        qInfo("no WireGuard kernel module: using wireguard-go for %s", qPrintable(ifname));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"WG_PROCESS_FOREGROUND"_s, u"1"_s);
        userspace.setProcessEnvironment(env);
        userspace.start(tool(u"ip"_s),
                        {u"netns"_s, u"exec"_s, ns.name(), tool(u"wireguard-go"_s), ifname});
        QVERIFY2(userspace.waitForStarted(), qPrintable(userspace.errorString()));
        QTRY_VERIFY2_WITH_TIMEOUT(QFile::exists(u"/var/run/wireguard/"_s + ifname + u".sock"_s) ||
                                      userspace.state() == QProcess::NotRunning,
                                  "wireguard-go did not create its socket", 10000);
        QVERIFY2(userspace.state() == QProcess::Running,
                 qPrintable(QString::fromUtf8(userspace.readAllStandardError())));
    }
    const auto stop = qScopeGuard([&userspace, &socket] {
        if (userspace.state() != QProcess::NotRunning) {
            userspace.terminate(); // our own child, by pid; it removes its socket
            if (!userspace.waitForFinished(5000)) {
                userspace.kill();
                userspace.waitForFinished(5000);
            }
            QFile::remove(socket);
        }
    });

    QTemporaryDir dir;
    const QString strippedPath = dir.path() + u"/stripped.conf"_s;
    QVERIFY(writeFile(strippedPath, stripped.toUtf8()));
    const Run set = ns.exec(u"wg"_s, {u"setconf"_s, ifname, strippedPath});
    QVERIFY2(set.ok(), qPrintable(set.describe()));
    // What PostUp does on the host: load the private key from its own file.
    const Result<WireGuardKeyPair> key = WireGuardKey::generate();
    QVERIFY(key);
    const QString keyPath = dir.path() + u"/kokoa0.key"_s;
    QVERIFY(writeFile(keyPath, key->privateKey.toLatin1() + '\n'));
    const Run setKey = ns.exec(u"wg"_s, {u"set"_s, ifname, u"private-key"_s, keyPath});
    QVERIFY2(setKey.ok(), qPrintable(setKey.describe()));
    const Run pub = ns.exec(u"wg"_s, {u"show"_s, ifname, u"public-key"_s});
    QCOMPARE(pub.out.trimmed(), key->publicKey);

    const Run show = ns.exec(u"wg"_s, {u"showconf"_s, ifname});
    QVERIFY2(show.ok(), qPrintable(show.describe()));
    // Every peer line of the rendered file is what the interface reports.
    for (const QString &line : QString::fromUtf8(config).split(u'\n')) {
        const QString field = line.section(u'=', 0, 0).trimmed();
        if (field == u"PublicKey"_s || field == u"AllowedIPs"_s || field == u"Endpoint"_s ||
            field == u"PersistentKeepalive"_s || field == u"ListenPort"_s) {
            QVERIFY2(show.out.contains(line), qPrintable(line + u"\nnot in\n"_s + show.out));
        }
    }
    QCOMPARE(show.out.count(u"[Peer]"_s), QString::fromUtf8(config).count(u"[Peer]"_s));
}

// Checks a rendered ruleset with nft -c, then loads it for real in a private
// namespace twice beside a table of the host's own: the declare-delete-define
// idiom must replace Kokoa's table atomically and leave the other alone.
// `list` receives the resulting ruleset.
static void checkAndLoadTwice(const QByteArray &content, Run &list)
{
    QTemporaryDir dir;
    const QString path = dir.path() + u"/kokoa.nft"_s;
    QVERIFY(writeFile(path, content));
    const Run check = run(u"nft"_s, {u"-c"_s, u"-f"_s, path});
    QVERIFY2(check.ok(), qPrintable(check.describe()));
    NetNs ns;
    QVERIFY2(ns.ok(), "ip netns add failed");
    QVERIFY(ns.exec(u"nft"_s, {u"add"_s, u"table"_s, u"inet"_s, u"other"_s}).ok());
    for (int round = 0; round < 2; ++round) {
        const Run apply = ns.exec(u"nft"_s, {u"-f"_s, path});
        QVERIFY2(apply.ok(), qPrintable(apply.describe()));
    }
    list = ns.exec(u"nft"_s, {u"list"_s, u"ruleset"_s});
    QVERIFY2(list.ok(), qPrintable(list.describe()));
    QCOMPARE(list.out.count(u"table inet kokoa"_s), 1);
    QVERIFY2(list.out.contains(u"table inet other"_s), "another table was touched");
}

void TestRenderTools::nftablesAcceptsFirewall()
{
    if (tool(u"nft"_s).isEmpty())
        QFAIL("nftables (nft) is not installed; installer/install-deps.sh installs it");
    if (!isRoot())
        QSKIP("nft -c needs root (CAP_NET_ADMIN)");
    Edge edge = baseTopology().edges.value(0);
    edge.ssh.port = 2222;
    const Result<RenderedFile> file = NftablesRenderer::renderEdge(edge);
    QVERIFY2(file, qPrintable(file ? QString() : file.error().message()));
    Run list;
    checkAndLoadTwice(file->content, list);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(list.out.contains(u"tcp dport { 80, 443, 2222 } accept"_s));
    QVERIFY(list.out.contains(u"policy drop"_s));
}

// Regression test for the origin without a tunnel firewall: the rendered
// ruleset passes nft -c, loads twice (atomic replace), leaves the host's
// other tables alone and keeps its accept/drop rules as rendered.
void TestRenderTools::nftablesAcceptsOriginFirewall()
{
    if (tool(u"nft"_s).isEmpty())
        QFAIL("nftables (nft) is not installed; installer/install-deps.sh installs it");
    if (!isRoot())
        QSKIP("nft -c needs root (CAP_NET_ADMIN)");
    Topology t = baseTopology();
    t.routes = {makeRoute(u"www.example.com"_s, u"home"_s, 8080),
                makeRoute(u"chat.example.com"_s, u"home"_s, 3000),
                makeRoute(u"nas.example.com"_s, u"nas"_s, 5000)};
    const Result<RenderedFile> file = NftablesRenderer::renderOrigin(t.origins.value(0), t);
    QVERIFY2(file, qPrintable(file ? QString() : file.error().message()));
    Run list;
    checkAndLoadTwice(file->content, list);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(list.out.contains(u"tcp dport { 3000, 8080 } accept"_s), qPrintable(list.out));
    QVERIFY(!list.out.contains(u"5000"_s));
    QVERIFY(list.out.contains(u"iifname \"kokoa0\" jump from_edges"_s));
    QVERIFY(list.out.contains(u"oifname \"kokoa0\" drop"_s));
}

QTEST_GUILESS_MAIN(TestRenderTools)
#include "tst_render_tools.moc"
