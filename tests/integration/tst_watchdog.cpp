// kokoa-watchdog as a process and `kokoactl watchdog install|uninstall|status`
// (systemctl and loginctl replaced by recording stand-ins: no systemd here).
#include "CliRunner.h"
#include "ManualClock.h"
#include "core/DataDirectory.h"
#include "store/SecretStore.h"
#include "store/StatusStore.h"
#include "store/Store.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <csignal>

class TestWatchdog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void installWritesTheUnitEnablesItAndLingers();
    void uninstallRemovesIt();
    void watchdogBeatsAndReleasesTheLeaseOnSigterm();
    void statusTellsAKilledWatchdogByItsHeartbeatAge();
    void sigtermWhileADnsCallHangsStopsWithinSeconds();
    void statusShowsDnsChangesHeldBack();
    void emptyDataDirIsRefused();

private:
    QString watchdogPath() const
    {
        return qEnvironmentVariable("KOKOA_BINARY_DIR", QStringLiteral(KOKOA_BUILD_DIR)) +
               QStringLiteral("/src/watchdog/kokoa-watchdog");
    }
    QString calls() const
    {
        QFile f(m_tools.filePath(QStringLiteral("calls")));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }

    QTemporaryDir m_data;
    QTemporaryDir m_tools;
    QTemporaryDir m_config;
};

void TestWatchdog::initTestCase()
{
    QCOMPARE(runKokoactl(m_data.path(), {QStringLiteral("init")}).code, 0);
    // Stand-ins that record their arguments and answer like systemd would.
    for (const char *name : {"systemctl", "loginctl"}) {
        const QString path = m_tools.filePath(QString::fromLatin1(name));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/sh\necho \"" + QByteArray(name) + " $*\" >> \"" +
                m_tools.filePath(QStringLiteral("calls")).toUtf8() +
                "\"\ncase \"$*\" in *is-active*) echo active ;; esac\nexit 0\n");
        f.close();
        QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                        QFileDevice::ExeOwner);
    }
    qputenv("KOKOA_SYSTEMCTL", m_tools.filePath(QStringLiteral("systemctl")).toUtf8());
    qputenv("KOKOA_LOGINCTL", m_tools.filePath(QStringLiteral("loginctl")).toUtf8());
    qputenv("XDG_CONFIG_HOME", m_config.path().toUtf8());
    qputenv("USER", "kokoa-user");
}

