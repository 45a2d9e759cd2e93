#include "gui/WizardDeployPage.h"

#include "app/DeployJob.h"
#include "gui/GuiLogging.h"
#include "gui/HostStateText.h"
#include "gui/Session.h"
#include "gui/WizardSupport.h"
#include "store/Store.h"

#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace kokoa::gui {

namespace {

// The steps a host goes through (see Deployer): the bar's length.
constexpr int edgeSteps = 8;
constexpr int originSteps = 7;

QString stateWord(DeployProgress::State state)
{
    switch (state) {
    case DeployProgress::State::Started:
        return WizardDeployPage::tr("started");
    case DeployProgress::State::Unchanged:
        return WizardDeployPage::tr("unchanged");
    case DeployProgress::State::Changed:
        return WizardDeployPage::tr("changed");
    case DeployProgress::State::Failed:
        return WizardDeployPage::tr("failed");
    case DeployProgress::State::Skipped:
        return WizardDeployPage::tr("skipped");
    }
    return {};
}

} // namespace

WizardDeployPage::WizardDeployPage(Session &session, QWidget *parent)
    : QWizardPage(parent)
    , m_session(session)
    , m_grid(new QGridLayout)
    , m_log(new QPlainTextEdit(this))
    , m_cancel(new QPushButton(this))
    , m_retry(new QPushButton(this))
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("deployPage"));
    m_log->setObjectName(QStringLiteral("deployLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_cancel->setObjectName(QStringLiteral("cancelDeploy"));
    m_retry->setObjectName(QStringLiteral("retryDeploy"));
    m_summary->setObjectName(QStringLiteral("deploySummary"));
    m_summary->setWordWrap(true);
    m_summaryLine.attach(m_summary);
    m_grid->setColumnStretch(1, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_retry);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_grid);
    layout->addLayout(buttons);
    layout->addWidget(m_summary);
    layout->addWidget(m_log, 1);
    m_cancel->setEnabled(false);
    m_retry->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_job) {
            m_job->cancel();
            log(tr("Cancelling: each host stops before its next step."));
        }
    });
    connect(m_retry, &QPushButton::clicked, this, &WizardDeployPage::retry);
    retranslate();
}

// A running deploy is cancelled and waited for by the job's destructor.
WizardDeployPage::~WizardDeployPage()
{
    delete m_job;
}

QString WizardDeployPage::hostState(const QString &label) const
{
    const auto row = m_rows.constFind(label);
    return row == m_rows.cend() ? QString() : row->status.text();
}

int WizardDeployPage::hostProgress(const QString &label) const
{
    const auto row = m_rows.constFind(label);
    return row == m_rows.cend() ? -1 : row->bar->value();
}

void WizardDeployPage::initializePage()
{
    if (isRunning())
        return;
    buildRows();
    DeployRequest request;
    request.all = true;
    start(request);
}

bool WizardDeployPage::isComplete() const
{
    return m_done && !isRunning();
}

void WizardDeployPage::buildRows()
{
    for (const Row &row : std::as_const(m_rows)) {
        delete row.name;
        delete row.bar;
        delete row.state;
    }
    m_rows.clear();
    const Result<Topology> topology = m_session.store().topology();
    if (!topology)
        return;
    const auto add = [this](const QString &label, bool edge) {
        Row row;
        row.edge = edge;
        row.name = new QLabel(this);
        row.bar = new QProgressBar(this);
        row.bar->setRange(0, edge ? edgeSteps : originSteps);
        row.bar->setValue(0);
        row.state = new QLabel(this);
        row.state->setMinimumWidth(180);
        row.state->setWordWrap(true);
        row.status.attach(row.state);
        row.status.show(StatusLine::Kind::Info, []() -> QString { return tr("waiting"); });
        const int line = m_grid->rowCount();
        m_grid->addWidget(row.name, line, 0);
        m_grid->addWidget(row.bar, line, 1);
        m_grid->addWidget(row.state, line, 2);
        m_rows.insert(label, row);
    };
    for (const Origin &o : topology->origins)
        add(QStringLiteral("origin ") + o.name, false);
    for (const Edge &e : topology->edges)
        add(QStringLiteral("edge ") + e.name, true);
    retranslate(); // the rows' names
}

void WizardDeployPage::start(const DeployRequest &request)
{
    m_done = false;
    m_failed.clear();
    m_failureReasons.clear();
    m_job = new DeployJob(m_session.databasePath(), m_session.dataDir(), request, this);
    m_job->setConnector(m_connector);
    connect(m_job, &DeployJob::progress, this, &WizardDeployPage::onProgress);
    connect(m_job, &DeployJob::finished, this, &WizardDeployPage::onFinished);
    m_cancel->setEnabled(true);
    m_retry->setEnabled(false);
    m_summaryLine.show(StatusLine::Kind::Info, []() -> QString { return tr("Deploying…"); });
    log(tr("Deploy started."));
    m_job->start();
    emit completeChanged();
}

