#include "CliRunner.h"
#include "HostileInputs.h"
#include "SmallDisk.h"
#include "core/DataDirectory.h"
#include "core/Error.h"
#include "core/Settings.h"
#include "health/EdgeLoad.h"
#include "health/HealthKey.h"
#include "store/StatusStore.h"
#include "store/Store.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

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
    void setSecretOnAFullDiskFailsAndKeepsTheOldSecret();
    void addingAnExistingZoneKeepsItsSecret();
    void importCannotBorrowAnotherZonesSecret();
    void edgesCannotShareAPublicAddressOrSshTarget();
    void exposedOrSpecialCredentialFilesAreRefused();
    void negativeSettingValueIsARangeError();
    void emptyDataDirectoryIsRefused();
    void zoneAddChecksTheCredentialsFirst();
    void zoneSetSecretChecksTheCredentialsFirst();
    void edgeUpdateKeepsTheTunnelAddress();
    void edgeUpdateRefusesBadInputAndKeepsTheState();
    void edgeProfileStoresTheProfileAndRefusesBadInput();
    void statusShowsEachEdgesLoad();
    void routeUpdateChangesTheRouteInPlace();
    void settingsListFollowsTheTable();
    void hostileInputsAreRefusedInProcess();
    void hostileInputsAreRefusedByTheExecutable();
    void certificateCommandsRefuseBadInput();
    void certificatesPlacedByHandAreListed();

private:
    CliResult cli(const QStringList &args) { return runCli(m_dir->path(), args); }
    void describeSetup();
    QByteArray renderedEdge(const QString &out);
    QString writeFile(const QString &name, const QByteArray &content);
    QJsonObject listed(const QString &kind, const QString &key, const QString &name);
    // The configuration and the number of events: what a refused change must not touch.
    QString state();

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

void TestCli::cleanup()
{
    m_dir.reset();
}

QString TestCli::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_files.filePath(name);
    QFile f(path);
    // Private to the owner, as kokoactl requires of a credential file.
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFile::ReadOwner | QFile::WriteOwner))
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
         token, QStringLiteral("--no-check")},
        {QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("example.net"),
         QStringLiteral("--provider"), QStringLiteral("rfc2136"), QStringLiteral("--server"),
         QStringLiteral("127.0.0.1:5353"), QStringLiteral("--tsig-name"),
         QStringLiteral("kokoa-key"), QStringLiteral("--tsig-secret-file"), tsig,
         QStringLiteral("--no-check")},
        {QStringLiteral("origin"), QStringLiteral("add"), QStringLiteral("home"),
         QStringLiteral("--ssh"), QStringLiteral("admin@192.168.1.10")},
        {QStringLiteral("edge"), QStringLiteral("add"), QStringLiteral("tokyo-1"),
         QStringLiteral("--ssh"), QStringLiteral("root@8.8.4.4"), QStringLiteral("--public-ip"),
         QStringLiteral("8.8.4.4"), QStringLiteral("--public-ip"), QStringLiteral("2a01:4f8::1")},
        {QStringLiteral("edge"), QStringLiteral("add"), QStringLiteral("osaka-1"),
         QStringLiteral("--ssh"), QStringLiteral("root@9.9.9.9:2222"),
         QStringLiteral("--public-ip"), QStringLiteral("9.9.9.9"), QStringLiteral("--profile"),
         QStringLiteral("under-attack")},
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
    // Given but empty is an error too, never "keep the setting".
    const CliResult empty =
        cli({QStringLiteral("init"), QStringLiteral("--tunnel-range"), QString()});
    QCOMPARE(empty.code, 2);
    QVERIFY2(empty.err.contains(QStringLiteral("tunnel-range")), qPrintable(empty.err));
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
    const QJsonArray edges =
        QJsonDocument::fromJson(
            cli({QStringLiteral("edge"), QStringLiteral("list"), QStringLiteral("--json")})
                .out.toUtf8())
            .array();
    QCOMPARE(edges.size(), 2);
    QCOMPARE(edges.at(0).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("osaka-1"));
    QCOMPARE(edges.at(0).toObject().value(QStringLiteral("ssh")).toString(),
             QStringLiteral("root@9.9.9.9:2222"));
    QCOMPARE(edges.at(0).toObject().value(QStringLiteral("profile")).toString(),
             QStringLiteral("under-attack"));
    const QJsonObject settings =
        QJsonDocument::fromJson(
            cli({QStringLiteral("settings"), QStringLiteral("list"), QStringLiteral("--json")})
                .out.toUtf8())
            .object();
    QCOMPARE(settings.value(QStringLiteral("health.fall")).toString(), QStringLiteral("3"));
}

