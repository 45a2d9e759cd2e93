#include "validate/ModelValidator.h"

#include <QJsonObject>
#include <QTest>

using namespace kokoa;

namespace {

QString S(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

Zone manualZone(const char *name)
{
    Zone z;
    z.name = S(name);
    z.provider = DnsProvider::Manual;
    return z;
}

Zone cloudflareZone(const char *name)
{
    Zone z;
    z.name = S(name);
    z.provider = DnsProvider::Cloudflare;
    z.providerSettings = QJsonObject{{S("api_base"), S("https://api.cloudflare.com/client/v4/")},
                                     {S("zone_id"), S("023e105f4ecef8ad9ca31a8372d0c353")}};
    z.secretRef = S("zone-") + S(name);
    return z;
}

Zone rfc2136Zone(const char *name)
{
    Zone z;
    z.name = S(name);
    z.provider = DnsProvider::Rfc2136;
    z.providerSettings = QJsonObject{{S("server"), S("NS1.Example.com")},
                                     {S("port"), S("53")},
                                     {S("tsig_name"), S("Kokoa_Key.")},
                                     {S("tsig_algorithm"), S("hmac-sha256")}};
    z.secretRef = S("zone-") + S(name);
    return z;
}

SshTarget ssh(const char *host, quint16 port = 22, const char *user = "root")
{
    SshTarget t;
    t.user = S(user);
    t.host = S(host);
    t.port = port;
    return t;
}

Origin origin(const char *name, const char *tunnel)
{
    Origin o;
    o.name = S(name);
    o.ssh = ssh("home.lan");
    o.tunnelAddress = S(tunnel);
    return o;
}

Edge edge(const char *name, const char *ipv4, const char *tunnel)
{
    Edge e;
    e.name = S(name);
    e.ssh = ssh(ipv4);
    e.publicIpv4 = S(ipv4);
    e.tunnelAddress = S(tunnel);
    return e;
}

Route route(const char *hostname, const char *originName = "home", quint16 port = 8080)
{
    Route r;
    r.hostname = S(hostname);
    r.originName = S(originName);
    r.port = port;
    return r;
}

Topology validTopology()
{
    Topology t;
    t.zones = {manualZone("example.com"), cloudflareZone("b.example.com")};
    t.origins = {origin("home", "10.100.0.1")};
    t.edges = {edge("tokyo-1", "95.216.1.2", "10.100.0.2"),
               edge("fra-1", "95.216.1.3", "10.100.0.3")};
    t.routes = {route("www.example.com"), route("a.b.example.com")};
    return t;
}

QString messageOf(const Status &s)
{
    return s.ok() ? S("ok") : s.error().message();
}
template <typename T> QString messageOf(const Result<T> &r)
{
    return r.ok() ? S("ok") : r.error().message();
}

} // namespace

class TestModelValidator : public QObject
{
    Q_OBJECT

private slots:
    void init() { qunsetenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES"); }

    void manualZone_data();
    void manualZone();
    void cloudflareZone();
    void cloudflareZoneRejects_data();
    void cloudflareZoneRejects();
    void rfc2136Zone();
    void rfc2136ZoneRejects_data();
    void rfc2136ZoneRejects();
    void zoneNameAndSecret();

    void originCanonical();
    void originRejects_data();
    void originRejects();
    void edgeCanonical();
    void edgeRejects_data();
    void edgeRejects();
    void edgeNonPublicAllowedForTests();

    void routeCanonical();
    void routeWildcard_data();
    void routeWildcard();
    void routeRejects_data();
    void routeRejects();

    void zoneFor_data();
    void zoneFor();

    void topologyValid();
    void topologyRejects_data();
    void topologyRejects();
};

// -------------------------------------------------------------------- zones

void TestModelValidator::manualZone_data()
{
    QTest::addColumn<QJsonObject>("settings");
    QTest::addColumn<QString>("secret");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << QJsonObject() << QString() << true;
    QTest::newRow("with secret") << QJsonObject() << S("token") << false;
    QTest::newRow("unknown key") << QJsonObject{{S("api_base"), S("https://x.example")}}
                                 << QString() << false;
}

void TestModelValidator::manualZone()
{
    QFETCH(QJsonObject, settings);
    QFETCH(QString, secret);
    QFETCH(bool, valid);
    Zone z = ::manualZone("Example.COM.");
    z.providerSettings = settings;
    z.secretRef = secret;
    const auto r = ModelValidator::zone(z);
    QVERIFY2(r.ok() == valid, qPrintable(messageOf(r)));
    if (valid) {
        QCOMPARE(r->name, S("example.com"));
    } else {
        QVERIFY(r.error().message().startsWith(S("zone example.com provider: ")));
        QCOMPARE(r.error().kind(), Error::Kind::InvalidInput);
    }
}

void TestModelValidator::cloudflareZone()
{
    const auto r = ModelValidator::zone(::cloudflareZone("example.com"));
    QVERIFY2(r.ok(), qPrintable(messageOf(r)));
    // Canonical api base: no trailing slash.
    QCOMPARE(r->providerSettings.value(S("api_base")).toString(),
             S("https://api.cloudflare.com/client/v4"));
    QCOMPARE(r->providerSettings.value(S("zone_id")).toString(),
             S("023e105f4ecef8ad9ca31a8372d0c353"));
    // zone_id is optional.
    Zone z = ::cloudflareZone("example.com");
    z.providerSettings.remove(S("zone_id"));
    QVERIFY(ModelValidator::zone(z).ok());
}

void TestModelValidator::cloudflareZoneRejects_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value"); // undefined: remove the key
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown key") << S("server") << QJsonValue(S("ns1.example.com"))
                                 << S("unknown setting \"server\"");
    QTest::newRow("hostile key") << S("api_base\n") << QJsonValue(S("x"))
                                 << S("unknown setting \"api_base\\u000a\"");
    QTest::newRow("missing api base")
        << S("api_base") << QJsonValue(QJsonValue::Undefined) << S("api-base: is required");
    QTest::newRow("http api base")
        << S("api_base") << QJsonValue(S("http://api.cloudflare.com/client/v4")) << S("api-base: ");
    QTest::newRow("api base with user")
        << S("api_base") << QJsonValue(S("https://u@api.cloudflare.com")) << S("api-base: ");
    QTest::newRow("api base not string")
        << S("api_base") << QJsonValue(42) << S("must be a string");
    QTest::newRow("zone id slash") << S("zone_id") << QJsonValue(S("../../x")) << S("zone-id: ");
}

void TestModelValidator::cloudflareZoneRejects()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    Zone z = ::cloudflareZone("example.com");
    if (value.isUndefined())
        z.providerSettings.remove(key);
    else
        z.providerSettings.insert(key, value);
    const auto r = ModelValidator::zone(z);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message().contains(expected), qPrintable(r.error().message()));
    QVERIFY(!r.error().message().contains(QLatin1Char('\n')));
}

