// kokoactl provider add|list|rm|servers against the Hetzner emulator.
#include "CliRunner.h"
#include "HetznerEmulator.h"
#include "core/DataDirectory.h"
#include "dns/DnsOwnerId.h"
#include "store/ProviderStore.h"
#include "store/Store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QByteArray token = "hz-token-0123456789";
}

class TestCliProvider : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void addListRemove();
    void badTokenIsRefusedAndNothingIsStored();
    void badInputNamesTheField_data();
    void badInputNamesTheField();
    void serversMarksOrphansAndSkipsForeignServers();
    void providerWithALiveServerIsNotRemoved();
    void commandProviderNeedsExecutables();

private:
    CliResult cli(const QStringList &args) { return runCli(m_dir->path(), args); }
    QString tokenFile(const QByteArray &content);
    QStringList hetzner(const QString &name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QTemporaryDir> m_files;
    std::unique_ptr<HetznerEmulator> m_api;
};

void TestCliProvider::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_files = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid() && m_files->isValid());
    QCOMPARE(cli({u"init"_s}).code, 0);
    m_api = std::make_unique<HetznerEmulator>(token);
    QVERIFY(m_api->start());
}

QString TestCliProvider::tokenFile(const QByteArray &content)
{
    const QString path = m_files->filePath(u"token"_s);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return path;
}

QStringList TestCliProvider::hetzner(const QString &name) const
{
    return {u"provider"_s,      u"add"_s,        name,
            u"--kind"_s,        u"hetzner"_s,    u"--api-base"_s,
            m_api->baseUrl(),   u"--location"_s, u"fsn1"_s,
            u"--server-type"_s, u"cx22"_s,       u"--image"_s,
            u"debian-12"_s};
}

void TestCliProvider::addListRemove()
{
    const CliResult added = cli(hetzner(u"hz"_s) << u"--token-file"_s << tokenFile(token));
    QVERIFY2(added.code == 0, qPrintable(added.err));
    QVERIFY(added.out.contains(u"provider hz added (hetzner)"_s));
    QVERIFY(!added.out.contains(QString::fromLatin1(token)));
    QCOMPARE(m_api->requestCount("GET", u"/v1/servers"_s), 1); // the token was tried

    const CliResult listed = cli({u"--json"_s, u"provider"_s, u"list"_s});
    QCOMPARE(listed.code, 0);
    const QJsonArray array = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    QCOMPARE(array.size(), 1);
    const QJsonObject p = array.first().toObject();
    QCOMPARE(p.value(u"kind"_s).toString(), u"hetzner"_s);
    QCOMPARE(p.value(u"settings"_s).toObject().value(u"server_type"_s).toString(), u"cx22"_s);
    QVERIFY(!listed.out.contains(QString::fromLatin1(token)));

    // A second provider of that name is a conflict (exit 2, as for zones).
    QCOMPARE(cli(hetzner(u"hz"_s) << u"--token-file"_s << tokenFile(token)).code, 2);
    QCOMPARE(cli({u"provider"_s, u"rm"_s, u"hz"_s}).code, 0);
    QVERIFY(!QFile::exists(m_dir->filePath(u"secrets/provider-hz"_s)));
    QCOMPARE(cli({u"provider"_s, u"remove"_s, u"hz"_s}).code, 2); // not found
}

void TestCliProvider::badTokenIsRefusedAndNothingIsStored()
{
    const CliResult added =
        cli(hetzner(u"hz"_s) << u"--token-file"_s << tokenFile("wrong-token-123"));
    QCOMPARE(added.code, 1);
    QVERIFY2(added.err.contains(u"refused the API token"_s), qPrintable(added.err));
    QVERIFY(!added.err.contains(u"wrong-token-123"_s));
    const CliResult listed = cli({u"--json"_s, u"provider"_s, u"list"_s});
    QCOMPARE(listed.code, 0);
    const QJsonDocument none = QJsonDocument::fromJson(listed.out.toUtf8());
    QVERIFY2(none.isArray() && none.array().isEmpty(), qPrintable(listed.out));
    QVERIFY(!QFile::exists(m_dir->filePath(u"secrets/provider-hz"_s)));
}

