#include "gui/DeployDialog.h"

#include "gui/HostStateText.h"
#include "gui/Session.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace kokoa::gui {

namespace {

enum HostColumn
{
    HostName,
    Step,
    State,
    Detail
};

// The end states of a host after the run, beside DeployProgress::State.
constexpr int doneState = 100;
constexpr int failedState = 101;

// A state in words and a sign, never colour alone.
QString stateText(int state)
{
    if (state == doneState)
        return DeployDialog::tr("✓ done");
    if (state == failedState)
        return DeployDialog::tr("✗ failed");
    switch (DeployProgress::State(state)) {
    case DeployProgress::State::Started:
        return DeployDialog::tr("… running");
    case DeployProgress::State::Unchanged:
        return DeployDialog::tr("✓ unchanged");
    case DeployProgress::State::Changed:
        return DeployDialog::tr("✓ changed");
    case DeployProgress::State::Failed:
        return DeployDialog::tr("✗ failed");
    case DeployProgress::State::Skipped:
        return DeployDialog::tr("– skipped");
    }
    return {};
}

} // namespace

DeployDialog::DeployDialog(Session &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_dryRun(new QCheckBox(this))
    , m_tree(new QTreeWidget(this))
    , m_bar(new QProgressBar(this))
    , m_log(new QPlainTextEdit(this))
    , m_summary(new QLabel(this))
    , m_start(new QPushButton(this))
    , m_retry(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_close(new QPushButton(this))
{
    setObjectName(QStringLiteral("deployDialog"));
    m_summary->setObjectName(QStringLiteral("deploySummary"));
    m_summary->setWordWrap(true);
    m_start->setObjectName(QStringLiteral("startDeploy"));
    m_retry->setObjectName(QStringLiteral("retryDeploy"));
    m_cancel->setObjectName(QStringLiteral("cancelDeploy"));
    m_tree->setRootIsDecorated(false);
    m_tree->setColumnCount(4);
    m_tree->header()->setStretchLastSection(true);
    // Host, step and state fit their text (a Japanese host label is longer
    // than the English one); the detail takes the rest.
    for (int column = 0; column < 3; ++column)
        m_tree->header()->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(5000);
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    auto *buttons = new QDialogButtonBox(this);
    buttons->addButton(m_start, QDialogButtonBox::ActionRole);
    buttons->addButton(m_retry, QDialogButtonBox::ActionRole);
    buttons->addButton(m_cancel, QDialogButtonBox::ActionRole);
    buttons->addButton(m_close, QDialogButtonBox::RejectRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_dryRun);
    layout->addWidget(m_tree, 2);
    layout->addWidget(m_bar);
    layout->addWidget(m_log, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    connect(m_start, &QPushButton::clicked, this, &DeployDialog::start);
    connect(m_retry, &QPushButton::clicked, this, &DeployDialog::retryFailed);
    connect(m_cancel, &QPushButton::clicked, this, &DeployDialog::cancel);
    connect(m_close, &QPushButton::clicked, this, &DeployDialog::reject);
    resize(720, 520);
    retranslate();
    updateButtons();
}

DeployDialog::~DeployDialog() = default;

void DeployDialog::start()
{
    DeployRequest request;
    request.all = true;
    run(request);
}

void DeployDialog::retryFailed()
{
    if (m_failedEdges.isEmpty() && m_failedOrigins.isEmpty())
        return;
    DeployRequest request;
    request.edges = m_failedEdges;
    request.origins = m_failedOrigins;
    run(request);
}

void DeployDialog::run(DeployRequest request)
{
    if (m_job)
        return;
    request.dryRun = m_dryRun->isChecked();
    m_started = true;
    m_tree->clear();
    m_hosts.clear();
    m_hostsDone = 0;
    m_bar->setRange(0, 0); // busy until the hosts are known
    m_log->appendPlainText(tr("— Deploy started —"));
    m_job = new DeployJob(m_session.databasePath(), m_session.dataDir(), request, this);
    if (m_connector)
        m_job->setConnector(*m_connector);
    connect(m_job, &DeployJob::progress, this, &DeployDialog::showProgress);
    connect(m_job, &DeployJob::finished, this, &DeployDialog::finish);
    m_job->start();
    showOutcome(false);
}

void DeployDialog::cancel()
{
    if (!m_job)
        return;
    m_job->cancel();
    m_summary->setText(tr("Cancelling: each host stops after its current step…"));
}

QTreeWidgetItem *DeployDialog::hostItem(const QString &host)
{
    if (QTreeWidgetItem *item = m_hosts.value(host))
        return item;
    auto *item = new QTreeWidgetItem(m_tree); // the tree owns it
    item->setText(HostName, HostStateText::deployLabel(host));
    m_hosts.insert(host, item);
    m_bar->setRange(0, int(m_hosts.size()));
    m_bar->setValue(m_hostsDone);
    return item;
}

void DeployDialog::showProgress(const DeployProgress &progress)
{
    QTreeWidgetItem *item = hostItem(progress.host);
    item->setText(Step, progress.step);
    item->setData(State, Qt::UserRole, int(progress.state));
    item->setText(State, stateText(int(progress.state)));
    item->setText(Detail, progress.detail);
    if (progress.state != DeployProgress::State::Started) {
        m_log->appendPlainText(QStringLiteral("%1  %2  %3  %4")
                                   .arg(HostStateText::deployLabel(progress.host), progress.step,
                                        stateText(int(progress.state)), progress.detail));
    }
}

void DeployDialog::finish(const Result<DeploySummary> &result)
{
    m_job->deleteLater();
    m_job = nullptr;
    m_failedEdges.clear();
    m_failedOrigins.clear();
    m_outcome = Outcome{};
    m_bar->setRange(0, std::max(1, int(m_hosts.size())));
    if (!result) {
        m_bar->setValue(0);
        m_outcome.error = result.error().message();
        showOutcome(true);
        emit deployFinished(false);
        return;
    }
    m_outcome.hosts = int(result->hosts.size());
    m_outcome.changed = result->changedHosts();
    for (const HostResult &host : result->hosts) {
        QTreeWidgetItem *item = hostItem(host.label);
        item->setData(State, Qt::UserRole, host.ok ? doneState : failedState);
        item->setText(State, stateText(host.ok ? doneState : failedState));
        if (host.ok)
            continue;
        ++m_outcome.failed;
        item->setText(Detail, host.error.message());
        m_log->appendPlainText(
            tr("%1 failed: %2").arg(HostStateText::deployLabel(host.label), host.error.message()));
        // "edge tokyo-1" / "origin home": the kind, then the name.
        const QString kind = host.label.section(QLatin1Char(' '), 0, 0);
        const QString name = host.label.section(QLatin1Char(' '), 1);
        (kind == QLatin1String("edge") ? m_failedEdges : m_failedOrigins).append(name);
    }
    m_bar->setValue(int(m_hosts.size()));
    showOutcome(true);
    m_session.notifyConfigurationChanged(); // deploy states changed
    emit deployFinished(m_outcome.failed == 0);
}

void DeployDialog::showOutcome(bool log)
{
    QString text;
    if (!m_started)
        text = tr("“Deploy all” brings every origin and edge in line with the configuration.");
    else if (m_job)
        text = tr("Deploying…");
    else if (!m_outcome.error.isEmpty())
        text = tr("Not deployed: %1").arg(m_outcome.error);
    else if (m_outcome.failed == 0)
        text = tr("Deployed. Hosts: %1, changed: %2.").arg(m_outcome.hosts).arg(m_outcome.changed);
    else if (m_outcome.failed == m_outcome.hosts)
        text = tr("Every host failed (%1). Fix the cause and retry.").arg(m_outcome.hosts);
    else
        text = tr("Hosts failed: %1 of %2; the others are deployed. Fix the cause and retry the "
                  "failed hosts.")
                   .arg(m_outcome.failed)
                   .arg(m_outcome.hosts);
    m_summary->setText(text);
    if (log)
        m_log->appendPlainText(text);
    updateButtons();
}

QString DeployDialog::summaryText() const
{
    return m_summary->text();
}

QString DeployDialog::logText() const
{
    return m_log->toPlainText();
}

void DeployDialog::updateButtons()
{
    const bool running = m_job;
    m_start->setEnabled(!running);
    m_dryRun->setEnabled(!running);
    m_retry->setEnabled(!running && !(m_failedEdges.isEmpty() && m_failedOrigins.isEmpty()));
    m_cancel->setEnabled(running);
    m_close->setEnabled(!running);
}

void DeployDialog::reject()
{
    // Closing while hosts are being changed would leave them mid-step.
    if (m_job)
        return;
    QDialog::reject();
}

void DeployDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void DeployDialog::retranslate()
{
    setWindowTitle(tr("Deploy"));
    m_dryRun->setText(tr("Only show what would change (dry run)"));
    m_tree->setHeaderLabels({tr("Host"), tr("Step"), tr("State"), tr("Detail")});
    m_start->setText(tr("&Deploy all"));
    m_retry->setText(tr("&Retry failed hosts"));
    m_cancel->setText(tr("&Cancel deploy"));
    m_close->setText(tr("C&lose"));
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_tree->topLevelItem(i);
        item->setText(State, stateText(item->data(State, Qt::UserRole).toInt()));
    }
    showOutcome(false);
}

} // namespace kokoa::gui
