// `kokoactl dns sync` against the local Cloudflare API emulator: the dry run
// proposes exactly what the real run then does, orphans left by `edge rm`
// included, and records made by hand are never touched.
#include "CliRunner.h"
#include "CloudflareEmulator.h"
#include "core/DataDirectory.h"
#include "dns/CloudflareProvider.h"
#include "dns/DnsOwnerId.h"
#include "store/Store.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace kokoa;

namespace {

const QByteArray token = "cf-sync-token-8d2f0c4b9a7e6d5c";
const QString host = QStringLiteral("www.example.com");

} // namespace

class TestDnsSync final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<CloudflareEmulator> m_cf;
    QString m_zoneId;

    CliResult cli(const QStringList &args) { return runCli(m_dir->path(), args); }

    void run(const QStringList &args)
    {
        const CliResult r = cli(args);
        QVERIFY2(r.code == 0, qPrintable(args.join(u' ') + QStringLiteral(": ") + r.err));
    }

    QStringList contents()
    {
        QStringList out;
        for (const auto &r : m_cf->recordsNamed(host))
            out.append(r.content);
        out.sort();
        return out;
    }

    // The change lines of `dns sync [--dry-run] --json` for the one hostname.
    QStringList sync(bool dryRun)
    {
        QStringList args{QStringLiteral("--json"), QStringLiteral("dns"), QStringLiteral("sync")};
        if (dryRun)
            args.append(QStringLiteral("--dry-run"));
        const CliResult r = cli(args);
        if (r.code != 0) {
            qWarning().noquote() << r.err;
            return {QStringLiteral("failed")};
        }
        const QJsonArray report = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QStringList lines;
        for (const QJsonValue &v :
             report.at(0).toObject().value(QStringLiteral("changes")).toArray())
            lines.append(v.toString());
        return lines;
    }

    // The store's count of DNS writes made beside a running monitor.
    qint64 writtenElsewhere()
    {
        auto store = Store::open(DataDirectory::databasePath(m_dir->path()));
        return store.ok() ? (*store)->dnsWrittenElsewhere().value() : -1;
    }

    void setDeployed(const QString &edge)
    {
        auto store = Store::open(DataDirectory::databasePath(m_dir->path()));
        QVERIFY(store.ok());
        QVERIFY((*store)->setHostState(Store::HostKind::Edge, edge, HostState::Deployed).ok());
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_cf = std::make_unique<CloudflareEmulator>(token);
        QVERIFY(m_cf->startOnOwnThread()); // kokoactl runs in this thread and blocks it
        m_zoneId = m_cf->addZone(QStringLiteral("example.com"));
        const QString tokenFile = m_dir->filePath(QStringLiteral("token"));
        QFile f(tokenFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner)); // kokoactl refuses others
        f.write(token + '\n');
        f.close();
        run({QStringLiteral("init")});
        run({QStringLiteral("zone"), QStringLiteral("add"), QStringLiteral("example.com"),
             QStringLiteral("--provider"), QStringLiteral("cloudflare"),
             QStringLiteral("--token-file"), tokenFile, QStringLiteral("--api-base"),
             m_cf->baseUrl()});
        run({QStringLiteral("origin"), QStringLiteral("add"), QStringLiteral("home"),
             QStringLiteral("--ssh"), QStringLiteral("admin@192.168.1.10")});
        for (const auto &[name, ip] :
             {std::pair{QStringLiteral("tokyo-1"), QStringLiteral("8.8.4.4")},
              std::pair{QStringLiteral("osaka-1"), QStringLiteral("9.9.9.9")}}) {
            run({QStringLiteral("edge"), QStringLiteral("add"), name, QStringLiteral("--ssh"),
                 QStringLiteral("root@") + ip, QStringLiteral("--public-ip"), ip});
            setDeployed(name);
        }
        run({QStringLiteral("route"), QStringLiteral("add"), host, QStringLiteral("--origin"),
             QStringLiteral("home"), QStringLiteral("--port"), QStringLiteral("8080")});
    }

    void cleanup()
    {
        m_cf.reset();
        m_dir.reset();
    }

    void initMakesAnOwnerId()
    {
        QFile f(DnsOwnerId::path(m_dir->path()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        QVERIFY2(DnsOwnerId::isValid(QString::fromLatin1(content.trimmed())), content.constData());
        // A new data directory never wrote markers without an owner id.
        QVERIFY(!content.contains("legacy"));
    }

    // Regression test: the dry run compared edge sets, so it said "in sync"
    // while the real run changed records, and it never saw owned addresses
    // of removed edges.
    void dryRunProposesExactlyWhatTheRunDoes()
    {
        CloudflareEmulator::Record handMade;
        handMade.zoneId = m_zoneId;
        handMade.name = host;
        handMade.type = QStringLiteral("A");
        handMade.content = QStringLiteral("198.51.100.1");
        handMade.ttl = 300;
        m_cf->addRecord(handMade);

        const qint64 stamp = writtenElsewhere();
        const QStringList firstDry = sync(true);
        QCOMPARE(contents(), QStringList{QStringLiteral("198.51.100.1")});
        QCOMPARE(writtenElsewhere(), stamp); // a dry run writes nothing
        QCOMPARE(sync(false), firstDry);
        // A running monitor is told to read DNS again.
        QCOMPARE(writtenElsewhere(), stamp + 1);
        QCOMPARE(contents(), (QStringList{QStringLiteral("198.51.100.1"), QStringLiteral("8.8.4.4"),
                                          QStringLiteral("9.9.9.9")}));

        // The edge goes; its record stays behind until a sync finds it.
        run({QStringLiteral("edge"), QStringLiteral("rm"), QStringLiteral("osaka-1")});
        const QStringList dry = sync(true);
        QVERIFY2(dry.join(u'\n').contains(QStringLiteral("- A www.example.com 9.9.9.9")),
                 qPrintable(dry.join(u'\n')));
        QCOMPARE(contents().size(), 3);
        QCOMPARE(sync(false), dry);
        QCOMPARE(contents(),
                 (QStringList{QStringLiteral("198.51.100.1"), QStringLiteral("8.8.4.4")}));

        // In sync now: the dry run proposes no change (warnings only).
        for (const QString &line : sync(true))
            QVERIFY2(line.startsWith(QLatin1String("! ")), qPrintable(line));
        const qint64 inSync = writtenElsewhere();
        for (const QString &line : sync(false))
            QVERIFY2(line.startsWith(QLatin1String("! ")), qPrintable(line));
        QCOMPARE(writtenElsewhere(), inSync); // nothing written, nothing to read again
        for (const auto &r : m_cf->recordsNamed(host)) {
            if (r.content == QLatin1String("8.8.4.4"))
                QVERIFY(
                    r.comment.startsWith(QString::fromLatin1(CloudflareProvider::legacyComment) +
                                         QStringLiteral("; owner=")));
            else
                QVERIFY(r.comment.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestDnsSync)
#include "tst_dns_sync.moc"
