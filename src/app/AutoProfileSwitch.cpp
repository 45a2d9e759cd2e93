#include "app/AutoProfileSwitch.h"

#include "app/AppLogging.h"
#include "app/EdgeProfileSwitch.h"
#include "store/Store.h"

#include <QDateTime>

namespace kokoa {

AutoProfileSwitch::AutoProfileSwitch(Store &store, QString dataDir, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_dataDir(std::move(dataDir))
{}

AutoProfileSwitch::~AutoProfileSwitch() = default;

void AutoProfileSwitch::onLoad(const QString &edge, const EdgeLoad &load)
{
    if (m_job || !load.rateKnown())
        return; // one switch at a time; one reading alone has no rate
    const Result<Settings> settings = m_store.settings();
    if (!settings)
        return;
    const int threshold = settings->loadAttackRequestsPerSecond();
    if (threshold <= 0 || load.requestsPerSecond <= threshold)
        return;
    const QString reason = tr("%1 requests/s, above load.attack_rps (%2)")
                               .arg(QString::number(load.requestsPerSecond, 'f', 1))
                               .arg(threshold);
    const Result<EdgeProfileSwitch::Change> change =
        EdgeProfileSwitch::store(m_store, edge, EdgeProfile::UnderAttack, reason);
    if (!change) {
        logEvent(edge, QStringLiteral("automatic profile switch"), reason,
                 change.error().message());
        return;
    }
    if (!change->changed)
        return; // under attack already
    qCInfo(lcApp).noquote() << "edge" << edge << "switched to under-attack:" << reason;
    if (change->deployed)
        deploy(edge);
}

void AutoProfileSwitch::deploy(const QString &edge)
{
    m_job = std::make_unique<DeployJob>(m_store.database().path(), m_dataDir,
                                        EdgeProfileSwitch::request(edge));
    m_job->setConnector(m_connector);
    // One redeploy of that edge: a certificate missing elsewhere is the
    // renewer's to order (with its back-off), not a reason to contact the CA
    // and redeploy every edge in the middle of an attack.
    m_job->setOrderMissingCertificates(false);
    connect(m_job.get(), &DeployJob::finished, this,
            [this, edge](const Result<DeploySummary> &result) { deployed(edge, result); });
    m_job->start();
}

void AutoProfileSwitch::deployed(const QString &edge, const Result<DeploySummary> &result)
{
    QString outcome = QStringLiteral("ok");
    if (!result)
        outcome = result.error().message();
    else if (!result->ok() && !result->hosts.isEmpty())
        outcome = result->hosts.first().error.message();
    logEvent(edge, QStringLiteral("deploy under-attack profile"), tr("automatic profile switch"),
             outcome);
    // The job emitted from its own slot: delete it once that has returned.
    m_job.release()->deleteLater();
    emit switched(edge, outcome == QLatin1String("ok"), outcome);
}

void AutoProfileSwitch::logEvent(const QString &edge, const QString &action, const QString &reason,
                                 const QString &outcome)
{
    Event event;
    event.at = QDateTime::currentDateTimeUtc();
    event.category = QStringLiteral("deploy");
    event.subject = QStringLiteral("edge ") + edge;
    event.action = action;
    event.reason = reason;
    event.outcome = outcome;
    if (Status s = m_store.appendEvent(event); !s)
        qCWarning(lcApp).noquote() << "cannot record an event:" << s.error().message();
}

} // namespace kokoa