void TestCli::nonPublicEdgeAddressNeedsTheTestSwitch()
{
    QCOMPARE(cli({QStringLiteral("init")}).code, 0);
    const QStringList add{QStringLiteral("edge"),          QStringLiteral("add"),
                          QStringLiteral("lab"),           QStringLiteral("--ssh"),
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
    const CliResult r =
        cli({QStringLiteral("origin"), QStringLiteral("rm"), QStringLiteral("home")});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(QStringLiteral("chat.example.net, www.example.com")));
    QVERIFY(cli({QStringLiteral("origin"), QStringLiteral("list")})
                .out.contains(QStringLiteral("home")));
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
    const CliResult r =
        cli({QStringLiteral("render"), QStringLiteral("edge"), QStringLiteral("tokyo-1"),
             QStringLiteral("--out"), out.path(), QStringLiteral("--json")});
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
    QCOMPARE(QFileInfo(out.filePath(QStringLiteral("etc/wireguard/kokoa0.conf"))).permissions() &
                 (QFileDevice::ReadOther | QFileDevice::ReadGroup),
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
    const CliResult replaced =
        cli({QStringLiteral("render"), QStringLiteral("edge"), QStringLiteral("tokyo-1"),
             QStringLiteral("--out"), out.path()});
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
    const CliResult refused =
        cli({QStringLiteral("render"), QStringLiteral("edge"), QStringLiteral("tokyo-1"),
             QStringLiteral("--out"), second.path()});
    QVERIFY(refused.code != 0);
    QVERIFY2(refused.err.contains(QStringLiteral("symbolic link")), qPrintable(refused.err));
    QCOMPARE(QDir(victim.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("precious")});
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
        QVERIFY2(r.err.contains(QStringLiteral("out: ")),
                 qPrintable(out + QStringLiteral(": ") + r.err));
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
        const QString file =
            writeFile(QStringLiteral("bad.json"), QJsonDocument(document).toJson());
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

    // Regression test: the range's network and broadcast addresses were accepted.
    for (const QString &address :
         {QStringLiteral("10.100.0.0"), QStringLiteral("10.100.255.255")}) {
        bad = root;
        origin = bad.value(QStringLiteral("origins")).toArray().at(0).toObject();
        origin.insert(QStringLiteral("tunnel_address"), address);
        bad.insert(QStringLiteral("origins"), QJsonArray{origin});
        r = tryImport(bad);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(address + QStringLiteral(" is the")) &&
                     r.err.contains(QStringLiteral("address of tunnel.range")),
                 qPrintable(r.err));
    }

    QCOMPARE(
        cli({QStringLiteral("import"), writeFile(QStringLiteral("junk.json"), "{not json")}).code,
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
    QCOMPARE(
        cli({QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("example.com")}).code,
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
    QCOMPARE(QFileInfo(secretFile).permissions() &
                 ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                   QFileDevice::WriteUser),
             QFileDevice::Permissions());
    QFile db(m_dir->filePath(QStringLiteral("kokoa.sqlite")));
    QVERIFY(db.open(QIODevice::ReadOnly));
    QVERIFY(!db.readAll().contains("cf-token-0123456789abcdef"));
    for (const QStringList &args :
         {QStringList{QStringLiteral("zone"), QStringLiteral("list")},
          QStringList{QStringLiteral("zone"), QStringLiteral("list"), QStringLiteral("--json")},
          QStringList{QStringLiteral("export")}, QStringList{QStringLiteral("events")}}) {
        const CliResult r = cli(args);
        QVERIFY(!r.out.contains(QStringLiteral("cf-token")));
        QVERIFY(!r.err.contains(QStringLiteral("cf-token")));
    }
}

// Regression test: `zone set-secret` on a full disk printed "stored", exited 0
// and left an empty secret.
void TestCli::setSecretOnAFullDiskFailsAndKeepsTheOldSecret()
{
    if (!SmallDisk::available())
        QSKIP("needs root to mount a small tmpfs that can be filled");
    const QString secretsDir = m_dir->filePath(QStringLiteral("secrets"));
    QVERIFY(QDir().mkpath(secretsDir));
    SmallDisk disk(secretsDir, 64);
    QVERIFY2(disk.error().isEmpty(), qPrintable(disk.error()));
    describeSetup();
    QFile stored(secretsDir + QStringLiteral("/zone-example.com"));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    const QByteArray before = stored.readAll();
    stored.close();
    QCOMPARE(before, QByteArray("cf-token-0123456789abcdef"));
    QVERIFY(disk.fill());

    const QString replacement =
        writeFile(QStringLiteral("new-token"), "new-token-" + QByteArray(300, 'n') + "\n");
    CliResult r =
        cli({QStringLiteral("zone"), QStringLiteral("set-secret"), QStringLiteral("example.com"),
             QStringLiteral("--file"), replacement, QStringLiteral("--no-check")});
    QVERIFY2(r.code == 1, qPrintable(QString::number(r.code) + r.out + r.err));
    QVERIFY2(!r.out.contains(QStringLiteral("stored")), qPrintable(r.out));
    QVERIFY2(r.err.contains(QStringLiteral("cannot write secret zone-example.com")),
             qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral("new-token")));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), before);

    // A new zone whose secret cannot be written is not stored either.
    r = cli({QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("example.org"),
             QStringLiteral("--provider"), QStringLiteral("cloudflare"),
             QStringLiteral("--token-file"), replacement, QStringLiteral("--no-check")});
    QVERIFY2(r.code == 1, qPrintable(QString::number(r.code) + r.out + r.err));
    QVERIFY2(r.err.contains(QStringLiteral("cannot write secret zone-example.org")),
             qPrintable(r.err));
    QVERIFY(!cli({QStringLiteral("zone"), QStringLiteral("list")})
                 .out.contains(QStringLiteral("example.org")));
    QVERIFY(!QFile::exists(secretsDir + QStringLiteral("/zone-example.org")));
}

// Regression test: `zone add` of an existing zone wrote the new secret over the
// existing zone's one before it found the zone already there.
void TestCli::addingAnExistingZoneKeepsItsSecret()
{
    describeSetup();
    const QString secretsDir = m_dir->filePath(QStringLiteral("secrets"));
    auto read = [&](const QString &name) {
        QFile f(secretsDir + QLatin1Char('/') + name);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
    };
    const QByteArray cloudflareBefore = read(QStringLiteral("zone-example.com"));
    const QByteArray tsigBefore = read(QStringLiteral("zone-example.net"));
    QCOMPARE(cloudflareBefore, QByteArray("cf-token-0123456789abcdef"));
    const QByteArray exportBefore = cli({QStringLiteral("export")}).out.toUtf8();

    const QString token = writeFile(QStringLiteral("attacker-token"), "attacker-token-987654321\n");
    CliResult r = cli({QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("example.com"),
                       QStringLiteral("--provider"), QStringLiteral("cloudflare"),
                       QStringLiteral("--token-file"), token});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("already exists")), qPrintable(r.err));
    QCOMPARE(read(QStringLiteral("zone-example.com")), cloudflareBefore);

    const QString tsig = writeFile(QStringLiteral("other-tsig"), "b3RoZXJvdGhlcm90aGVyb3RoZXI=\n");
    r = cli({QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("example.net"),
             QStringLiteral("--provider"), QStringLiteral("rfc2136"), QStringLiteral("--server"),
             QStringLiteral("127.0.0.1:5353"), QStringLiteral("--tsig-name"),
             QStringLiteral("kokoa-key"), QStringLiteral("--tsig-secret-file"), tsig});
    QCOMPARE(r.code, 2);
    QCOMPARE(read(QStringLiteral("zone-example.net")), tsigBefore);

    // The same zone under another provider is refused the same way; nothing changed.
    r = cli({QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("example.net"),
             QStringLiteral("--provider"), QStringLiteral("cloudflare"),
             QStringLiteral("--token-file"), token});
    QCOMPARE(r.code, 2);
    QCOMPARE(read(QStringLiteral("zone-example.net")), tsigBefore);
    QCOMPARE(cli({QStringLiteral("export")}).out.toUtf8(), exportBefore);
    QVERIFY(cli({QStringLiteral("zone"), QStringLiteral("list")})
                .out.contains(QStringLiteral("stored")));
}

