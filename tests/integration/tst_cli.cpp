#include "CliRunner.h"
#include "HostileInputs.h"

#include "core/Error.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace kokoa;

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void commandsNeedInit();
    void initIsIdempotent();
    void describeASetup();
    void listingsHaveJson();
    void nonPublicEdgeAddressNeedsTheTestSwitch();
    void removingAnOriginInUseIsRefusedWithItsRoutes();
    void renderWritesFilesAtTheirTargetPaths();
    void renderNeverFollowsLinksBelowOut();
    void renderRefusesTheRootDirectory();
    void exportImportRoundTripIsByteIdentical();
    void importIsValidatedAndAllOrNothing();
    void unknownCommandsAndOptionsAreUsageErrors();
    void secretsAreStoredPrivatelyAndNeverPrinted();
    void hostileInputsAreRefusedInProcess();
    void hostileInputsAreRefusedByTheExecutable();

private:
    CliResult cli(const QStringList &args) { return runCli(m_dir->path(), args); }
    void describeSetup();
    QByteArray renderedEdge(const QString &out);
    QString writeFile(const QString &name, const QByteArray &content);

    std::unique_ptr<QTemporaryDir> m_dir;
    QTemporaryDir m_files;
};

void TestCli::initTestCase()
{
    qunsetenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES");
    qunsetenv("KOKOA_DATA_DIR");
}

void TestCli::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestCli::cleanup() { m_dir.reset(); }

QString TestCli::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_files.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(content);
    return path;
}

void TestCli::describeSetup()
{
    const QString token = writeFile(QStringLiteral("token"), "cf-token-0123456789abcdef\n");
    const QString tsig = writeFile(QStringLiteral("tsig"), "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\n");
    const QList<QStringList> commands{
        {QStringLiteral("init")},
        {QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("example.com"),
         QStringLiteral("--provider"), QStringLiteral("cloudflare"), QStringLiteral("--token-file"),
         token},
        {QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("example.net"),
         QStringLiteral("--provider"), QStringLiteral("rfc2136"), QStringLiteral("--server"),
         QStringLiteral("127.0.0.1:5353"), QStringLiteral("--tsig-name"), QStringLiteral("kokoa-key"),
         QStringLiteral("--tsig-secret-file"), tsig},
        {QStringLiteral("origin"), QStringLiteral("add"), QStringLiteral("home"),
         QStringLiteral("--ssh"), QStringLiteral("admin@192.168.1.10")},
        {QStringLiteral("edge"), QStringLiteral("add"), QStringLiteral("tokyo-1"),
         QStringLiteral("--ssh"), QStringLiteral("root@8.8.4.4"), QStringLiteral("--public-ip"),
         QStringLiteral("8.8.4.4"), QStringLiteral("--public-ip"), QStringLiteral("2a01:4f8::1")},
        {QStringLiteral("edge"), QStringLiteral("add"), QStringLiteral("osaka-1"),
         QStringLiteral("--ssh"), QStringLiteral("root@9.9.9.9:2222"), QStringLiteral("--public-ip"),
         QStringLiteral("9.9.9.9"), QStringLiteral("--profile"), QStringLiteral("under-attack")},
        {QStringLiteral("route"), QStringLiteral("add"), QStringLiteral("www.example.com"),
         QStringLiteral("--origin"), QStringLiteral("home"), QStringLiteral("--port"),
         QStringLiteral("8080")},
        {QStringLiteral("route"), QStringLiteral("add"), QStringLiteral("chat.example.net"),
         QStringLiteral("--origin"), QStringLiteral("home"), QStringLiteral("--port"),
         QStringLiteral("3000"), QStringLiteral("--websocket"), QStringLiteral("--max-body"),
         QStringLiteral("50m"), QStringLiteral("--health-path"), QStringLiteral("/healthz")},
    };
    for (const QStringList &command : commands) {
        const CliResult r = cli(command);
        QVERIFY2(r.code == 0, qPrintable(command.join(u' ') + QStringLiteral(": ") + r.err));
    }
}

