// The dashboard and the tray follow what the monitors publish: driven by
// status reports made by hand (debouncing on the reports' clock), then by
// a real Monitor on the window's monitor thread with scripted probes and a
// fake DNS provider, and with a second monitor standing in for
// kokoa-watchdog holding the DNS lease.
#include "DashboardFakes.h"
#include "FakeDnsActuator.h"
#include "app/CertificateRenewer.h"
#include "app/Installation.h"
#include "gui/Dashboard.h"
#include "gui/DashboardPage.h"
#include "gui/Language.h"
#include "gui/MainWindow.h"
#include "gui/MonitorHost.h"
#include "gui/Session.h"
#include "gui/StatusPoller.h"
#include "gui/StatusSummary.h"
#include "gui/TrayController.h"
#include "health/Monitor.h"
#include "store/Store.h"

#include <QDateTime>
#include <QDir>
#include <QGroupBox>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace kokoa;
using namespace kokoa::gui;
using namespace kokoa::test;
using State = HealthTracker::State;

namespace {

const QString kHost = QStringLiteral("www.example.com");
const QString kHostKey = QStringLiteral("SHA256:") + QString(43, QLatin1Char('A'));
constexpr qint64 kStartMs = 1'700'000'000'000;

// Public addresses the fake prober stands in for: nothing is ever sent to them.
QString addressOf(int edge)
{
    return QStringLiteral("8.8.8.%1").arg(edge);
}

QString edgeName(int i)
{
    return QStringLiteral("e%1").arg(i);
}

// A report as HealthView gives it: `edges` edges, one hostname, the edges in
// `down` down (and the hostname with them), the answer holding the others.
StatusReport reportWith(int edges, const QSet<int> &down, qint64 nowMs,
                        const QString &holder = QStringLiteral("gui:1:0a0b0c0d"))
{
    StatusReport r;
    r.nowMs = nowMs;
    r.leaseHolder = holder;
    StatusReport::HostnameStatus host;
    host.hostname = kHost;
    for (int i = 1; i <= edges; ++i) {
        const State s = down.contains(i) ? State::Down : State::Up;
        r.edges.append({edgeName(i), HostState::Deployed, {s, kStartMs, QStringLiteral("probe")}});
        host.perEdge.append({edgeName(i), {s, kStartMs, {}}});
        if (!down.contains(i))
            host.dnsEdges.append(edgeName(i));
    }
    r.hostnames.append(host);
    r.monitors.append({QStringLiteral("gui"), holder, 1, nowMs, QStringLiteral("acting"), true});
    return r;
}

QString cell(const QAbstractItemModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

bool hasIcon(const QAbstractItemModel &model, int row, int column)
{
    return !model.data(model.index(row, column), Qt::DecorationRole).value<QIcon>().isNull();
}

} // namespace

class tst_Dashboard : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void reportsDriveTheDashboardAndTheTray();
    void flappingEdgeIsNotNotified();
    void statesReadWithoutColour();
    void windowMonitorFollowsAFailureAndRecovery();
    void watchdogHoldingTheLeaseKeepsTheWindowFromDns();
    void pauseReleasesTheLease();
    void certificatesAppearOnceTheyExist();
    void screenshotsInBothLanguages();
    void quittingClosesTheWindowEvenWithATray();

private:
    void configure(int edges);
    std::unique_ptr<Dashboard> installDashboard(std::shared_ptr<FakeDnsState> dns);
    Monitor::Options monitorOptions(const QString &component);
    QStringList recordsOf(FakeDnsState &dns)
    {
        QMutexLocker lock(&dns.mutex);
        return dns.records.value(kHost);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MainWindow> m_window;
    SharedProbeWorld m_world;
    RecordingNotifier m_notes;
};

void tst_Dashboard::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const app::Installation installation(m_dir->path());
    auto made = installation.setUp({});
    QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.error().message()));
    auto session = Session::open(m_dir->path());
    QVERIFY(session.ok());
    m_session = std::move(session).value();
    m_window = std::make_unique<MainWindow>(*m_session);
    m_notes.notes.clear();
    for (int i = 1; i <= 3; ++i)
        m_world.setDown(addressOf(i), false);
}

