#include "render/HostRenderer.h"
#include "render/NftablesRenderer.h"
#include "render/NginxRenderer.h"
#include "render/WireGuardRenderer.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace kokoa;
using namespace Qt::StringLiterals;

namespace {

const QString keyHome = u"GQgISIL9Ve7bMPlazBJ+Jz3RUm2ubcNJT0lTFJhnGEY="_s;
const QString keyNas = u"c48CZL0Szz9wDRJQa7tybGhvutamv739QWCPp32XQzI="_s;
const QString keyTokyo = u"daL0t2F8zs62wtK1+nccihi5g2F+e7AYJoDTw2EOmlA="_s;
const QString keyOsaka = u"CiVMq6YE1AmojUSUUfMdiLJJqUqepB4Zx8+JDeoPYxQ="_s;

Route route(const QString &host, const QString &origin, quint16 port)
{
    Route r;
    r.hostname = host;
    r.zoneName = host.section(u'.', -2);
    r.originName = origin;
    r.port = port;
    return r;
}

Topology sampleTopology()
{
    Topology t;
    t.zones = {Zone{1, u"example.com"_s, DnsProvider::Manual, {}, {}},
               Zone{2, u"example.org"_s, DnsProvider::Manual, {}, {}}};
    Origin home;
    home.name = u"home"_s;
    home.tunnelAddress = u"10.100.0.10"_s;
    home.wgPublicKey = keyHome;
    Origin nas = home;
    nas.name = u"nas"_s;
    nas.tunnelAddress = u"10.100.0.11"_s;
    nas.wgPublicKey = keyNas;
    t.origins = {nas, home};

    Edge tokyo;
    tokyo.name = u"tokyo-1"_s;
    tokyo.publicIpv4 = u"203.0.113.10"_s;
    tokyo.publicIpv6 = u"2001:db8::10"_s;
    tokyo.tunnelAddress = u"10.100.1.1"_s;
    tokyo.wgPublicKey = keyTokyo;
    Edge osaka;
    osaka.name = u"osaka-1"_s;
    osaka.publicIpv6 = u"2001:db8::20"_s;
    osaka.tunnelAddress = u"10.100.1.2"_s;
    osaka.wgPublicKey = keyOsaka;
    osaka.ssh.port = 2222;
    t.edges = {tokyo, osaka};

    Route chat = route(u"chat.example.com"_s, u"home"_s, 3000);
    chat.websocket = true;
    chat.timeoutSeconds = Route::defaultWebsocketTimeoutSeconds;
    Route files = route(u"files.example.org"_s, u"nas"_s, 8081);
    files.maxBodyBytes = 0;
    Route apps = route(u"*.apps.example.org"_s, u"home"_s, 8443);
    apps.tls = TlsMode::Dns01;
    apps.maxBodyBytes = 1536;
    Route legacy = route(u"legacy.example.com"_s, u"nas"_s, 8082);
    legacy.tls = TlsMode::Off;
    legacy.maxBodyBytes = 512 * 1024;
    t.routes = {route(u"www.example.com"_s, u"home"_s, 8080), chat, files, apps, legacy};
    return t;
}

// Everything but files.example.org has a certificate; legacy is TLS-off.
QSet<QString> sampleCertified()
{
    return {u"www.example.com"_s, u"chat.example.com"_s, u"*.apps.example.org"_s,
            u"legacy.example.com"_s};
}

QString message(const Error &error)
{
    return error.message();
}

// A minimal reader for the brace structure this project's renderers emit:
// one directive, block head or closing brace per line.
struct Block
{
    QString head;
    QStringList directives;
    QList<Block> children;