void TestModelValidator::rfc2136Zone()
{
    const auto r = ModelValidator::zone(::rfc2136Zone("example.com"));
    QVERIFY2(r.ok(), qPrintable(messageOf(r)));
    QCOMPARE(r->providerSettings.value(S("server")).toString(), S("ns1.example.com"));
    QCOMPARE(r->providerSettings.value(S("port")).toString(), S("53"));
    QCOMPARE(r->providerSettings.value(S("tsig_name")).toString(), S("kokoa_key"));
    QCOMPARE(r->providerSettings.value(S("tsig_algorithm")).toString(), S("hmac-sha256"));
    Zone v6 = ::rfc2136Zone("example.com");
    v6.providerSettings.insert(S("server"), S("2A01:4F8::53"));
    const auto r6 = ModelValidator::zone(v6);
    QVERIFY2(r6.ok(), qPrintable(messageOf(r6)));
    QCOMPARE(r6->providerSettings.value(S("server")).toString(), S("2a01:4f8::53"));
}

void TestModelValidator::rfc2136ZoneRejects_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QString>("expected");
    const QJsonValue missing(QJsonValue::Undefined);
    QTest::newRow("unknown key") << S("api_base") << QJsonValue(S("https://x.example"))
                                 << S("unknown setting \"api_base\"");
    QTest::newRow("missing server") << S("server") << missing << S("server: is required");
    QTest::newRow("missing port") << S("port") << missing << S("server port: is required");
    QTest::newRow("missing tsig name") << S("tsig_name") << missing << S("tsig-name: is required");
    QTest::newRow("missing algorithm")
        << S("tsig_algorithm") << missing << S("tsig-algorithm: is required");
    QTest::newRow("server injection")
        << S("server") << QJsonValue(S("ns1;\nupdate delete")) << S("server: ");
    QTest::newRow("server short ip") << S("server") << QJsonValue(S("127.1")) << S("server: ");
    QTest::newRow("port 0") << S("port") << QJsonValue(S("0")) << S("server port: ");
    QTest::newRow("port number type") << S("port") << QJsonValue(53) << S("must be a string");
    QTest::newRow("tsig name brace")
        << S("tsig_name") << QJsonValue(S("key{ }")) << S("tsig-name: ");
    QTest::newRow("md5") << S("tsig_algorithm") << QJsonValue(S("hmac-md5"))
                         << S("tsig-algorithm: ");
}

