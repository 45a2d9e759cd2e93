// The dashboard and the tray follow a real failure in the simulated network
// (tests/e2e): kokoa-watchdog runs on the desk host and holds the DNS
// lease; the window, opened on the desk's data directory, shows what the
// watchdog publishes. edge2's link goes down: its row, the hostname's
// answer, the tray's icon and tooltip and one notification follow; the link
// comes back: all of them turn back. The window's own monitor stays paused:
// it runs outside the world and could not reach the edges.
#include "DashboardFakes.h"
#include "KokoaInWorld.h"
#include "gui/Dashboard.h"
#include "gui/DashboardPage.h"
#include "gui/MainWindow.h"
#include "gui/Session.h"
#include "gui/StatusPoller.h"
#include "gui/StatusSummary.h"
#include "gui/TrayController.h"

#include <QTest>

using namespace KokoaInWorld;
using namespace kokoa;
using namespace kokoa::gui;

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QString cell(const QAbstractItemModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

} // namespace

class tst_DashboardE2e : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void dashboardAndTrayFollowAnEdgeLinkDown();

private:
    std::unique_ptr<NetWorld> m_world;
};

void tst_DashboardE2e::initTestCase()
{
    QString why;
    m_world = NetWorld::create(&why, 2);
    if (!m_world)
        QSKIP(qPrintable(why));
    QByteArray b64;
    const QString dnsError = startAuthoritativeDns(*m_world, {s("example.com")}, &b64);
    QVERIFY2(dnsError.isEmpty(), qPrintable(dnsError));
    const QString error = initAndAddHosts(*m_world);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(writePrivateHostFile(*m_world, s("desk"), s("/tmp/tsig.key"), b64 + '\n'));
    for (const QStringList &command :
         {QStringList{s("zone"), s("add"), s("example.com"), s("--provider"), s("rfc2136"),
                      s("--server"), dnsAddress(), s("--tsig-name"), s("kokoa-key"),
                      s("--tsig-secret-file"), s("/tmp/tsig.key")},
          QStringList{s("route"), s("add"), s("a.example.com"), s("--origin"), s("home"),
                      s("--port"), s("8081")},
          QStringList{s("settings"), s("set"), s("health.hold_down_s"), s("2")},
          QStringList{s("deploy"), s("--all")}, QStringList{s("dns"), s("sync")}}) {
        const auto r = kokoactl(*m_world, command);
        QVERIFY2(r.ok(), qPrintable(command.join(u' ') + r.describe()));
    }
    const QString started = startInDesk(*m_world, "kokoa-watchdog", {}, s("/tmp/watchdog.log"));
    QVERIFY2(started.isEmpty(), qPrintable(started));
    const QString holder = waitForLeaseHolder(*m_world, s("watchdog:"));
    QVERIFY2(holder.startsWith(s("watchdog:")), qPrintable(holder));
}

void tst_DashboardE2e::cleanupTestCase()
{
    if (m_world) {
        if (QTest::currentTestFailed()) {
            const auto log = m_world->exec(s("desk"), {s("cat"), s("/tmp/watchdog.log")});
            qWarning().noquote() << "watchdog log:\n" << log.out;
        }
        QString error;
        QVERIFY2(m_world->down(&error), qPrintable(error));
    }
}

void tst_DashboardE2e::dashboardAndTrayFollowAnEdgeLinkDown()
{
    // The desk's data directory, seen from here: its /root/.local is a
    // directory of the world's state (kokoa-world, prepare_host_dir). SQLite
    // cannot open it through /proc/<pid>/root, whose link it resolves to /.
    const QString local = s("/root/.local/");
    QVERIFY(dataDir().startsWith(local));
    const QString deskData =
        m_world->stateDir() + s("/world/hosts/desk/fs_root_.local/") + dataDir().mid(local.size());
    auto session = Session::open(deskData);
    QVERIFY2(session.ok(), qPrintable(session.ok() ? QString() : session.error().message()));
    MainWindow window(**session);
    test::RecordingNotifier notes;
    Dashboard::Options options;
    options.runMonitor = false;
    options.notifier = &notes;
    options.trayAvailable = false;
    options.pollMs = 500;
    auto dashboard = Dashboard::install(**session, window, std::move(options));
    window.show();
    DashboardPage &page = *dashboard->page();
    const TrayController &tray = dashboard->tray();
    const auto edgeHealth = [&](int row) {
        return cell(page.edgeModel(), row, DashboardEdgeModel::HealthColumn);
    };
    const auto answer = [&] {
        return cell(page.hostnameModel(), 0, DashboardHostnameModel::AnswerColumn);
    };

    QTRY_COMPARE_WITH_TIMEOUT(edgeHealth(1), s("Up"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(answer(), s("edge1, edge2"), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(tray.state(), StatusSummary::Overall::Healthy, 10000);
    QVERIFY2(page.leaseHolderText().contains(s("kokoa-watchdog")),
             qPrintable(page.leaseHolderText()));
    QCOMPARE(notes.notes.size(), 0);

    QVERIFY(m_world->setLink(s("edge2"), false));
    QTRY_COMPARE_WITH_TIMEOUT(edgeHealth(1), s("Down"), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(answer(), s("edge1"), 60000);
    QCOMPARE(edgeHealth(0), s("Up"));
    QCOMPARE(tray.state(), StatusSummary::Overall::Degraded);
    QCOMPARE(tray.iconPath(), s(":/icons/state-degraded.svg"));
    QVERIFY2(tray.toolTip().contains(s("Edges down: edge2")), qPrintable(tray.toolTip()));
    QTRY_COMPARE_WITH_TIMEOUT(notes.notes.size(), 1, 20000);
    // The watchdog keeps probing the dead edge: no second notification.
    const int reads = dashboard->poller().reportsRead();
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->poller().reportsRead() >= reads + 10, 20000);
    QCOMPARE(notes.notes.size(), 1);
    QVERIFY(notes.notes.at(0).text.contains(s("edge2")));

    QVERIFY(m_world->setLink(s("edge2"), true));
    QTRY_COMPARE_WITH_TIMEOUT(edgeHealth(1), s("Up"), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(answer(), s("edge1, edge2"), 60000);
    QTRY_COMPARE_WITH_TIMEOUT(tray.state(), StatusSummary::Overall::Healthy, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(notes.notes.size(), 2, 20000);
    QCOMPARE(notes.notes.at(1).title, s("Kokoa: All healthy"));
}

QTEST_MAIN(tst_DashboardE2e)
#include "tst_dashboard_e2e.moc"