    QList<const Block *> all(const QString &wanted) const
    {
        QList<const Block *> found;
        for (const Block &child : children) {
            if (child.head == wanted)
                found.append(&child);
        }
        return found;
    }
    bool has(const QString &directive) const { return directives.contains(directive); }
    const Block *serverFor(const QString &name, const QString &listenPrefix) const
    {
        for (const Block *server : all(u"server"_s)) {
            const bool listens = std::any_of(
                server->directives.cbegin(), server->directives.cend(),
                [&](const QString &d) { return d.startsWith(u"listen "_s + listenPrefix); });
            if (listens && server->has(u"server_name "_s + name + u';'))
                return server;
        }
        return nullptr;
    }
};

Block parse(const QByteArray &text)
{
    Block root;
    QList<Block *> stack{&root};
    for (const QString &raw : QString::fromUtf8(text).split(u'\n')) {
        const QString line = raw.trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        if (line.endsWith(u'{')) {
            stack.last()->children.append(Block{line.chopped(1).trimmed(), {}, {}});
            stack.append(&stack.last()->children.last());
        } else if (line == u"}"_s) {
            stack.removeLast();
        } else {
            stack.last()->directives.append(line);
        }
    }
    return root;
}

Block renderAndParse(const Edge &edge, const Topology &t = sampleTopology(),
                     const QSet<QString> &certified = sampleCertified())
{
    const Result<RenderedFile> file = NginxRenderer::render(edge, t, Settings(), certified);
    if (!file)
        qFatal("render failed: %s", qPrintable(file.error().message()));
    return parse(file->content);
}

Block httpOf(const Block &root)
{
    const QList<const Block *> http = root.all(u"http"_s);
    if (http.size() != 1)
        qFatal("expected exactly one http block, found %d", int(http.size()));
    return *http.constFirst();
}

} // namespace

class TestRenderers : public QObject
{
    Q_OBJECT

private:
    void compareGolden(const QString &name, const QByteArray &actual);

private slots:
    void goldenFiles_data();
    void goldenFiles();
    void serverBlockPerHostname();
    void defaultServers();
    void loadServerOnTunnelOnly();
    void loadServerRefusesBadTunnelValues();
    void httpContextHoldsZones();
    void websocketHeadersOnlyWhereEnabled();
    void forwardedForIsOverwritten();
    void bodySize_data();
    void bodySize();
    void underAttackProfile();
    void ipv6ListensOnlyWithIpv6();
    void deterministic();
    void wildcardCertificateDirectory();
    void keylessPeersAreWarned();
    void originWithoutTunnelIsLeftOut();
    void missingOriginIsAnError();
    void hostRendererFiles();
    void nftablesPorts();
    void originFirewallAdmitsOnlyItsRoutePorts();
    void originFirewallWithoutRoutesDropsTheTunnel();
    void refusesHostileValues_data();
    void refusesHostileValues();
};

void TestRenderers::compareGolden(const QString &name, const QByteArray &actual)
{
    const QString path = QStringLiteral(KOKOA_SOURCE_DIR "/tests/data/golden/") + name;
    if (qEnvironmentVariableIntValue("KOKOA_UPDATE_GOLDEN") == 1) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile out(path);
        QVERIFY2(out.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
        out.write(actual);
        qInfo("rewrote %s", qPrintable(path));
        return;
    }
    QFile in(path);
    QVERIFY2(in.open(QIODevice::ReadOnly),
             qPrintable(path + u" is missing; run with KOKOA_UPDATE_GOLDEN=1 to create it"_s));
    const QList<QByteArray> expected = in.readAll().split('\n');
    const QList<QByteArray> got = actual.split('\n');
    for (qsizetype i = 0; i < std::max(expected.size(), got.size()); ++i) {
        const QByteArray e = expected.value(i, "<end of file>");
        const QByteArray g = got.value(i, "<end of file>");
        QVERIFY2(e == g, qPrintable(u"%1 line %2 differs\n  expected: %3\n  actual:   %4\n"
                                    "(KOKOA_UPDATE_GOLDEN=1 rewrites the golden files)"_s.arg(
                                        name, QString::number(i + 1), QString::fromUtf8(e),
                                        QString::fromUtf8(g))));
    }
}