void TestModelValidator::rfc2136ZoneRejects()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QFETCH(QString, expected);
    Zone z = ::rfc2136Zone("example.com");
    if (value.isUndefined())
        z.providerSettings.remove(key);
    else
        z.providerSettings.insert(key, value);
    const auto r = ModelValidator::zone(z);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message().contains(expected), qPrintable(r.error().message()));
}

void TestModelValidator::zoneNameAndSecret()
{
    Zone z = ::manualZone("*.example.com");
    QVERIFY(!ModelValidator::zone(z).ok());
    z = ::manualZone("com");
    const auto r = ModelValidator::zone(z);
    QVERIFY(!r.ok());
    QVERIFY(r.error().message().startsWith(S("zone name: ")));
    z = ::cloudflareZone("example.com");
    z.secretRef = S("../token");
    const auto s = ModelValidator::zone(z);
    QVERIFY(!s.ok());
    QVERIFY(s.error().message().startsWith(S("secret_ref: ")));
}

// ------------------------------------------------------------ origin, edge

void TestModelValidator::originCanonical()
{
    Origin o = origin("home", "10.100.0.1");
    o.ssh = ssh("Home.LAN", 2222, "deploy");
    o.wgPublicKey = QString::fromLatin1(QByteArray(32, 'k').toBase64());
    const auto r = ModelValidator::origin(o);
    QVERIFY2(r.ok(), qPrintable(messageOf(r)));
    QCOMPARE(r->ssh.host, S("home.lan"));
    QCOMPARE(r->ssh.user, S("deploy"));
    QCOMPARE(int(r->ssh.port), 2222);
    QCOMPARE(r->tunnelAddress, S("10.100.0.1"));
    // Tunnel address and key may be unknown yet.
    o.tunnelAddress.clear();
    o.wgPublicKey.clear();
    QVERIFY(ModelValidator::origin(o).ok());
    o.ssh.host = S("2A01:4F8::1");
    const auto v6 = ModelValidator::origin(o);
    QVERIFY2(v6.ok(), qPrintable(messageOf(v6)));
    QCOMPARE(v6->ssh.host, S("2a01:4f8::1"));
}

void TestModelValidator::originRejects_data()
{
    QTest::addColumn<Origin>("input");
    QTest::addColumn<QString>("expected");
    Origin o = origin("Home", "10.100.0.1");
    QTest::newRow("upper name") << o << S("origin name: \"Home\"");
    o = origin("home", "10.100.0.1");
    o.ssh = ssh("-oProxyCommand=id");
    QTest::newRow("ssh option") << o << S("origin home ssh: ");
    o = origin("home", "10.100.0.1");
    o.ssh = ssh("home.lan", 0);
    QTest::newRow("ssh port 0") << o << S("origin home ssh: ");
    o = origin("home", "10.100.0.1");
    o.ssh = ssh("home.lan", 22, "");
    QTest::newRow("empty user") << o << S("origin home ssh: ");
    o = origin("home", "10.100.0.1");
    o.ssh = ssh("");
    QTest::newRow("empty host") << o << S("origin home ssh: ");
    o = origin("home", "10.100.1");
    QTest::newRow("short tunnel address") << o << S("origin home tunnel address: ");
    o = origin("home", "8.8.8.8");
    QTest::newRow("public tunnel address") << o << S("tunnel address must be private");
    o = origin("home", "10.100.0.1");
    o.wgPublicKey = S("not-a-key");
    QTest::newRow("bad key") << o << S("origin home wireguard key: ");
}