void TestCli::commandsNeedInit()
{
    const CliResult r = cli({QStringLiteral("zone"), QStringLiteral("list")});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.contains(QStringLiteral("kokoactl init")));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("kokoa.sqlite"))));
}

void TestCli::initIsIdempotent()
{
    QCOMPARE(cli({QStringLiteral("init")}).code, 0);
    QCOMPARE(cli({QStringLiteral("route"), QStringLiteral("list")}).code, 0);
    const CliResult again = cli({QStringLiteral("init")});
    QCOMPARE(again.code, 0);
    QVERIFY(again.out.contains(QStringLiteral("already")));
    QCOMPARE(cli({QStringLiteral("init"), QStringLiteral("--tunnel-range"),
                  QStringLiteral("10.1.2.3/16")})
                 .code,
             2);
}

void TestCli::describeASetup()
{
    describeSetup();
    const CliResult routes = cli({QStringLiteral("route"), QStringLiteral("list")});
    QCOMPARE(routes.code, 0);
    QVERIFY(routes.out.contains(QStringLiteral("chat.example.net")));
    QVERIFY(routes.out.contains(QStringLiteral("50m")));
    const CliResult events = cli({QStringLiteral("events")});
    QVERIFY(events.out.contains(QStringLiteral("route www.example.com")));
}

void TestCli::listingsHaveJson()
{
    describeSetup();
    for (const QString &kind : {QStringLiteral("zone"), QStringLiteral("origin"),
                                QStringLiteral("edge"), QStringLiteral("route")}) {
        const CliResult r = cli({QStringLiteral("--json"), kind, QStringLiteral("list")});
        QCOMPARE(r.code, 0);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(kind + r.out));
        QVERIFY(doc.isArray());
        QVERIFY(!doc.array().isEmpty());
    }
    const QJsonArray edges = QJsonDocument::fromJson(
                                 cli({QStringLiteral("edge"), QStringLiteral("list"),
                                      QStringLiteral("--json")})
                                     .out.toUtf8())
                                 .array();
    QCOMPARE(edges.size(), 2);
    QCOMPARE(edges.at(0).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("osaka-1"));
    QCOMPARE(edges.at(0).toObject().value(QStringLiteral("ssh")).toString(),
             QStringLiteral("root@9.9.9.9:2222"));
    QCOMPARE(edges.at(0).toObject().value(QStringLiteral("profile")).toString(),
             QStringLiteral("under-attack"));
    const QJsonObject settings = QJsonDocument::fromJson(
                                     cli({QStringLiteral("settings"), QStringLiteral("list"),
                                          QStringLiteral("--json")})
                                         .out.toUtf8())
                                     .object();
    QCOMPARE(settings.value(QStringLiteral("health.fall")).toString(), QStringLiteral("3"));
}

void TestCli::nonPublicEdgeAddressNeedsTheTestSwitch()
{
    QCOMPARE(cli({QStringLiteral("init")}).code, 0);
    const QStringList add{QStringLiteral("edge"),        QStringLiteral("add"),
                          QStringLiteral("lab"),         QStringLiteral("--ssh"),
                          QStringLiteral("root@10.0.0.2"), QStringLiteral("--public-ip"),
                          QStringLiteral("10.0.0.2")};
    const CliResult refused = cli(add);
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("public-ip")) &&
                 refused.err.contains(QStringLiteral("private")),
             qPrintable(refused.err));
    qputenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES", "1");
    const CliResult allowed = cli(add);
    qunsetenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES");
    QCOMPARE(allowed.code, 0);
}

void TestCli::removingAnOriginInUseIsRefusedWithItsRoutes()
{
    describeSetup();
    const CliResult r = cli({QStringLiteral("origin"), QStringLiteral("rm"), QStringLiteral("home")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QStringLiteral("chat.example.net, www.example.com")));
    QVERIFY(cli({QStringLiteral("origin"), QStringLiteral("list")}).out.contains(QStringLiteral("home")));
}

