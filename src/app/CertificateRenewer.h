#pragma once

#include "app/CertificateRenewal.h"
#include "app/TaskJob.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace kokoa::app {

// Unattended renewal by whichever monitor holds the DNS lease: a shell that
// runs a Monitor connects its leaseChanged() to setLeaseHeld(). While the
// lease is held the renewer looks every interval (and at once when it gets
// the lease) for certificates that are due (a hostname routed with TLS on
// that has none is due at once: see CertificateAutoIssue), and renews them
// as a TaskJob on a thread and a Store connection of its own, so that
// neither probing nor the shell's thread waits on the CA. A lineage whose
// renewal (or first order) failed is left alone for a back-off that doubles
// with each failure and is never shorter than the CA's Retry-After; each
// failure is an event (CertificateRenewal or CertificateAutoIssue writes it)
// and an alert.
class CertificateRenewer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CertificateRenewer)

public:
    explicit CertificateRenewer(QString dataDir, QObject *parent = nullptr);
    ~CertificateRenewer() override;

    // Used on the job's thread: must not touch objects of this thread.
    void setConnector(Deployer::Connector connector) { m_connector = std::move(connector); }
    void setClock(CertificateRenewal::Clock clock) { m_clock = std::move(clock); }
    void setIntervalMs(int ms);
    void setBackoffMs(qint64 first, qint64 max);
    void setOperationTimeoutMs(int ms) { m_operationTimeoutMs = ms; }

    void setLeaseHeld(bool held);
    bool leaseHeld() const { return m_leaseHeld; }
    // Starts a look now; false while one runs or without the lease.
    bool checkNow();
    bool isChecking() const { return m_job != nullptr; }
    // Until when a lineage is left alone after failures (invalid: not backing off).
    QDateTime backingOffUntil(const QString &name) const;

signals:
    void renewed(const QString &name, const QString &serial);
    // A hostname routed with TLS on got its first certificate.
    void issued(const QString &name, const QString &serial);
    void failed(const QString &name, const QString &message);
    void alertRaised(const QString &text);
    // A look is over (outcomes: how many lineages were looked at).
    void checked(int outcomes);

private:
    struct Backoff
    {
        int failures = 0;
        QDateTime until;
    };

    void take(const QList<CertificateRenewal::Outcome> &outcomes);
    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }

    QString m_dataDir;
    Deployer::Connector m_connector = Deployer::sshConnector();
    CertificateRenewal::Clock m_clock;
    int m_operationTimeoutMs = 5 * 60 * 1000;
    qint64 m_firstBackoffMs = 15 * 60 * 1000;
    qint64 m_maxBackoffMs = 24 * 60 * 60 * 1000;
    bool m_leaseHeld = false;
    QTimer m_timer;
    QPointer<TaskJob> m_job;
    QHash<QString, Backoff> m_backoff;
};

} // namespace kokoa::app