void TestRenderers::goldenFiles_data()
{
    QTest::addColumn<QString>("golden");
    QTest::addColumn<QByteArray>("content");
    const Topology t = sampleTopology();
    Edge attacked = *t.edge(u"osaka-1"_s);
    attacked.profile = EdgeProfile::UnderAttack;
    const auto must = [](const auto &result) {
        if (!result)
            qFatal("render failed: %s", qPrintable(result.error().message()));
        return *result;
    };
    const Edge &tokyo = *t.edge(u"tokyo-1"_s);
    QTest::newRow("edge nginx")
        << u"edge-tokyo.nginx.conf"_s
        << must(NginxRenderer::render(tokyo, t, {}, sampleCertified())).content;
    QTest::newRow("under attack nginx")
        << u"edge-osaka-under-attack.nginx.conf"_s
        << must(NginxRenderer::render(attacked, t, {}, sampleCertified())).content;
    QTest::newRow("edge wireguard")
        << u"edge-tokyo.kokoa0.conf"_s
        << must(WireGuardRenderer::renderEdge(tokyo, t, {})).files.value(0).content;
    QTest::newRow("origin wireguard")
        << u"origin-home.kokoa0.conf"_s
        << must(WireGuardRenderer::renderOrigin(*t.origin(u"home"_s), t, {}))
               .files.value(0)
               .content;
    QTest::newRow("nftables") << u"edge-osaka.kokoa.nft"_s
                              << must(NftablesRenderer::renderEdge(attacked)).content;
    QTest::newRow("origin nftables")
        << u"origin-home.kokoa.nft"_s
        << must(NftablesRenderer::renderOrigin(*t.origin(u"home"_s), t)).content;
}

void TestRenderers::goldenFiles()
{
    QFETCH(QString, golden);
    QFETCH(QByteArray, content);
    QVERIFY(!content.isEmpty());
    compareGolden(golden, content);
}

void TestRenderers::serverBlockPerHostname()
{
    const Topology t = sampleTopology();
    const Block root = renderAndParse(*t.edge(u"tokyo-1"_s));
    QCOMPARE(root.all(u"http"_s).size(), 1);
    const Block &http = *root.all(u"http"_s).constFirst();
    // defaults, port 80 each, 443 for 3, the load server
    QCOMPARE(http.all(u"server"_s).size(), 2 + 5 + 3 + 1);
    for (const Route &r : t.routes) {
        const QString name = u"server_name "_s + r.hostname + u';';
        const auto servers = http.all(u"server"_s);
        const auto count = std::count_if(servers.cbegin(), servers.cend(),
                                         [&](const Block *s) { return s->has(name); });
        const bool tls = sampleCertified().contains(r.hostname) && r.tls != TlsMode::Off;
        QCOMPARE(count, tls ? 2 : 1);
        QVERIFY2(http.serverFor(r.hostname, u"80"_s), qPrintable(r.hostname));
        QCOMPARE(http.serverFor(r.hostname, u"443"_s) != nullptr, tls);
        const Block *plain = http.serverFor(r.hostname, u"80"_s);
        QVERIFY(!plain->all(u"location ^~ /.well-known/acme-challenge/"_s).isEmpty());
        const Block *location = plain->all(u"location /"_s).value(0);
        QVERIFY(location);
        QCOMPARE(location->has(u"return 301 https://$host$request_uri;"_s), tls);
        QCOMPARE(!location->has(u"return 301 https://$host$request_uri;"_s),
                 location->has(u"proxy_pass http://%1:%2;"_s.arg(
                     t.origin(r.originName)->tunnelAddress, QString::number(r.port))));
    }
}

// The monitor's load reading: stub_status on the tunnel address alone,
// answered to the tunnel network only, and no way in through the firewall.
void TestRenderers::loadServerOnTunnelOnly()
{
    const Topology t = sampleTopology();
    const Edge &tokyo = *t.edge(u"tokyo-1"_s);
    const Block http = httpOf(renderAndParse(tokyo));
    const QString listen = u"listen 10.100.1.1:%1;"_s.arg(NginxRenderer::statusPort);
    const Block *status = nullptr;
    for (const Block *server : http.all(u"server"_s)) {
        if (server->has(listen))
            status = server;
        else
            QVERIFY(!server->directives.join(u'\n').contains(u"8091"_s));
    }
    QVERIFY(status);
    QCOMPARE(status->directives.filter(u"listen"_s).size(), 1);
    const Block *location = status->all(u"location = "_s + NginxRenderer::statusPath()).value(0);
    QVERIFY(location);
    QCOMPARE(location->directives,
             (QStringList{u"stub_status;"_s, u"allow 10.100.0.0/16;"_s, u"deny all;"_s}));
    QVERIFY(status->all(u"location /"_s).value(0)->has(u"return 404;"_s));

    Settings narrow;
    narrow.set(u"tunnel.range"_s, u"10.7.0.0/24"_s);
    Edge inNarrow = tokyo;
    inNarrow.tunnelAddress = u"10.7.0.9"_s;
    const Result<RenderedFile> file = NginxRenderer::render(inNarrow, t, narrow, sampleCertified());
    QVERIFY(file);
    QVERIFY(file->content.contains("listen 10.7.0.9:8091;"));
    QVERIFY(file->content.contains("allow 10.7.0.0/24;"));

    const Result<RenderedFile> firewall = NftablesRenderer::renderEdge(tokyo);
    QVERIFY(firewall);
    QVERIFY(!firewall->content.contains("8091"));
}