// Regression test: an imported zone's secret_ref was taken as is, so a zone
// whose API base the file chose could be given another zone's token (sent at
// the next `dns sync`, even with --dry-run); plain http to a host name was
// accepted on a test network.
void TestCli::importCannotBorrowAnotherZonesSecret()
{
    describeSetup();
    const QByteArray before = cli({QStringLiteral("export")}).out.toUtf8();
    const QJsonObject root = QJsonDocument::fromJson(before).object();
    auto withZone = [&](const QJsonObject &zone) {
        QJsonObject document = root;
        QJsonArray zones = root.value(QStringLiteral("zones")).toArray();
        zones.append(zone);
        document.insert(QStringLiteral("zones"), zones);
        return writeFile(QStringLiteral("borrow.json"), QJsonDocument(document).toJson());
    };
    QJsonObject thief{{QStringLiteral("name"), QStringLiteral("example.org")},
                      {QStringLiteral("provider"), QStringLiteral("cloudflare")},
                      {QStringLiteral("provider_settings"),
                       QJsonObject{{QStringLiteral("api_base"),
                                    QStringLiteral("https://collector.example.org/v4")}}},
                      {QStringLiteral("secret_ref"), QStringLiteral("zone-example.com")}};
    CliResult r = cli({QStringLiteral("import"), withZone(thief)});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("zone example.org secret_ref")) &&
                 r.err.contains(QStringLiteral("zone-example.org")),
             qPrintable(r.err));
    QCOMPARE(cli({QStringLiteral("export")}).out.toUtf8(), before);

    // Plain http to anything but loopback is refused, even on a test network.
    thief.insert(QStringLiteral("secret_ref"), QStringLiteral("zone-example.org"));
    thief.insert(QStringLiteral("provider_settings"),
                 QJsonObject{{QStringLiteral("api_base"),
                              QStringLiteral("http://collector.example.org/v4")}});
    qputenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES", "1");
    r = cli({QStringLiteral("import"), withZone(thief)});
    qunsetenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES");
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("api-base")) &&
                 r.err.contains(QStringLiteral("loopback")),
             qPrintable(r.err));
    QCOMPARE(cli({QStringLiteral("export")}).out.toUtf8(), before);

    // Left empty, the reference is the zone's own; its secret is missing, not borrowed.
    thief.insert(QStringLiteral("secret_ref"), QString());
    thief.insert(QStringLiteral("provider_settings"),
                 QJsonObject{{QStringLiteral("api_base"),
                              QStringLiteral("https://collector.example.org/v4")}});
    r = cli({QStringLiteral("import"), withZone(thief)});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("zone set-secret example.org")), qPrintable(r.err));
    const QJsonArray zones =
        QJsonDocument::fromJson(
            cli({QStringLiteral("--json"), QStringLiteral("zone"), QStringLiteral("list")})
                .out.toUtf8())
            .array();
    bool seen = false;
    for (const QJsonValue &z : zones) {
        if (z.toObject().value(QStringLiteral("name")).toString() != QLatin1String("example.org"))
            continue;
        seen = true;
        QCOMPARE(z.toObject().value(QStringLiteral("secret_ref")).toString(),
                 QStringLiteral("zone-example.org"));
        QCOMPARE(z.toObject().value(QStringLiteral("secret_present")).toBool(), false);
    }
    QVERIFY(seen);
}

// Regression test: a second edge could be added on the public address or the
// SSH target of an existing one.
void TestCli::edgesCannotShareAPublicAddressOrSshTarget()
{
    describeSetup();
    const QByteArray before = cli({QStringLiteral("export")}).out.toUtf8();
    auto addEdge = [&](const QString &ssh, const QStringList &addresses) {
        QStringList args{QStringLiteral("edge"), QStringLiteral("add"), QStringLiteral("kyoto-1"),
                         QStringLiteral("--ssh"), ssh};
        for (const QString &a : addresses)
            args << QStringLiteral("--public-ip") << a;
        return cli(args);
    };
    CliResult r = addEdge(QStringLiteral("root@1.1.1.1"), {QStringLiteral("8.8.4.4")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("public-ip 8.8.4.4")) &&
                 r.err.contains(QStringLiteral("tokyo-1")),
             qPrintable(r.err));
    r = addEdge(QStringLiteral("root@1.1.1.1"),
                {QStringLiteral("1.1.1.1"), QStringLiteral("2a01:4f8::1")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("public-ip 2a01:4f8::1")), qPrintable(r.err));
    r = addEdge(QStringLiteral("admin@9.9.9.9:2222"), {QStringLiteral("1.1.1.1")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("ssh host 9.9.9.9 port 2222")) &&
                 r.err.contains(QStringLiteral("osaka-1")),
             qPrintable(r.err));
    QCOMPARE(cli({QStringLiteral("export")}).out.toUtf8(), before);

    // The same through an import.
    QJsonObject root = QJsonDocument::fromJson(before).object();
    QJsonArray edges = root.value(QStringLiteral("edges")).toArray();
    QJsonObject twin = edges.at(0).toObject();
    twin.insert(QStringLiteral("name"), QStringLiteral("twin"));
    twin.insert(QStringLiteral("public_ipv4"), QStringLiteral("1.0.0.1"));
    twin.insert(QStringLiteral("public_ipv6"), QString());
    twin.insert(QStringLiteral("tunnel_address"), QStringLiteral("10.100.0.99"));
    edges.append(twin);
    root.insert(QStringLiteral("edges"), edges);
    r = cli({QStringLiteral("import"),
             writeFile(QStringLiteral("twin.json"), QJsonDocument(root).toJson())});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("edge twin: ssh host")), qPrintable(r.err));
    QCOMPARE(cli({QStringLiteral("export")}).out.toUtf8(), before);
}

