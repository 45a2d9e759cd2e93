#pragma once

#include "app/CertificateService.h"

#include <QCoreApplication>
#include <QSet>

#include <atomic>
#include <functional>
#include <optional>

namespace kokoa {
class AcmeClient;
class Store;
} // namespace kokoa

namespace kokoa::app {

// Renewing and re-keying the certificates the control plane holds. A
// renewal is due when the CA's ARI window (RFC 9773) has begun, or, from a
// CA without ARI, at two thirds of the lifetime; its order carries
// `replaces` whenever the CA offers ARI, which exempts it from the CA's rate
// limits. Re-keying orders with a new private key, deploys the result to
// every edge and only then revokes the old certificate. The new certificate
// replaces the old one in the store only once issued: a failure leaves the
// working certificate where it was, held and served. Blocks its caller like
// CertificateService.
class CertificateRenewal final
{
    Q_DECLARE_TR_FUNCTIONS(CertificateRenewal)

public:
    using Clock = std::function<QDateTime()>;

    struct Request
    {
        QStringList names;   // lineages; empty: every certificate ordered from a CA
        bool force = false;  // renew now, due or not
        bool newKey = false; // re-key
        bool revoke = false; // re-key: revoke the old certificate once replaced everywhere
        QSet<QString> skip;  // lineages left alone this time (backing off)
        // Set from another thread to stop: no further lineage is looked at,
        // and the CA question in flight is abandoned.
        const std::atomic_bool *cancel = nullptr;
    };

    struct Outcome
    {
        QString name;
        bool due = false;
        bool fromAri = false; // when it is due came from the CA's renewal information
        QDateTime renewFrom;
        QString oldSerial;
        bool renewed = false; // a new certificate is stored
        // About the first certificate of a hostname routed with TLS on
        // (CertificateAutoIssue): a missing certificate is due at once.
        bool first = false;
        CertificateRecord certificate;
        std::optional<DeploySummary> deployed;
        bool revoked = false;
        std::optional<Error> error;
    };

    CertificateRenewal(Store &store, QString dataDir);

    void setConnector(Deployer::Connector connector) { m_connector = std::move(connector); }
    void setProgress(std::function<void(const QString &)> progress)
    {
        m_progress = std::move(progress);
    }
    void setOperationTimeoutMs(int ms) { m_operationTimeoutMs = ms; }
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // One outcome per lineage looked at; an error only when nothing could
    // be looked at (no account, a name not held, the database).
    Result<QList<Outcome>> run(const Request &request);

    // After edge is removed: the lineages whose private keys it was last
    // deployed with (to be re-keyed); it is no longer listed as holding them.
    Result<QStringList> releaseEdge(const QString &edge);

private:
    Result<QList<CertificateRecord>> select(const Request &request) const;
    Result<std::unique_ptr<AcmeClient>> client(const AcmeAccountRecord &account) const;
    void plan(AcmeClient &client, const CertificateRecord &held, Outcome &outcome,
              QString *replaces);
    void replace(const CertificateRecord &old, const Request &request, AcmeClient &client,
                 const QString &replaces, Outcome &outcome);
    void revokeOld(AcmeClient &client, const CertificateRecord &old, Outcome &outcome);
    template <typename Start> Status runToEnd(AcmeClient &client, Start start);
    void record(const Outcome &outcome, const QString &action) const;
    void report(const QString &step) const;
    QDateTime now() const { return m_clock ? m_clock() : QDateTime::currentDateTimeUtc(); }

    Store &m_store;
    QString m_dataDir;
    Deployer::Connector m_connector = Deployer::sshConnector();
    std::function<void(const QString &)> m_progress;
    int m_operationTimeoutMs = 5 * 60 * 1000;
    Clock m_clock;
    const std::atomic_bool *m_cancel = nullptr;
};

} // namespace kokoa::app