void TestRenderers::loadServerRefusesBadTunnelValues()
{
    const Topology t = sampleTopology();
    // Each of these once reached the allow line as written: a sign or a
    // space in the prefix (nginx -t then fails the deploy), host bits, a
    // public network.
    for (const QString &range :
         {u"10.100.0.0/16; allow all"_s, u"10.100.0.0/+16"_s, u"10.100.0.0/ 16"_s,
          u"10.100.0.0/16\n"_s, u"10.100.0.1/16"_s, u"8.8.0.0/16"_s}) {
        Settings bad;
        bad.set(u"tunnel.range"_s, range);
        const Result<RenderedFile> file =
            NginxRenderer::render(*t.edge(u"tokyo-1"_s), t, bad, sampleCertified());
        QVERIFY2(!file, qPrintable(range));
        QVERIFY2(file.error().message().contains(u"tunnel range"_s),
                 qPrintable(file.error().message()));
    }
}

void TestRenderers::defaultServers()
{
    const Block http = httpOf(renderAndParse(sampleTopology().edges.value(0)));
    const Block *plain = http.serverFor(u"_"_s, u"80 default_server"_s);
    const Block *tls = http.serverFor(u"_"_s, u"443 ssl http2 default_server"_s);
    QVERIFY(plain && tls);
    QVERIFY(plain->has(u"return 444;"_s));
    QVERIFY(tls->has(u"ssl_reject_handshake on;"_s));
    QVERIFY(!tls->directives.join(u'\n').contains(u"ssl_certificate"_s));
}

void TestRenderers::httpContextHoldsZones()
{
    const Block root = renderAndParse(sampleTopology().edges.value(0));
    QVERIFY(!root.directives.join(u'\n').contains(u"limit_req_zone"_s));
    QCOMPARE(root.all(u"http"_s).size(), 1);
    const Block &http = *root.all(u"http"_s).constFirst();
    QVERIFY(http.has(u"limit_req_zone $binary_remote_addr zone=kokoa_req:10m rate=20r/s;"_s));
    QVERIFY(http.has(u"limit_req_zone $binary_remote_addr zone=kokoa_req_attack:10m rate=2r/s;"_s));
    QVERIFY(http.has(u"limit_conn_zone $binary_remote_addr zone=kokoa_conn:10m;"_s));
    QVERIFY(http.has(u"limit_req_status 429;"_s));
    QVERIFY(http.has(u"server_tokens off;"_s));
    QVERIFY(root.has(u"user www-data;"_s));
    QVERIFY(root.all(u"events"_s).value(0)->has(u"worker_connections 4096;"_s));
}

void TestRenderers::websocketHeadersOnlyWhereEnabled()
{
    const Topology t = sampleTopology();
    const Block http = httpOf(renderAndParse(t.edges.value(0)));
    for (const Route &r : t.routes) {
        const bool tls = sampleCertified().contains(r.hostname) && r.tls != TlsMode::Off;
        const Block *server = http.serverFor(r.hostname, tls ? u"443"_s : u"80"_s);
        QVERIFY(server);
        const Block *proxy = server->all(u"location /"_s).value(0);
        QVERIFY(proxy);
        QCOMPARE(proxy->has(u"proxy_set_header Upgrade $http_upgrade;"_s), r.websocket);
        QCOMPARE(proxy->has(u"proxy_set_header Connection $connection_upgrade;"_s), r.websocket);
        QCOMPARE(proxy->has(u"proxy_set_header Connection \"\";"_s), !r.websocket);
        const QString timeout = QString::number(r.timeoutSeconds) + u"s;"_s;
        QVERIFY(proxy->has(u"proxy_read_timeout "_s + timeout));
        QVERIFY(proxy->has(u"proxy_send_timeout "_s + timeout));
    }
}

