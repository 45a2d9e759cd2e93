#include "app/CertificateRenewer.h"

#include "app/AppLogging.h"
#include "core/DataDirectory.h"
#include "store/Store.h"

#include <algorithm>

namespace kokoa::app {

using Outcomes = QList<CertificateRenewal::Outcome>;

CertificateRenewer::CertificateRenewer(QString dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
{
    m_timer.setInterval(60 * 60 * 1000);
    connect(&m_timer, &QTimer::timeout, this, [this] { checkNow(); });
}

CertificateRenewer::~CertificateRenewer() = default;

void CertificateRenewer::setIntervalMs(int ms)
{
    m_timer.setInterval(ms);
}

void CertificateRenewer::setBackoffMs(qint64 first, qint64 max)
{
    m_firstBackoffMs = first;
    m_maxBackoffMs = max;
}

void CertificateRenewer::setLeaseHeld(bool held)
{
    if (held == m_leaseHeld)
        return;
    m_leaseHeld = held;
    if (!held) {
        m_timer.stop();
        return;
    }
    m_timer.start();
    checkNow();
}

QDateTime CertificateRenewer::backingOffUntil(const QString &name) const
{
    const auto it = m_backoff.constFind(name);
    return it != m_backoff.cend() && it->until > now() ? it->until : QDateTime();
}

bool CertificateRenewer::checkNow()
{
    if (!m_leaseHeld || m_job)
        return false;
    CertificateRenewal::Request request;
    for (auto it = m_backoff.cbegin(); it != m_backoff.cend(); ++it) {
        if (it->until > now())
            request.skip.insert(it.key());
    }
    const QString dataDir = m_dataDir;
    const Deployer::Connector connector = m_connector;
    const CertificateRenewal::Clock clock = m_clock;
    const int timeoutMs = m_operationTimeoutMs;
    auto *job = new TaskJob(
        [=](const Job::Control &control) mutable -> std::any {
            request.cancel = control.cancelFlag();
            // The job's own connection: this runs on another thread.
            Result<std::unique_ptr<Store>> store =
                Store::open(DataDirectory::databasePath(dataDir));
            if (!store) {
                CertificateRenewal::Outcome failed;
                failed.name = QStringLiteral("-");
                failed.error = store.error();
                return Outcomes{failed};
            }
            CertificateRenewal renewal(**store, dataDir);
            renewal.setConnector(connector);
            renewal.setClock(clock);
            renewal.setOperationTimeoutMs(timeoutMs);
            const Result<Outcomes> outcomes = renewal.run(request);
            if (!outcomes) {
                CertificateRenewal::Outcome failed;
                failed.name = QStringLiteral("-");
                failed.error = outcomes.error();
                return Outcomes{failed};
            }
            return *outcomes;
        },
        this);
    m_job = job;
    connect(job, &TaskJob::finished, this, [this, job] {
        const Outcomes *outcomes = job->result<Outcomes>();
        m_job = nullptr;
        job->deleteLater();
        take(outcomes ? *outcomes : Outcomes());
    });
    job->start();
    return true;
}

void CertificateRenewer::take(const QList<CertificateRenewal::Outcome> &outcomes)
{
    for (const CertificateRenewal::Outcome &o : outcomes) {
        if (o.renewed)
            emit renewed(o.name, o.certificate.serial);
        if (!o.error) {
            m_backoff.remove(o.name);
            continue;
        }
        Backoff &b = m_backoff[o.name];
        ++b.failures;
        qint64 wait = m_firstBackoffMs;
        for (int i = 1; i < b.failures && wait < m_maxBackoffMs; ++i)
            wait *= 2;
        wait = std::max(std::min(wait, m_maxBackoffMs), o.error->retryAfterMs());
        b.until = now().addMSecs(wait);
        const QString alert = tr("renewing the certificate %1 failed (next attempt after %2): %3")
                                  .arg(o.name, b.until.toString(Qt::ISODate), o.error->message());
        qCWarning(lcApp) << alert;
        emit failed(o.name, o.error->message());
        emit alertRaised(alert);
    }
    emit checked(int(outcomes.size()));
}

} // namespace kokoa::app