void TestModelValidator::originRejects()
{
    QFETCH(Origin, input);
    QFETCH(QString, expected);
    const auto r = ModelValidator::origin(input);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message().contains(expected), qPrintable(r.error().message()));
    QCOMPARE(r.error().kind(), Error::Kind::InvalidInput);
}

void TestModelValidator::edgeCanonical()
{
    Edge e = edge("tokyo-1", "95.216.1.2", "10.100.0.2");
    e.publicIpv6 = S("2A01:04F8:0:0::1");
    e.provider = S("hetzner");
    e.providerId = S("12345678");
    const auto r = ModelValidator::edge(e);
    QVERIFY2(r.ok(), qPrintable(messageOf(r)));
    QCOMPARE(r->publicIpv6, S("2a01:4f8::1"));
    e.publicIpv4.clear();
    QVERIFY(ModelValidator::edge(e).ok());
}

void TestModelValidator::edgeRejects_data()
{
    QTest::addColumn<Edge>("input");
    QTest::addColumn<QString>("expected");
    Edge e = edge("tokyo-1", "95.216.1.2", "10.100.0.2");
    e.publicIpv4.clear();
    QTest::newRow("no public ip") << e << S("edge tokyo-1 public-ip: an edge needs");
    e = edge("tokyo-1", "192.168.1.2", "10.100.0.2");
    QTest::newRow("private ipv4") << e << S("edge tokyo-1 public-ip: \"192.168.1.2\"");
    e = edge("tokyo-1", "95.216.1.2", "10.100.0.2");
    e.publicIpv6 = S("fe80::1");
    QTest::newRow("link-local ipv6") << e << S("edge tokyo-1 public-ip: \"fe80::1\"");
    e = edge("tokyo-1", "95.216.1.2", "10.100.0.2");
    e.publicIpv4 = S("2a01:4f8::1");
    QTest::newRow("ipv6 in ipv4") << e << S("edge tokyo-1 public-ip: ");
    e = edge("tokyo-1", "95.216.1.2", "10.100.0.2");
    e.provider = S("Hetzner Cloud");
    QTest::newRow("provider") << e << S("edge tokyo-1 provider: ");
    e = edge("tokyo-1", "95.216.1.2", "10.100.0.2");
    e.providerId = S("1/../2");
    QTest::newRow("provider id") << e << S("edge tokyo-1 provider-id: ");
    e = edge("tokyo_1", "95.216.1.2", "10.100.0.2");
    QTest::newRow("name") << e << S("edge name: ");
}

void TestModelValidator::edgeRejects()
{
    QFETCH(Edge, input);
    QFETCH(QString, expected);
    const auto r = ModelValidator::edge(input);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message().startsWith(expected), qPrintable(r.error().message()));
}

void TestModelValidator::edgeNonPublicAllowedForTests()
{
    const Edge e = edge("tokyo-1", "10.0.5.2", "10.100.0.2");
    QVERIFY(!ModelValidator::edge(e).ok());
    qputenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES", "1");
    const auto r = ModelValidator::edge(e);
    qunsetenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES");
    QVERIFY2(r.ok(), qPrintable(messageOf(r)));
}

// ------------------------------------------------------------------- routes

void TestModelValidator::routeCanonical()
{
    Route r = route("WWW.Example.COM.", "home", 8080);
    r.healthPath = S("/healthz?full=1");
    r.zoneName = S("Example.com");
    const auto v = ModelValidator::route(r);
    QVERIFY2(v.ok(), qPrintable(messageOf(v)));
    QCOMPARE(v->hostname, S("www.example.com"));
    QCOMPARE(v->zoneName, S("example.com"));
    QCOMPARE(v->healthPath, S("/healthz?full=1"));
    Route idnRoute = route("x.jp");
    idnRoute.hostname = QStringLiteral("例え.jp");
    const auto idn = ModelValidator::route(idnRoute);
    QVERIFY2(idn.ok(), qPrintable(messageOf(idn)));
    QCOMPARE(idn->hostname, S("xn--r8jz45g.jp"));
    Route limits = route("a.example.com");
    limits.maxBodyBytes = qint64(64) * 1024 * 1024 * 1024;
    limits.timeoutSeconds = 86400;
    QVERIFY(ModelValidator::route(limits).ok());
    limits.maxBodyBytes = 0;
    limits.timeoutSeconds = 1;
    QVERIFY(ModelValidator::route(limits).ok());
}