void TestRenderers::forwardedForIsOverwritten()
{
    const Result<RenderedFile> file = NginxRenderer::render(
        sampleTopology().edges.value(0), sampleTopology(), {}, sampleCertified());
    QVERIFY(file);
    QVERIFY(file->content.contains("proxy_set_header X-Forwarded-For $remote_addr;"));
    QVERIFY(!file->content.contains("proxy_add_x_forwarded_for"));
}

void TestRenderers::bodySize_data()
{
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("rendered");
    QTest::newRow("unlimited") << qint64(0) << u"0"_s;
    QTest::newRow("bytes") << qint64(1000) << u"1000"_s;
    QTest::newRow("kilobytes") << qint64(1536 * 1024) << u"1536k"_s;
    QTest::newRow("megabytes") << qint64(10) * 1024 * 1024 << u"10m"_s;
    QTest::newRow("gigabytes") << qint64(2) * 1024 * 1024 * 1024 << u"2g"_s;
}

void TestRenderers::bodySize()
{
    QFETCH(qint64, bytes);
    QFETCH(QString, rendered);
    Topology t = sampleTopology();
    t.routes[0].maxBodyBytes = bytes;
    const Block http = httpOf(renderAndParse(t.edges.value(0), t));
    const Block *server = http.serverFor(t.routes[0].hostname, u"443"_s);
    QVERIFY(server);
    QVERIFY2(server->has(u"client_max_body_size "_s + rendered + u';'),
             qPrintable(server->directives.join(u'\n')));
}

void TestRenderers::underAttackProfile()
{
    Topology t = sampleTopology();
    t.edges[0].profile = EdgeProfile::UnderAttack;
    const Block http = httpOf(renderAndParse(t.edges.value(0), t));
    QVERIFY(http.has(u"client_header_timeout 5s;"_s));
    QVERIFY(http.has(u"client_body_timeout 10s;"_s));
    const Block *server = http.serverFor(u"www.example.com"_s, u"443"_s);
    QVERIFY(server);
    QVERIFY(server->has(u"limit_req zone=kokoa_req_attack burst=10 nodelay;"_s));
    QVERIFY(server->has(u"limit_conn kokoa_conn 8;"_s));

    const Block normal = httpOf(renderAndParse(sampleTopology().edges.value(0)));
    QVERIFY(normal.has(u"client_header_timeout 10s;"_s));
    QVERIFY(normal.serverFor(u"www.example.com"_s, u"443"_s)
                ->has(u"limit_req zone=kokoa_req burst=40 nodelay;"_s));
}

void TestRenderers::ipv6ListensOnlyWithIpv6()
{
    Topology t = sampleTopology();
    const auto render = [&t](const Edge &edge) {
        return NginxRenderer::render(edge, t, {}, sampleCertified()).value().content;
    };
    Edge edge = t.edges.value(0);
    const QByteArray dual = render(edge);
    QCOMPARE(dual.count("listen [::]:80"), dual.count("listen 80"));
    QCOMPARE(dual.count("listen [::]:443"), dual.count("listen 443"));
    edge.publicIpv6.clear();
    const QByteArray v4 = render(edge);
    QVERIFY(v4.contains("listen 80 default_server;"));
    QVERIFY(!v4.contains("[::]"));
}

void TestRenderers::deterministic()
{
    const Topology t = sampleTopology();
    Topology shuffled = t;
    std::reverse(shuffled.routes.begin(), shuffled.routes.end());
    std::reverse(shuffled.origins.begin(), shuffled.origins.end());
    std::reverse(shuffled.edges.begin(), shuffled.edges.end());
    const Edge &edge = t.edges.value(0);
    const auto a = HostRenderer::renderEdge(edge, t, {}, sampleCertified());
    const auto b = HostRenderer::renderEdge(edge, t, {}, sampleCertified());
    const auto c = HostRenderer::renderEdge(edge, shuffled, {}, sampleCertified());
    QVERIFY(a && b && c);
    QCOMPARE(a->files, b->files);
    QCOMPARE(a->files, c->files);
    const auto o1 = HostRenderer::renderOrigin(t.origins.value(1), t, {});
    const auto o2 = HostRenderer::renderOrigin(t.origins.value(1), shuffled, {});
    QVERIFY(o1 && o2);
    QCOMPARE(o1->files, o2->files);
}