QByteArray TestCli::renderedEdge(const QString &out)
{
    QFile f(out + QStringLiteral("/etc/nginx/nginx.conf"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void TestCli::renderWritesFilesAtTheirTargetPaths()
{
    describeSetup();
    QTemporaryDir out;
    const CliResult r = cli({QStringLiteral("render"), QStringLiteral("edge"),
                             QStringLiteral("tokyo-1"), QStringLiteral("--out"), out.path(),
                             QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    const QJsonArray files = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QStringList targets;
    for (const QJsonValue &v : files)
        targets << v.toObject().value(QStringLiteral("target")).toString();
    QCOMPARE(targets, QStringList({QStringLiteral("/etc/nginx/nginx.conf"),
                                   QStringLiteral("/etc/wireguard/kokoa0.conf"),
                                   QStringLiteral("/etc/nftables.d/kokoa.nft")}));
    const QByteArray nginx = renderedEdge(out.path());
    QVERIFY(nginx.contains("server_name www.example.com;"));
    QVERIFY(nginx.contains("server_name chat.example.net;"));
    QCOMPARE(QFileInfo(out.filePath(QStringLiteral("etc/wireguard/kokoa0.conf"))).permissions()
                 & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
             QFileDevice::Permissions());
    // No WireGuard key on the origin yet: said, not silently dropped.
    QVERIFY(r.err.contains(QStringLiteral("home")));

    const CliResult origin = cli({QStringLiteral("render"), QStringLiteral("origin"),
                                  QStringLiteral("home"), QStringLiteral("--out"), out.path()});
    QCOMPARE(origin.code, 0);
    QVERIFY(origin.out.contains(QStringLiteral("/etc/wireguard/kokoa0.conf")));
    // The origin's tunnel firewall comes with it.
    QVERIFY(origin.out.contains(QStringLiteral("/etc/nftables.d/kokoa.nft")));
    QCOMPARE(cli({QStringLiteral("render"), QStringLiteral("edge"), QStringLiteral("nope"),
                  QStringLiteral("--out"), out.path()})
                 .code,
             2);
}

// Regression test: render --out followed links planted in the output
// directory (a shared /tmp) and wrote wherever they pointed.
void TestCli::renderNeverFollowsLinksBelowOut()
{
    describeSetup();
    QTemporaryDir out;
    QTemporaryDir victim;
    const QString precious = victim.filePath(QStringLiteral("precious"));
    QFile p(precious);
    QVERIFY(p.open(QIODevice::WriteOnly));
    p.write("keep me\n");
    p.close();
    // A link as the file itself: replaced, never written through.
    QVERIFY(QDir().mkpath(out.filePath(QStringLiteral("etc/nginx"))));
    QVERIFY(QFile::link(precious, out.filePath(QStringLiteral("etc/nginx/nginx.conf"))));
    const CliResult replaced = cli({QStringLiteral("render"), QStringLiteral("edge"),
                                    QStringLiteral("tokyo-1"), QStringLiteral("--out"), out.path()});
    QCOMPARE(replaced.code, 0);
    QFile kept(precious);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("keep me\n"));
    QVERIFY(!QFileInfo(out.filePath(QStringLiteral("etc/nginx/nginx.conf"))).isSymLink());
    QVERIFY(renderedEdge(out.path()).contains("server_name www.example.com;"));

    // A link as a directory on the way: refused, nothing written through it.
    QTemporaryDir second;
    QVERIFY(QDir().mkpath(second.filePath(QStringLiteral("etc"))));
    QVERIFY(QFile::link(victim.path(), second.filePath(QStringLiteral("etc/wireguard"))));
    const CliResult refused = cli({QStringLiteral("render"), QStringLiteral("edge"),
                                   QStringLiteral("tokyo-1"), QStringLiteral("--out"), second.path()});
    QVERIFY(refused.code != 0);
    QVERIFY2(refused.err.contains(QStringLiteral("symbolic link")), qPrintable(refused.err));
    QCOMPARE(QDir(victim.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("precious")});
}

// Regression test: --out / wrote this machine's /etc. The edge named here
// does not exist, so even without the check nothing would be written: the
// refusal must come first, and say why.
void TestCli::renderRefusesTheRootDirectory()
{
    describeSetup();
    QTemporaryDir links;
    const QString toRoot = links.filePath(QStringLiteral("root"));
    QVERIFY(QFile::link(QStringLiteral("/"), toRoot));
    for (const QString &out : {QStringLiteral("/"), QStringLiteral("/tmp/.."), toRoot}) {
        const CliResult r = cli({QStringLiteral("render"), QStringLiteral("edge"),
                                 QStringLiteral("no-such-edge"), QStringLiteral("--out"), out});
        QVERIFY(r.code != 0);
        QVERIFY2(r.err.contains(QStringLiteral("out: ")), qPrintable(out + QStringLiteral(": ") + r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("does not exist")), qPrintable(r.err));
    }
}

void TestCli::exportImportRoundTripIsByteIdentical()
{
    describeSetup();
    const CliResult exported = cli({QStringLiteral("export")});
    QCOMPARE(exported.code, 0);
    QVERIFY(!exported.out.contains(QStringLiteral("cf-token")));
    const QString file = writeFile(QStringLiteral("export.json"), exported.out.toUtf8());

    QTemporaryDir other;
    QCOMPARE(runCli(other.path(), {QStringLiteral("init")}).code, 0);
    const CliResult imported = runCli(other.path(), {QStringLiteral("import"), file});
    QVERIFY2(imported.code == 0, qPrintable(imported.err));
    // The secrets are not in the export: the import says what to do.
    QVERIFY(imported.err.contains(QStringLiteral("zone set-secret example.com")));
    const CliResult again = runCli(other.path(), {QStringLiteral("export")});
    QCOMPARE(again.out.toUtf8(), exported.out.toUtf8());

    // And the real executable writes the same bytes.
    const CliResult process = runKokoactl(other.path(), {QStringLiteral("export")});
    QCOMPARE(process.code, 0);
    QCOMPARE(process.out.toUtf8(), exported.out.toUtf8());
}

void TestCli::importIsValidatedAndAllOrNothing()
{
    describeSetup();
    const QByteArray before = cli({QStringLiteral("export")}).out.toUtf8();
    QJsonObject root = QJsonDocument::fromJson(before).object();

    auto tryImport = [&](const QJsonObject &document) {
        const QString file = writeFile(QStringLiteral("bad.json"), QJsonDocument(document).toJson());
        return cli({QStringLiteral("import"), file});
    };

    QJsonArray routes = root.value(QStringLiteral("routes")).toArray();
    QJsonObject hostile = routes.at(0).toObject();
    hostile.insert(QStringLiteral("hostname"), QStringLiteral("evil.example.com;\n}"));
    routes.append(hostile);
    QJsonObject bad = root;
    bad.insert(QStringLiteral("routes"), routes);
    CliResult r = tryImport(bad);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("hostname")), qPrintable(r.err));

    bad = root;
    QJsonObject edge = bad.value(QStringLiteral("edges")).toArray().at(0).toObject();
    edge.insert(QStringLiteral("colour"), QStringLiteral("red"));
    bad.insert(QStringLiteral("edges"), QJsonArray{edge});
    r = tryImport(bad);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("edges[0].colour")), qPrintable(r.err));

    bad = root;
    QJsonObject origin = bad.value(QStringLiteral("origins")).toArray().at(0).toObject();
    origin.insert(QStringLiteral("tunnel_address"), QStringLiteral("10.200.0.1"));
    bad.insert(QStringLiteral("origins"), QJsonArray{origin});
    r = tryImport(bad);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("outside tunnel.range")), qPrintable(r.err));

    QCOMPARE(cli({QStringLiteral("import"), writeFile(QStringLiteral("junk.json"), "{not json")})
                 .code,
             2);
    QCOMPARE(cli({QStringLiteral("export")}).out.toUtf8(), before);
}

