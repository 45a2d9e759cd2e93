#include "app/AutoReplacement.h"

#include "app/AppLogging.h"
#include "app/ProviderService.h"
#include "app/TaskJob.h"
#include "health/Monitor.h"
#include "store/BurnStore.h"
#include "store/ProviderStore.h"
#include "store/Store.h"

#include <QDateTime>

namespace kokoa::app {
namespace {

// Before a burn is recorded: the provider the replacement comes from must
// answer. A provider in trouble would leave the edge out of DNS with no
// replacement coming; the edge is better left where it is, and the user told.
Status providerAnswers(Store &store, const QString &dataDir, const QString &edge,
                       const ProviderService::Opener &opener)
{
    ProviderService providers(store, dataDir);
    if (opener)
        providers.setOpener(opener);
    QString providerName;
    if (Result<std::optional<BurnRecord>> burn = BurnStore(store.database()).unfinished(edge);
        burn && burn->has_value()) {
        providerName = (*burn)->provider;
    } else {
        Result<std::optional<ServerRecord>> server =
            ProviderStore(store.database()).serverForEdge(edge);
        if (!server)
            return server.error();
        if (!server->has_value())
            return Error(Error::Kind::InvalidInput,
                         AutoReplacement::tr("edge %1 was added by hand: there is no provider to "
                                             "replace it from (replace it with `kokoactl edge "
                                             "burn %1 --provider P`)")
                             .arg(edge),
                         QStringLiteral("provider"));
        providerName = (*server)->provider;
    }
    Result<std::unique_ptr<CloudProvider>> cloud = providers.open(providerName);
    if (!cloud)
        return cloud.error();
    // A provider that cannot list its servers (the command kind) has
    // nothing to report before the burn: its create answers for it.
    if (!(*cloud)->canList())
        return {};
    if (Result<QList<CloudServer>> owned = (*cloud)->owned(); !owned)
        return owned.error().prefixed(
            AutoReplacement::tr("provider %1 reports errors").arg(providerName));
    return {};
}

} // namespace

AutoReplacement::AutoReplacement(Store &store, QString dataDir, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_dataDir(std::move(dataDir))
    , m_clock(clock)
    , m_burner(edgeBurner())
{}

AutoReplacement::~AutoReplacement() = default;

AutoReplacement::Burner AutoReplacement::edgeBurner(BurnSetup setup)
{
    return [setup](const QString &databasePath, const QString &dataDir, const QString &edge) {
        Outcome outcome;
        Result<std::unique_ptr<Store>> store = Store::open(databasePath);
        if (!store) {
            outcome.detail = store.error().message();
            return outcome;
        }
        if (Status s = providerAnswers(**store, dataDir, edge, setup.opener); !s) {
            outcome.detail = s.error().message();
            return outcome;
        }
        outcome.started = true;
        EdgeBurn burn(**store, dataDir, setup.connector);
        if (setup.opener)
            burn.setProviderOpener(setup.opener);
        if (setup.probe)
            burn.setProbe(setup.probe);
        if (setup.timing)
            burn.setTiming(*setup.timing);
        EdgeBurn::Request request;
        request.edge = edge;
        request.automatic = true;
        const Result<EdgeBurn::Report> report = burn.run(request);
        outcome.ok = report.ok();
        outcome.replacement = report ? report->replacement : QString();
        outcome.detail =
            report ? tr("replaced by %1").arg(report->replacement) : report.error().message();
        return outcome;
    };
}

void AutoReplacement::follow(Monitor &monitor)
{
    connect(&monitor, &Monitor::edgesAssessed, this, &AutoReplacement::onAssessment);
    connect(this, &AutoReplacement::confirmationWanted, &monitor, &Monitor::confirmDown);
}

void AutoReplacement::onAssessment(const QStringList &downHere, const QStringList &confirmedDown,
                                   bool everyEdgeDown)
{
    const Result<Settings> settings = m_store.settings();
    if (!settings || !settings->autoReplaceEdges()) {
        m_downSinceMs.clear();
        m_noted.clear();
        return;
    }
    const qint64 now = m_clock.nowMs();
    track(downHere, now);
    if (m_job)
        return; // one replacement at a time
    if (everyEdgeDown) {
        // What is seen while our own network is the suspect is no evidence:
        // every edge starts its time again once one answers.
        m_downSinceMs.clear();
        noteOnce(QStringLiteral("all-down"), QStringLiteral("*"),
                 tr("every edge is down from here: the control plane's own network is the likely "
                    "cause"),
                 tr("nothing is replaced"), true);
        return;
    }
    m_noted.remove(QStringLiteral("all-down"));
    QSet<QString> busy; // edges in an unfinished burn: that burn decides
    if (resumeUnfinished(now, &busy))
        return;
    const qint64 afterMs = qint64(settings->replaceAfterSeconds()) * 1000;
    for (const QString &edge : downHere) {
        if (busy.contains(edge) || now - m_downSinceMs.value(edge, now) < afterMs ||
            m_retryAtMs.value(edge) > now) {
            continue;
        }
        if (considerEdge(edge, confirmedDown, settings->maxReplacementsPerDay(), now))
            return;
    }
}

// Edges that came back (or left the configuration) start from zero when
// they go down again.
void AutoReplacement::track(const QStringList &downHere, qint64 nowMs)
{
    const QSet<QString> down(downHere.begin(), downHere.end());
    for (auto it = m_downSinceMs.begin(); it != m_downSinceMs.end();) {
        if (down.contains(it.key())) {
            ++it;
            continue;
        }
        m_noted.remove(QStringLiteral("wait:") + it.key());
        m_noted.remove(QStringLiteral("cap:") + it.key());
        it = m_downSinceMs.erase(it);
    }
    for (const QString &edge : downHere) {
        if (!m_downSinceMs.contains(edge))
            m_downSinceMs.insert(edge, nowMs);
    }
}

// An automatic burn that stopped (a failed step, a restart) is finished
// before anything new starts; a user's unfinished burn is the user's.
bool AutoReplacement::resumeUnfinished(qint64 nowMs, QSet<QString> *busy)
{
    const Result<QList<BurnRecord>> unfinished = BurnStore(m_store.database()).allUnfinished();
    if (!unfinished)
        return true; // the store cannot tell: nothing is started blind
    for (const BurnRecord &b : *unfinished) {
        busy->insert(b.edge);
        busy->insert(b.replacement);
    }
    for (const BurnRecord &b : *unfinished) {
        if (b.automatic && m_retryAtMs.value(b.edge) <= nowMs) {
            start(b.edge, tr("resuming the automatic burn (steps done: %1)")
                              .arg(b.done.join(QStringLiteral(", "))));
            return true;
        }
    }
    return false;
}

bool AutoReplacement::considerEdge(const QString &edge, const QStringList &confirmedDown,
                                   int maxPerDay, qint64 nowMs)
{
    const qint64 downS = (nowMs - m_downSinceMs.value(edge)) / 1000;
    if (!confirmedDown.contains(edge)) {
        // Down from here alone may be our own path to it: ask the others,
        // the answer comes with a later assessment.
        noteOnce(
            QStringLiteral("wait:") + edge, edge,
            tr("down from here for %1 s; asking the other edges before replacing it").arg(downS),
            tr("waiting for confirmation"), false);
        emit confirmationWanted(edge);
        return false;
    }
    if (!underDailyCap(maxPerDay)) {
        noteOnce(QStringLiteral("cap:") + edge, edge,
                 tr("down from every vantage for %1 s, but %2 automatic replacements in 24 "
                    "hours is the cap (edges.max_replacements_per_day)")
                     .arg(downS)
                     .arg(maxPerDay),
                 tr("not replaced: replace it with `kokoactl edge burn %1`").arg(edge), true);
        return false;
    }
    start(edge, tr("down from every vantage for %1 s (edges.replace_after_s)").arg(downS));
    return true;
}

bool AutoReplacement::underDailyCap(int maxPerDay)
{
    const Result<int> done = BurnStore(m_store.database()).automaticLastDay();
    return done && *done < maxPerDay;
}

void AutoReplacement::start(const QString &edge, const QString &reason)
{
    logEvent(edge, reason, tr("burning and replacing it once its provider answers"));
    qCInfo(lcApp).noquote() << "automatic replacement of edge" << edge << ":" << reason;
    Burner burner = m_burner;
    const QString databasePath = m_store.database().path();
    const QString dataDir = m_dataDir;
    m_job = std::make_unique<TaskJob>(
        [=](const Job::Control &) -> std::any { return burner(databasePath, dataDir, edge); });
    connect(m_job.get(), &TaskJob::finished, this, [this, edge] { finished(edge); });
    m_job->start();
}

void AutoReplacement::finished(const QString &edge)
{
    const Outcome outcome = m_job->result<Outcome>() ? *m_job->result<Outcome>() : Outcome{};
    // The job emitted from its own slot: delete it once that has returned.
    m_job.release()->deleteLater();
    m_downSinceMs.remove(edge); // a replacement under this name is judged afresh
    if (outcome.ok) {
        m_failures.remove(edge);
        m_retryAtMs.remove(edge);
        logEvent(edge, tr("automatic replacement"), outcome.detail);
    } else {
        const int failures = ++m_failures[edge];
        const Result<Settings> settings = m_store.settings();
        const qint64 firstWaitMs =
            settings ? qint64(settings->replaceAfterSeconds()) * 1000 : kMaxRetryMs;
        const qint64 waitMs = std::min(kMaxRetryMs, firstWaitMs << std::min(failures - 1, 20));
        m_retryAtMs.insert(edge, m_clock.nowMs() + waitMs);
        const QString text =
            outcome.started
                ? tr("automatic replacement of edge %1 stopped: %2 (tried again in %3 s)")
                      .arg(edge, outcome.detail)
                      .arg(waitMs / 1000)
                : tr("edge %1 is not replaced automatically: %2 (checked again in %3 s)")
                      .arg(edge, outcome.detail)
                      .arg(waitMs / 1000);
        logEvent(edge, tr("automatic replacement"), text);
        emit alertRaised(text);
    }
    emit replaced(edge, outcome.ok, outcome.detail);
}

// Said once while it holds (an event, and an alert where the user must act).
void AutoReplacement::noteOnce(const QString &key, const QString &edge, const QString &reason,
                               const QString &outcome, bool alert)
{
    if (m_noted.contains(key))
        return;
    m_noted.insert(key);
    logEvent(edge, reason, outcome);
    if (alert)
        emit alertRaised(reason + QStringLiteral(": ") + outcome);
}

void AutoReplacement::logEvent(const QString &edge, const QString &reason, const QString &outcome)
{
    Event event;
    event.at = QDateTime::currentDateTimeUtc();
    event.category = QStringLiteral("edge");
    event.subject =
        edge == QLatin1String("*") ? QStringLiteral("edges") : QStringLiteral("edge ") + edge;
    event.action = QStringLiteral("automatic replacement");
    event.reason = reason;
    event.outcome = outcome;
    if (Status s = m_store.appendEvent(event); !s)
        qCWarning(lcApp).noquote() << "cannot record an event:" << s.error().message();
}

} // namespace kokoa::app
