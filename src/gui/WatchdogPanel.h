#pragma once

#include "app/TaskJob.h"
#include "app/WatchdogService.h"

#include <QGroupBox>
#include <QPointer>

class QLabel;
class QPushButton;

namespace kokoa::gui {

class Session;

// The watchdog service on the settings page: its state (installed, running,
// its last heartbeat) and install / uninstall, as `kokoactl watchdog` does.
// systemctl runs off the GUI thread (app/TaskJob).
class WatchdogPanel final : public QGroupBox
{
    Q_OBJECT

public:
    explicit WatchdogPanel(Session &session, QWidget *parent = nullptr);
    ~WatchdogPanel() override;

    // Where the unit goes and how systemctl runs (tests inject both), and the
    // kokoa-watchdog binary the unit starts.
    void setOptions(app::WatchdogService::Options options) { m_options = std::move(options); }
    void setWatchdogBinary(const QString &path) { m_binary = path; }
    // The kokoa-watchdog installed next to this program, else the one on PATH.
    static QString defaultWatchdogBinary();

    void refresh();
    void install();
    void uninstall();
    bool isBusy() const { return m_job; }
    QString stateText() const;

signals:
    // A refresh, install or uninstall has ended and the state is shown.
    void idle();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    struct Outcome
    {
        QString failure; // empty: the operation succeeded
        std::optional<app::WatchdogService::State> state;
        QString stateError;
    };
    void run(std::function<QString(const app::WatchdogService &)> operation);
    void show(const Outcome &outcome);
    void retranslate();
    void updateButtons();

    Session &m_session;
    app::WatchdogService::Options m_options;
    QString m_binary;
    QPointer<TaskJob> m_job;
    std::optional<Outcome> m_last;
    QLabel *m_state;
    QLabel *m_failure;
    QPushButton *m_install;
    QPushButton *m_uninstall;
};

} // namespace kokoa::gui
