#pragma once

#include "acme/AcmeKey.h"
#include "acme/AcmeTypes.h"
#include "core/Result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

#include <functional>

namespace kokoa {

class AcmeTransport;

// Bounds on polling (RFC 8555 7.5.1, 7.4): Retry-After is honoured but kept
// inside [min, max], and a poll loop ends after maxPolls.
struct AcmePollBounds
{
    int defaultMs = 1000;
    int minMs = 200;
    int maxMs = 60000;
    int maxPolls = 120;
};

// One certificate order from newOrder to the downloaded chain: each pending
// authorization's challenge is handed to the caller (challengeNeeded), the
// caller places it and calls challengePlaced, the CA is told to check it,
// its result is polled; then the order is finalised with a CSR and the chain
// fetched. Runs on the caller's event loop.
class AcmeOrderFlow final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AcmeOrderFlow)

public:
    AcmeOrderFlow(AcmeTransport *transport, AcmeOrderRequest request, AcmePollBounds bounds,
                  QObject *parent);

    // Checks the request against the directory, then starts the order.
    void start();
    void challengePlaced(const QString &token);
    void challengePlacementFailed(const QString &token, const Error &error);
    // Ends the flow without a finished() (the client cancelled or timed
    // out); a challenge still out is handed back through challengeDone.
    void stop();
    const AcmeCertificate &certificate() const { return m_certificate; }

    static Status validateRequest(const AcmeOrderRequest &request);

signals:
    void progress(const QString &step);
    void challengeNeeded(const kokoa::AcmeChallengeTask &task);
    void challengeDone(const kokoa::AcmeChallengeTask &task);
    void finished(const kokoa::Status &status);

private:
    void createOrder();
    void nextAuthorization();
    void handleAuthorization(const QJsonObject &authorization);
    void respondToChallenge();
    void pollAuthorization(int round);
    void pollOrder(const QString &wanted, int round, std::function<void()> next);
    void finalizeOrder();
    void downloadCertificate();
    void finishChallenge();
    void fail(const Error &error);
    int pollDelay(qint64 retryAfterMs) const;

    AcmeTransport *m_transport;
    AcmeOrderRequest m_request;
    AcmePollBounds m_bounds;
    AcmeKey m_certificateKey;
    QUrl m_orderUrl;
    QJsonObject m_order;
    QJsonArray m_authorizations;
    int m_nextAuthorization = 0;
    QUrl m_authorizationUrl;
    QUrl m_challengeUrl;
    AcmeChallengeTask m_task;
    bool m_taskOpen = false;
    bool m_done = false;
    AcmeCertificate m_certificate;
};

} // namespace kokoa