void tst_Dashboard::cleanup()
{
    m_window.reset();
    QThreadPool::globalInstance()->waitForDone();
    m_session.reset();
    m_dir.reset();
}

void tst_Dashboard::reportsDriveTheDashboardAndTheTray()
{
    DashboardPage page;
    TrayController tray(m_notes, false);
    tray.setDebounceMs(3000);
    const auto feed = [&](const StatusReport &r) {
        page.setReport(r);
        tray.setReport(r);
    };
    qint64 now = kStartMs;
    feed(reportWith(3, {}, now));
    const DashboardEdgeModel &edges = page.edgeModel();
    const DashboardHostnameModel &hosts = page.hostnameModel();
    QCOMPARE(edges.rowCount(), 3);
    QCOMPARE(cell(edges, 1, DashboardEdgeModel::HealthColumn), QStringLiteral("Up"));
    QCOMPARE(cell(hosts, 0, DashboardHostnameModel::AnswerColumn), QStringLiteral("e1, e2, e3"));
    QCOMPARE(tray.state(), StatusSummary::Overall::Healthy);
    QCOMPARE(tray.iconPath(), QStringLiteral(":/icons/state-healthy.svg"));
    QVERIFY(m_notes.notes.isEmpty());

    // e2 fails: the dashboard and the tray show it at once ...
    feed(reportWith(3, {2}, now += 1000));
    QCOMPARE(cell(edges, 1, DashboardEdgeModel::HealthColumn), QStringLiteral("Down"));
    QCOMPARE(cell(edges, 0, DashboardEdgeModel::HealthColumn), QStringLiteral("Up"));
    QCOMPARE(cell(hosts, 0, DashboardHostnameModel::AnswerColumn), QStringLiteral("e1, e3"));
    QCOMPARE(cell(hosts, 0, DashboardHostnameModel::StateColumn), QStringLiteral("Partly down"));
    QCOMPARE(cell(hosts, 0, DashboardHostnameModel::PerEdgeColumn), QStringLiteral("Down on e2"));
    QCOMPARE(tray.state(), StatusSummary::Overall::Degraded);
    QCOMPARE(tray.iconPath(), QStringLiteral(":/icons/state-degraded.svg"));
    QVERIFY2(tray.toolTip().contains(QStringLiteral("Edges down: e2")), qPrintable(tray.toolTip()));
    QCOMPARE(page.overallText(), QStringLiteral("Degraded"));
    // ... the notification once the failure has held for the debounce time,
    QVERIFY(m_notes.notes.isEmpty());
    feed(reportWith(3, {2}, now += 1000));
    QVERIFY(m_notes.notes.isEmpty());
    feed(reportWith(3, {2}, now += 2000));
    QCOMPARE(m_notes.notes.size(), 1);
    QVERIFY2(m_notes.notes.at(0).text.contains(QStringLiteral("e2")),
             qPrintable(m_notes.notes.at(0).text));
    QCOMPARE(m_notes.notes.at(0).title, QStringLiteral("Kokoa: Degraded"));
    // and not again while it lasts.
    for (int i = 0; i < 10; ++i)
        feed(reportWith(3, {2}, now += 1000));
    QCOMPARE(m_notes.notes.size(), 1);

    // Every edge down: an outage, notified as one more change.
    for (int i = 0; i < 4; ++i)
        feed(reportWith(3, {1, 2, 3}, now += 1000));
    QCOMPARE(tray.state(), StatusSummary::Overall::Outage);
    QCOMPARE(cell(hosts, 0, DashboardHostnameModel::AnswerColumn),
             QStringLiteral("(not published yet)"));
    QCOMPARE(m_notes.notes.size(), 2);
    QCOMPARE(m_notes.notes.at(1).urgency, TrayNotifier::Urgency::Critical);

    // Recovery turns everything back, with one notification.
    for (int i = 0; i < 4; ++i)
        feed(reportWith(3, {}, now += 1000));
    QCOMPARE(cell(edges, 1, DashboardEdgeModel::HealthColumn), QStringLiteral("Up"));
    QCOMPARE(cell(hosts, 0, DashboardHostnameModel::AnswerColumn), QStringLiteral("e1, e2, e3"));
    QCOMPARE(tray.state(), StatusSummary::Overall::Healthy);
    QCOMPARE(tray.iconPath(), QStringLiteral(":/icons/state-healthy.svg"));
    QCOMPARE(m_notes.notes.size(), 3);
    QCOMPARE(m_notes.notes.at(2).title, QStringLiteral("Kokoa: All healthy"));
    QVERIFY2(m_notes.notes.at(2).text.contains(QStringLiteral("Edges back up: e1, e2, e3")),
             qPrintable(m_notes.notes.at(2).text));
}

