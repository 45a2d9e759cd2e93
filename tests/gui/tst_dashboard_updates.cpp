// What a status report costs the window: the dashboard's tables tell their
// views only about the rows that changed (a report that changes nothing
// repaints nothing), the state icons are made once, and reads out of turn
// after monitor signals are spaced out however many signals come.
#include "app/Installation.h"
#include "core/DataDirectory.h"
#include "gui/DashboardCertificateModel.h"
#include "gui/DashboardEdgeModel.h"
#include "gui/DashboardHostnameModel.h"
#include "gui/DashboardPage.h"
#include "gui/StatusPoller.h"
#include "gui/StatusSummary.h"
#include "gui/TrayController.h"
#include "gui/TrayNotifier.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kokoa;
using namespace kokoa::gui;
using State = HealthTracker::State;

namespace {

constexpr qint64 kNow = 1'800'000'000'000; // a fixed clock for the reports

StatusReport reportOf(int edges, int hostnames)
{
    StatusReport report;
    report.nowMs = kNow;
    report.leaseHolder = QStringLiteral("gui:1:abc");
    for (int e = 0; e < edges; ++e)
        report.edges.append({QStringLiteral("e%1").arg(e),
                             HostState::Deployed,
                             {State::Up, kNow - 60000, QStringLiteral("HTTP 200")}});
    for (int h = 0; h < hostnames; ++h) {
        StatusReport::HostnameStatus host;
        host.hostname = QStringLiteral("h%1.example.com").arg(h);
        for (int e = 0; e < edges; ++e) {
            host.dnsEdges.append(QStringLiteral("e%1").arg(e));
            host.perEdge.append({QStringLiteral("e%1").arg(e),
                                 {State::Up, kNow - 60000, QStringLiteral("HTTP 200")}});
        }
        report.hostnames.append(host);
    }
    return report;
}

// The rows each dataChanged covered, and whether every column was included.
QList<QPair<int, int>> rowsOf(const QSignalSpy &spy, int columns)
{
    QList<QPair<int, int>> out;
    for (const QList<QVariant> &args : spy) {
        const auto from = args.at(0).value<QModelIndex>();
        const auto to = args.at(1).value<QModelIndex>();
        if (from.column() != 0 || to.column() != columns - 1)
            return {{-1, -1}};
        out.append({from.row(), to.row()});
    }
    return out;
}

class NullNotifier final : public TrayNotifier
{
public:
    void notify(const QString &, const QString &, Urgency) override { ++count; }
    int count = 0;
};

} // namespace

class tst_DashboardUpdates : public QObject
{
    Q_OBJECT

private slots:
    void sameReportSignalsNoRow();
    void oneEdgeDownSignalsOnlyItsRows();
    void newLoadRedrawsItsRowAndEmptyLoadIsExplained();
    void hostnameRowsChangeOneByOne();
    void certificateRowsChangeWithTimeOrContent();
    void stateIconsAreMadeOnce();
    void pageAndTrayShareOneSummary();
    void readsOutOfTurnAreSpacedOut();
};

void tst_DashboardUpdates::sameReportSignalsNoRow()
{
    DashboardEdgeModel edges;
    DashboardHostnameModel hosts;
    const StatusReport report = reportOf(50, 100);
    edges.setReport(report);
    hosts.setReport(report);
    QCOMPARE(edges.rowCount(), 50);
    QCOMPARE(hosts.rowCount(), 100);

    QSignalSpy edgeChanges(&edges, &QAbstractItemModel::dataChanged);
    QSignalSpy hostChanges(&hosts, &QAbstractItemModel::dataChanged);
    QSignalSpy edgeResets(&edges, &QAbstractItemModel::modelReset);
    StatusReport later = reportOf(50, 100);
    later.nowMs = kNow + 1000; // read a second later, nothing moved
    edges.setReport(later);
    hosts.setReport(later);
    QCOMPARE(edgeChanges.size(), 0);
    QCOMPARE(hostChanges.size(), 0);
    QCOMPARE(edgeResets.size(), 0);
}

