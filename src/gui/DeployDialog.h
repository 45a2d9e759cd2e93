#pragma once

#include "app/DeployJob.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

#include <optional>

class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace kokoa::gui {

class Session;

// "Deploy" from the window, as `kokoactl deploy --all` does: every host with
// its current step and state, a log of the steps, a progress bar over the
// hosts, cancel, and a retry of the hosts that failed. The deployment is an
// app/DeployJob on its own thread.
class DeployDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit DeployDialog(Session &session, QWidget *parent = nullptr);
    ~DeployDialog() override;

    // Before start(): how hosts are reached (tests script them).
    void setConnector(Deployer::Connector connector) { m_connector = std::move(connector); }

    // Deploys every host (or, with failed hosts from the last run, those).
    void start();
    void retryFailed();
    void cancel();
    // Closes, except while a deploy runs (it would leave hosts mid-step).
    void reject() override;
    bool isRunning() const { return m_job; }
    QString summaryText() const;
    QString logText() const;

signals:
    void deployFinished(bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    void run(DeployRequest request);
    void showProgress(const DeployProgress &progress);
    void finish(const Result<DeploySummary> &result);
    // The summary line for where the dialog is; log: also add it to the log.
    void showOutcome(bool log);
    QTreeWidgetItem *hostItem(const QString &host);
    void updateButtons();
    void retranslate();

    Session &m_session;
    std::optional<Deployer::Connector> m_connector;
    QPointer<DeployJob> m_job;
    QStringList m_failedEdges;
    QStringList m_failedOrigins;
    QHash<QString, QTreeWidgetItem *> m_hosts;
    int m_hostsDone = 0;
    bool m_started = false; // a run began: the summary is its own
    struct Outcome
    {
        QString error; // the run as a whole failed
        int hosts = 0;
        int failed = 0;
        int changed = 0;
    } m_outcome;
    QCheckBox *m_dryRun;
    QTreeWidget *m_tree;
    QProgressBar *m_bar;
    QPlainTextEdit *m_log;
    QLabel *m_summary;
    QPushButton *m_start;
    QPushButton *m_retry;
    QPushButton *m_cancel;
    QPushButton *m_close;
};

} // namespace kokoa::gui