void tst_Dashboard::flappingEdgeIsNotNotified()
{
    TrayController tray(m_notes, false);
    tray.setDebounceMs(3000);
    qint64 now = kStartMs;
    tray.setReport(reportWith(3, {}, now));
    // Down and up every second for half a minute: the icon follows, nobody
    // is notified.
    for (int i = 0; i < 30; ++i) {
        const bool down = i % 2 == 0;
        tray.setReport(reportWith(3, down ? QSet<int>{2} : QSet<int>{}, now += 1000));
        QCOMPARE(tray.state(),
                 down ? StatusSummary::Overall::Degraded : StatusSummary::Overall::Healthy);
    }
    QCOMPARE(m_notes.notes.size(), 0);
    // Then it stays down: exactly one notification.
    for (int i = 0; i < 6; ++i)
        tray.setReport(reportWith(3, {2}, now += 1000));
    QCOMPARE(m_notes.notes.size(), 1);
}

void tst_Dashboard::statesReadWithoutColour()
{
    // Every overall state has its own icon file and its own words.
    QSet<QString> icons;
    QSet<QString> words;
    using O = StatusSummary::Overall;
    for (O o : {O::Healthy, O::Degraded, O::Outage, O::Paused, O::NotActing}) {
        QVERIFY(!StatusSummary::icon(o).isNull());
        QVERIFY(!StatusSummary::icon(o).pixmap(16, 16).isNull());
        icons.insert(StatusSummary::iconPath(o));
        words.insert(StatusSummary::overallText(o));
    }
    QCOMPARE(icons.size(), 5);
    QCOMPARE(words.size(), 5);
    // Rows carry an icon next to the word in every state column.
    DashboardPage page;
    page.setReport(reportWith(3, {2}, kStartMs));
    QVERIFY(hasIcon(page.edgeModel(), 1, DashboardEdgeModel::HealthColumn));
    QVERIFY(hasIcon(page.edgeModel(), 1, DashboardEdgeModel::TunnelColumn));
    QVERIFY(hasIcon(page.hostnameModel(), 0, DashboardHostnameModel::StateColumn));
    // Nobody holding the lease: said so, in words.
    TrayController tray(m_notes, false);
    tray.setReport(reportWith(3, {}, kStartMs, QString()));
    QCOMPARE(tray.state(), StatusSummary::Overall::NotActing);
    QVERIFY2(tray.toolTip().contains(QStringLiteral("nobody")), qPrintable(tray.toolTip()));
    tray.setPaused(true);
    QCOMPARE(tray.state(), StatusSummary::Overall::Paused);
}

