#pragma once

#include "acme/AcmeKey.h"
#include "acme/AcmeOrderFlow.h"
#include "acme/AcmeProblem.h"
#include "acme/AcmeTypes.h"
#include "core/Result.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <optional>

namespace kokoa {

class AcmeTransport;

// An RFC 8555 ACME client for one account at one CA. One operation at a
// time (registerAccount, issue, fetchRenewalInfo, revoke); each ends with
// exactly one finished() carrying its Status, and its result is read from
// the accessor. Nothing blocks: the work runs on the caller's event loop, a
// GUI can show progress() and call cancel(); a whole-operation deadline
// bounds every operation.
class AcmeClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AcmeClient)

public:
    static constexpr int kDefaultOperationTimeoutMs = 5 * 60 * 1000;

    explicit AcmeClient(QObject *parent = nullptr);
    ~AcmeClient() override;

    // Settings are for between operations, not while busy().
    Status setDirectoryUrl(const QUrl &url);
    // PEM file of the CAs trusted for the directory's TLS instead of the system's.
    Status setCaBundle(const QString &pemFile);
    // The account key; the account URL when already registered (else it is
    // looked up or registered by registerAccount).
    void setAccount(const AcmeKey &key, const QUrl &accountUrl = {});
    void setOperationTimeout(int ms) { m_operationTimeoutMs = ms; }
    void setPollBounds(const AcmePollBounds &bounds) { m_pollBounds = bounds; }
    void setMaxBadNonceRetries(int retries);
    void setTransferTimeout(int ms);

    bool busy() const { return m_busy; }
    // Each returns false, and emits nothing, while another operation runs;
    // otherwise its finished() follows, never from inside the call.
    bool registerAccount(const AcmeAccountRequest &request);
    bool issue(const AcmeOrderRequest &request);
    bool fetchRenewalInfo(const QByteArray &certificatePem);
    // revokeCert signed by the account key; reason is an RFC 5280 code, -1 for none.
    bool revoke(const QByteArray &certificatePem, int reason = -1);
    void cancel();

    // The caller's answers to challengeNeeded.
    void challengePlaced(const QString &token);
    void challengePlacementFailed(const QString &token, const Error &error);

    QUrl accountUrl() const;
    const AcmeCertificate &certificate() const { return m_certificate; }
    const AcmeRenewalInfo &renewalInfo() const { return m_renewalInfo; }
    QStringList directoryProfiles() const;
    // Whether the directory (once loaded by an operation) lists renewalInfo.
    bool offersRenewalInfo() const;
    // The CA's last problem document in this operation (its type, for
    // callers that act on rateLimited, alreadyRevoked…).
    std::optional<AcmeProblem> lastProblem() const;
    int badNonceRetries() const;

signals:
    // A step a user can read ("asking the CA to check www.example.com").
    void progress(const QString &step);
    // Place task (http-01: serve keyAuthorization at httpPath(); dns-01: TXT
    // dnsTxtValue at dnsName()), then call challengePlaced(task.token), or
    // challengePlacementFailed. All of an order's challenges come at once.
    void challengeNeeded(const kokoa::AcmeChallengeTask &task);
    // The CA is done with task (or the operation ended): remove it.
    void challengeDone(const kokoa::AcmeChallengeTask &task);
    void finished(const kokoa::Status &status);

private:
    enum class Start
    {
        Refused, // busy: nothing happens
        Failed,  // started, and its failure is already on its way
        Running,
    };
    Start begin(const QString &what);
    void finish(const Status &status);
    void failLater(const Error &error);
    void withAccount(std::function<void()> next);
    void startOrder(const AcmeOrderRequest &request);

    AcmeTransport *m_transport;
    QPointer<AcmeOrderFlow> m_flow;
    QTimer m_deadline;
    int m_operationTimeoutMs = kDefaultOperationTimeoutMs;
    AcmePollBounds m_pollBounds;
    bool m_busy = false;
    QString m_operation;
    AcmeCertificate m_certificate;
    AcmeRenewalInfo m_renewalInfo;
};

} // namespace kokoa