void TestCli::unknownCommandsAndOptionsAreUsageErrors()
{
    QCOMPARE(cli({QStringLiteral("init")}).code, 0);
    QCOMPARE(cli({QStringLiteral("frobnicate")}).code, 2);
    QCOMPARE(cli({QStringLiteral("route"), QStringLiteral("add"), QStringLiteral("a.example.com"),
                  QStringLiteral("--colour"), QStringLiteral("red")})
                 .code,
             2);
    QCOMPARE(cli({QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("example.com")})
                 .code,
             2);
    const CliResult help = cli({QStringLiteral("--help")});
    QCOMPARE(help.code, 0);
    QVERIFY(help.out.contains(QStringLiteral("route add HOSTNAME")));
}

void TestCli::secretsAreStoredPrivatelyAndNeverPrinted()
{
    describeSetup();
    const QString secretFile = m_dir->filePath(QStringLiteral("secrets/zone-example.com"));
    QFile f(secretFile);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("cf-token-0123456789abcdef"));
    QCOMPARE(QFileInfo(secretFile).permissions() & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                    | QFileDevice::ReadUser | QFileDevice::WriteUser),
             QFileDevice::Permissions());
    QFile db(m_dir->filePath(QStringLiteral("kokoa.sqlite")));
    QVERIFY(db.open(QIODevice::ReadOnly));
    QVERIFY(!db.readAll().contains("cf-token-0123456789abcdef"));
    for (const QStringList &args : {QStringList{QStringLiteral("zone"), QStringLiteral("list")},
                                    QStringList{QStringLiteral("zone"), QStringLiteral("list"),
                                                QStringLiteral("--json")},
                                    QStringList{QStringLiteral("export")},
                                    QStringList{QStringLiteral("events")}}) {
        const CliResult r = cli(args);
        QVERIFY(!r.out.contains(QStringLiteral("cf-token")));
        QVERIFY(!r.err.contains(QStringLiteral("cf-token")));
    }
}

