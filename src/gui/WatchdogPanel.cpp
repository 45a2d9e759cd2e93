#include "gui/WatchdogPanel.h"

#include "app/TaskJob.h"
#include "gui/Session.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace kokoa::gui {

WatchdogPanel::WatchdogPanel(Session &session, QWidget *parent)
    : QGroupBox(parent)
    , m_session(session)
    , m_options(app::WatchdogService::systemOptions())
    , m_binary(defaultWatchdogBinary())
    , m_state(new QLabel(this))
    , m_failure(new QLabel(this))
    , m_install(new QPushButton(this))
    , m_uninstall(new QPushButton(this))
{
    setObjectName(QStringLiteral("watchdogPanel"));
    m_state->setObjectName(QStringLiteral("watchdogState"));
    m_state->setWordWrap(true);
    m_failure->setObjectName(QStringLiteral("watchdogFailure"));
    m_failure->setWordWrap(true);
    m_install->setObjectName(QStringLiteral("installWatchdog"));
    m_uninstall->setObjectName(QStringLiteral("uninstallWatchdog"));
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_uninstall);
    buttons->addWidget(m_install);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_state);
    layout->addWidget(m_failure);
    layout->addLayout(buttons);
    connect(m_install, &QPushButton::clicked, this, &WatchdogPanel::install);
    connect(m_uninstall, &QPushButton::clicked, this, &WatchdogPanel::uninstall);
    retranslate();
}

WatchdogPanel::~WatchdogPanel() = default;

QString WatchdogPanel::defaultWatchdogBinary()
{
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString &candidate :
         QStringList{dir + QStringLiteral("/kokoa-watchdog"),
                     dir + QStringLiteral("/../watchdog/kokoa-watchdog")}) {
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    }
    return QStandardPaths::findExecutable(QStringLiteral("kokoa-watchdog"));
}

void WatchdogPanel::refresh()
{
    run([](const app::WatchdogService &) { return QString(); });
}

void WatchdogPanel::install()
{
    if (m_binary.isEmpty()) {
        m_failure->setText(tr("kokoa-watchdog was not found next to this program or on PATH."));
        return;
    }
    const QString binary = m_binary;
    const QString dataDir = m_session.dataDir();
    run([binary, dataDir](const app::WatchdogService &service) {
        const Status s = service.install(binary, dataDir);
        return s ? QString() : s.error().message();
    });
}

void WatchdogPanel::uninstall()
{
    run([](const app::WatchdogService &service) {
        const app::WatchdogService::Removal removal = service.uninstall();
        if (removal.removeFailed)
            return removal.removeFailed->message();
        return removal.disableFailed ? removal.disableFailed->message() : QString();
    });
}

// The operation, then the state, on a thread of their own with their own
// database connection.
void WatchdogPanel::run(std::function<QString(const app::WatchdogService &)> operation)
{
    if (m_job)
        return;
    const app::WatchdogService::Options options = m_options;
    const QString databasePath = m_session.databasePath();
    m_job = new TaskJob(
        [options, databasePath, operation](const Job::Control &) -> std::any {
            const app::WatchdogService service(options);
            Outcome outcome;
            outcome.failure = operation(service);
            auto store = Store::open(databasePath);
            if (!store) {
                outcome.stateError = store.error().message();
                return outcome;
            }
            const auto state = service.state(**store);
            if (state)
                outcome.state = *state;
            else
                outcome.stateError = state.error().message();
            return outcome;
        },
        this);
    connect(m_job, &TaskJob::finished, this, [this] {
        const Outcome *outcome = m_job->result<Outcome>();
        if (outcome)
            show(*outcome);
        m_job->deleteLater();
        m_job = nullptr;
        updateButtons();
        emit idle();
    });
    m_job->start();
    m_state->setText(tr("Working…"));
    updateButtons();
}

void WatchdogPanel::show(const Outcome &outcome)
{
    m_last = outcome;
    m_failure->setText(outcome.failure.isEmpty() ? QString()
                                                 : tr("Failed: %1").arg(outcome.failure));
    m_state->setText(stateText());
}

QString WatchdogPanel::stateText() const
{
    if (!m_last)
        return tr("Checking…");
    if (!m_last->state)
        return tr("State unknown: %1").arg(m_last->stateError);
    const app::WatchdogService::State &state = *m_last->state;
    if (!state.installed)
        return tr("Not installed. Install it to keep failover working while this window is "
                  "closed.");
    QString text = tr("Installed; service: %1.").arg(state.service);
    if (!state.heartbeat)
        return text + QLatin1Char(' ') + tr("No heartbeat yet.");
    const QString at =
        QDateTime::fromMSecsSinceEpoch(state.heartbeat->atMs).toString(QStringLiteral("HH:mm:ss"));
    return text + QLatin1Char(' ') +
           (state.alive ? tr("Running, last heartbeat at %1.").arg(at)
                        : tr("Not responding, last heartbeat at %1.").arg(at));
}

void WatchdogPanel::updateButtons()
{
    const bool installed = m_last && m_last->state && m_last->state->installed;
    m_install->setEnabled(!m_job);
    m_uninstall->setEnabled(!m_job && installed);
}

void WatchdogPanel::showEvent(QShowEvent *event)
{
    // The first look at systemd waits until the panel is seen (and a test
    // has injected its runner).
    if (!m_last && !m_job)
        refresh();
    QGroupBox::showEvent(event);
}

void WatchdogPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QGroupBox::changeEvent(event);
}

void WatchdogPanel::retranslate()
{
    setTitle(tr("Watchdog service (kokoa-watchdog)"));
    m_install->setText(tr("&Install"));
    m_uninstall->setText(tr("&Uninstall"));
    m_install->setToolTip(tr("Runs monitoring and failover as a systemd user service, also "
                             "without a login session"));
    if (!m_job)
        m_state->setText(stateText());
}

} // namespace kokoa::gui