// Regression test: a token file others could read was accepted silently, and
// a FIFO given as a token file blocked kokoactl forever.
void TestCli::exposedOrSpecialCredentialFilesAreRefused()
{
    QCOMPARE(cli({QStringLiteral("init")}).code, 0);
    const QString token = writeFile(QStringLiteral("exposed-token"), "cf-token-0123456789abcdef\n");
    const QStringList add{QStringLiteral("zone"),
                          QStringLiteral("add"),
                          QStringLiteral("example.com"),
                          QStringLiteral("--provider"),
                          QStringLiteral("cloudflare"),
                          QStringLiteral("--token-file"),
                          token};
    QVERIFY(QFile::setPermissions(token, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                             QFile::ReadOther));
    CliResult r = cli(add);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("token-file")) &&
                 r.err.contains(QStringLiteral("0644")) &&
                 r.err.contains(QStringLiteral("chmod 600")),
             qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral("cf-token")));
    QVERIFY(!QFile::exists(m_dir->filePath(QStringLiteral("secrets/zone-example.com"))));
    QVERIFY(QFile::setPermissions(token, QFile::ReadOwner | QFile::WriteOwner | QFile::WriteGroup));
    r = cli(add);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("0620")) && r.err.contains(QStringLiteral("write")),
             qPrintable(r.err));

    QVERIFY(QFile::setPermissions(token, QFile::ReadOwner | QFile::WriteOwner));
    QCOMPARE(cli(add + QStringList{QStringLiteral("--no-check")}).code, 0);
    // set-secret reads its file under the same rules.
    const QString exposed = writeFile(QStringLiteral("exposed-2"), "other-token-0123456789\n");
    QVERIFY(QFile::setPermissions(exposed, QFile::ReadOwner | QFile::ReadOther));
    r = cli({QStringLiteral("zone"), QStringLiteral("set-secret"), QStringLiteral("example.com"),
             QStringLiteral("--file"), exposed});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("0404")), qPrintable(r.err));

    // A FIFO nobody writes to, a device and a directory are refused at once.
    const QString fifo = m_files.filePath(QStringLiteral("token-fifo"));
    QFile::remove(fifo);
    QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
    for (const QString &special : {fifo, QStringLiteral("/dev/zero"), m_files.path()}) {
        QElapsedTimer timer;
        timer.start();
        // The real executable: in process, a hang would take the test with it.
        r = runKokoactl(m_dir->path(),
                        {QStringLiteral("zone"), QStringLiteral("set-secret"),
                         QStringLiteral("example.com"), QStringLiteral("--file"), special});
        QVERIFY2(r.code == 2,
                 qPrintable(special + QStringLiteral(": exit %1 ").arg(r.code) + r.err));
        QVERIFY2(r.err.contains(QStringLiteral("not a regular file")), qPrintable(r.err));
        QVERIFY(timer.elapsed() < 30000);
    }
    QFile stored(m_dir->filePath(QStringLiteral("secrets/zone-example.com")));
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), QByteArray("cf-token-0123456789abcdef"));
}

QJsonObject TestCli::listed(const QString &kind, const QString &key, const QString &name)
{
    const QJsonArray all =
        QJsonDocument::fromJson(
            cli({QStringLiteral("--json"), kind, QStringLiteral("list")}).out.toUtf8())
            .array();
    for (const QJsonValue &v : all) {
        if (v.toObject().value(key).toString() == name)
            return v.toObject();
    }
    return {};
}

QString TestCli::state()
{
    const CliResult exported = cli({QStringLiteral("export")});
    const CliResult events =
        cli({QStringLiteral("--json"), QStringLiteral("events"), QStringLiteral("--limit=1000")});
    return exported.out +
           QString::number(QJsonDocument::fromJson(events.out.toUtf8()).array().size());
}

void TestCli::edgeUpdateKeepsTheTunnelAddress()
{
    describeSetup();
    const QString edge = QStringLiteral("edge");
    const QJsonObject before = listed(edge, QStringLiteral("name"), QStringLiteral("tokyo-1"));
    const QString tunnel = before.value(QStringLiteral("tunnel_address")).toString();
    QVERIFY(!tunnel.isEmpty());

    CliResult r = cli({edge, QStringLiteral("update"), QStringLiteral("tokyo-1"),
                       QStringLiteral("--public-ip"), QStringLiteral("8.8.8.8"),
                       QStringLiteral("--ssh"), QStringLiteral("root@8.8.8.8")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("edge tokyo-1 updated (ssh, public-ip)")) &&
                 r.out.contains(tunnel),
             qPrintable(r.out));
    const QJsonObject after = listed(edge, QStringLiteral("name"), QStringLiteral("tokyo-1"));
    QCOMPARE(after.value(QStringLiteral("tunnel_address")).toString(), tunnel);
    QCOMPARE(after.value(QStringLiteral("public_ipv4")).toString(), QStringLiteral("8.8.8.8"));
    // --public-ip gives the whole set: the IPv6 address not given again is gone.
    QVERIFY(after.value(QStringLiteral("public_ipv6")).toString().isEmpty());
    QCOMPARE(after.value(QStringLiteral("ssh")).toString(), QStringLiteral("root@8.8.8.8"));
    QCOMPARE(after.value(QStringLiteral("profile")).toString(), QStringLiteral("normal"));

    // The same values again change nothing, and say so.
    const QString unchanged = state();
    r = cli({edge, QStringLiteral("update"), QStringLiteral("tokyo-1"),
             QStringLiteral("--public-ip=8.8.8.8")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("edge tokyo-1 unchanged")), qPrintable(r.out));
    QCOMPARE(state(), unchanged);

    r = cli({QStringLiteral("--json"), edge, QStringLiteral("update"), QStringLiteral("tokyo-1"),
             QStringLiteral("--profile"), QStringLiteral("under-attack")});
    QCOMPARE(r.code, 0);
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("changed")).toArray(),
             QJsonArray({QStringLiteral("profile")}));
    QCOMPARE(json.value(QStringLiteral("tunnel_address")).toString(), tunnel);
}

void TestCli::edgeUpdateRefusesBadInputAndKeepsTheState()
{
    describeSetup();
    const QString before = state();
    struct Case
    {
        QStringList args;
        QString errorStart; // after "kokoactl: "
    };
    const QList<Case> cases{
        {{QStringLiteral("tokyo-1")}, QStringLiteral("edge update: nothing to change")},
        {{QStringLiteral("tokyo-1"), QStringLiteral("--colour=red")}, QString()},
        {{QStringLiteral("ghost"), QStringLiteral("--profile=normal")},
         QStringLiteral("edge \"ghost\" does not exist")},
        {{QStringLiteral("tokyo-1"), QStringLiteral("--public-ip=10.0.0.1")},
         QStringLiteral("public-ip: ")},
        {{QStringLiteral("tokyo-1"), QStringLiteral("--public-ip=9.9.9.9")},
         QStringLiteral("edge tokyo-1: public-ip 9.9.9.9 is used by another edge")},
        {{QStringLiteral("tokyo-1"), QStringLiteral("--ssh=root@9.9.9.9:2222")},
         QStringLiteral("edge tokyo-1: ssh host 9.9.9.9 port 2222 is used by another edge")},
        {{QStringLiteral("tokyo-1"), QStringLiteral("--ssh=root@8.8.4.4;reboot")},
         QStringLiteral("ssh: ")},
        {{QStringLiteral("tokyo-1"), QStringLiteral("--profile=loud")},
         QStringLiteral("profile: ")},
        {{QStringLiteral("tokyo-1"), QStringLiteral("--provider=vultr")},
         QStringLiteral("provider: ")},
        {{QStringLiteral("tokyo-1"), QStringLiteral("--provider=Vultr!"),
          QStringLiteral("--provider-id=1")},
         QStringLiteral("edge tokyo-1 provider: ")},
    };
    for (const Case &c : cases) {
        const CliResult r =
            cli(QStringList{QStringLiteral("edge"), QStringLiteral("update")} + c.args);
        QVERIFY2(r.code == 2, qPrintable(c.args.join(u' ') + QStringLiteral(": ") + r.err));
        QVERIFY2(r.err.startsWith(QStringLiteral("kokoactl: ") + c.errorStart),
                 qPrintable(c.args.join(u' ') + QStringLiteral(": ") + r.err));
        QCOMPARE(state(), before);
    }
}