void TestRenderers::wildcardCertificateDirectory()
{
    QCOMPARE(NginxRenderer::certificateDirName(u"*.apps.example.org"_s),
             u"_wildcard.apps.example.org"_s);
    QCOMPARE(NginxRenderer::certificateDirName(u"www.example.com"_s), u"www.example.com"_s);
    const Block http = httpOf(renderAndParse(sampleTopology().edges.value(0)));
    const Block *server = http.serverFor(u"*.apps.example.org"_s, u"443"_s);
    QVERIFY(server);
    QVERIFY(server->has(
        u"ssl_certificate /etc/kokoa/certs/_wildcard.apps.example.org/fullchain.pem;"_s));
}

void TestRenderers::keylessPeersAreWarned()
{
    Topology t = sampleTopology();
    t.origins[0].wgPublicKey.clear(); // nas
    t.edges[1].wgPublicKey.clear();   // osaka-1
    const auto edge = WireGuardRenderer::renderEdge(t.edges.value(0), t, {});
    QVERIFY(edge);
    QCOMPARE(edge->warnings.size(), 1);
    QVERIFY2(edge->warnings.constFirst().contains(u"\"nas\""_s), qPrintable(edge->warnings[0]));
    QVERIFY(!edge->files.value(0).content.contains("# origin nas"));
    QVERIFY(edge->files.value(0).content.contains("# origin home"));
    const auto origin = WireGuardRenderer::renderOrigin(t.origins.value(1), t, {});
    QVERIFY(origin);
    QCOMPARE(origin->warnings.size(), 1);
    QVERIFY(origin->warnings.constFirst().contains(u"\"osaka-1\""_s));
    QVERIFY(!origin->files.value(0).content.contains("# edge osaka-1"));
    QVERIFY(origin->files.value(0).content.contains("Endpoint = 203.0.113.10:51820"));
}

void TestRenderers::originWithoutTunnelIsLeftOut()
{
    Topology t = sampleTopology();
    t.origins[0].tunnelAddress.clear(); // nas: files.example.org and legacy.example.com
    const auto host = HostRenderer::renderEdge(t.edges.value(0), t, {}, sampleCertified());
    QVERIFY2(host, qPrintable(host ? QString() : message(host.error())));
    const QString warnings = host->warnings.join(u'\n');
    QVERIFY2(warnings.contains(u"files.example.org"_s), qPrintable(warnings));
    QVERIFY(warnings.contains(u"legacy.example.com"_s));
    QVERIFY(!host->files.value(0).content.contains("files.example.org"));
    QVERIFY(host->files.value(0).content.contains("www.example.com"));
}

void TestRenderers::missingOriginIsAnError()
{
    Topology t = sampleTopology();
    t.routes[1].originName = u"gone"_s;
    const auto file = NginxRenderer::render(t.edges.value(0), t, {}, sampleCertified());
    QVERIFY(!file);
    QCOMPARE(file.error().kind(), Error::Kind::NotFound);
    QVERIFY2(file.error().message().contains(u"gone"_s), qPrintable(file.error().message()));
}

void TestRenderers::hostRendererFiles()
{
    const Topology t = sampleTopology();
    const auto edge = HostRenderer::renderEdge(t.edges.value(0), t, {}, sampleCertified());
    QVERIFY(edge);
    QCOMPARE(edge->files.size(), 3);
    QCOMPARE(edge->files[0].targetPath, u"/etc/nginx/nginx.conf"_s);
    QCOMPARE(edge->files[1].targetPath, u"/etc/wireguard/kokoa0.conf"_s);
    QCOMPARE(edge->files[1].mode, 0600);
    QCOMPARE(edge->files[2].targetPath, u"/etc/nftables.d/kokoa.nft"_s);
    QVERIFY(edge->warnings.isEmpty());
    const auto origin = HostRenderer::renderOrigin(t.origins.value(0), t, {});
    QVERIFY(origin);
    QCOMPARE(origin->files.size(), 2);
    QCOMPARE(origin->files[1].targetPath, u"/etc/nftables.d/kokoa.nft"_s);
    QVERIFY(!origin->files[0].content.contains("ListenPort"));
    QVERIFY(!origin->files[0].content.contains("PrivateKey"));
    QVERIFY(edge->files[1].content.contains("ListenPort = 51820"));
    QVERIFY(!edge->files[1].content.contains("Endpoint"));
}

