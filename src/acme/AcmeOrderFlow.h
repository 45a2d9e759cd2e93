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

// One certificate order from newOrder to the downloaded chain. Every
// pending authorization's challenge is handed to the caller at once
// (challengeNeeded), so placing them, on several edges say, runs in
// parallel; as each is placed (challengePlaced) the CA is told to check it
// and its authorization is polled; each placed challenge is handed back
// (challengeDone) for removal once checked or when the order ends. Then the
// order is finalised with a CSR and the chain fetched. Runs on the caller's
// event loop.
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
    // out); challenges still out are handed back through challengeDone.
    void stop();
    const AcmeCertificate &certificate() const { return m_certificate; }

    static Status validateRequest(const AcmeOrderRequest &request);

signals:
    void progress(const QString &step);
    void challengeNeeded(const kokoa::AcmeChallengeTask &task);
    void challengeDone(const kokoa::AcmeChallengeTask &task);
    void finished(const kokoa::Status &status);

private:
    struct Pending
    {
        QUrl authorizationUrl;
        QUrl challengeUrl;
        AcmeChallengeTask task;
        bool open = false; // handed to the caller, not yet handed back
        bool valid = false;
    };

    void createOrder();
    void readAuthorization(int index);
    Status addPending(const QUrl &url, const QJsonObject &authorization);
    void handOutChallenges();
    Pending *pendingFor(const QString &token);
    void respondToChallenge(const QString &token);
    void pollAuthorization(const QString &token, int round);
    void authorizationValid(Pending &pending);
    void pollOrder(const QString &wanted, int round, std::function<void()> next);
    void finalizeOrder();
    void downloadCertificate();
    void handBack(Pending &pending);
    void handBackAll();
    void fail(const Error &error);
    void afterRetryAfter(qint64 retryAfterMs, std::function<void()> next);
    int pollDelay(qint64 retryAfterMs) const;

    AcmeTransport *m_transport;
    AcmeOrderRequest m_request;
    AcmePollBounds m_bounds;
    AcmeKey m_certificateKey;
    QUrl m_orderUrl;
    QJsonObject m_order;
    QJsonArray m_authorizations;
    QList<Pending> m_pending;
    bool m_done = false;
    AcmeCertificate m_certificate;
};

} // namespace kokoa