void TestCli::edgeProfileStoresTheProfileAndRefusesBadInput()
{
    describeSetup();
    const QString edge = QStringLiteral("edge");
    const QString profile = QStringLiteral("profile");
    const QString unchanged = state();
    const QList<std::pair<QStringList, QString>> refused{
        {{QStringLiteral("tokyo-1"), QStringLiteral("attack")}, QStringLiteral("profile")},
        {{QStringLiteral("nowhere"), QStringLiteral("under-attack")},
         QStringLiteral("edge nowhere does not exist")},
        {{QStringLiteral("tokyo-1")}, QStringLiteral("usage: kokoactl edge profile")},
        {{QStringLiteral("Tokyo 1"), QStringLiteral("normal")}, QStringLiteral("name")},
    };
    for (const auto &[args, why] : refused) {
        const CliResult r = cli(QStringList{edge, profile} + args);
        QVERIFY2(r.code != 0, qPrintable(args.join(u' ')));
        QVERIFY2(r.err.contains(why), qPrintable(r.err));
    }
    QCOMPARE(state(), unchanged);

    // tokyo-1 was never deployed: stored, and its first deployment applies it.
    CliResult r = cli({edge, profile, QStringLiteral("tokyo-1"), QStringLiteral("under-attack")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("edge tokyo-1: profile under-attack stored (was "
                                           "normal); its first deployment applies it")),
             qPrintable(r.out));
    QCOMPARE(listed(edge, QStringLiteral("name"), QStringLiteral("tokyo-1"))
                 .value(QStringLiteral("profile"))
                 .toString(),
             QStringLiteral("under-attack"));
    const CliResult events = cli({QStringLiteral("events")});
    QVERIFY2(events.out.contains(QStringLiteral("profile under-attack")), qPrintable(events.out));

    r = cli({edge, profile, QStringLiteral("tokyo-1"), QStringLiteral("under-attack")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("already has the under-attack profile")),
             qPrintable(r.out));
    r = cli({QStringLiteral("--json"), edge, profile, QStringLiteral("osaka-1"),
             QStringLiteral("normal"), QStringLiteral("--no-deploy")});
    QCOMPARE(r.code, 0);
    const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(json.value(QStringLiteral("profile")).toString(), QStringLiteral("normal"));
    QCOMPARE(json.value(QStringLiteral("changed")).toBool(), true);
    QCOMPARE(json.value(QStringLiteral("deployed")).toBool(), false);
}

// `status` shows the requests/s and open connections the acting monitor
// published for each edge (here written as the monitor writes them).
void TestCli::statusShowsEachEdgesLoad()
{
    describeSetup();
    {
        auto store = Store::open(DataDirectory::databasePath(m_dir->path()));
        QVERIFY(store);
        EdgeLoad busy;
        busy.atMs = QDateTime::currentMSecsSinceEpoch();
        busy.requestsPerSecond = 1234.5;
        busy.connections = 321;
        EdgeLoad failing;
        failing.error = QStringLiteral("root@9.9.9.9:2222: connection refused");
        const QString busyKey = HealthKey::edgeLoad(QStringLiteral("tokyo-1")).toString();
        const QString failingKey = HealthKey::edgeLoad(QStringLiteral("osaka-1")).toString();
        StatusStore status((*store)->database());
        QVERIFY(status.publishHealth(
            {{busyKey, QStringLiteral("ok"), busy.atMs, busy.toDetail(), 0},
             {failingKey, QStringLiteral("error"), 0, failing.toDetail(), 0}}));
    }
    const CliResult text = cli({QStringLiteral("status")});
    QVERIFY2(text.code == 0, qPrintable(text.err));
    const QStringList lines = text.out.split(u'\n');
    QVERIFY2(lines.value(0).contains(QStringLiteral("REQ/S")) &&
                 lines.value(0).contains(QStringLiteral("CONNS")),
             qPrintable(text.out));
    const QString tokyo = lines.filter(QStringLiteral("tokyo-1")).value(0);
    QVERIFY2(tokyo.contains(QStringLiteral("1234.5")) && tokyo.contains(QStringLiteral("321")),
             qPrintable(text.out));
    const QString osaka = lines.filter(QStringLiteral("osaka-1")).value(0);
    QVERIFY2(!osaka.isEmpty() && !osaka.contains(QStringLiteral("321")), qPrintable(text.out));

    const CliResult json = cli({QStringLiteral("--json"), QStringLiteral("status")});
    QCOMPARE(json.code, 0);
    const QJsonArray edges = QJsonDocument::fromJson(json.out.toUtf8())
                                 .object()
                                 .value(QStringLiteral("edges"))
                                 .toArray();
    QCOMPARE(edges.size(), 2);
    for (const QJsonValue &v : edges) {
        const QJsonObject e = v.toObject();
        const QJsonObject load = e.value(QStringLiteral("load")).toObject();
        if (e.value(QStringLiteral("name")).toString() == QStringLiteral("tokyo-1")) {
            QCOMPARE(load.value(QStringLiteral("requests_per_s")).toDouble(), 1234.5);
            QCOMPARE(load.value(QStringLiteral("connections")).toInt(), 321);
            QVERIFY(!load.contains(QStringLiteral("error")));
        } else {
            QVERIFY(load.value(QStringLiteral("requests_per_s")).isNull());
            QVERIFY2(load.value(QStringLiteral("error"))
                         .toString()
                         .contains(QStringLiteral("connection refused")),
                     qPrintable(json.out));
        }
    }
}

