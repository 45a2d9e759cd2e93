#include "app/CertificateRenewer.h"

#include "app/AppLogging.h"
#include "app/CertificateAutoIssue.h"
#include "core/DataDirectory.h"
#include "store/Store.h"

#include <algorithm>

namespace kokoa::app {

using Outcomes = QList<CertificateRenewal::Outcome>;

namespace {

// The hostnames routed with TLS on that had no certificate, as outcomes of
// the look: an order that failed backs off like a renewal that failed.
Outcomes firstCertificates(Store &store, const QString &dataDir,
                           const Deployer::Connector &connector, int timeoutMs,
                           const QSet<QString> &skip, const std::atomic_bool *cancel)
{
    CertificateAutoIssue autoIssue(store, dataDir);
    autoIssue.setConnector(connector);
    autoIssue.setOperationTimeoutMs(timeoutMs);
    const Result<CertificateAutoIssue::Summary> summary = autoIssue.run(skip, cancel);
    Outcomes out;
    if (!summary) {
        CertificateRenewal::Outcome failed;
        failed.name = QStringLiteral("-");
        failed.error = summary.error();
        return {failed};
    }
    std::optional<Error> deployError;
    if (summary->deployed && !*summary->deployed)
        deployError = summary->deployed->error();
    else if (summary->deployed) {
        for (const HostResult &host : (*summary->deployed)->hosts) {
            if (!host.ok && !deployError)
                deployError = host.error.prefixed(host.label);
        }
    }
    for (const CertificateAutoIssue::Outcome &o : summary->outcomes) {
        CertificateRenewal::Outcome outcome;
        outcome.name = o.name;
        outcome.due = true;
        outcome.first = true;
        outcome.error = o.error;
        if (o.certificate) {
            outcome.renewed = true;
            outcome.certificate = *o.certificate;
            if (summary->deployed && *summary->deployed)
                outcome.deployed = **summary->deployed;
            if (deployError)
                outcome.error = deployError->prefixed(
                    CertificateRenewer::tr("the certificate is stored, but deploying it failed"));
        }
        out.append(outcome);
    }
    return out;
}

} // namespace

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
            const Result<Outcomes> renewed = renewal.run(request);
            Outcomes outcomes;
            if (!renewed) {
                CertificateRenewal::Outcome failed;
                failed.name = QStringLiteral("-");
                failed.error = renewed.error();
                outcomes.append(failed);
            } else {
                outcomes = *renewed;
            }
            outcomes += firstCertificates(**store, dataDir, connector, timeoutMs, request.skip,
                                          request.cancel);
            return outcomes;
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
        if (o.renewed && o.first)
            emit issued(o.name, o.certificate.serial);
        else if (o.renewed)
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
        const QString alert =
            (o.first
                 ? tr("ordering the first certificate for %1 failed (next attempt after %2): %3")
                 : tr("renewing the certificate %1 failed (next attempt after %2): %3"))
                .arg(o.name, b.until.toString(Qt::ISODate), o.error->message());
        qCWarning(lcApp) << alert;
        emit failed(o.name, o.error->message());
        emit alertRaised(alert);
    }
    emit checked(int(outcomes.size()));
}

} // namespace kokoa::app