void TestModelValidator::routeWildcard_data()
{
    QTest::addColumn<QString>("hostname");
    QTest::addColumn<TlsMode>("tls");
    QTest::addColumn<QString>("expected"); // "ok" or a message fragment
    QTest::newRow("http-01") << S("*.example.com") << TlsMode::Http01 << S("needs TLS mode dns-01");
    QTest::newRow("dns-01") << S("*.example.com") << TlsMode::Dns01 << S("ok");
    QTest::newRow("off") << S("*.Example.com") << TlsMode::Off << S("ok");
    QTest::newRow("dns-01, bad name")
        << S("*.exa;mple.com") << TlsMode::Dns01 << S("labels may only contain");
    QTest::newRow("http-01, bad name")
        << S("*.exa;mple.com") << TlsMode::Http01 << S("labels may only contain");
    QTest::newRow("dns-01, tld") << S("*.com") << TlsMode::Dns01 << S("fully qualified");
}

void TestModelValidator::routeWildcard()
{
    QFETCH(QString, hostname);
    QFETCH(TlsMode, tls);
    QFETCH(QString, expected);
    Route r = route("x.example.com");
    r.hostname = hostname;
    r.tls = tls;
    const auto v = ModelValidator::route(r);
    if (expected == QLatin1String("ok")) {
        QVERIFY2(v.ok(), qPrintable(messageOf(v)));
        QCOMPARE(v->hostname, hostname.toLower());
    } else {
        QVERIFY(!v.ok());
        QVERIFY2(v.error().message().startsWith(S("hostname: ")), qPrintable(messageOf(v)));
        QVERIFY2(v.error().message().contains(expected), qPrintable(messageOf(v)));
    }
}

void TestModelValidator::routeRejects_data()
{
    QTest::addColumn<Route>("input");
    QTest::addColumn<QString>("expected");
    Route r = route("www.example.com", "Home");
    QTest::newRow("origin name") << r << S("route www.example.com origin: ");
    r = route("www.example.com", "home", 0);
    QTest::newRow("port 0") << r << S("route www.example.com port: \"0\"");
    r = route("www.example.com");
    r.maxBodyBytes = -1;
    QTest::newRow("negative body") << r << S("route www.example.com max-body: ");
    r.maxBodyBytes = qint64(64) * 1024 * 1024 * 1024 + 1;
    QTest::newRow("body too big") << r << S("route www.example.com max-body: ");
    r = route("www.example.com");
    r.timeoutSeconds = 0;
    QTest::newRow("timeout 0") << r << S("route www.example.com timeout: ");
    r.timeoutSeconds = 86401;
    QTest::newRow("timeout big") << r << S("route www.example.com timeout: ");
    r = route("www.example.com");
    r.healthPath = S("/../admin");
    QTest::newRow("health path") << r << S("route www.example.com health-path: ");
    r.healthPath.clear();
    QTest::newRow("empty health path") << r << S("route www.example.com health-path: ");
    r = route("www.example.com");
    r.zoneName = S("example.com;");
    QTest::newRow("zone") << r << S("route www.example.com zone: ");
    r = route("www.example.com\r\nHost: evil");
    QTest::newRow("hostname") << r << S("hostname: \"www.example.com\\u000d\\u000aHost: evil\"");
}

void TestModelValidator::routeRejects()
{
    QFETCH(Route, input);
    QFETCH(QString, expected);
    const auto r = ModelValidator::route(input);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().message().startsWith(expected), qPrintable(r.error().message()));
}

// -------------------------------------------------------------------- zoneFor

void TestModelValidator::zoneFor_data()
{
    QTest::addColumn<QString>("hostname");
    QTest::addColumn<QString>("zone"); // empty: none
    QTest::newRow("apex") << S("example.com") << S("example.com");
    QTest::newRow("child") << S("www.example.com") << S("example.com");
    QTest::newRow("longest suffix") << S("a.b.example.com") << S("b.example.com");
    QTest::newRow("sub-zone apex") << S("b.example.com") << S("b.example.com");
    QTest::newRow("wildcard in sub-zone") << S("*.b.example.com") << S("b.example.com");
    QTest::newRow("wildcard at apex") << S("*.example.com") << S("example.com");
    QTest::newRow("label boundary") << S("notexample.com") << QString();
    QTest::newRow("suffix without dot") << S("ab.example.com") << S("example.com");
    QTest::newRow("other tld") << S("example.org") << QString();
    QTest::newRow("upper, trailing dot") << S("A.B.Example.COM.") << S("b.example.com");
}