void tst_Dashboard::configure(int edges)
{
    Store &store = m_session->store();
    Zone z;
    z.name = QStringLiteral("example.com");
    QVERIFY(store.addZone(z).ok());
    Origin o;
    o.name = QStringLiteral("home");
    o.ssh.host = QStringLiteral("192.168.1.10");
    QVERIFY(store.addOrigin(o).ok());
    for (int i = 1; i <= edges; ++i) {
        Edge e;
        e.name = edgeName(i);
        e.ssh.host = addressOf(i);
        e.publicIpv4 = addressOf(i);
        const Result<Edge> added = store.addEdge(e);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message()));
        QVERIFY(store.setSshHostKey(Store::HostKind::Edge, e.name, kHostKey).ok());
        QVERIFY(store.setHostState(Store::HostKind::Edge, e.name, HostState::Deployed).ok());
    }
    Route r;
    r.hostname = kHost;
    r.originName = QStringLiteral("home");
    r.port = 8080;
    QVERIFY(store.addRoute(r).ok());
    const QList<std::pair<const char *, const char *>> settings = {
        {"health.timeout_ms", "200"}, // below the interval, which is set next
        {"health.interval_ms", "500"},
        {"health.fall", "2"},
        {"health.rise", "2"},
        {"health.hold_down_s", "0"}};
    for (const auto &[key, value] : settings) {
        const Status set = store.setSetting(QLatin1String(key), QLatin1String(value));
        QVERIFY2(set.ok(), qPrintable(set.ok() ? QString() : set.error().message()));
    }
}

Monitor::Options tst_Dashboard::monitorOptions(const QString &component)
{
    Monitor::Options o;
    o.component = component;
    o.stopBoundMs = 2000;
    SharedProbeWorld *world = &m_world;
    o.makeProber = [world] { return std::make_unique<SharedWorldProber>(*world); };
    o.vantageProbe = m_world.vantageProbe();
    return o;
}

std::unique_ptr<Dashboard> tst_Dashboard::installDashboard(std::shared_ptr<FakeDnsState> dns)
{
    Dashboard::Options options;
    options.monitor.monitor = monitorOptions(QStringLiteral("gui"));
    options.monitor.makeDns = [dns] { return std::make_unique<FakeDnsActuator>(dns); };
    options.pollMs = 250;
    options.notifier = &m_notes;
    options.trayAvailable = false;
    options.debounceMs = 1500;
    return Dashboard::install(*m_session, *m_window, std::move(options));
}