void tst_DashboardUpdates::oneEdgeDownSignalsOnlyItsRows()
{
    DashboardEdgeModel edges;
    edges.setReport(reportOf(50, 10));
    QSignalSpy changes(&edges, &QAbstractItemModel::dataChanged);

    StatusReport down = reportOf(50, 10);
    down.edges[7].health = {State::Down, kNow, QStringLiteral("timeout after 2000 ms")};
    edges.setReport(down);
    QCOMPARE(rowsOf(changes, DashboardEdgeModel::ColumnCount), (QList<QPair<int, int>>{{7, 7}}));
    QCOMPARE(edges.data(edges.index(7, DashboardEdgeModel::HealthColumn)).toString(),
             QStringLiteral("Down"));

    // Two edges' hostnames down: each edge's row (its tunnel column), as two
    // ranges; the rows between them stay as they were.
    changes.clear();
    StatusReport tunnels = down;
    for (StatusReport::HostnameStatus &h : tunnels.hostnames) {
        h.perEdge[2].health.state = State::Down;
        h.perEdge[4].health.state = State::Down;
    }
    edges.setReport(tunnels);
    QCOMPARE(rowsOf(changes, DashboardEdgeModel::ColumnCount),
             (QList<QPair<int, int>>{{2, 2}, {4, 4}}));
    QCOMPARE(edges.data(edges.index(2, DashboardEdgeModel::TunnelColumn)).toString(),
             QStringLiteral("Down"));
    QCOMPARE(edges.data(edges.index(3, DashboardEdgeModel::TunnelColumn)).toString(),
             QStringLiteral("Up"));

    // Another edge list: the table is rebuilt.
    QSignalSpy resets(&edges, &QAbstractItemModel::modelReset);
    edges.setReport(reportOf(49, 10));
    QCOMPARE(resets.size(), 1);
    QCOMPARE(edges.rowCount(), 49);
}

// A load reading is shown the moment it changes (it is part of what the row
// shows), and an edge with no reading yet says why instead of an empty cell.
void tst_DashboardUpdates::newLoadRedrawsItsRowAndEmptyLoadIsExplained()
{
    DashboardEdgeModel edges;
    edges.setReport(reportOf(5, 2));
    const QModelIndex load3 = edges.index(3, DashboardEdgeModel::LoadColumn);
    QCOMPARE(edges.data(load3).toString(), QStringLiteral("\u2014"));
    QVERIFY(
        edges.data(load3, Qt::ToolTipRole).toString().startsWith(QStringLiteral("Not read yet")));

    QSignalSpy changes(&edges, &QAbstractItemModel::dataChanged);
    StatusReport loaded = reportOf(5, 2);
    EdgeLoad load;
    load.atMs = kNow;
    load.requestsPerSecond = 12.5;
    load.connections = 7;
    loaded.edgeLoads.insert(QStringLiteral("e3"), load);
    edges.setReport(loaded);
    QCOMPARE(rowsOf(changes, DashboardEdgeModel::ColumnCount), (QList<QPair<int, int>>{{3, 3}}));
    QCOMPARE(edges.data(load3).toString(), QStringLiteral("12.5 req/s, 7 connections"));

    changes.clear();
    load.error = QStringLiteral("ssh: connection refused");
    loaded.edgeLoads.insert(QStringLiteral("e3"), load);
    edges.setReport(loaded);
    QCOMPARE(rowsOf(changes, DashboardEdgeModel::ColumnCount), (QList<QPair<int, int>>{{3, 3}}));
    QVERIFY(edges.data(load3, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("connection refused")));
}

void tst_DashboardUpdates::hostnameRowsChangeOneByOne()
{
    DashboardHostnameModel hosts;
    hosts.setReport(reportOf(3, 100));
    QSignalSpy changes(&hosts, &QAbstractItemModel::dataChanged);

    StatusReport next = reportOf(3, 100);
    next.hostnames[10].dnsEdges.removeAll(QStringLiteral("e1"));              // the answer moved
    next.hostnames[11].perEdge[1].health.state = State::Down;                 // down on one edge
    next.hostnames[50].perEdge[0].health.detail = QStringLiteral("HTTP 502"); // its tooltip
    next.hostnames[60].perEdge[0].health.sinceMs = kNow; // not shown: no change
    hosts.setReport(next);
    QCOMPARE(rowsOf(changes, DashboardHostnameModel::ColumnCount),
             (QList<QPair<int, int>>{{10, 11}, {50, 50}}));
    QCOMPARE(hosts.data(hosts.index(10, DashboardHostnameModel::AnswerColumn)).toString(),
             QStringLiteral("e0, e2"));
    QCOMPARE(hosts.data(hosts.index(11, DashboardHostnameModel::StateColumn)).toString(),
             QStringLiteral("Partly down"));
}

void tst_DashboardUpdates::certificateRowsChangeWithTimeOrContent()
{
    constexpr qint64 day = 24 * 60 * 60 * 1000;
    DashboardCertificateModel certificates;
    StatusReport report;
    report.nowMs = kNow;
    report.certificates = {
        {QStringLiteral("a"),
         {QStringLiteral("a.example.com")},
         QStringLiteral("CA"),
         kNow + 30 * day + 1000,
         kNow + 20 * day,
         false,
         {QStringLiteral("e0")}},
        {QStringLiteral("b"),
         {QStringLiteral("b.example.com")},
         QStringLiteral("CA"),
         kNow + 60 * day + 5000,
         kNow + 40 * day,
         false,
         {QStringLiteral("e0")}},
    };
    certificates.setReport(report);
    QSignalSpy changes(&certificates, &QAbstractItemModel::dataChanged);
    QSignalSpy resets(&certificates, &QAbstractItemModel::modelReset);

    report.nowMs = kNow + 500; // the same day left for both
    certificates.setReport(report);
    QCOMPARE(changes.size(), 0);

    report.nowMs = kNow + 2000; // a: one day fewer left
    certificates.setReport(report);
    QCOMPARE(rowsOf(changes, DashboardCertificateModel::ColumnCount),
             (QList<QPair<int, int>>{{0, 0}}));

    changes.clear();
    report.certificates[1].edges.append(QStringLiteral("e1")); // deployed to another edge
    certificates.setReport(report);
    QCOMPARE(rowsOf(changes, DashboardCertificateModel::ColumnCount),
             (QList<QPair<int, int>>{{1, 1}}));
    QCOMPARE(resets.size(), 0);
}