void TestModelValidator::zoneFor()
{
    QFETCH(QString, hostname);
    QFETCH(QString, zone);
    // Order must not matter.
    const QList<Zone> zones{::manualZone("example.com"), ::manualZone("b.example.com"),
                            ::manualZone("c.example.net")};
    const QList<Zone> reversed{zones.crbegin(), zones.crend()};
    for (const QList<Zone> &list : {zones, reversed}) {
        const auto r = ModelValidator::zoneFor(hostname, list);
        if (zone.isEmpty()) {
            QVERIFY(!r.ok());
            QVERIFY2(r.error().message().startsWith(S("hostname: no zone contains \"") + hostname +
                                                    QLatin1Char('"')),
                     qPrintable(r.error().message()));
            QCOMPARE(r.error().field(), S("hostname"));
        } else {
            QVERIFY2(r.ok(), qPrintable(messageOf(r)));
            QCOMPARE(*r, zone);
        }
    }
    QVERIFY(!ModelValidator::zoneFor(hostname, {}).ok());
}

// ----------------------------------------------------------------- topology

void TestModelValidator::topologyValid()
{
    Topology t = validTopology();
    t.routes[0].hostname = S("WWW.Example.com.");
    t.origins[0].ssh.host = S("HOME.lan");
    const Status s = ModelValidator::topology(t);
    QVERIFY2(s.ok(), qPrintable(messageOf(s)));
    QCOMPARE(t.routes[0].hostname, S("www.example.com"));
    QCOMPARE(t.routes[0].zoneName, S("example.com"));
    QCOMPARE(t.routes[1].zoneName, S("b.example.com"));
    QCOMPARE(t.origins[0].ssh.host, S("home.lan"));
    QCOMPARE(t.zones[1].providerSettings.value(S("api_base")).toString(),
             S("https://api.cloudflare.com/client/v4"));
    // A second pass over canonical data changes nothing.
    Topology again = t;
    QVERIFY(ModelValidator::topology(again).ok());
    QCOMPARE(again.routes[1].zoneName, t.routes[1].zoneName);
    QCOMPARE(again.routes[0].hostname, t.routes[0].hostname);
    // The zone given by hand is kept when it is the right one.
    Topology explicitZone = validTopology();
    explicitZone.routes[1].zoneName = S("B.example.com");
    QVERIFY(ModelValidator::topology(explicitZone).ok());
    QCOMPARE(explicitZone.routes[1].zoneName, S("b.example.com"));
    // A Cloudflare or RFC 2136 zone's secret is its own, whatever the input left out.
    Topology derived = validTopology();
    derived.zones[1].secretRef.clear();
    derived.zones.append(::rfc2136Zone("c.example.com"));
    derived.zones.last().secretRef.clear();
    QVERIFY(ModelValidator::topology(derived).ok());
    QCOMPARE(derived.zones[0].secretRef, QString());
    QCOMPARE(derived.zones[1].secretRef, S("zone-b.example.com"));
    QCOMPARE(derived.zones[2].secretRef, S("zone-c.example.com"));
    // Empty topology is fine.
    Topology empty;
    QVERIFY(ModelValidator::topology(empty).ok());
}