void TestCliProvider::badInputNamesTheField_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("field");
    const QStringList base{u"provider"_s, u"add"_s, u"hz"_s};
    QTest::newRow("unknown kind") << (base + QStringList{u"--kind"_s, u"aws"_s}) << u"kind"_s;
    QTest::newRow("no location") << (base + QStringList{u"--kind"_s, u"hetzner"_s,
                                                        u"--server-type"_s, u"cx22"_s, u"--image"_s,
                                                        u"debian-12"_s})
                                 << u"location"_s;
    QTest::newRow("bad name") << QStringList{u"provider"_s, u"add"_s, u"Hz Main"_s, u"--kind"_s,
                                             u"hetzner"_s}
                              << u"name"_s;
    QTest::newRow("bad api base") << (base + QStringList{u"--kind"_s, u"hetzner"_s, u"--api-base"_s,
                                                         u"ftp://x"_s, u"--location"_s, u"fsn1"_s,
                                                         u"--server-type"_s, u"cx22"_s,
                                                         u"--image"_s, u"debian-12"_s})
                                  << u"api-base"_s;
}

void TestCliProvider::badInputNamesTheField()
{
    QFETCH(QStringList, args);
    QFETCH(QString, field);
    const CliResult r = cli(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(field), qPrintable(r.err));
}

void TestCliProvider::serversMarksOrphansAndSkipsForeignServers()
{
    QCOMPARE(cli(hetzner(u"hz"_s) << u"--token-file"_s << tokenFile(token)).code, 0);
    const auto owner = kokoa::DnsOwnerId::loadOrCreate(m_dir->path());
    QVERIFY(owner.ok());
    m_api->addServer(u"kokoa-lost-1"_s, {{u"kokoa-owner"_s, owner->id}});
    m_api->addServer(u"someone-elses"_s, {{u"kokoa-owner"_s, u"f"_s.repeated(32)}});
    m_api->addServer(u"web"_s, {});
    const CliResult r = cli({u"--json"_s, u"provider"_s, u"servers"_s, u"hz"_s});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QJsonArray servers = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(servers.size(), 1);
    QCOMPARE(servers.first().toObject().value(u"name"_s).toString(), u"kokoa-lost-1"_s);
    QVERIFY(servers.first().toObject().value(u"orphan"_s).toBool());
    const CliResult table = cli({u"provider"_s, u"servers"_s, u"hz"_s});
    QVERIFY(table.out.contains(u"ORPHAN"_s));
    QVERIFY(!table.out.contains(u"someone-elses"_s));
}

void TestCliProvider::providerWithALiveServerIsNotRemoved()
{
    QCOMPARE(cli(hetzner(u"hz"_s) << u"--token-file"_s << tokenFile(token)).code, 0);
    {
        auto store = kokoa::Store::open(kokoa::DataDirectory::databasePath(m_dir->path()));
        QVERIFY(store.ok());
        kokoa::ServerRecord s;
        s.provider = u"hz"_s;
        s.name = u"kokoa-a-000001"_s;
        s.edge = u"a"_s;
        QVERIFY(kokoa::ProviderStore((*store)->database()).recordRequested(s).ok());
    }
    const CliResult r = cli({u"provider"_s, u"rm"_s, u"hz"_s});
    QCOMPARE(r.code, 2); // a conflict with the stored state
    QVERIFY2(r.err.contains(u"not destroyed"_s), qPrintable(r.err));
    QVERIFY(QFile::exists(m_dir->filePath(u"secrets/provider-hz"_s)));
}

void TestCliProvider::commandProviderNeedsExecutables()
{
    const CliResult r =
        cli({u"provider"_s, u"add"_s, u"mine"_s, u"--kind"_s, u"command"_s, u"--create-command"_s,
             u"/nonexistent/create"_s, u"--destroy-command"_s, u"/bin/true"_s});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains(u"create-command"_s));
    const CliResult ok =
        cli({u"provider"_s, u"add"_s, u"mine"_s, u"--kind"_s, u"command"_s, u"--create-command"_s,
             u"/bin/true"_s, u"--destroy-command"_s, u"/bin/true"_s});
    QVERIFY2(ok.code == 0, qPrintable(ok.err));
    const CliResult withToken = cli({u"provider"_s, u"add"_s, u"mine2"_s, u"--kind"_s, u"command"_s,
                                     u"--create-command"_s, u"/bin/true"_s, u"--destroy-command"_s,
                                     u"/bin/true"_s, u"--token-file"_s, tokenFile(token)});
    QCOMPARE(withToken.code, 2);
}

QTEST_GUILESS_MAIN(TestCliProvider)
#include "tst_cli_provider.moc"
