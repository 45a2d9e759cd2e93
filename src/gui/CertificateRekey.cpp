#include "gui/CertificateRekey.h"

#include "app/RemovedEdgeCertificates.h"
#include "app/TaskJob.h"
#include "gui/GuiLogging.h"
#include "gui/Session.h"
#include "store/Store.h"

namespace kokoa::gui {

namespace {

struct Outcome
{
    QStringList rekeyed;
    QStringList failed; // "name: why"
    QString error;      // nothing could be looked at
};

} // namespace

CertificateRekey::CertificateRekey(Session &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{}

CertificateRekey::~CertificateRekey()
{
    // The CA question in flight is abandoned; the job (a child) then waits
    // for its thread.
    if (m_job)
        m_job->cancel();
}

bool CertificateRekey::start(const QStringList &lineages)
{
    if (m_job)
        return false;
    const QString databasePath = m_session.databasePath();
    const QString dataDir = m_session.dataDir();
    auto *job = new TaskJob(
        [databasePath, dataDir, lineages](const Job::Control &control) -> std::any {
            Outcome outcome;
            auto store = Store::open(databasePath);
            if (!store) {
                outcome.error = store.error().message();
                return outcome;
            }
            app::CertificateRenewal renewal(**store, dataDir);
            app::CertificateRenewal::Request request =
                app::RemovedEdgeCertificates::rekeyRequest(lineages);
            request.cancel = control.cancelFlag();
            const auto outcomes = renewal.run(request);
            if (!outcomes) {
                outcome.error = outcomes.error().message();
                return outcome;
            }
            for (const app::CertificateRenewal::Outcome &o : *outcomes) {
                if (o.error)
                    outcome.failed.append(o.name + QStringLiteral(": ") + o.error->message());
                else if (o.renewed)
                    outcome.rekeyed.append(o.name);
            }
            return outcome;
        },
        this);
    m_job = job;
    connect(job, &TaskJob::finished, this, [this, job] {
        const Outcome *outcome = job->result<Outcome>();
        job->deleteLater();
        m_job = nullptr;
        if (!outcome || !outcome->error.isEmpty()) {
            const QString why = outcome ? outcome->error : tr("it ended without a result");
            qCWarning(lcGui).noquote() << "re-key failed:" << why;
            emit finished(false, tr("Re-keying failed: %1").arg(why));
            return;
        }
        QStringList lines;
        if (!outcome->rekeyed.isEmpty())
            lines.append(tr("Re-keyed, and the old certificates revoked: %1")
                             .arg(outcome->rekeyed.join(QStringLiteral(", "))));
        if (!outcome->failed.isEmpty())
            lines.append(
                tr("Re-keying failed: %1").arg(outcome->failed.join(QStringLiteral("; "))));
        emit finished(outcome->failed.isEmpty(), lines.join(QLatin1Char('\n')));
    });
    job->start();
    return true;
}

} // namespace kokoa::gui
