#include "acme/AcmeTransport.h"

#include "acme/AcmeLogging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QLocale>
#include <QNetworkReply>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QTimeZone>

namespace kokoa {

namespace {

const QByteArray kReplayNonce = "Replay-Nonce";

qint64 parseRetryAfter(const QByteArray &value)
{
    if (value.isEmpty())
        return 0;
    bool isNumber = false;
    const qint64 seconds = value.trimmed().toLongLong(&isNumber);
    if (isNumber)
        return seconds > 0 ? seconds * 1000 : 0;
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(value.trimmed()),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return 0;
    when.setTimeZone(QTimeZone::utc());
    return qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
}

} // namespace

AcmeTransport::AcmeTransport(QObject *parent)
    : QObject(parent)
    , m_tls(QSslConfiguration::defaultConfiguration())
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

void AcmeTransport::setDirectoryUrl(const QUrl &url)
{
    // Another CA: its directory and nonces are its own.
    if (url != m_directoryUrl) {
        m_directory.reset();
        m_nonce.clear();
    }
    m_directoryUrl = url;
}

AcmeTransport::~AcmeTransport()
{
    // While the members still live: no handler runs for an exchange cut off
    // by the destruction.
    abortAll();
}

Status AcmeTransport::setCaBundle(const QString &pemFile)
{
    const QList<QSslCertificate> certificates = QSslCertificate::fromPath(pemFile, QSsl::Pem);
    if (certificates.isEmpty())
        return Error::invalid(QStringLiteral("caBundle"), pemFile,
                              Error::tr("must be a readable file of PEM certificates"));
    m_tls.setCaCertificates(certificates);
    return {};
}

void AcmeTransport::setAccount(const AcmeKey &key, const QUrl &accountUrl)
{
    m_key = key;
    m_accountUrl = accountUrl;
}

QNetworkRequest AcmeTransport::request(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setSslConfiguration(m_tls);
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("Kokoa-ACME/1"));
    request.setRawHeader("Accept-Language", "en");
    // RFC 8555 7.4.2: the chain as PEM; JSON and problem documents still pass.
    request.setRawHeader("Accept", "application/pem-certificate-chain, application/json, */*");
    return request;
}

void AcmeTransport::abortAll()
{
    ++m_generation;
    const auto replies = m_network.findChildren<QNetworkReply *>();
    for (QNetworkReply *reply : replies)
        reply->abort();
}

void AcmeTransport::watch(QNetworkReply *reply, const QString &attempt,
                          std::function<void(Result<AcmeResponse>, bool badNonce)> done)
{
    // The reply stays the manager's child: deleted with it, never after it.
    // The CA's answers are small (a chain is a few KiB): a larger one is cut
    // off instead of filling memory.
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > kMaxResponseBytes) {
            reply->setProperty("tooLarge", true);
            reply->abort();
        }
    });
    auto tlsErrors = std::make_shared<QStringList>();
    connect(reply, &QNetworkReply::sslErrors, this, [tlsErrors](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            *tlsErrors << error.errorString();
    });
    const quint64 generation = m_generation;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, attempt, done = std::move(done), tlsErrors, generation] {
                reply->deleteLater();
                if (generation != m_generation)
                    return; // aborted: the operation is over
                bool badNonce = false;
                Result<AcmeResponse> response = interpret(reply, attempt, *tlsErrors, &badNonce);
                done(std::move(response), badNonce);
            });
}

Result<AcmeResponse> AcmeTransport::interpret(QNetworkReply *reply, const QString &attempt,
                                              const QStringList &tlsErrors, bool *badNonce)
{
    const QByteArray nonce = reply->rawHeader(kReplayNonce);
    if (!nonce.isEmpty())
        m_nonce = nonce;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString host = reply->url().authority();
    if (reply->property("tooLarge").toBool())
        return Error(Error::Kind::Refused,
                     Error::tr("%1: the answer from %2 exceeds %3 bytes")
                         .arg(attempt, host, QString::number(kMaxResponseBytes)));
    if (reply->error() == QNetworkReply::OperationCanceledError)
        return Error(Error::Kind::Timeout,
                     Error::tr("%1: %2 did not answer within %3 ms")
                         .arg(attempt, host, QString::number(m_transferTimeoutMs)));
    if (status == 0) {
        QString reason = reply->errorString();
        if (!tlsErrors.isEmpty())
            reason = Error::tr("TLS certificate check failed: %1")
                         .arg(tlsErrors.join(QStringLiteral("; ")));
        return Error(Error::Kind::Remote,
                     Error::tr("%1: cannot reach the CA at %2: %3").arg(attempt, host, reason));
    }
    if (status < 400 && reply->error() != QNetworkReply::NoError)
        return Error(Error::Kind::Remote, Error::tr("%1: the answer from %2 broke off: %3")
                                              .arg(attempt, host, reply->errorString()));
    AcmeResponse response;
    response.status = status;
    response.body = reply->readAll();
    response.retryAfterMs = parseRetryAfter(reply->rawHeader("Retry-After"));
    const QByteArray location = reply->rawHeader("Location");
    if (!location.isEmpty())
        response.location = reply->url().resolved(QUrl::fromEncoded(location));
    const QJsonDocument document = QJsonDocument::fromJson(response.body);
    response.json = document.object();
    if (status >= 400) {
        const AcmeProblem problem = AcmeProblem::fromJson(response.json, status);
        m_lastProblem = problem;
        *badNonce = problem.is(QLatin1String("badNonce"));
        qCInfo(lcAcme) << attempt << "refused:" << problem.type << problem.detail;
        return problem.toError(attempt, response.retryAfterMs);
    }
    return response;
}

