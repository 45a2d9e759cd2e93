#pragma once

#include "core/Result.h"
#include "deploy/Deployer.h"
#include "gui/WizardSupport.h"

#include <QHash>
#include <QWizardPage>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QGridLayout;

namespace kokoa {
class DeployJob;
}

namespace kokoa::gui {

class Session;

// The deploy, as it happens: a progress bar and the current step for every
// host, a readable log, Cancel, and Retry for the hosts that failed. The
// work is an app DeployJob on its own thread with its own database
// connection. Complete once every host is deployed.
class WizardDeployPage final : public QWizardPage
{
    Q_OBJECT

public:
    explicit WizardDeployPage(Session &session, QWidget *parent = nullptr);
    ~WizardDeployPage() override;

    // How hosts are reached (SSH unless set; tests script them).
    void setConnector(Deployer::Connector connector) { m_connector = std::move(connector); }

    bool isRunning() const { return m_job != nullptr; }
    // Labels ("edge tokyo-1") of the hosts whose last run failed.
    QStringList failedHosts() const { return m_failed; }
    // The state text shown for a host ("edge tokyo-1"), for tests and tools.
    QString hostState(const QString &label) const;
    int hostProgress(const QString &label) const;

    void initializePage() override;
    bool isComplete() const override;

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Row
    {
        QLabel *name = nullptr;
        QProgressBar *bar = nullptr;
        QLabel *state = nullptr;
        StatusLine status; // shown in `state`
        QString failedStep;
        QStringList stepsDone;
        bool edge = false;
    };

    void buildRows();
    void start(const DeployRequest &request);
    void retry();
    void onProgress(const DeployProgress &progress);
    void onFinished(const Result<DeploySummary> &result);
    void log(const QString &line);
    void retranslate();

    Session &m_session;
    Deployer::Connector m_connector = Deployer::sshConnector();
    QGridLayout *m_grid;
    QPlainTextEdit *m_log;
    QPushButton *m_cancel;
    QPushButton *m_retry;
    QLabel *m_summary;
    StatusLine m_summaryLine;
    QHash<QString, Row> m_rows; // by host label
    DeployJob *m_job = nullptr; // owned while running, then deleteLater()
    QStringList m_failed;
    QStringList m_failureReasons; // "edge e2: connection refused", one per failed host
    bool m_done = false;          // the last run deployed every host
};

} // namespace kokoa::gui
