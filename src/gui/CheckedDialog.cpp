#include "gui/CheckedDialog.h"

#include "app/TaskJob.h"
#include "gui/Session.h"
#include "store/Store.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QLabel>
#include <QPushButton>

namespace kokoa::gui {

namespace {

struct Outcome
{
    std::optional<Error> error;
};

} // namespace

CheckedDialog::CheckedDialog(Session &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setWordWrap(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CheckedDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CheckedDialog::reject);
}

CheckedDialog::~CheckedDialog() = default;

QString CheckedDialog::message() const
{
    return m_problem->text();
}

void CheckedDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void CheckedDialog::refuse(const QString &reason)
{
    m_refusal = reason;
    showState();
}

void CheckedDialog::runChecked(StoreTask task)
{
    if (m_job)
        return;
    const QString databasePath = m_session.databasePath();
    m_job = new TaskJob(
        [databasePath, task = std::move(task)](const Job::Control &) -> std::any {
            Outcome outcome;
            auto store = Store::open(databasePath);
            if (!store)
                outcome.error = store.error();
            else if (Status s = task(**store); !s)
                outcome.error = s.error();
            return outcome;
        },
        this);
    connect(m_job, &TaskJob::finished, this, [this] {
        const Outcome outcome = m_job->result<Outcome>() ? *m_job->result<Outcome>() : Outcome{};
        m_job->deleteLater();
        m_job = nullptr;
        finish(outcome.error);
    });
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    m_job->start();
    showState();
}

void CheckedDialog::finish(const std::optional<Error> &error)
{
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
    if (error) {
        m_refusal = error->message();
        showState();
        emit settled();
        return;
    }
    m_refusal.clear();
    showState();
    m_session.notifyConfigurationChanged();
    emit settled();
    QDialog::accept();
}

void CheckedDialog::showState()
{
    if (m_job)
        m_problem->setText(waitingText());
    else if (!m_refusal.isEmpty())
        m_problem->setText(tr("Not saved: %1").arg(m_refusal));
    else
        m_problem->clear();
}

} // namespace kokoa::gui