void WizardDeployPage::retry()
{
    if (isRunning() || m_failed.isEmpty())
        return;
    DeployRequest request;
    for (const QString &label : std::as_const(m_failed)) {
        const QString name = label.section(QLatin1Char(' '), 1);
        auto row = m_rows.find(label);
        if (row != m_rows.end()) {
            row->stepsDone.clear();
            row->failedStep.clear();
            row->bar->setValue(0);
            row->status.show(StatusLine::Kind::Info, []() -> QString { return tr("waiting"); });
        }
        (label.startsWith(QLatin1String("edge ")) ? request.edges : request.origins).append(name);
    }
    QStringList retried;
    for (const QString &label : std::as_const(m_failed))
        retried.append(HostStateText::deployLabel(label));
    log(tr("Retrying %1.").arg(retried.join(QStringLiteral(", "))));
    start(request);
}

void WizardDeployPage::onProgress(const DeployProgress &p)
{
    QString line =
        tr("%1: %2 — %3").arg(HostStateText::deployLabel(p.host), p.step, stateWord(p.state));
    if (!p.detail.isEmpty())
        line += QStringLiteral(" (") + p.detail + QLatin1Char(')');
    log(line);
    auto row = m_rows.find(p.host);
    if (row == m_rows.end())
        return;
    const QString step = p.step;
    if (p.state == DeployProgress::State::Started) {
        row->status.show(StatusLine::Kind::Info,
                         [step]() -> QString { return tr("%1…").arg(step); });
        return;
    }
    if (p.state == DeployProgress::State::Failed) {
        row->failedStep = step;
        row->status.show(StatusLine::Kind::Bad,
                         [step]() -> QString { return tr("failed at %1").arg(step); });
        return;
    }
    if (!row->stepsDone.contains(p.step))
        row->stepsDone.append(p.step);
    row->bar->setMaximum(std::max<int>(row->bar->maximum(), row->stepsDone.size()));
    row->bar->setValue(int(row->stepsDone.size()));
}

void WizardDeployPage::onFinished(const Result<DeploySummary> &result)
{
    m_job->deleteLater();
    m_job = nullptr;
    m_cancel->setEnabled(false);
    if (!result) {
        const QString message = result.error().message();
        m_summaryLine.show(StatusLine::Kind::Bad, [message]() -> QString {
            return tr("The deploy did not run: %1").arg(message);
        });
        log(m_summaryLine.text());
        for (auto it = m_rows.begin(); it != m_rows.end(); ++it)
            m_failed.append(it.key());
        m_retry->setEnabled(true);
        emit completeChanged();
        return;
    }
    for (const HostResult &h : result->hosts) {
        auto row = m_rows.find(h.label);
        if (h.ok) {
            if (row != m_rows.end()) {
                row->bar->setValue(row->bar->maximum());
                row->status.show(StatusLine::Kind::Good,
                                 []() -> QString { return tr("deployed"); });
            }
            log(tr("%1: deployed.").arg(HostStateText::deployLabel(h.label)));
            continue;
        }
        m_failed.append(h.label);
        m_failureReasons.append(HostStateText::deployLabel(h.label) + QStringLiteral(": ") +
                                h.error.message());
        if (row != m_rows.end()) {
            const bool cancelled = h.error.kind() == Error::Kind::Cancelled;
            const QString step = row->failedStep;
            row->status.show(StatusLine::Kind::Bad, [cancelled, step]() -> QString {
                if (cancelled)
                    return tr("cancelled");
                return step.isEmpty() ? tr("failed") : tr("failed at %1").arg(step);
            });
            row->state->setToolTip(h.error.message());
        }
        log(tr("%1 failed: %2").arg(HostStateText::deployLabel(h.label), h.error.message()));
        qCInfo(lcGui) << "deploy of" << h.label << "failed:" << h.error.message();
    }
    m_done = m_failed.isEmpty();
    m_retry->setEnabled(!m_done);
    if (m_done) {
        m_summaryLine.show(StatusLine::Kind::Good,
                           []() -> QString { return tr("Every host is deployed."); });
    } else {
        const QStringList reasons = m_failureReasons;
        m_summaryLine.show(StatusLine::Kind::Bad, [reasons]() -> QString {
            return tr("%n host(s) failed; fix the cause and retry them.", nullptr,
                      int(reasons.size())) +
                   QLatin1Char('\n') + reasons.join(QLatin1Char('\n'));
        });
    }
    m_session.notifyConfigurationChanged();
    emit completeChanged();
}

void WizardDeployPage::log(const QString &line)
{
    m_log->appendPlainText(QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss ")) +
                           line);
}

void WizardDeployPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWizardPage::changeEvent(event);
}

void WizardDeployPage::retranslate()
{
    setTitle(tr("Deploy"));
    setSubTitle(tr("WireGuard, the firewall and nginx are set up on every host, in parallel."));
    m_cancel->setText(tr("&Cancel deploy"));
    m_retry->setText(tr("&Retry failed hosts"));
    m_summaryLine.refresh();
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        const QString name = it.key().section(QLatin1Char(' '), 1);
        it->name->setText(it->edge ? tr("Edge %1").arg(name) : tr("Origin %1").arg(name));
        it->status.refresh();
    }
}

} // namespace kokoa::gui