namespace {

// The command line that puts a hostile value into the field it targets.
QStringList commandFor(const HostileInputs::Case &c, const QString &tokenFile,
                       const QString &tsigFile)
{
    const QString &v = c.value;
    const QString f = c.field;
    auto route = [&](const QString &option) {
        return QStringList{QStringLiteral("route"), QStringLiteral("add"),
                           QStringLiteral("new.example.com"), QStringLiteral("--origin"),
                           QStringLiteral("home"), QStringLiteral("--port"), QStringLiteral("8081"),
                           option + QLatin1Char('=') + v};
    };
    if (f == QLatin1String("hostname")) {
        return {QStringLiteral("route"), QStringLiteral("add"), QStringLiteral("--origin=home"),
                QStringLiteral("--port=80"), QStringLiteral("--"), v};
    }
    if (f == QLatin1String("zone")) {
        return {QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("--provider=manual"),
                QStringLiteral("--"), v};
    }
    if (f == QLatin1String("name")) {
        return {QStringLiteral("origin"), QStringLiteral("add"),
                QStringLiteral("--ssh=root@192.168.1.20"), QStringLiteral("--"), v};
    }
    if (f == QLatin1String("ssh"))
        return {QStringLiteral("origin"), QStringLiteral("add"), QStringLiteral("o2"), QStringLiteral("--ssh=") + v};
    if (f == QLatin1String("public-ip")) {
        return {QStringLiteral("edge"), QStringLiteral("add"), QStringLiteral("e2"),
                QStringLiteral("--ssh=root@edge.example.org"), QStringLiteral("--public-ip=") + v};
    }
    if (f == QLatin1String("port"))
        return {QStringLiteral("route"), QStringLiteral("add"), QStringLiteral("new.example.com"),
                QStringLiteral("--origin=home"), QStringLiteral("--port=") + v};
    if (f == QLatin1String("health-path"))
        return route(QStringLiteral("--health-path"));
    if (f == QLatin1String("max-body"))
        return route(QStringLiteral("--max-body"));
    if (f == QLatin1String("timeout"))
        return route(QStringLiteral("--timeout"));
    if (f == QLatin1String("api-base")) {
        return {QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("new.example.org"),
                QStringLiteral("--provider=cloudflare"), QStringLiteral("--token-file=") + tokenFile,
                QStringLiteral("--api-base=") + v};
    }
    if (f == QLatin1String("tsig-name")) {
        return {QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("new.example.org"),
                QStringLiteral("--provider=rfc2136"), QStringLiteral("--server=127.0.0.1"),
                QStringLiteral("--tsig-secret-file=") + tsigFile, QStringLiteral("--tsig-name=") + v};
    }
    if (f == QLatin1String("wg-key")) {
        return {QStringLiteral("origin"), QStringLiteral("add"), QStringLiteral("o3"),
                QStringLiteral("--ssh=root@192.168.1.30"), QStringLiteral("--wg-public-key=") + v};
    }
    if (f == QLatin1String("setting-value"))
        return {QStringLiteral("settings"), QStringLiteral("set"), c.settingKey, v};
    return {};
}

} // namespace

