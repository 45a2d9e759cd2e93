#pragma once

#include "acme/AcmeDirectory.h"
#include "acme/AcmeKey.h"
#include "acme/AcmeProblem.h"
#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslConfiguration>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkReply;

namespace kokoa {

// One answer from the CA that was not an error.
struct AcmeResponse
{
    int status = 0;
    QByteArray body;
    QJsonObject json; // the body when it is JSON
    QUrl location;    // the Location header, resolved
    qint64 retryAfterMs = 0;
};

// The HTTP side of RFC 8555: the directory, anti-replay nonces (a fresh one
// from every response; badNonce answered by a bounded retry), JWS-signed
// POSTs and POST-as-GET. Everything runs on the caller's event loop through
// QNetworkAccessManager signals; nothing blocks.
class AcmeTransport final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AcmeTransport)

public:
    using Handler = std::function<void(Result<AcmeResponse>)>;
    static constexpr int kDefaultBadNonceRetries = 5;
    static constexpr int kDefaultTransferTimeoutMs = 30000;
    static constexpr qint64 kMaxResponseBytes = 1024 * 1024;

    explicit AcmeTransport(QObject *parent = nullptr);
    ~AcmeTransport() override;

    void setDirectoryUrl(const QUrl &url);
    const QUrl &directoryUrl() const { return m_directoryUrl; }
    Status setCaBundle(const QString &pemFile);
    void setAccount(const AcmeKey &key, const QUrl &accountUrl);
    const AcmeKey &accountKey() const { return m_key; }
    const QUrl &accountUrl() const { return m_accountUrl; }
    void setMaxBadNonceRetries(int retries) { m_maxBadNonceRetries = retries; }
    // How long one exchange may stay silent before it is a Timeout.
    void setTransferTimeout(int ms) { m_transferTimeoutMs = ms; }
    int badNonceRetries() const { return m_badNonceRetries; }
    const std::optional<AcmeProblem> &lastProblem() const { return m_lastProblem; }
    void forgetLastProblem() { m_lastProblem.reset(); }
    const std::optional<AcmeDirectory> &directory() const { return m_directory; }

    // Loads the directory once; later calls answer from memory.
    void loadDirectory(std::function<void(Status)> done);
    // A JWS-signed POST: payload std::nullopt is POST-as-GET (empty payload).
    // useJwk signs with the public key instead of the account URL (newAccount,
    // and revocation by certificate key).
    void post(const QUrl &url, const std::optional<QJsonObject> &payload, const QString &attempt,
              Handler done, bool useJwk = false);
    void get(const QUrl &url, const QString &attempt, Handler done);

    // Drops every exchange under way; their handlers are never called.
    void abortAll();

private:
    void withNonce(std::function<void(Result<QByteArray>)> done);
    void sendSigned(const QUrl &url, const std::optional<QJsonObject> &payload,
                    const QString &attempt, Handler done, bool useJwk, int attemptNumber,
                    const QByteArray &nonce);
    Result<QByteArray> jws(const QUrl &url, const std::optional<QJsonObject> &payload,
                           const QByteArray &nonce, bool useJwk) const;
    QNetworkRequest request(const QUrl &url) const;
    void watch(QNetworkReply *reply, const QString &attempt,
               std::function<void(Result<AcmeResponse>, bool badNonce)> done);
    Result<AcmeResponse> interpret(QNetworkReply *reply, const QString &attempt,
                                   const QStringList &tlsErrors, bool *badNonce);

    QNetworkAccessManager m_network;
    QSslConfiguration m_tls;
    QUrl m_directoryUrl;
    std::optional<AcmeDirectory> m_directory;
    AcmeKey m_key;
    QUrl m_accountUrl;
    QByteArray m_nonce;
    int m_maxBadNonceRetries = kDefaultBadNonceRetries;
    int m_transferTimeoutMs = kDefaultTransferTimeoutMs;
    int m_badNonceRetries = 0;
    quint64 m_generation = 0;
    std::optional<AcmeProblem> m_lastProblem;
};

} // namespace kokoa