void TestWatchdog::installWritesTheUnitEnablesItAndLingers()
{
    const CliResult r =
        runKokoactl(m_data.path(), {QStringLiteral("watchdog"), QStringLiteral("install")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    QFile unit(m_config.filePath(QStringLiteral("systemd/user/kokoa-watchdog.service")));
    QVERIFY(unit.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(unit.readAll());
    QVERIFY2(text.contains(QStringLiteral("ExecStart=\"") +
                           QFileInfo(watchdogPath()).canonicalFilePath() +
                           QStringLiteral("\" --data-dir \"") + m_data.path() + QLatin1Char('"')),
             qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("Restart=on-failure")));
    QVERIFY(text.contains(QStringLiteral("WantedBy=default.target")));
    const QString log = calls();
    QVERIFY2(log.contains(QStringLiteral("systemctl --user daemon-reload")), qPrintable(log));
    QVERIFY(log.contains(QStringLiteral("systemctl --user enable --now kokoa-watchdog.service")));
    QVERIFY(log.contains(QStringLiteral("loginctl enable-linger kokoa-user")));

    const CliResult status =
        runKokoactl(m_data.path(), {QStringLiteral("watchdog"), QStringLiteral("status"),
                                    QStringLiteral("--json")});
    QCOMPARE(status.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(status.out.toUtf8()).object();
    QCOMPARE(o.value(QStringLiteral("installed")).toBool(), true);
    QCOMPARE(o.value(QStringLiteral("service")).toString(), QStringLiteral("active"));
}

void TestWatchdog::uninstallRemovesIt()
{
    const CliResult r =
        runKokoactl(m_data.path(), {QStringLiteral("watchdog"), QStringLiteral("uninstall")});
    QCOMPARE(r.code, 0);
    QVERIFY(
        !QFile::exists(m_config.filePath(QStringLiteral("systemd/user/kokoa-watchdog.service"))));
    QVERIFY(
        calls().contains(QStringLiteral("systemctl --user disable --now kokoa-watchdog.service")));
    const CliResult status =
        runKokoactl(m_data.path(), {QStringLiteral("watchdog"), QStringLiteral("status"),
                                    QStringLiteral("--json")});
    QCOMPARE(QJsonDocument::fromJson(status.out.toUtf8())
                 .object()
                 .value(QStringLiteral("installed"))
                 .toBool(),
             false);
}

void TestWatchdog::watchdogBeatsAndReleasesTheLeaseOnSigterm()
{
    QProcess watchdog;
    watchdog.setProcessChannelMode(QProcess::ForwardedChannels);
    watchdog.start(watchdogPath(), {QStringLiteral("--data-dir"), m_data.path()});
    QVERIFY(watchdog.waitForStarted());
    auto status = [&] {
        return QJsonDocument::fromJson(
                   runKokoactl(m_data.path(), {QStringLiteral("status"), QStringLiteral("--json")})
                       .out.toUtf8())
            .object();
    };
    QDeadlineTimer deadline(20000);
    QJsonObject s;
    while (!deadline.hasExpired()) {
        s = status();
        if (s.value(QStringLiteral("dns_lease_holder"))
                .toString()
                .startsWith(QStringLiteral("watchdog:")))
            break;
        QThread::msleep(100);
    }
    QVERIFY2(s.value(QStringLiteral("dns_lease_holder"))
                 .toString()
                 .startsWith(QStringLiteral("watchdog:")),
             QJsonDocument(s).toJson().constData());
    const CliResult wd =
        runKokoactl(m_data.path(), {QStringLiteral("watchdog"), QStringLiteral("status")});
    QVERIFY2(wd.out.contains(QStringLiteral("pid %1").arg(watchdog.processId())),
             qPrintable(wd.out));

    ::kill(pid_t(watchdog.processId()), SIGTERM);
    QVERIFY(watchdog.waitForFinished(10000));
    QCOMPARE(watchdog.exitStatus(), QProcess::NormalExit);
    QCOMPARE(watchdog.exitCode(), 0);
    s = status();
    QCOMPARE(s.value(QStringLiteral("dns_lease_holder")).toString(), QString());
    for (const QJsonValue &m : s.value(QStringLiteral("monitors")).toArray())
        QVERIFY(m.toObject().value(QStringLiteral("component")).toString() !=
                QStringLiteral("watchdog"));
}

void TestWatchdog::statusTellsAKilledWatchdogByItsHeartbeatAge()
{
    // A watchdog killed with -9 leaves its last heartbeat ("acting") behind.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    kokoa::ManualClock lastBeat(now - 60000);
    {
        auto store = kokoa::Store::open(kokoa::DataDirectory::databasePath(m_data.path()));
        QVERIFY(store.ok());
        QVERIFY(kokoa::StatusStore((*store)->database(), lastBeat)
                    .beat(QStringLiteral("watchdog"), QStringLiteral("watchdog:4242:0"),
                          QStringLiteral("acting"))
                    .ok());
    }
    CliResult text = runKokoactl(m_data.path(), {QStringLiteral("status")});
    QCOMPARE(text.code, 0);
    QVERIFY2(text.out.contains(QStringLiteral("watchdog: not running")), qPrintable(text.out));
    QVERIFY2(!text.out.contains(QStringLiteral(", acting, last cycle")), qPrintable(text.out));
    const QJsonObject s =
        QJsonDocument::fromJson(
            runKokoactl(m_data.path(), {QStringLiteral("status"), QStringLiteral("--json")})
                .out.toUtf8())
            .object();
    const QJsonObject watchdog = s.value(QStringLiteral("monitors")).toArray().first().toObject();
    QCOMPARE(watchdog.value(QStringLiteral("alive")).toBool(true), false);
    QCOMPARE(watchdog.value(QStringLiteral("detail")).toString(), QStringLiteral("not running"));
    // `watchdog status` decides by the same age (regression: it showed the stale beat as acting).
    CliResult wd =
        runKokoactl(m_data.path(), {QStringLiteral("watchdog"), QStringLiteral("status")});
    QCOMPARE(wd.code, 0);
    QVERIFY2(wd.out.contains(QStringLiteral("watchdog: not running (pid %1 stopped beating")
                                 .arg(QCoreApplication::applicationPid())),
             qPrintable(wd.out));
    QVERIFY2(!wd.out.contains(QStringLiteral(", acting, last cycle")), qPrintable(wd.out));
    QJsonObject wdJson =
        QJsonDocument::fromJson(
            runKokoactl(m_data.path(), {QStringLiteral("watchdog"), QStringLiteral("status"),
                                        QStringLiteral("--json")})
                .out.toUtf8())
            .object();
    QCOMPARE(wdJson.value(QStringLiteral("alive")).toBool(true), false);
    QCOMPARE(wdJson.value(QStringLiteral("role")).toString(), QStringLiteral("not running"));
    // A fresh beat reads as running again.
    lastBeat.set(QDateTime::currentMSecsSinceEpoch());
    {
        auto store = kokoa::Store::open(kokoa::DataDirectory::databasePath(m_data.path()));
        QVERIFY(store.ok());
        QVERIFY(kokoa::StatusStore((*store)->database(), lastBeat)
                    .beat(QStringLiteral("watchdog"), QStringLiteral("watchdog:4242:0"),
                          QStringLiteral("acting"))
                    .ok());
    }
    text = runKokoactl(m_data.path(), {QStringLiteral("status")});
    QVERIFY2(
        text.out.contains(
            QStringLiteral("watchdog: pid %1, acting").arg(QCoreApplication::applicationPid())),
        qPrintable(text.out));
    wd = runKokoactl(m_data.path(), {QStringLiteral("watchdog"), QStringLiteral("status")});
    QVERIFY2(
        wd.out.contains(
            QStringLiteral("watchdog: pid %1, acting").arg(QCoreApplication::applicationPid())),
        qPrintable(wd.out));
    wdJson = QJsonDocument::fromJson(
                 runKokoactl(m_data.path(), {QStringLiteral("watchdog"), QStringLiteral("status"),
                                             QStringLiteral("--json")})
                     .out.toUtf8())
                 .object();
    QCOMPARE(wdJson.value(QStringLiteral("alive")).toBool(false), true);
    QCOMPARE(wdJson.value(QStringLiteral("role")).toString(), QStringLiteral("acting"));
    auto store = kokoa::Store::open(kokoa::DataDirectory::databasePath(m_data.path()));
    QVERIFY(store.ok());
    QVERIFY(kokoa::StatusStore((*store)->database())
                .clearHeartbeat(QStringLiteral("watchdog"), QStringLiteral("watchdog:4242:0"))
                .ok());
}

void TestWatchdog::sigtermWhileADnsCallHangsStopsWithinSeconds()
{
    // A DNS server on loopback that accepts and never answers: every call
    // of the watchdog's DNS read runs to its deadline (5 s each, 4 routes).
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QTemporaryDir data;
    QCOMPARE(runKokoactl(data.path(), {QStringLiteral("init")}).code, 0);
    {
        auto store = kokoa::Store::open(kokoa::DataDirectory::databasePath(data.path()));
        QVERIFY(store.ok());
        QVERIFY(kokoa::SecretStore(kokoa::DataDirectory::secretsPath(data.path()))
                    .put(QStringLiteral("zone-example.com"),
                         QByteArray("0123456789abcdef0123456789abcdef").toBase64())
                    .ok());
        kokoa::Zone zone;
        zone.name = QStringLiteral("example.com");
        zone.provider = kokoa::DnsProvider::Rfc2136;
        zone.providerSettings = {{QStringLiteral("server"), QStringLiteral("127.0.0.1")},
                                 {QStringLiteral("port"), QString::number(silent.serverPort())},
                                 {QStringLiteral("tsig_name"), QStringLiteral("kokoa-key")},
                                 {QStringLiteral("tsig_algorithm"), QStringLiteral("hmac-sha256")}};
        zone.secretRef = QStringLiteral("zone-example.com");
        const auto z = (*store)->addZone(zone);
        QVERIFY2(z.ok(), qPrintable(z.ok() ? QString() : z.error().message()));
        kokoa::Origin origin;
        origin.name = QStringLiteral("home");
        origin.ssh.host = QStringLiteral("192.168.1.10");
        QVERIFY((*store)->addOrigin(origin).ok());
        for (const char *host : {"a", "b", "c", "d"}) {
            kokoa::Route r;
            r.hostname = QString::fromLatin1(host) + QStringLiteral(".example.com");
            r.originName = QStringLiteral("home");
            r.port = 8080;
            QVERIFY((*store)->addRoute(r).ok());
        }
    }
    QProcess watchdog;
    watchdog.setProcessChannelMode(QProcess::ForwardedChannels);
    watchdog.start(watchdogPath(), {QStringLiteral("--data-dir"), data.path()});
    QVERIFY(watchdog.waitForStarted());
    QVERIFY(silent.waitForNewConnection(10000)); // its DNS read is under way and hangs
    QDeadlineTimer leaseDeadline(10000);
    QString holder;
    while (!leaseDeadline.hasExpired() && !holder.startsWith(QStringLiteral("watchdog:"))) {
        holder = QJsonDocument::fromJson(
                     runKokoactl(data.path(), {QStringLiteral("status"), QStringLiteral("--json")})
                         .out.toUtf8())
                     .object()
                     .value(QStringLiteral("dns_lease_holder"))
                     .toString();
    }
    QVERIFY2(holder.startsWith(QStringLiteral("watchdog:")), qPrintable(holder));

    QElapsedTimer took;
    took.start();
    ::kill(pid_t(watchdog.processId()), SIGTERM);
    QVERIFY(watchdog.waitForFinished(30000));
    QVERIFY2(took.elapsed() < 4000,
             qPrintable(QStringLiteral("stopped after %1 ms").arg(took.elapsed())));
    QCOMPARE(watchdog.exitStatus(), QProcess::NormalExit);
    QCOMPARE(watchdog.exitCode(), 0);
    // Only a read was in flight: the lease is released at once.
    const QJsonObject s =
        QJsonDocument::fromJson(
            runKokoactl(data.path(), {QStringLiteral("status"), QStringLiteral("--json")})
                .out.toUtf8())
            .object();
    QCOMPARE(s.value(QStringLiteral("dns_lease_holder")).toString(), QString());
}

void TestWatchdog::statusShowsDnsChangesHeldBack()
{
    // What an acting monitor publishes when the provider refused a change.
    {
        auto store = kokoa::Store::open(kokoa::DataDirectory::databasePath(m_data.path()));
        QVERIFY(store.ok());
        QVERIFY(kokoa::StatusStore((*store)->database())
                    .publishHealth(
                        {{QStringLiteral("dns-backoff:zone:example.com"), QStringLiteral("paused"),
                          0, QStringLiteral("HTTP 403: token is read-only"), 0}})
                    .ok());
    }
    const CliResult text = runKokoactl(m_data.path(), {QStringLiteral("status")});
    QCOMPARE(text.code, 0);
    QVERIFY2(text.out.contains(QStringLiteral("DNS HELD BACK")), qPrintable(text.out));
    QVERIFY2(text.out.contains(QStringLiteral("after a configuration change")),
             qPrintable(text.out));
    QVERIFY2(text.out.contains(QStringLiteral("HTTP 403: token is read-only")),
             qPrintable(text.out));
    const QJsonObject s =
        QJsonDocument::fromJson(
            runKokoactl(m_data.path(), {QStringLiteral("status"), QStringLiteral("--json")})
                .out.toUtf8())
            .object();
    const QJsonObject held = s.value(QStringLiteral("dns_backoff")).toArray().first().toObject();
    QCOMPARE(held.value(QStringLiteral("target")).toString(), QStringLiteral("zone:example.com"));
    QCOMPARE(held.value(QStringLiteral("state")).toString(), QStringLiteral("paused"));
}

void TestWatchdog::emptyDataDirIsRefused()
{
    // An empty --data-dir or a set but empty KOKOA_DATA_DIR must not fall back
    // to the default directory (another installation's); refused like kokoactl.
    QTemporaryDir home;
    auto run = [&](const QStringList &args, bool emptyVariable) {
        QProcess watchdog;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path());
        env.insert(QStringLiteral("HOME"), home.path());
        if (emptyVariable)
            env.insert(QStringLiteral("KOKOA_DATA_DIR"), QString());
        else
            env.remove(QStringLiteral("KOKOA_DATA_DIR"));
        watchdog.setProcessEnvironment(env);
        watchdog.start(watchdogPath(), args);
        if (!watchdog.waitForFinished(10000)) {
            watchdog.kill();
            watchdog.waitForFinished();
            return std::pair<int, QString>(-1, QStringLiteral("still running"));
        }
        return std::pair<int, QString>(watchdog.exitCode(),
                                       QString::fromUtf8(watchdog.readAllStandardError()));
    };
    auto [code, err] = run({QStringLiteral("--data-dir"), QString()}, false);
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(QStringLiteral("--data-dir is empty")), qPrintable(err));
    std::tie(code, err) = run(
        {
            QStringLiteral("--data-dir="),
        },
        false);
    QCOMPARE(code, 2);
    std::tie(code, err) = run({}, true);
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(QStringLiteral("KOKOA_DATA_DIR is set but empty")), qPrintable(err));
    // An explicit directory still wins over an empty variable.
    std::tie(code, err) =
        run({QStringLiteral("--data-dir"), home.filePath(QStringLiteral("none"))}, true);
    QCOMPARE(code, 1);
    QVERIFY2(err.contains(QStringLiteral("no Kokoa configuration")), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestWatchdog)
#include "tst_watchdog.moc"