void TestRenderers::nftablesPorts()
{
    Edge edge = sampleTopology().edges.value(0);
    QVERIFY(NftablesRenderer::renderEdge(edge)->content.contains("tcp dport { 22, 80, 443 }"));
    edge.ssh.port = 443; // not duplicated
    QVERIFY(NftablesRenderer::renderEdge(edge)->content.contains("tcp dport { 80, 443 }"));
    edge.ssh.port = 0;
    QVERIFY(!NftablesRenderer::renderEdge(edge));
}

// Regression test: the origin had no firewall on the tunnel, so an edge
// reached SSH and every port the home server listened on.
void TestRenderers::originFirewallAdmitsOnlyItsRoutePorts()
{
    const Topology t = sampleTopology();
    const auto file = NftablesRenderer::renderOrigin(*t.origin(u"home"_s), t);
    QVERIFY2(file, qPrintable(file ? QString() : file.error().message()));
    QCOMPARE(file->targetPath, u"/etc/nftables.d/kokoa.nft"_s);
    const QString text = QString::fromUtf8(file->content);
    // Its own table, replaced atomically; the user's ruleset is never flushed.
    QVERIFY(text.contains(u"delete table inet kokoa\n"_s));
    QVERIFY(!text.contains(u"flush ruleset"_s));
    // Only tunnel traffic is judged; other traffic keeps the host's own rules.
    QVERIFY(text.contains(u"iifname \"kokoa0\" jump from_edges"_s));
    QVERIFY(text.contains(u"policy accept;"_s));
    // home publishes 8080, 3000 and 8443; nas's 8081 and 8082 are not home's.
    QVERIFY2(text.contains(u"ip saddr { 10.100.1.1, 10.100.1.2 } tcp dport { 3000, 8080, 8443 } "
                           "accept"_s),
             qPrintable(text));
    QVERIFY(!text.contains(u"8081"_s));
    QVERIFY(!text.contains(u"dport 22"_s) && !text.contains(u" 22,"_s));
    // The chain for the tunnel ends in a drop; nothing is forwarded either way.
    const qsizetype chain = text.indexOf(u"chain from_edges"_s);
    const qsizetype drop = text.indexOf(u"        drop\n"_s, chain);
    QVERIFY(chain > 0 && drop > chain);
    QVERIFY(text.contains(u"iifname \"kokoa0\" drop"_s));
    QVERIFY(text.contains(u"oifname \"kokoa0\" drop"_s));

    const auto nas = NftablesRenderer::renderOrigin(*t.origin(u"nas"_s), t);
    QVERIFY(nas);
    QVERIFY(nas->content.contains("tcp dport { 8081, 8082 } accept"));
}

void TestRenderers::originFirewallWithoutRoutesDropsTheTunnel()
{
    Topology t = sampleTopology();
    t.routes.clear();
    const auto file = NftablesRenderer::renderOrigin(*t.origin(u"home"_s), t);
    QVERIFY(file);
    QVERIFY(!file->content.contains("tcp dport"));
    QVERIFY(file->content.contains("        drop\n"));
    // An edge with a hostile tunnel address is refused, not rendered.
    t.edges[0].tunnelAddress = u"10.100.1.1 } accept #"_s;
    const auto hostile = NftablesRenderer::renderOrigin(*t.origin(u"home"_s), t);
    QVERIFY(!hostile);
    QCOMPARE(hostile.error().kind(), Error::Kind::Internal);
}

using Mutation = std::function<void(Topology &, NginxLayout &)>;

struct HostileCase
{
    const char *name;
    const char *renderer; // nginx, nftables, wg-edge, wg-origin
    Mutation mutate;
};