void TestModelValidator::topologyRejects_data()
{
    QTest::addColumn<Topology>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("kind");

    Topology t = validTopology();
    t.zones.append(::manualZone("EXAMPLE.com."));
    QTest::newRow("duplicate zone")
        << t << S("zone example.com appears twice") << int(Error::Kind::Conflict);
    t = validTopology();
    t.origins.append(origin("home", "10.100.0.9"));
    QTest::newRow("duplicate origin")
        << t << S("origin home appears twice") << int(Error::Kind::Conflict);
    t = validTopology();
    t.edges.append(edge("tokyo-1", "95.216.1.9", "10.100.0.9"));
    QTest::newRow("duplicate edge")
        << t << S("edge tokyo-1 appears twice") << int(Error::Kind::Conflict);
    t = validTopology();
    t.routes.append(route("WWW.example.com."));
    QTest::newRow("duplicate hostname")
        << t << S("route www.example.com appears twice") << int(Error::Kind::Conflict);
    t = validTopology();
    t.edges[1].tunnelAddress = S("10.100.0.1");
    QTest::newRow("duplicate tunnel address origin/edge")
        << t << S("edge fra-1: tunnel address 10.100.0.1 is used by another host")
        << int(Error::Kind::Conflict);
    t = validTopology();
    t.edges[1].tunnelAddress = S("10.100.0.2");
    QTest::newRow("duplicate tunnel address edges")
        << t << S("edge fra-1: tunnel address 10.100.0.2 is used by another host")
        << int(Error::Kind::Conflict);
    t = validTopology();
    t.edges[1].publicIpv4 = S("95.216.1.2");
    QTest::newRow("duplicate public address")
        << t << S("edge fra-1: public-ip 95.216.1.2 is used by another edge (tokyo-1)")
        << int(Error::Kind::Conflict);
    // Regression test: two edges could share one SSH target (another user name
    // does not make another machine).
    t = validTopology();
    t.edges[1].ssh = ssh("95.216.1.2", 22, "admin");
    QTest::newRow("duplicate ssh target")
        << t << S("edge fra-1: ssh host 95.216.1.2 port 22 is used by another edge (tokyo-1)")
        << int(Error::Kind::Conflict);
    t = validTopology();
    t.routes.append(route("api.example.com", "nas"));
    QTest::newRow("missing origin") << t << S("route api.example.com: origin nas does not exist")
                                    << int(Error::Kind::InvalidInput);
    t = validTopology();
    t.routes.append(route("www.example.org"));
    QTest::newRow("no zone") << t << S("hostname: no zone contains \"www.example.org\"")
                             << int(Error::Kind::InvalidInput);
    t = validTopology();
    t.routes[1].zoneName = S("example.com");
    QTest::newRow("parent zone given for sub-zone host")
        << t << S("route a.b.example.com: zone example.com is not the zone of this hostname")
        << int(Error::Kind::InvalidInput);
    t = validTopology();
    t.routes[0].zoneName = S("b.example.com");
    QTest::newRow("unrelated zone given")
        << t << S("route www.example.com: zone b.example.com is not the zone")
        << int(Error::Kind::InvalidInput);
    t = validTopology();
    t.zones[1].providerSettings.insert(S("token"), S("secret"));
    QTest::newRow("bad zone") << t << S("zone b.example.com provider: unknown setting")
                              << int(Error::Kind::InvalidInput);
    t = validTopology();
    t.origins[0].ssh.host = S("home;reboot");
    QTest::newRow("bad origin") << t << S("origin home ssh: ") << int(Error::Kind::InvalidInput);
    t = validTopology();
    t.edges[0].publicIpv4 = S("127.0.0.1");
    QTest::newRow("bad edge") << t << S("edge tokyo-1 public-ip: ")
                              << int(Error::Kind::InvalidInput);
    // Regression test: an imported zone could name another zone's secret and
    // have that zone's token sent to its own endpoint.
    t = validTopology();
    t.zones.append(::cloudflareZone("c.example.com"));
    t.zones.last().secretRef = S("zone-b.example.com");
    QTest::newRow("another zone's secret")
        << t
        << S("zone c.example.com secret_ref: \"zone-b.example.com\" is not valid: must be "
             "zone-c.example.com")
        << int(Error::Kind::InvalidInput);
    t = validTopology();
    t.zones.last().secretRef = S("shared-token");
    QTest::newRow("any other secret")
        << t << S("zone b.example.com secret_ref: ") << int(Error::Kind::InvalidInput);
    t = validTopology();
    t.routes[0].tls = TlsMode::Http01;
    t.routes[0].hostname = S("*.example.com");
    QTest::newRow("wildcard http-01")
        << t << S("hostname: \"*.example.com\"") << int(Error::Kind::InvalidInput);
}

void TestModelValidator::topologyRejects()
{
    QFETCH(Topology, input);
    QFETCH(QString, expected);
    QFETCH(int, kind);
    const Status s = ModelValidator::topology(input);
    QVERIFY(!s.ok());
    QVERIFY2(s.error().message().startsWith(expected), qPrintable(s.error().message()));
    QCOMPARE(int(s.error().kind()), kind);
    QVERIFY(!s.error().message().contains(QLatin1Char('\n')));
}

QTEST_GUILESS_MAIN(TestModelValidator)
#include "tst_model_validator.moc"
