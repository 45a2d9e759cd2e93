// Certificates in the simulated network: Debian's Pebble runs on the world's
// "dns" host with its random validation delays and nonce rejections left on,
// resolving names through the world's BIND9, where Kokoa has put both edges
// for two hostnames in two zones (RFC 2136). HTTP-01 issuance succeeds, once
// asked for (kokoactl cert issue) and once by a deploy without being asked
// (the route is set to --tls http-01); a client in the world then gets from
// each edge, for each hostname, a certificate that verifies against Pebble's
// root as its management interface gives it, and plain HTTP redirects there.
#include "KokoaInWorld.h"
#include "PebbleInWorld.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QThread>
#include <QtTest>

using namespace KokoaInWorld;

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

// Pebble sleeps up to 15 s before each validation; two orders, bounded.
constexpr int kIssueTimeoutMs = 300000;

const QString pebbleRoot = s("/tmp/pebble-root.pem");

struct Site
{
    QString hostname;
    QByteArray body; // what the origin's service answers with
};

const QList<Site> sites{{s("www.example.com"), "service-a"}, {s("app.example.net"), "service-b"}};

} // namespace

class TestCertificatesE2e : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void bothEdgesAreInDnsForBothHostnames();
    void issuedWhenAskedAndOnDeploy();
    void everyEdgeServesEveryHostnameOverVerifiedHttps();

private:
    NetWorld::ExecResult https(const QString &edge, const QString &hostname);

    std::unique_ptr<NetWorld> m_world;
};

// GET https://<hostname>/ from the client through `edge`, trusting only
// Pebble's root.
NetWorld::ExecResult TestCertificatesE2e::https(const QString &edge, const QString &hostname)
{
    return m_world->exec(s("client"), {s("curl"), s("-sS"), s("--noproxy"), s("*"), s("-m"), s("5"),
                                       s("--cacert"), pebbleRoot, s("--resolve"),
                                       hostname + s(":443:") + m_world->address(edge),
                                       s("https://") + hostname + s("/")});
}

void TestCertificatesE2e::initTestCase()
{
    QString why;
    m_world = NetWorld::create(&why, 2);
    if (!m_world)
        QSKIP(qPrintable(why));
    QVERIFY2(QFile::exists(s("/usr/bin/pebble")),
             "/usr/bin/pebble is missing (installer/install-deps.sh installs it)");

    QByteArray b64;
    const QString dnsError =
        startAuthoritativeDns(*m_world, {s("example.com"), s("example.net")}, &b64);
    QVERIFY2(dnsError.isEmpty(), qPrintable(dnsError));
    // Pebble's defaults: random validation delays, nonce rejections.
    const QString pebbleError = PebbleInWorld::start(*m_world);
    QVERIFY2(pebbleError.isEmpty(), qPrintable(pebbleError));

    const QString error = initAndAddHosts(*m_world);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(writePrivateHostFile(*m_world, s("desk"), s("/tmp/tsig.key"), b64 + '\n'));
    for (const char *zone : {"example.com", "example.net"}) {
        const auto r =
            kokoactl(*m_world, {s("zone"), s("add"), QString::fromLatin1(zone), s("--provider"),
                                s("rfc2136"), s("--server"), dnsAddress(), s("--tsig-name"),
                                s("kokoa-key"), s("--tsig-secret-file"), s("/tmp/tsig.key")});
        QVERIFY2(r.ok(), qPrintable(r.describe()));
    }
    for (const QStringList &command :
         {QStringList{s("route"), s("add"), sites.at(0).hostname, s("--origin"), s("home"),
                      s("--port"), s("8081"), s("--tls"), s("http-01")},
          QStringList{s("route"), s("add"), sites.at(1).hostname, s("--origin"), s("home"),
                      s("--port"), s("8082"), s("--tls"), s("http-01")}}) {
        const auto r = kokoactl(*m_world, command);
        QVERIFY2(r.ok(), qPrintable(command.join(u' ') + r.describe()));
    }
    // No ACME account yet: the deploy serves plain HTTP and orders nothing.
    const auto deploy = kokoactl(*m_world, {s("deploy"), s("--all")});
    QVERIFY2(deploy.ok(), qPrintable(deploy.describe()));
    // (Warnings may mention certificates; a line of an order starts with one.)
    static const QRegularExpression orderLine(s("^certificate "),
                                              QRegularExpression::MultilineOption);
    QVERIFY2(!QString::fromUtf8(deploy.out + deploy.err).contains(orderLine),
             qPrintable(QString::fromUtf8(deploy.out + deploy.err)));
    for (const QString &edge : m_world->edges()) {
        for (const Site &site : sites)
            QVERIFY(
                waitUntilServed(*m_world, edge, site.hostname, site.body).out.contains(site.body));
    }
    const auto sync = kokoactl(*m_world, {s("dns"), s("sync")});
    QVERIFY2(sync.ok(), qPrintable(sync.describe() + QString::fromUtf8(sync.out)));
}

void TestCertificatesE2e::cleanupTestCase()
{
    if (!m_world)
        return;
    if (QTest::currentTestFailed())
        qWarning().noquote() << "pebble log:\n" << PebbleInWorld::logTail(*m_world);
    QString error;
    QVERIFY2(m_world->down(&error), qPrintable(error));
}