void TestCli::routeUpdateChangesTheRouteInPlace()
{
    describeSetup();
    const QString route = QStringLiteral("route");
    const QString host = QStringLiteral("www.example.com");
    CliResult r = cli({route, QStringLiteral("update"), host, QStringLiteral("--port"),
                       QStringLiteral("9090"), QStringLiteral("--websocket"), QStringLiteral("on"),
                       QStringLiteral("--health-path"), QStringLiteral("/up")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("updated (port, websocket, timeout, health-path)")),
             qPrintable(r.out));
    QJsonObject after = listed(route, QStringLiteral("hostname"), host);
    QCOMPARE(after.value(QStringLiteral("port")).toInt(), 9090);
    QCOMPARE(after.value(QStringLiteral("websocket")).toBool(), true);
    // As with `route add --websocket`: the websocket default timeout.
    QCOMPARE(after.value(QStringLiteral("timeout_seconds")).toInt(), 3600);
    QCOMPARE(after.value(QStringLiteral("health_path")).toString(), QStringLiteral("/up"));
    QCOMPARE(after.value(QStringLiteral("zone")).toString(), QStringLiteral("example.com"));

    r = cli({route, QStringLiteral("update"), host, QStringLiteral("--port=9090")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains(QStringLiteral("unchanged")), qPrintable(r.out));

    const QString before = state();
    const QList<std::pair<QStringList, QString>> refused{
        {{host}, QStringLiteral("route update: nothing to change")},
        {{host, QStringLiteral("--websocket=yes")}, QStringLiteral("websocket: ")},
        {{host, QStringLiteral("--port=0")}, QStringLiteral("port: ")},
        {{host, QStringLiteral("--port=65536")}, QStringLiteral("port: ")},
        {{host, QStringLiteral("--health-path=/a b")}, QStringLiteral("health-path: ")},
        {{host, QStringLiteral("--origin=nowhere")},
         QStringLiteral("origin \"nowhere\" does not exist")},
        {{host, QStringLiteral("--tls=maybe")}, QStringLiteral("tls: ")},
        {{QStringLiteral("nope.example.com"), QStringLiteral("--port=80")},
         QStringLiteral("route \"nope.example.com\" does not exist")},
        {{host, QStringLiteral("--weight=3")}, QString()},
    };
    for (const auto &[args, errorStart] : refused) {
        r = cli(QStringList{route, QStringLiteral("update")} + args);
        QVERIFY2(r.code == 2, qPrintable(args.join(u' ') + QStringLiteral(": ") + r.err));
        QVERIFY2(r.err.startsWith(QStringLiteral("kokoactl: ") + errorStart),
                 qPrintable(args.join(u' ') + QStringLiteral(": ") + r.err));
        QCOMPARE(state(), before);
    }
}

// `settings list` shows every row of the settings table, and nothing else.
void TestCli::settingsListFollowsTheTable()
{
    QCOMPARE(cli({QStringLiteral("init")}).code, 0);
    const QJsonObject json =
        QJsonDocument::fromJson(
            cli({QStringLiteral("--json"), QStringLiteral("settings"), QStringLiteral("list")})
                .out.toUtf8())
            .object();
    const CliResult table = cli({QStringLiteral("settings"), QStringLiteral("list")});
    QCOMPARE(table.code, 0);
    QStringList keys;
    for (const Settings::Definition &d : Settings::definitions()) {
        const QString key = QString::fromLatin1(d.key);
        keys.append(key);
        QCOMPARE(json.value(key).toString(), QString::fromLatin1(d.defaultValue));
        QVERIFY2(table.out.contains(key) && table.out.contains(Settings::tr(d.description)),
                 qPrintable(key));
    }
    keys.sort();
    QCOMPARE(json.keys(), keys); // QJsonObject keys come sorted
    const CliResult enabled = cli({QStringLiteral("settings"), QStringLiteral("set"),
                                   QStringLiteral("edges.auto_replace"), QStringLiteral("true")});
    QCOMPARE(enabled.code, 0);
    // status says what automatic replacement will do, and how much of the
    // day's cap is spent.
    const CliResult status = cli({QStringLiteral("status")});
    QVERIFY2(status.out.contains(QStringLiteral("Automatic replacement: on, after 300 s down from "
                                                "every vantage; 0 of 3 in the last 24 hours")),
             qPrintable(status.out));
    const QJsonObject auto_ =
        QJsonDocument::fromJson(
            cli({QStringLiteral("--json"), QStringLiteral("status")}).out.toUtf8())
            .object()
            .value(QStringLiteral("auto_replace"))
            .toObject();
    QCOMPARE(auto_.value(QStringLiteral("enabled")).toBool(), true);
    QCOMPARE(auto_.value(QStringLiteral("last_24h")).toInt(), 0);
    const CliResult refused = cli({QStringLiteral("settings"), QStringLiteral("set"),
                                   QStringLiteral("edges.auto_replace"), QStringLiteral("maybe")});
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains(QStringLiteral("edges.auto_replace")), qPrintable(refused.err));
}

// Regression test: `settings set dns.ttl -1` said "Unknown option '1'".
void TestCli::negativeSettingValueIsARangeError()
{
    QCOMPARE(cli({QStringLiteral("init")}).code, 0);
    for (const QString &value : {QStringLiteral("-1"), QStringLiteral("-86400")}) {
        const CliResult r = cli(
            {QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("dns.ttl"), value});
        QCOMPARE(r.code, 2);
        QVERIFY2(!r.err.contains(QStringLiteral("Unknown option")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("dns.ttl")) &&
                     r.err.contains(QStringLiteral("from 30 to 86400")),
                 qPrintable(r.err));
    }
    // An explicit "--" still works, and a good value is stored.
    QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("--"),
                  QStringLiteral("dns.ttl"), QStringLiteral("-5")})
                 .code,
             2);
    QCOMPARE(cli({QStringLiteral("settings"), QStringLiteral("set"), QStringLiteral("dns.ttl"),
                  QStringLiteral("120")})
                 .code,
             0);
    const QJsonObject settings =
        QJsonDocument::fromJson(
            cli({QStringLiteral("--json"), QStringLiteral("settings"), QStringLiteral("list")})
                .out.toUtf8())
            .object();
    QCOMPARE(settings.value(QStringLiteral("dns.ttl")).toString(), QStringLiteral("120"));
}

