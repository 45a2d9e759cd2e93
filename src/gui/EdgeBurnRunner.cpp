#include "gui/EdgeBurnRunner.h"

#include "gui/GuiLogging.h"
#include "gui/Session.h"
#include "store/Store.h"

namespace kokoa::gui {

EdgeBurnRunner::EdgeBurnRunner(Session &session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_burn([](Store &store, const QString &dataDir, const app::EdgeBurn::Request &request,
                const app::EdgeCreation::StepSink &steps) {
        app::EdgeBurn burn(store, dataDir);
        burn.setStepSink(steps);
        return burn.run(request);
    })
{}

// The job (a child) waits for its thread: a burn is not abandoned halfway
// by closing the window, it ends its step (and a later start resumes).
EdgeBurnRunner::~EdgeBurnRunner() = default;

QString EdgeBurnRunner::stepText(const QString &step)
{
    if (step == QLatin1String("leave-dns"))
        return tr("out of DNS");
    if (step == QLatin1String("destroy"))
        return tr("server destroyed");
    if (step == QLatin1String("create"))
        return tr("new server created");
    if (step == QLatin1String("deploy"))
        return tr("new server deployed");
    if (step == QLatin1String("probe"))
        return tr("new server serves every hostname");
    if (step == QLatin1String("join-dns"))
        return tr("new server in DNS");
    if (step == QLatin1String("origins"))
        return tr("the home servers no longer accept its tunnel");
    return step;
}

bool EdgeBurnRunner::start(const app::EdgeBurn::Request &request)
{
    if (m_job)
        return false;
    const QString databasePath = m_session.databasePath();
    const QString dataDir = m_session.dataDir();
    const Burn burn = m_burn;
    // Posted functions run on this object's thread while the job (a child)
    // exists, so they may reach this object.
    QPointer<EdgeBurnRunner> self(this);
    auto *job = new TaskJob(
        [=](const Job::Control &control) -> std::any {
            auto store = Store::open(databasePath);
            if (!store)
                return Result<app::EdgeBurn::Report>(store.error());
            // Burn steps only ("burn leave-dns"); the creation's own steps
            // are detail the event log keeps.
            const app::EdgeCreation::StepSink steps = [&control, self](const QString &step,
                                                                       const QString &) {
                static const QLatin1String prefix("burn ");
                if (!step.startsWith(prefix))
                    return;
                const QString name = step.mid(prefix.size());
                control.post([self, name] {
                    if (self)
                        emit self->progress(stepText(name));
                });
            };
            return burn(**store, dataDir, request, steps);
        },
        this);
    m_job = job;
    const QString edge = request.edge;
    connect(job, &TaskJob::finished, this, [this, job, edge] {
        const auto *result = job->result<Result<app::EdgeBurn::Report>>();
        job->deleteLater();
        m_job = nullptr;
        if (!result || !*result) {
            const QString why =
                result ? result->error().message() : tr("it ended without a result");
            qCWarning(lcGui).noquote() << "burn of edge" << edge << "failed:" << why;
            emit finished(false, tr("The burn of %1 stopped: %2").arg(edge, why));
            return;
        }
        const app::EdgeBurn::Report &report = result->value();
        QString text = report.replacement.isEmpty()
                           ? tr("%1 is burned.").arg(edge)
                           : tr("%1 is burned and replaced by a new server, now in DNS.")
                                 .arg(report.replacement);
        if (!report.destroyByHand.isEmpty())
            text += QLatin1Char(' ') + tr("It was added by hand: destroy the machine at %1 "
                                          "yourself.")
                                           .arg(report.destroyByHand);
        emit finished(true, text);
    });
    job->start();
    return true;
}

} // namespace kokoa::gui