// What Pebble will find: both edges, for both hostnames, at the world's BIND.
void TestCertificatesE2e::bothEdgesAreInDnsForBothHostnames()
{
    const QSet<QString> both{m_world->address(s("edge1")), m_world->address(s("edge2"))};
    for (const Site &site : sites)
        QCOMPARE(digA(*m_world, site.hostname), both);
}

void TestCertificatesE2e::issuedWhenAskedAndOnDeploy()
{
    const auto account =
        kokoactl(*m_world, {s("acme"), s("account"), s("--email"), s("admin@example.com"),
                            s("--agree-tos"), s("--directory"), PebbleInWorld::directoryUrl(),
                            s("--ca-bundle"), PebbleInWorld::tlsCaPath()});
    QVERIFY2(account.ok(), qPrintable(account.describe()));

    // Asked for: the first hostname.
    const auto issued = kokoactl(
        *m_world, {s("--json"), s("cert"), s("issue"), sites.at(0).hostname}, {}, kIssueTimeoutMs);
    QVERIFY2(issued.ok(), qPrintable(issued.describe() + QString::fromUtf8(issued.out)));
    const QJsonObject first = QJsonDocument::fromJson(issued.out).object();
    QCOMPARE(first.value(s("name")).toString(), sites.at(0).hostname);
    QVERIFY(first.value(s("deployed")).toBool());
    QVERIFY2(first.value(s("failed_hosts")).toInt(-1) == 0, issued.out.constData());

    // Not asked for: the deploy orders what the other route misses.
    const auto deploy = kokoactl(*m_world, {s("deploy"), s("--all")}, {}, kIssueTimeoutMs);
    QVERIFY2(deploy.ok(), qPrintable(deploy.describe() + QString::fromUtf8(deploy.out)));
    QVERIFY2(deploy.out.contains((s("certificate ") + sites.at(1).hostname).toLatin1()) &&
                 deploy.out.contains("issued, serial"),
             deploy.out.constData());
    QVERIFY2(!deploy.out.contains((s("certificate ") + sites.at(0).hostname).toLatin1()),
             deploy.out.constData());

    const auto list = kokoactl(*m_world, {s("--json"), s("cert"), s("list")});
    QVERIFY2(list.ok(), qPrintable(list.describe()));
    QStringList names;
    for (const QJsonValue &v : QJsonDocument::fromJson(list.out).array()) {
        const QJsonObject c = v.toObject();
        names.append(c.value(s("name")).toString());
        QStringList edges;
        for (const QJsonValue &e : c.value(s("edges")).toArray())
            edges.append(e.toString());
        edges.sort();
        QCOMPARE(edges, m_world->edges());
        QVERIFY2(c.value(s("issuer")).toString().contains(s("Pebble")), list.out.constData());
    }
    names.sort();
    QCOMPARE(names, (QStringList{sites.at(1).hostname, sites.at(0).hostname}));

    // Pebble looked names up at the world's BIND and slept before it validated.
    const QByteArray log = PebbleInWorld::logTail(*m_world);
    const QByteArray resolver =
        "Using custom DNS resolver for ACME challenges: " + dnsAddress().toLatin1() + ":53";
    QVERIFY2(log.contains(resolver), log.constData());
    QVERIFY2(log.contains("Sleeping for"), log.constData());
}

void TestCertificatesE2e::everyEdgeServesEveryHostnameOverVerifiedHttps()
{
    // The root as Pebble's management interface gives it, fetched over TLS
    // from the client itself.
    const QString root = PebbleInWorld::fetchRoot(*m_world, s("client"), pebbleRoot);
    QVERIFY2(root.isEmpty(), qPrintable(root));
    for (const QString &edge : m_world->edges()) {
        for (const Site &site : sites) {
            // The reload that installed the certificate may still be under way.
            QDeadlineTimer deadline(20000);
            NetWorld::ExecResult got = https(edge, site.hostname);
            while (!(got.ok() && got.out.contains(site.body)) && !deadline.hasExpired()) {
                QThread::msleep(200);
                got = https(edge, site.hostname);
            }
            QVERIFY2(got.ok() && got.out.contains(site.body),
                     qPrintable(edge + u' ' + site.hostname + u' ' + got.describe()));
            // Plain HTTP goes to HTTPS.
            const auto plain = m_world->exec(
                s("client"), {s("curl"), s("-sS"), s("--noproxy"), s("*"), s("-m"), s("5"), s("-o"),
                              s("/dev/null"), s("-w"), s("%{http_code} %{redirect_url}"),
                              s("--resolve"), site.hostname + s(":80:") + m_world->address(edge),
                              s("http://") + site.hostname + s("/")});
            QVERIFY2(plain.ok() && plain.out.startsWith("30") &&
                         plain.out.contains((s("https://") + site.hostname).toLatin1()),
                     qPrintable(edge + u' ' + site.hostname + u' ' + QString::fromUtf8(plain.out)));
        }
    }
}

QTEST_MAIN(TestCertificatesE2e)
#include "tst_certificates_e2e.moc"