// ≥ 10,000 hostile strings through the CLI, each in the field it targets:
// every one is refused with exit code 2 and a message naming the field, no
// row is stored, no setting changes and the rendered files stay byte-identical.
void TestCli::hostileInputsAreRefusedInProcess()
{
    describeSetup();
    const QString token = writeFile(QStringLiteral("token2"), "another-token-0123456789\n");
    const QString tsig = writeFile(QStringLiteral("tsig2"), "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\n");
    QTemporaryDir before;
    QCOMPARE(cli({QStringLiteral("render"), QStringLiteral("edge"), QStringLiteral("tokyo-1"),
                  QStringLiteral("--out"), before.path()})
                 .code,
             0);
    const QByteArray exportBefore = cli({QStringLiteral("export")}).out.toUtf8();

    const QList<HostileInputs::Case> cases = HostileInputs::generate(10000);
    QVERIFY(cases.size() >= 10000);
    int refused = 0;
    for (const HostileInputs::Case &c : cases) {
        const QStringList command = commandFor(c, token, tsig);
        QVERIFY2(!command.isEmpty(), qPrintable(c.field));
        const CliResult r = cli(command);
        if (r.code != 2) {
            QFAIL(qPrintable(QStringLiteral("%1 %2 was not refused (exit %3): %4")
                                 .arg(c.field, quoteForMessage(c.value))
                                 .arg(r.code)
                                 .arg(r.out + r.err)));
        }
        QVERIFY2(!r.err.isEmpty() && r.err.count(u'\n') <= 3, qPrintable(r.err));
        ++refused;
    }
    QCOMPARE(refused, int(cases.size()));
    QCOMPARE(cli({QStringLiteral("export")}).out.toUtf8(), exportBefore);
    QTemporaryDir after;
    QCOMPARE(cli({QStringLiteral("render"), QStringLiteral("edge"), QStringLiteral("tokyo-1"),
                  QStringLiteral("--out"), after.path()})
                 .code,
             0);
    QCOMPARE(renderedEdge(after.path()), renderedEdge(before.path()));
    QVERIFY(!QDir(m_dir->filePath(QStringLiteral("secrets"))).exists(QStringLiteral("zone-new.example.org")));
    qInfo("%d hostile inputs refused", refused);
}

// A sample through the real executable and its argv (which cannot carry NUL).
void TestCli::hostileInputsAreRefusedByTheExecutable()
{
    describeSetup();
    const QString token = writeFile(QStringLiteral("token3"), "another-token-0123456789\n");
    const QString tsig = writeFile(QStringLiteral("tsig3"), "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\n");
    const QByteArray exportBefore = cli({QStringLiteral("export")}).out.toUtf8();
    const QList<HostileInputs::Case> cases = HostileInputs::generate(10000);
    int ran = 0;
    for (qsizetype i = 0; i < cases.size() && ran < 250; i += 37) {
        if (cases[i].value.contains(QChar(0)))
            continue;
        const CliResult r = runKokoactl(m_dir->path(), commandFor(cases[i], token, tsig));
        QVERIFY2(r.code == 2, qPrintable(cases[i].field + QLatin1Char(' ')
                                         + quoteForMessage(cases[i].value) + r.err));
        ++ran;
    }
    QVERIFY(ran >= 200);
    QCOMPARE(cli({QStringLiteral("export")}).out.toUtf8(), exportBefore);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
