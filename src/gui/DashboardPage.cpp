#include "gui/DashboardPage.h"

#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace kokoa::gui {

namespace {

constexpr int kIconSize = 32;
constexpr int kMaxColumnWidth = 360;

QTableView *tableFor(QAbstractItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    // Fixed row height: a thousand rows are not measured one by one.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->horizontalHeader()->setStretchLastSection(true);
    // Columns fit their contents when the rows change, judged on the first
    // rows only so a thousand hostnames are not all measured.
    view->horizontalHeader()->setResizeContentsPrecision(50);
    const auto fit = [view] {
        view->resizeColumnsToContents();
        // A long answer (fifty edges) must not push the other columns away.
        for (int c = 0; c + 1 < view->model()->columnCount(); ++c)
            view->setColumnWidth(c, std::min(view->columnWidth(c), kMaxColumnWidth));
    };
    QObject::connect(model, &QAbstractItemModel::modelReset, view, fit);
    QObject::connect(model, &QAbstractItemModel::headerDataChanged, view, fit);
    view->setWordWrap(false);
    return view;
}

} // namespace

DashboardPage::DashboardPage(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("dashboardPage"));
    build();
    retranslate();
}

void DashboardPage::build()
{
    auto *layout = new QVBoxLayout(this);

    m_noTray = new QLabel(this);
    m_noTray->setObjectName(QStringLiteral("noTrayNotice"));
    m_noTray->setWordWrap(true);
    m_noTray->setFrameShape(QFrame::StyledPanel);
    m_noTray->hide();
    layout->addWidget(m_noTray);

    auto *head = new QHBoxLayout;
    m_overallIcon = new QLabel(this);
    m_overallIcon->setFixedSize(kIconSize, kIconSize);
    head->addWidget(m_overallIcon, 0, Qt::AlignTop);
    auto *texts = new QVBoxLayout;
    m_overall = new QLabel(this);
    m_overall->setObjectName(QStringLiteral("overallState"));
    QFont big = m_overall->font();
    big.setBold(true);
    big.setPointSizeF(big.pointSizeF() * 1.2);
    m_overall->setFont(big);
    texts->addWidget(m_overall);
    m_leaseHolder = new QLabel(this);
    m_leaseHolder->setObjectName(QStringLiteral("leaseHolder"));
    m_leaseHolder->setWordWrap(true);
    m_leaseHolder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    texts->addWidget(m_leaseHolder);
    m_monitors = new QLabel(this);
    m_monitors->setObjectName(QStringLiteral("monitors"));
    m_monitors->setWordWrap(true);
    texts->addWidget(m_monitors);
    m_heldBack = new QLabel(this);
    m_heldBack->setObjectName(QStringLiteral("dnsHeldBack"));
    m_heldBack->setWordWrap(true);
    texts->addWidget(m_heldBack);
    m_problemLabel = new QLabel(this);
    m_problemLabel->setObjectName(QStringLiteral("monitorProblem"));
    m_problemLabel->setWordWrap(true);
    m_problemLabel->hide();
    texts->addWidget(m_problemLabel);
    head->addLayout(texts, 1);
    m_pause = new QPushButton(this);
    m_pause->setObjectName(QStringLiteral("pauseMonitoring"));
    connect(m_pause, &QPushButton::clicked, this, [this] { emit pauseRequested(!m_paused); });
    head->addWidget(m_pause, 0, Qt::AlignTop);
    layout->addLayout(head);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_edgeBox = new QGroupBox(splitter);
    m_edgeBox->setObjectName(QStringLiteral("edgeBox"));
    auto *edgeLayout = new QVBoxLayout(m_edgeBox);
    m_noEdges = new QLabel(m_edgeBox);
    m_noEdges->setWordWrap(true);
    edgeLayout->addWidget(m_noEdges);
    m_edgeView = tableFor(&m_edges, m_edgeBox);
    m_edgeView->setObjectName(QStringLiteral("edgeTable"));
    edgeLayout->addWidget(m_edgeView);
    m_hostBox = new QGroupBox(splitter);
    m_hostBox->setObjectName(QStringLiteral("hostnameBox"));
    auto *hostLayout = new QVBoxLayout(m_hostBox);
    m_hostView = tableFor(&m_hostnames, m_hostBox);
    m_hostView->setObjectName(QStringLiteral("hostnameTable"));
    hostLayout->addWidget(m_hostView);
    m_certificateBox = new QGroupBox(splitter);
    m_certificateBox->setObjectName(QStringLiteral("certificateBox"));
    auto *certificateLayout = new QVBoxLayout(m_certificateBox);
    auto *certificateView = tableFor(&m_certificates, m_certificateBox);
    certificateView->setObjectName(QStringLiteral("certificateTable"));
    certificateLayout->addWidget(certificateView);
    m_certificateBox->setVisible(false); // until certificates exist
    splitter->addWidget(m_edgeBox);
    splitter->addWidget(m_hostBox);
    splitter->addWidget(m_certificateBox);
    layout->addWidget(splitter, 1);
}

void DashboardPage::setReport(const StatusReport &report)
{
    setReport(report, StatusSummary::of(report, m_paused));
}