// Regression test: `--data-dir ''` (and an empty KOKOA_DATA_DIR) silently used
// the default data directory.
void TestCli::emptyDataDirectoryIsRefused()
{
    QTemporaryDir home;
    const QByteArray savedXdg = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", QFile::encodeName(home.path()));
    auto run = [](const QStringList &args) {
        CliResult result;
        QTextStream out(&result.out);
        QTextStream err(&result.err);
        result.code = kokoa::cli::Cli::run(args, out, err);
        return result;
    };
    CliResult r = run({QStringLiteral("--data-dir"), QString(), QStringLiteral("init")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("--data-dir is empty")), qPrintable(r.err));
    r = run({QStringLiteral("--data-dir="), QStringLiteral("init")});
    QCOMPARE(r.code, 2);
    qputenv("KOKOA_DATA_DIR", QByteArray());
    r = run({QStringLiteral("init")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(QStringLiteral("KOKOA_DATA_DIR is set but empty")), qPrintable(r.err));
    // An explicit directory still wins over the empty variable.
    QCOMPARE(run({QStringLiteral("--data-dir"), m_dir->path(), QStringLiteral("init")}).code, 0);
    qunsetenv("KOKOA_DATA_DIR");
    if (savedXdg.isNull())
        qunsetenv("XDG_DATA_HOME");
    else
        qputenv("XDG_DATA_HOME", savedXdg);
    // Nothing was created in the default location.
    QVERIFY(QDir(home.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

// Regression test: `zone add` accepted any token or TSIG key; a wrong one was
// found only when DNS had to change.
namespace {

// The Cloudflare emulator program on 127.0.0.1, serving example.com to one
// token; returns its API base (empty if it did not come up).
QString startEmulator(QProcess &emulator, const QString &tokenFile, const QString &requestLog)
{
    emulator.start(QStringLiteral(KOKOA_CLOUDFLARE_EMULATOR),
                   {QStringLiteral("--listen"), QStringLiteral("127.0.0.1"),
                    QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--token-file"),
                    tokenFile, QStringLiteral("--zone"), QStringLiteral("example.com"),
                    QStringLiteral("--request-log"), requestLog});
    if (!emulator.waitForStarted(10000))
        return {};
    QString apiBase;
    QDeadlineTimer listening(20000);
    while (apiBase.isEmpty() && !listening.hasExpired() && emulator.waitForReadyRead(1000)) {
        const QString line = QString::fromUtf8(emulator.readLine()).trimmed();
        if (line.startsWith(QLatin1String("listening ")))
            apiBase = line.mid(10);
    }
    if (apiBase.isEmpty())
        qWarning("emulator: %s", emulator.readAllStandardError().constData());
    return apiBase;
}

} // namespace

void TestCli::zoneAddChecksTheCredentialsFirst()
{
    QCOMPARE(cli({QStringLiteral("init")}).code, 0);
    const QString accepted = writeFile(QStringLiteral("emulator-token"), "good-token-0123456789\n");
    const QString requestLog = m_files.filePath(QStringLiteral("requests.jsonl"));
    QFile::remove(requestLog);
    QProcess emulator;
    const QString apiBase = startEmulator(emulator, accepted, requestLog);
    QVERIFY(!apiBase.isEmpty());
    auto requests = [&] {
        QFile f(requestLog);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    auto add = [&](const QString &zone, const QByteArray &token, bool check) {
        QStringList args{QStringLiteral("zone"),
                         QStringLiteral("add"),
                         zone,
                         QStringLiteral("--provider"),
                         QStringLiteral("cloudflare"),
                         QStringLiteral("--api-base"),
                         apiBase,
                         QStringLiteral("--token-file"),
                         writeFile(QStringLiteral("token-") + zone, token + '\n')};
        if (!check)
            args << QStringLiteral("--no-check");
        return cli(args);
    };
    auto stored = [&](const QString &zone) {
        return cli({QStringLiteral("zone"), QStringLiteral("list")}).out.contains(zone) ||
               QFile::exists(m_dir->filePath(QStringLiteral("secrets/zone-") + zone));
    };

    CliResult r = add(QStringLiteral("example.com"), "wrong-token-0123456789", true);
    QVERIFY2(r.code == 1, qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("zone example.com: checking its credentials")) &&
                 r.err.contains(QStringLiteral("--no-check")),
             qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral("wrong-token")));
    QVERIFY(!stored(QStringLiteral("example.com")));
    QVERIFY2(requests().contains("/user/tokens/verify"), requests().constData());
    // The provider does not serve this zone: refused as well.
    r = add(QStringLiteral("example.org"), "good-token-0123456789", true);
    QVERIFY2(r.code != 0, qPrintable(r.err));
    QVERIFY(!stored(QStringLiteral("example.org")));

    r = add(QStringLiteral("example.com"), "good-token-0123456789", true);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QVERIFY(stored(QStringLiteral("example.com")));
    QVERIFY2(requests().contains("dns_records"), requests().constData());

    // Offline setup: nothing is sent.
    const QByteArray before = requests();
    r = add(QStringLiteral("example.net"), "not-yet-valid-token-0123", false);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(requests(), before);
    // No scratch copy of any secret is left in the data directory.
    QCOMPARE(QDir(m_dir->path())
                 .entryList({QStringLiteral(".zone-check*")},
                            QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList());

    emulator.kill();
    QVERIFY(emulator.waitForFinished(10000));
}

// Regression test: `zone set-secret` stored a new token or key without asking
// the provider, so a wrong one replaced a working one unnoticed.
void TestCli::zoneSetSecretChecksTheCredentialsFirst()
{
    QCOMPARE(cli({QStringLiteral("init")}).code, 0);
    const QByteArray good = "good-token-0123456789";
    const QString accepted = writeFile(QStringLiteral("emulator-token"), good + '\n');
    const QString requestLog = m_files.filePath(QStringLiteral("requests-set-secret.jsonl"));
    QFile::remove(requestLog);
    QProcess emulator;
    const QString apiBase = startEmulator(emulator, accepted, requestLog);
    QVERIFY(!apiBase.isEmpty());
    auto requests = [&] {
        QFile f(requestLog);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    auto storedSecret = [&] {
        QFile f(m_dir->filePath(QStringLiteral("secrets/zone-example.com")));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    auto setSecret = [&](const QByteArray &token, bool check) {
        QStringList args{QStringLiteral("zone"), QStringLiteral("set-secret"),
                         QStringLiteral("example.com"), QStringLiteral("--file"),
                         writeFile(QStringLiteral("new-token"), token + '\n')};
        if (!check)
            args << QStringLiteral("--no-check");
        return cli(args);
    };
    CliResult r =
        cli({QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("example.com"),
             QStringLiteral("--provider"), QStringLiteral("cloudflare"),
             QStringLiteral("--api-base"), apiBase, QStringLiteral("--token-file"), accepted});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(storedSecret(), good);

    // A wrong token is refused and the working one kept.
    QByteArray before = requests();
    r = setSecret("wrong-token-0123456789", true);
    QVERIFY2(r.code == 1, qPrintable(QString::number(r.code) + r.out + r.err));
    QVERIFY2(r.err.contains(QStringLiteral("zone example.com: checking its credentials")) &&
                 r.err.contains(QStringLiteral("--no-check")),
             qPrintable(r.err));
    QVERIFY(!r.err.contains(QStringLiteral("wrong-token")));
    QVERIFY(!r.out.contains(QStringLiteral("stored")));
    QCOMPARE(storedSecret(), good);
    QVERIFY2(requests().size() > before.size() &&
                 requests().mid(before.size()).contains("/user/tokens/verify"),
             requests().constData());

    // A token the provider accepts is stored.
    r = setSecret(good, true);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(storedSecret(), good);

    // --no-check stores without asking (offline): nothing is sent.
    before = requests();
    r = setSecret("offline-token-0123456789", false);
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QCOMPARE(requests(), before);
    QCOMPARE(storedSecret(), QByteArray("offline-token-0123456789"));

    emulator.kill();
    QVERIFY(emulator.waitForFinished(10000));
}

namespace {

// The command line that puts a hostile value into the field it targets.
QStringList commandFor(const HostileInputs::Case &c, const QString &tokenFile,
                       const QString &tsigFile)
{
    const QString &v = c.value;
    const QString f = c.field;
    auto route = [&](const QString &option) {
        return QStringList{QStringLiteral("route"),
                           QStringLiteral("add"),
                           QStringLiteral("new.example.com"),
                           QStringLiteral("--origin"),
                           QStringLiteral("home"),
                           QStringLiteral("--port"),
                           QStringLiteral("8081"),
                           option + QLatin1Char('=') + v};
    };
    if (f == QLatin1String("hostname")) {
        return {QStringLiteral("route"),     QStringLiteral("add"), QStringLiteral("--origin=home"),
                QStringLiteral("--port=80"), QStringLiteral("--"),  v};
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
        return {QStringLiteral("origin"), QStringLiteral("add"), QStringLiteral("o2"),
                QStringLiteral("--ssh=") + v};
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
        return {QStringLiteral("zone"),
                QStringLiteral("add"),
                QStringLiteral("new.example.org"),
                QStringLiteral("--provider=cloudflare"),
                QStringLiteral("--token-file=") + tokenFile,
                QStringLiteral("--api-base=") + v};
    }
    if (f == QLatin1String("tsig-name")) {
        return {QStringLiteral("zone"),
                QStringLiteral("add"),
                QStringLiteral("new.example.org"),
                QStringLiteral("--provider=rfc2136"),
                QStringLiteral("--server=127.0.0.1"),
                QStringLiteral("--tsig-secret-file=") + tsigFile,
                QStringLiteral("--tsig-name=") + v};
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
    QVERIFY(!QDir(m_dir->filePath(QStringLiteral("secrets")))
                 .exists(QStringLiteral("zone-new.example.org")));
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
        QVERIFY2(r.code == 2, qPrintable(cases[i].field + QLatin1Char(' ') +
                                         quoteForMessage(cases[i].value) + r.err));
        ++ran;
    }
    QVERIFY(ran >= 200);
    QCOMPARE(cli({QStringLiteral("export")}).out.toUtf8(), exportBefore);
}

QTEST_GUILESS_MAIN(TestCli)
// Each refusal names the option or rule, before any CA is asked.
void TestCli::certificateCommandsRefuseBadInput()
{
    describeSetup();
    const auto refused = [&](const QStringList &args, int code, const QString &text) {
        const CliResult r = cli(args);
        if (r.code != code || !r.err.contains(text)) {
            qWarning() << args << r.code << r.err;
            return false;
        }
        return true;
    };
    const QString acme = QStringLiteral("acme");
    const QString account = QStringLiteral("account");
    QVERIFY(refused({acme, account, QStringLiteral("--email"), QStringLiteral("me@example.com")}, 2,
                    QStringLiteral("agree-tos")));
    QVERIFY(refused({acme, account, QStringLiteral("--agree-tos")}, 2, QStringLiteral("email")));
    QVERIFY(refused({acme, account, QStringLiteral("--email"), QStringLiteral("me@example.com"),
                     QStringLiteral("--agree-tos"), QStringLiteral("--staging"),
                     QStringLiteral("--directory"), QStringLiteral("https://ca.example/dir")},
                    2, QStringLiteral("directory")));
    QVERIFY(refused({acme, account, QStringLiteral("--email"), QStringLiteral("me@example.com"),
                     QStringLiteral("--agree-tos"), QStringLiteral("--directory"),
                     QStringLiteral("https://ca.example/dir"), QStringLiteral("--ca-bundle"),
                     m_dir->filePath(QStringLiteral("missing.pem"))},
                    2, QStringLiteral("ca-bundle")));
    const QString cert = QStringLiteral("cert");
    const QString issue = QStringLiteral("issue");
    QVERIFY(refused({cert, issue, QStringLiteral("nothere.example.com")}, 2,
                    QStringLiteral("must be the hostname of one of Kokoa's routes")));
    QVERIFY(refused({cert, issue, QStringLiteral("www.example.com"), QStringLiteral("--challenge"),
                     QStringLiteral("tls-alpn-01")},
                    2, QStringLiteral("challenge")));
    QVERIFY(refused({cert, issue}, 2, QStringLiteral("usage")));
    QVERIFY(refused({cert, issue, QStringLiteral("www.example.com")}, 2,
                    QStringLiteral("kokoactl acme account")));
    const CliResult list = cli({cert, QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(list.code, 0);
    QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).array().size(), 0);
    // No account key was made for a refused request.
    QVERIFY(QDir(m_dir->filePath(QStringLiteral("secrets")))
                .entryList({QStringLiteral("acme-account-*")}, QDir::Files)
                .isEmpty());
}

// Certificates a user put in <data dir>/certificates/<name>/ before Kokoa
// could order them are listed with what their chain says.
void TestCli::certificatesPlacedByHandAreListed()
{
    describeSetup();
    const QString dir = m_dir->filePath(QStringLiteral("certificates/www.example.com"));
    QVERIFY(QDir().mkpath(dir));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                   QStringLiteral("-days"), QStringLiteral("30"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=hand made"), QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=DNS:www.example.com"), QStringLiteral("-keyout"),
                   dir + QStringLiteral("/privkey.pem"), QStringLiteral("-out"),
                   dir + QStringLiteral("/fullchain.pem")});
    QVERIFY(openssl.waitForFinished(30000));
    QCOMPARE(openssl.exitCode(), 0);
    const CliResult r =
        cli({QStringLiteral("cert"), QStringLiteral("list"), QStringLiteral("--json")});
    QCOMPARE(r.code, 0);
    const QJsonArray list = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(list.size(), 1);
    const QJsonObject c = list.first().toObject();
    QCOMPARE(c.value(QStringLiteral("name")).toString(), QStringLiteral("www.example.com"));
    QCOMPARE(c.value(QStringLiteral("issuer")).toString(), QStringLiteral("hand made"));
    QVERIFY(c.value(QStringLiteral("placed_by_hand")).toBool());
    const QDateTime notAfter =
        QDateTime::fromString(c.value(QStringLiteral("not_after")).toString(), Qt::ISODate);
    QVERIFY(notAfter > QDateTime::currentDateTimeUtc().addDays(29));
    QVERIFY(QDateTime::fromString(c.value(QStringLiteral("renew_from")).toString(), Qt::ISODate) <
            notAfter);
    const CliResult table = cli({QStringLiteral("cert"), QStringLiteral("list")});
    QVERIFY2(table.out.contains(QStringLiteral("www.example.com")), qPrintable(table.out));
    QVERIFY(table.out.contains(QStringLiteral("RENEWAL WINDOW")));
}

#include "tst_cli.moc"