void AcmeTransport::loadDirectory(std::function<void(Status)> done)
{
    if (m_directory) {
        done({});
        return;
    }
    if (!m_directoryUrl.isValid() || m_directoryUrl.scheme() != QLatin1String("https")) {
        done(Error::invalid(QStringLiteral("directoryUrl"), m_directoryUrl.toDisplayString(),
                            Error::tr("must be an https URL")));
        return;
    }
    get(m_directoryUrl,
        Error::tr("loading the ACME directory %1").arg(m_directoryUrl.toDisplayString()),
        [this, done = std::move(done)](Result<AcmeResponse> response) {
            if (!response) {
                done(response.error());
                return;
            }
            auto directory = AcmeDirectory::fromJson(response->json, m_directoryUrl);
            if (!directory) {
                done(directory.error());
                return;
            }
            m_directory = directory.value();
            done({});
        });
}

void AcmeTransport::get(const QUrl &url, const QString &attempt, Handler done)
{
    watch(m_network.get(request(url)), attempt,
          [done = std::move(done)](Result<AcmeResponse> response, bool) {
              done(std::move(response));
          });
}

void AcmeTransport::withNonce(std::function<void(Result<QByteArray>)> done)
{
    if (!m_nonce.isEmpty()) {
        done(std::exchange(m_nonce, {}));
        return;
    }
    watch(m_network.head(request(m_directory->newNonce)), Error::tr("asking the CA for a nonce"),
          [this, done = std::move(done)](Result<AcmeResponse> response, bool) {
              if (!response) {
                  done(response.error());
              } else if (m_nonce.isEmpty()) {
                  done(Error(Error::Kind::Refused,
                             Error::tr("the CA's newNonce answer carried no Replay-Nonce")));
              } else {
                  done(std::exchange(m_nonce, {}));
              }
          });
}

Result<QByteArray> AcmeTransport::jws(const QUrl &url, const std::optional<QJsonObject> &payload,
                                      const QByteArray &nonce, bool useJwk) const
{
    QJsonObject header{{QStringLiteral("alg"), QStringLiteral("ES256")},
                       {QStringLiteral("nonce"), QString::fromLatin1(nonce)},
                       {QStringLiteral("url"), url.toString(QUrl::FullyEncoded)}};
    if (useJwk)
        header.insert(QStringLiteral("jwk"), m_key.jwk());
    else
        header.insert(QStringLiteral("kid"), m_accountUrl.toString(QUrl::FullyEncoded));
    const QByteArray protectedPart =
        base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact));
    const QByteArray payloadPart =
        payload ? base64Url(QJsonDocument(*payload).toJson(QJsonDocument::Compact)) : QByteArray();
    auto signature = m_key.signEs256(protectedPart + '.' + payloadPart);
    if (!signature)
        return signature.error();
    const QJsonObject body{
        {QStringLiteral("protected"), QString::fromLatin1(protectedPart)},
        {QStringLiteral("payload"), QString::fromLatin1(payloadPart)},
        {QStringLiteral("signature"), QString::fromLatin1(base64Url(*signature))}};
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

void AcmeTransport::post(const QUrl &url, const std::optional<QJsonObject> &payload,
                         const QString &attempt, Handler done, bool useJwk)
{
    if (m_key.isNull() || (!useJwk && m_accountUrl.isEmpty())) {
        done(Error(Error::Kind::Internal,
                   Error::tr("%1: no ACME account to sign with").arg(attempt)));
        return;
    }
    withNonce(
        [this, url, payload, attempt, done = std::move(done), useJwk](Result<QByteArray> nonce) {
            if (!nonce) {
                done(nonce.error());
                return;
            }
            sendSigned(url, payload, attempt, done, useJwk, 0, nonce.value());
        });
}

void AcmeTransport::sendSigned(const QUrl &url, const std::optional<QJsonObject> &payload,
                               const QString &attempt, Handler done, bool useJwk, int attemptNumber,
                               const QByteArray &nonce)
{
    auto body = jws(url, payload, nonce, useJwk);
    if (!body) {
        done(body.error());
        return;
    }
    QNetworkRequest signedRequest = request(url);
    signedRequest.setHeader(QNetworkRequest::ContentTypeHeader,
                            QByteArray("application/jose+json"));
    watch(m_network.post(signedRequest, body.value()), attempt,
          [this, url, payload, attempt, done, useJwk, attemptNumber](Result<AcmeResponse> response,
                                                                     bool badNonce) {
              // RFC 8555 6.5: a badNonce answer carries a fresh nonce; the
              // same request with it may pass. Bounded, so a CA rejecting
              // every nonce ends the operation.
              if (badNonce && attemptNumber < m_maxBadNonceRetries) {
                  ++m_badNonceRetries;
                  qCDebug(lcAcme) << attempt << "badNonce, retry" << attemptNumber + 1;
                  withNonce([=, this](Result<QByteArray> fresh) {
                      if (!fresh)
                          done(fresh.error());
                      else
                          sendSigned(url, payload, attempt, done, useJwk, attemptNumber + 1,
                                     fresh.value());
                  });
                  return;
              }
              done(std::move(response));
          });
}

} // namespace kokoa