void DashboardPage::setReport(const StatusReport &report, const StatusSummary &summary)
{
    m_report = report;
    m_summary = summary;
    m_haveReport = true;
    m_edges.setReport(report);
    m_hostnames.setReport(report);
    m_certificates.setReport(report);
    m_certificateBox->setVisible(!report.certificates.isEmpty());
    showReport();
}

bool DashboardPage::certificatesShown() const
{
    return !m_certificateBox->isHidden();
}

void DashboardPage::setConfiguration(const Topology &topology)
{
    if (m_haveReport)
        return; // the published status already shows more
    StatusReport skeleton;
    for (const Edge &e : topology.edges)
        skeleton.edges.append({e.name, e.state, {}});
    for (const Route &r : topology.routes) {
        StatusReport::HostnameStatus host;
        host.hostname = r.hostname;
        for (const Edge &e : topology.edges)
            host.perEdge.append({e.name, {}});
        skeleton.hostnames.append(host);
    }
    m_edges.setReport(skeleton);
    m_hostnames.setReport(skeleton);
    m_noEdges->setVisible(topology.edges.isEmpty());
}

void DashboardPage::setMonitoring(bool paused, bool running)
{
    if (m_haveReport && paused != m_paused)
        m_summary = StatusSummary::of(m_report, paused);
    m_paused = paused;
    m_running = running;
    showReport();
}

void DashboardPage::setNoTrayNotice(bool shown)
{
    m_noTray->setVisible(shown);
}

void DashboardPage::setProblem(const QString &text)
{
    m_problem = text;
    showReport();
}

QString DashboardPage::leaseHolderText() const
{
    return m_leaseHolder->text();
}

QString DashboardPage::overallText() const
{
    return m_overall->text();
}

void DashboardPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void DashboardPage::retranslate()
{
    m_noTray->setText(tr("Your desktop shows no system tray, so Kokoa has no tray icon. Alerts "
                         "still arrive as desktop notifications; when you close this window you "
                         "can keep monitoring in the background."));
    m_edgeBox->setTitle(tr("Edges"));
    m_hostBox->setTitle(tr("Hostnames"));
    m_certificateBox->setTitle(tr("Certificates"));
    m_noEdges->setText(tr("No edges yet. Add them in the setup wizard or on the configuration "
                          "pages; they appear here with their health."));
    m_edges.retranslate();
    m_hostnames.retranslate();
    m_certificates.retranslate();
    showReport();
}

void DashboardPage::showReport()
{
    m_pause->setText(m_paused ? tr("Resume monitoring") : tr("Pause monitoring"));
    m_pause->setToolTip(m_paused ? tr("Start this window's monitor again")
                                 : tr("Stop this window's monitor; if it changes DNS, it lets go "
                                      "so the watchdog can take over"));
    m_problemLabel->setVisible(!m_problem.isEmpty());
    m_problemLabel->setText(tr("Monitoring in this window stopped: %1").arg(m_problem));
    m_noEdges->setVisible(m_haveReport && m_report.edges.isEmpty());
    if (!m_haveReport) {
        m_overall->setText(tr("Reading the status…"));
        m_overallIcon->setPixmap(
            StatusSummary::healthIcon(HealthTracker::State::Unknown).pixmap(kIconSize, kIconSize));
        m_shownOverall.reset();
        m_leaseHolder->setText(QString());
        m_monitors->setText(QString());
        m_heldBack->setText(QString());
        return;
    }
    const StatusSummary::Overall overall = m_summary.overall();
    m_overall->setText(StatusSummary::overallText(overall));
    if (m_shownOverall != overall) {
        m_overallIcon->setPixmap(StatusSummary::icon(overall).pixmap(kIconSize, kIconSize));
        m_shownOverall = overall;
    }
    m_overallIcon->setToolTip(m_summary.tooltip());
    m_leaseHolder->setText(
        tr("Process changing DNS: %1").arg(StatusSummary::holderText(m_report.leaseHolder)));
    m_monitors->setText(monitorsText());
    m_heldBack->setText(heldBackText());
}

QString DashboardPage::monitorsText() const
{
    if (m_report.monitors.isEmpty())
        return tr("Monitors: none running");
    QStringList parts;
    for (const StatusReport::MonitorStatus &m : m_report.monitors) {
        const QString who = StatusSummary::componentText(m.component);
        if (!m.alive) {
            parts.append(tr("%1: not responding").arg(who));
            continue;
        }
        const QString role =
            m.detail == QLatin1String("acting")
                ? tr("acting")
                : (m.detail == QLatin1String("standby") ? tr("standing by") : m.detail);
        parts.append(tr("%1: %2").arg(who, role));
    }
    return tr("Monitors: %1").arg(parts.join(QStringLiteral("; ")));
}

QString DashboardPage::heldBackText() const
{
    if (m_report.dnsHeldBack.isEmpty())
        return tr("DNS changes held back: none");
    QStringList parts;
    for (const StatusReport::HeldBack &h : m_report.dnsHeldBack) {
        parts.append(
            h.paused ? tr("%1 (paused until the configuration changes: %2)").arg(h.target, h.error)
                     : tr("%1 (retrying: %2)").arg(h.target, h.error));
    }
    return tr("DNS changes held back: %1").arg(parts.join(QStringLiteral("; ")));
}

} // namespace kokoa::gui