void tst_DashboardUpdates::stateIconsAreMadeOnce()
{
    // One icon per state for the process: its pixmaps come from the cache
    // after the first paint instead of the SVG being rendered again.
    const QIcon first = StatusSummary::healthIcon(State::Up);
    const QIcon again = StatusSummary::healthIcon(State::Up);
    QCOMPARE(first.cacheKey(), again.cacheKey());
    QCOMPARE(StatusSummary::icon(StatusSummary::Overall::Outage).cacheKey(),
             StatusSummary::healthIcon(State::Down).cacheKey());
    QCOMPARE(StatusSummary::healthIcon(State::Unknown).cacheKey(),
             StatusSummary::healthIcon(State::Unknown).cacheKey());
    QVERIFY(StatusSummary::healthIcon(State::Unknown).cacheKey() != first.cacheKey());
    QCOMPARE(first.pixmap(32, 32).cacheKey(), again.pixmap(32, 32).cacheKey());
    QVERIFY(!first.pixmap(32, 32).isNull());
}

void tst_DashboardUpdates::pageAndTrayShareOneSummary()
{
    DashboardPage page;
    NullNotifier notifier;
    TrayController tray(notifier, false);
    tray.setDebounceMs(0);
    StatusReport report = reportOf(2, 2);
    report.edges[1].health.state = State::Down;
    const StatusSummary summary = StatusSummary::of(report, false);
    QCOMPARE(summary.overall(), StatusSummary::Overall::Degraded);
    page.setReport(report, summary);
    tray.setReport(report, summary);
    QCOMPARE(page.overallText(), StatusSummary::overallText(StatusSummary::Overall::Degraded));
    QCOMPARE(tray.state(), StatusSummary::Overall::Degraded);
    QVERIFY2(tray.toolTip().contains(QStringLiteral("e1")), qPrintable(tray.toolTip()));
    QCOMPARE(notifier.count, 1);

    // Pausing is the page's and the tray's own: they summarize again.
    report.leaseHolder.clear();
    const StatusSummary nobody = StatusSummary::of(report, false);
    page.setReport(report, nobody);
    tray.setReport(report, nobody);
    QCOMPARE(tray.state(), StatusSummary::Overall::NotActing);
    page.setMonitoring(true, false);
    tray.setPaused(true);
    QCOMPARE(page.overallText(), StatusSummary::overallText(StatusSummary::Overall::Paused));
    QCOMPARE(tray.state(), StatusSummary::Overall::Paused);
}

void tst_DashboardUpdates::readsOutOfTurnAreSpacedOut()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto made = app::Installation(dir.path()).setUp({});
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message()));
    // Its own reads every 4 s: out of turn at most one a second.
    StatusPoller poller(DataDirectory::databasePath(dir.path()), 4000);
    QCOMPARE(poller.extraGapMs(), 1000);
    QElapsedTimer clock;
    QList<qint64> arrivals;
    connect(&poller, &StatusPoller::reportReady, this,
            [&](const StatusReport &) { arrivals.append(clock.elapsed()); });
    clock.start();
    poller.start();
    QTRY_COMPARE_WITH_TIMEOUT(arrivals.size(), 1, 10000); // the first read, at start

    // A burst of monitor signals: one read at once.
    for (int i = 0; i < 20; ++i)
        poller.pollNow();
    QTRY_COMPARE_WITH_TIMEOUT(arrivals.size(), 2, 10000);
    const qint64 second = arrivals.at(1);
    // Another burst right after: one more read, no sooner than the gap.
    for (int i = 0; i < 20; ++i)
        poller.pollNow();
    QTRY_VERIFY_WITH_TIMEOUT(arrivals.size() >= 3, 10000);
    QVERIFY2(
        arrivals.at(2) - second >= poller.extraGapMs() * 9 / 10,
        qPrintable(QStringLiteral("%1 ms after the previous read").arg(arrivals.at(2) - second)));
    // Forty signals, the first read and the reader's own every 4 s: the
    // bursts gave two reads, not forty.
    QVERIFY2(arrivals.size() <= 4, qPrintable(QString::number(arrivals.size())));
    poller.shutdown();
}

QTEST_MAIN(tst_DashboardUpdates)
#include "tst_dashboard_updates.moc"
