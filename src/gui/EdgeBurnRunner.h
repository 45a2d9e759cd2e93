#pragma once

#include "app/EdgeBurn.h"
#include "app/TaskJob.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace kokoa::gui {

class Session;

// Burns an edge and replaces it off the GUI thread, as `kokoactl edge burn`
// (app/EdgeBurn): out of DNS, its server destroyed, a fresh one from the
// provider deployed with the same certificates and put into DNS. Each step
// is reported as it ends; a burn that stops resumes when started again.
class EdgeBurnRunner final : public QObject
{
    Q_OBJECT

public:
    // What runs on the worker thread; replaceable in tests.
    using Burn = std::function<Result<app::EdgeBurn::Report>(
        Store &store, const QString &dataDir, const app::EdgeBurn::Request &request,
        const app::EdgeCreation::StepSink &steps)>;

    explicit EdgeBurnRunner(Session &session, QObject *parent = nullptr);
    ~EdgeBurnRunner() override;

    void setBurn(Burn burn) { m_burn = std::move(burn); }
    // False when a burn is already under way.
    bool start(const app::EdgeBurn::Request &request);
    bool isRunning() const { return m_job != nullptr; }

    // A burn step's name (leave-dns, destroy, ...) in the window's words.
    static QString stepText(const QString &step);

signals:
    void progress(const QString &text);
    // ok: burned (and replaced); text: what happened, for the user.
    void finished(bool ok, const QString &text);

private:
    Session &m_session;
    Burn m_burn;
    QPointer<TaskJob> m_job; // a child while it runs
};

} // namespace kokoa::gui