// Values a caller could pass by skipping Validator: each must be refused.
const QList<HostileCase> &hostileCases()
{
    using T = Topology;
    using L = NginxLayout;
    static const QList<HostileCase> cases{
        {"hostname semicolon", "nginx",
         [](T &t, L &) { t.routes[0].hostname = u"a;b.example.com"_s; }},
        {"hostname brace", "nginx", [](T &t, L &) { t.routes[0].hostname = u"x\n}"_s; }},
        {"hostname variable", "nginx", [](T &t, L &) { t.routes[0].hostname = u"$host"_s; }},
        {"hostname space", "nginx",
         [](T &t, L &) { t.routes[0].hostname = u"a.example.com b.com"_s; }},
        {"hostname inner star", "nginx",
         [](T &t, L &) { t.routes[0].hostname = u"a.*.example.com"_s; }},
        {"upstream", "nginx", [](T &t, L &) { t.origins[1].tunnelAddress = u"10.0.0.1;"_s; }},
        {"origin name", "nginx",
         [](T &t, L &) {
             t.origins[1].name = u"home\n}"_s;
             for (Route &r : t.routes) {
                 if (r.originName == u"home"_s)
                     r.originName = t.origins[1].name;
             }
         }},
        {"port zero", "nginx", [](T &t, L &) { t.routes[0].port = 0; }},
        {"certificate dir", "nginx",
         [](T &, L &l) { l.certificateDir = u"/etc/certs;\ninclude /x"_s; }},
        {"webroot", "nginx", [](T &, L &l) { l.acmeWebroot = u"/a b"_s; }},
        {"relative path", "nginx", [](T &, L &l) { l.pidFile = u"run.pid"_s; }},
        {"user", "nginx", [](T &, L &l) { l.user = u"root;"_s; }},
        {"edge name", "nftables", [](T &t, L &) { t.edges[0].name = u"tokyo\n}"_s; }},
        {"peer key", "wg-edge",
         [](T &t, L &) { t.origins[1].wgPublicKey = u"abc\n[Peer]\nAllowedIPs = 0.0.0.0/0"_s; }},
        {"peer address", "wg-edge", [](T &t, L &) { t.origins[1].tunnelAddress = u"0.0.0.0/0"_s; }},
        {"endpoint", "wg-origin",
         [](T &t, L &) { t.edges[0].publicIpv4 = u"203.0.113.10\nPostUp = rm -rf /"_s; }},
        {"endpoint v6", "wg-origin",
         [](T &t, L &) {
             t.edges[1].publicIpv4.clear();
             t.edges[1].publicIpv6 = u"2001:db8::20]:1\n#"_s;
         }},
        {"own address", "wg-origin",
         [](T &t, L &) { t.origins[1].tunnelAddress = u"10.0.0.1\nDNS=1"_s; }},
    };
    return cases;
}

void TestRenderers::refusesHostileValues_data()
{
    QTest::addColumn<int>("index");
    for (qsizetype i = 0; i < hostileCases().size(); ++i)
        QTest::newRow(hostileCases()[i].name) << int(i);
}

void TestRenderers::refusesHostileValues()
{
    QFETCH(int, index);
    const HostileCase &hostile = hostileCases().at(index);
    Topology t = sampleTopology();
    NginxLayout layout;
    hostile.mutate(t, layout);
    QSet<QString> certified = sampleCertified();
    certified.insert(t.routes[0].hostname);
    const QString renderer = QString::fromLatin1(hostile.renderer);
    const Edge &edge = t.edges.value(0);
    const Origin &origin = t.origins.value(1);
    Error error;
    bool refused = false;
    if (renderer == u"nginx"_s) {
        const auto r = NginxRenderer::render(edge, t, {}, certified, layout);
        refused = !r;
        error = refused ? r.error() : Error();
    } else if (renderer == u"nftables"_s) {
        const auto r = NftablesRenderer::renderEdge(edge);
        refused = !r;
        error = refused ? r.error() : Error();
    } else {
        const auto r = renderer == u"wg-edge"_s ? WireGuardRenderer::renderEdge(edge, t, {})
                                                : WireGuardRenderer::renderOrigin(origin, t, {});
        refused = !r;
        error = refused ? r.error() : Error();
    }
    QVERIFY2(refused, "a hostile value was rendered");
    QCOMPARE(error.kind(), Error::Kind::Internal);
    QVERIFY2(error.message().startsWith(u"refusing to render "_s), qPrintable(error.message()));
    // The message quotes the value safely: no raw control characters.
    QVERIFY(!error.message().contains(u'\n'));
    // The whole edge is refused too, not just the one file.
    if (renderer != u"wg-origin"_s)
        QVERIFY(!HostRenderer::renderEdge(edge, t, {}, certified, layout));
}

QTEST_GUILESS_MAIN(TestRenderers)
#include "tst_renderers.moc"