void tst_Dashboard::windowMonitorFollowsAFailureAndRecovery()
{
    configure(3);
    auto dns = std::make_shared<FakeDnsState>();
    dns->setRecords(kHost, {addressOf(1), addressOf(2), addressOf(3)});
    auto dashboard = installDashboard(dns);
    m_window->show();
    DashboardPage *page = dashboard->page();
    QVERIFY(page);
    QVERIFY(m_window->page(QStringLiteral("dashboardPage")));
    const DashboardEdgeModel &edges = page->edgeModel();
    const DashboardHostnameModel &hosts = page->hostnameModel();
    TrayController &tray = dashboard->tray();

    // The window's monitor takes the lease (nobody else runs) and publishes.
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->monitor().holdsLease(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(tray.state(), StatusSummary::Overall::Healthy, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(edges, 1, DashboardEdgeModel::HealthColumn),
                              QStringLiteral("Up"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(hosts, 0, DashboardHostnameModel::AnswerColumn),
                              QStringLiteral("e1, e2, e3"), 10000);
    QVERIFY2(page->leaseHolderText().contains(QStringLiteral("this window")),
             qPrintable(page->leaseHolderText()));
    QCOMPARE(m_notes.notes.size(), 0);

    // e2's link goes down.
    m_world.setDown(addressOf(2), true);
    QTRY_COMPARE_WITH_TIMEOUT(cell(edges, 1, DashboardEdgeModel::HealthColumn),
                              QStringLiteral("Down"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(recordsOf(*dns), QStringList({addressOf(1), addressOf(3)}), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(hosts, 0, DashboardHostnameModel::AnswerColumn),
                              QStringLiteral("e1, e3"), 10000);
    QCOMPARE(tray.state(), StatusSummary::Overall::Degraded);
    QVERIFY2(tray.toolTip().contains(QStringLiteral("e2")), qPrintable(tray.toolTip()));
    QTRY_COMPARE_WITH_TIMEOUT(m_notes.notes.size(), 1, 10000);
    // Probes go on failing: still one notification after more reports.
    const int reports = dashboard->poller().reportsRead();
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->poller().reportsRead() >= reports + 8, 10000);
    QCOMPARE(m_notes.notes.size(), 1);
    QVERIFY(m_notes.notes.at(0).text.contains(QStringLiteral("e2")));

    // Recovery.
    m_world.setDown(addressOf(2), false);
    QTRY_COMPARE_WITH_TIMEOUT(cell(edges, 1, DashboardEdgeModel::HealthColumn),
                              QStringLiteral("Up"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(hosts, 0, DashboardHostnameModel::AnswerColumn),
                              QStringLiteral("e1, e2, e3"), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(tray.state(), StatusSummary::Overall::Healthy, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(m_notes.notes.size(), 2, 10000);
    QCOMPARE(m_notes.notes.at(1).title, QStringLiteral("Kokoa: All healthy"));

    // Shutting down lets go of the lease.
    dashboard.reset();
    QCOMPARE(m_session->store().topology().ok(), true);
}

void tst_Dashboard::watchdogHoldingTheLeaseKeepsTheWindowFromDns()
{
    configure(3);
    const QStringList all{addressOf(1), addressOf(2), addressOf(3)};
    // The watchdog's stand-in: a monitor of its own, on its own connection,
    // started first so it holds the DNS lease.
    auto watchdogDns = std::make_shared<FakeDnsState>();
    watchdogDns->setRecords(kHost, all);
    auto store = Store::open(m_session->databasePath());
    QVERIFY(store.ok());
    auto watchdog = std::make_unique<Monitor>(**store, m_dir->path(),
                                              std::make_unique<FakeDnsActuator>(watchdogDns),
                                              monitorOptions(QStringLiteral("watchdog")));
    QVERIFY(watchdog->start().ok());
    QTRY_VERIFY_WITH_TIMEOUT(watchdog->holdsLease(), 10000);

    auto windowDns = std::make_shared<FakeDnsState>();
    windowDns->setRecords(kHost, all);
    auto dashboard = installDashboard(windowDns);
    DashboardPage *page = dashboard->page();
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->monitor().isRunning(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(page->leaseHolderText().contains(QStringLiteral("kokoa-watchdog")),
                             10000);
    QVERIFY2(page->leaseHolderText().startsWith(QStringLiteral("Process changing DNS:")),
             qPrintable(page->leaseHolderText()));
    auto *monitors = page->findChild<QLabel *>(QStringLiteral("monitors"));
    QVERIFY(monitors);
    QTRY_VERIFY_WITH_TIMEOUT(monitors->text().contains(QStringLiteral("Kokoa window: standing by")),
                             10000);

    // An edge fails: the watchdog acts, the window shows what it published.
    m_world.setDown(addressOf(2), true);
    QTRY_COMPARE_WITH_TIMEOUT(recordsOf(*watchdogDns), QStringList({addressOf(1), addressOf(3)}),
                              15000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(page->edgeModel(), 1, DashboardEdgeModel::HealthColumn),
                              QStringLiteral("Down"), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(page->hostnameModel(), 0, DashboardHostnameModel::AnswerColumn),
                              QStringLiteral("e1, e3"), 10000);
    QCOMPARE(dashboard->tray().state(), StatusSummary::Overall::Degraded);
    QVERIFY(dashboard->tray().toolTip().contains(QStringLiteral("kokoa-watchdog")));
    m_world.setDown(addressOf(2), false);
    QTRY_COMPARE_WITH_TIMEOUT(recordsOf(*watchdogDns), all, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(cell(page->hostnameModel(), 0, DashboardHostnameModel::AnswerColumn),
                              QStringLiteral("e1, e2, e3"), 10000);

    // The window's monitor never wrote DNS and never held the lease, so it
    // leaves certificate renewal to the watchdog too.
    QVERIFY(!dashboard->monitor().holdsLease());
    QVERIFY(!dashboard->renewer().leaseHeld());
    QCOMPARE(windowDns->writesStarted.load(), 0);
    QVERIFY(windowDns->allWrites().isEmpty());
    QCOMPARE(recordsOf(*windowDns), all);
    QVERIFY(!watchdogDns->allWrites().isEmpty());

    dashboard.reset();
    watchdog.reset();
    store->reset();
}

void tst_Dashboard::pauseReleasesTheLease()
{
    configure(2);
    auto dns = std::make_shared<FakeDnsState>();
    dns->setRecords(kHost, {addressOf(1), addressOf(2)});
    auto dashboard = installDashboard(dns);
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->monitor().holdsLease(), 10000);
    // Certificates are renewed by the lease holder: here, this window.
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->renewer().leaseHeld(), 10000);
    auto *pause = dashboard->page()->findChild<QPushButton *>(QStringLiteral("pauseMonitoring"));
    QVERIFY(pause);
    QCOMPARE(pause->text(), QStringLiteral("Pause monitoring"));
    pause->click();
    QTRY_VERIFY_WITH_TIMEOUT(!dashboard->monitor().isRunning(), 10000);
    QVERIFY(!dashboard->monitor().holdsLease());
    QTRY_VERIFY_WITH_TIMEOUT(!dashboard->renewer().leaseHeld(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(dashboard->tray().state(), StatusSummary::Overall::Paused, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(dashboard->poller().lastReport().leaseHolder, QString(), 10000);
    QCOMPARE(pause->text(), QStringLiteral("Resume monitoring"));
    pause->click();
    QTRY_VERIFY_WITH_TIMEOUT(dashboard->monitor().holdsLease(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(dashboard->tray().state(), StatusSummary::Overall::Healthy, 10000);
}

// No certificate, no certificate table (absent, not empty); one placed in
// the data directory appears with its names, state, expiry and renewal.
void tst_Dashboard::certificatesAppearOnceTheyExist()
{
    configure(2);
    {
        auto dns = std::make_shared<FakeDnsState>();
        dns->setRecords(kHost, {addressOf(1), addressOf(2)});
        auto dashboard = installDashboard(dns);
        QTRY_VERIFY_WITH_TIMEOUT(dashboard->poller().lastReport().nowMs > 0, 10000);
        QVERIFY(!dashboard->page()->certificatesShown());
    }

    // A certificate placed by hand, valid for 90 days from now.
    const QString dir = m_session->dataDir() + QStringLiteral("/certificates/") + kHost;
    QVERIFY(QDir().mkpath(dir));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                   QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                   QStringLiteral("ec_paramgen_curve:P-256"), QStringLiteral("-nodes"),
                   QStringLiteral("-days"), QStringLiteral("90"), QStringLiteral("-subj"),
                   QStringLiteral("/CN=") + kHost, QStringLiteral("-addext"),
                   QStringLiteral("subjectAltName=DNS:") + kHost, QStringLiteral("-keyout"),
                   dir + QStringLiteral("/privkey.pem"), QStringLiteral("-out"),
                   dir + QStringLiteral("/fullchain.pem")});
    QVERIFY(openssl.waitForFinished(30000));
    QCOMPARE(openssl.exitCode(), 0);

    auto dns = std::make_shared<FakeDnsState>();
    dns->setRecords(kHost, {addressOf(1), addressOf(2)});
    auto dashboard = installDashboard(dns);
    DashboardPage *page = dashboard->page();
    QTRY_VERIFY_WITH_TIMEOUT(page->certificatesShown(), 10000);
    const DashboardCertificateModel &certificates = page->certificateModel();
    QCOMPARE(certificates.rowCount(), 1);
    const auto cell = [&](int column) {
        return certificates.data(certificates.index(0, column)).toString();
    };
    QCOMPARE(cell(DashboardCertificateModel::NamesColumn), kHost);
    QCOMPARE(cell(DashboardCertificateModel::StateColumn), QStringLiteral("Valid"));
    QVERIFY2(
        cell(DashboardCertificateModel::ExpiresColumn).contains(QStringLiteral("(days left: 89)")),
        qPrintable(cell(DashboardCertificateModel::ExpiresColumn)));
    // Without ARI: renewal from two thirds of the lifetime, 60 days from now.
    const QString renewal = cell(DashboardCertificateModel::RenewalColumn);
    QVERIFY2(renewal.contains(
                 QDateTime::currentDateTime().addDays(60).toString(QStringLiteral("yyyy-MM-dd"))),
             qPrintable(renewal));
    QVERIFY(!certificates
                 .data(certificates.index(0, DashboardCertificateModel::StateColumn),
                       Qt::DecorationRole)
                 .value<QIcon>()
                 .isNull());
}

// The dashboard as a user sees it, healthy and with an edge down, in English
// and Japanese: PNGs in $KOKOA_SCREENSHOT_DIR when set (tests/gui/screenshots.sh),
// else in a temporary directory.
void tst_Dashboard::screenshotsInBothLanguages()
{
    QTemporaryDir scratch;
    const QString dir = qEnvironmentVariable("KOKOA_SCREENSHOT_DIR", scratch.path());
    QVERIFY(QDir().mkpath(dir));
    const QStringList edges{QStringLiteral("tokyo-1"), QStringLiteral("osaka-1"),
                            QStringLiteral("singapore-1")};
    const QStringList hostnames{
        QStringLiteral("www.example.com"), QStringLiteral("blog.example.com"),
        QStringLiteral("photos.example.com"), QStringLiteral("ws.example.com")};
    const auto report = [&](bool edgeDown) {
        StatusReport r;
        r.nowMs = QDateTime::currentMSecsSinceEpoch();
        r.leaseHolder = QStringLiteral("watchdog:4242:1a2b3c4d");
        for (const QString &e : edges) {
            const bool down = edgeDown && e == edges.at(1);
            r.edges.append({e,
                            HostState::Deployed,
                            {down ? State::Down : State::Up, r.nowMs - 90000,
                             down ? QStringLiteral("timeout after 1500 ms")
                                  : QStringLiteral("HTTP 200 in 41 ms")}});
        }
        for (const QString &h : hostnames) {
            StatusReport::HostnameStatus host;
            host.hostname = h;
            for (const QString &e : edges) {
                const bool down = edgeDown && e == edges.at(1);
                host.perEdge.append({e, {down ? State::Down : State::Up, r.nowMs, {}}});
                if (!down)
                    host.dnsEdges.append(e);
            }
            r.hostnames.append(host);
        }
        r.monitors.append({QStringLiteral("watchdog"), r.leaseHolder, 4242, r.nowMs,
                           QStringLiteral("acting"), true});
        r.monitors.append({QStringLiteral("gui"), QStringLiteral("gui:4343:5e6f7a8b"), 4343,
                           r.nowMs, QStringLiteral("standby"), true});
        return r;
    };
    Language language;
    auto *page = new DashboardPage;
    m_window->addPage(page, QIcon(QStringLiteral(":/icons/kokoa.svg")),
                      QT_TRANSLATE_NOOP("MainWindow", "Dashboard"));
    m_window->resize(1000, 680);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    page->setMonitoring(false, true);
    for (const QString &lang : {QStringLiteral("en"), QStringLiteral("ja")}) {
        language.apply(lang);
        QTRY_COMPARE(page->findChild<QGroupBox *>(QStringLiteral("edgeBox"))->title(),
                     lang == QLatin1String("ja") ? QStringLiteral("入口ノード")
                                                 : QStringLiteral("Edges"));
        for (const bool down : {false, true}) {
            page->setReport(report(down));
            QCoreApplication::processEvents();
            const QPixmap shot = m_window->grab();
            QVERIFY(!shot.isNull());
            const QString file =
                QStringLiteral("%1/dashboard-%2-%3.png")
                    .arg(dir, lang, down ? QStringLiteral("edge-down") : QStringLiteral("healthy"));
            QVERIFY2(shot.save(file), qPrintable(file));
        }
    }
    language.apply(QStringLiteral("en"));
}

void tst_Dashboard::quittingClosesTheWindowEvenWithATray()
{
    // The user's close (spontaneous) keeps Kokoa in the tray; a close by the
    // program, as quitting does, must not be refused.
    TrayController tray(m_notes, true);
    QWidget window;
    tray.watchWindow(&window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.close());
    QVERIFY(!window.isVisible());
}

QTEST_MAIN(tst_Dashboard)
#include "tst_dashboard.moc"
