#pragma once

#include "app/Dns01Challenge.h"
#include "deploy/Deployer.h"
#include "store/CertificateRecord.h"

#include <QCoreApplication>

#include <algorithm>
#include <atomic>
#include <functional>
#include <optional>

namespace kokoa {
class AcmeClient;
class Store;
struct AcmeChallengeTask;
} // namespace kokoa

namespace kokoa::app {

// Certificates as a user sees them: the ACME account they are ordered
// with, issuing one (HTTP-01 answered on every edge, the result stored and
// deployed to every edge), and what is held. Each use case blocks its
// caller while the CA works (it runs the ACME client on a local event
// loop): kokoactl calls it directly, a window from a TaskJob. A failure
// never touches the certificates already held.
class CertificateService final
{
    Q_DECLARE_TR_FUNCTIONS(CertificateService)

public:
    static QString letsEncryptProduction()
    {
        return QStringLiteral("https://acme-v02.api.letsencrypt.org/directory");
    }
    static QString letsEncryptStaging()
    {
        return QStringLiteral("https://acme-staging-v02.api.letsencrypt.org/directory");
    }

    struct AccountRequest
    {
        QString email;
        bool agreeTos = false;
        QString directoryUrl; // empty: Let's Encrypt (production, or staging)
        QString caBundle;     // PEM file; empty: the system's CAs
        bool staging = false;
    };

    struct IssueRequest
    {
        QStringList names;
        // Empty: dns-01 if a name's route is set to it (--tls dns-01), else http-01.
        QString challenge = QStringLiteral("http-01");
        QString profile; // empty: the CA's default
        bool deploy = true;
        QString replaces;  // RFC 9773: the ARI identifier of the certificate renewed
        QByteArray keyPem; // the certificate's key to keep; empty: a new key
    };

    struct IssueOutcome
    {
        CertificateRecord certificate;
        QStringList challengeEdges; // the edges that held the HTTP-01 answers
        std::optional<DeploySummary> deployed;
        // Where the time went: the answers put on and taken off the edges
        // (or the DNS), the deploy, and the rest (the CA and the store).
        struct Timings
        {
            qint64 totalMs = 0;
            qint64 challengeMs = 0;
            qint64 deployMs = 0;
            qint64 caMs() const { return std::max<qint64>(0, totalMs - challengeMs - deployMs); }
        } timings;
    };

    struct Held
    {
        CertificateRecord certificate;
        // When to renew: the CA's ARI window, else from two thirds of the
        // lifetime to the end (invalid: not known).
        QDateTime renewFrom;
        QDateTime renewBy;
        bool renewalFromAri = false;
        QStringList edges; // the edges last deployed with it
    };

    CertificateService(Store &store, QString dataDir);

    // SSH to the edges (challenges and deploy); tests put scripted hosts here.
    void setConnector(Deployer::Connector connector) { m_connector = std::move(connector); }
    void setProgress(std::function<void(const QString &)> progress)
    {
        m_progress = std::move(progress);
    }
    void setDeployProgress(ProgressSink sink) { m_deployProgress = std::move(sink); }
    void setOperationTimeoutMs(int ms) { m_operationTimeoutMs = ms; }
    // Set from another thread to abandon the order in flight (issue()).
    void setCancel(const std::atomic_bool *cancel) { m_cancel = cancel; }
    // DNS-01: the name servers waited for in a zone (default: the provider's
    // own), and how long and how often they are asked.
    void setDnsServerLookup(Dns01Challenge::ServerLookup lookup)
    {
        m_dnsServerLookup = std::move(lookup);
    }
    void setDnsWait(const TxtPropagation::Options &options) { m_dnsWait = options; }

    Result<AcmeAccountRecord> registerAccount(const AccountRequest &request);
    Result<IssueOutcome> issue(const IssueRequest &request);
    Result<QList<Held>> list();

    // What a PEM chain says about its leaf (names, issuer, validity, serial,
    // ARI identifier).
    static Result<CertificateRecord> describe(const QByteArray &chainPem);

private:
    Result<QStringList> checkNames(const IssueRequest &request, const Topology &topology) const;
    void report(const QString &step) const;
    void configureDns01(Dns01Challenge &dns) const;
    void placeDns01(AcmeClient &client, Dns01Challenge &dns, const AcmeChallengeTask &task) const;

    Store &m_store;
    QString m_dataDir;
    Deployer::Connector m_connector = Deployer::sshConnector();
    std::function<void(const QString &)> m_progress;
    ProgressSink m_deployProgress;
    int m_operationTimeoutMs = 5 * 60 * 1000;
    Dns01Challenge::ServerLookup m_dnsServerLookup;
    std::optional<TxtPropagation::Options> m_dnsWait;
    const std::atomic_bool *m_cancel = nullptr;
};

} // namespace kokoa::app
