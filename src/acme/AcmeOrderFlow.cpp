#include "acme/AcmeOrderFlow.h"

#include "acme/AcmeLogging.h"
#include "acme/AcmeTransport.h"
#include "acme/AcmeX509.h"

#include <QCryptographicHash>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>

namespace kokoa {

namespace {

const QString kHttp01 = QStringLiteral("http-01");
const QString kDns01 = QStringLiteral("dns-01");

QString problemText(const QJsonObject &problem)
{
    const QString type = problem.value(QStringLiteral("type")).toString();
    const QString detail = problem.value(QStringLiteral("detail")).toString();
    return type.isEmpty() ? Error::tr("no reason given") : type + QStringLiteral(": ") + detail;
}

} // namespace

AcmeOrderFlow::AcmeOrderFlow(AcmeTransport *transport, AcmeOrderRequest request,
                             AcmePollBounds bounds, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_request(std::move(request))
    , m_bounds(bounds)
{}

Status AcmeOrderFlow::validateRequest(const AcmeOrderRequest &request)
{
    static const QRegularExpression hostname(QStringLiteral(
        "^(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"));
    if (request.names.isEmpty())
        return Error::invalid(QStringLiteral("names"), QString(),
                              Error::tr("needs at least one name"));
    QSet<QString> seen;
    for (const QString &name : request.names) {
        if (name.size() > 253 || !hostname.match(name).hasMatch())
            return Error::invalid(
                QStringLiteral("names"), name,
                Error::tr("must be a lowercase DNS name, optionally starting with \"*.\""));
        if (seen.contains(name))
            return Error::invalid(QStringLiteral("names"), name, Error::tr("is listed twice"));
        seen.insert(name);
        if (name.startsWith(QLatin1String("*.")) && request.challengeType != kDns01)
            return Error::invalid(
                QStringLiteral("challengeType"), request.challengeType,
                Error::tr("a wildcard name (%1) can only be validated by dns-01").arg(name));
    }
    if (request.challengeType != kHttp01 && request.challengeType != kDns01)
        return Error::invalid(QStringLiteral("challengeType"), request.challengeType,
                              Error::tr("must be http-01 or dns-01"));
    return {};
}

void AcmeOrderFlow::start()
{
    const AcmeDirectory &directory = *m_transport->directory();
    if (!m_request.profile.isEmpty() && !directory.profiles.contains(m_request.profile)) {
        const QString listed = directory.profiles.isEmpty()
                                   ? Error::tr("it lists none")
                                   : directory.profiles.join(QStringLiteral(", "));
        fail(Error::invalid(QStringLiteral("profile"), m_request.profile,
                            Error::tr("the CA at %1 does not offer this profile (%2)")
                                .arg(m_transport->directoryUrl().toDisplayString(), listed)));
        return;
    }
    if (m_request.certificateKeyPem.isEmpty()) {
        auto key = AcmeKey::generate();
        if (!key) {
            fail(key.error());
            return;
        }
        m_certificateKey = key.value();
    } else {
        auto key = AcmeKey::fromPem(m_request.certificateKeyPem);
        if (!key) {
            fail(key.error().prefixed(QStringLiteral("certificateKeyPem")));
            return;
        }
        m_certificateKey = key.value();
    }
    createOrder();
}

void AcmeOrderFlow::createOrder()
{
    QJsonArray identifiers;
    for (const QString &name : std::as_const(m_request.names))
        identifiers.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("dns")},
                                       {QStringLiteral("value"), name}});
    QJsonObject payload{{QStringLiteral("identifiers"), identifiers}};
    if (!m_request.profile.isEmpty())
        payload.insert(QStringLiteral("profile"), m_request.profile);
    if (!m_request.replaces.isEmpty())
        payload.insert(QStringLiteral("replaces"), m_request.replaces);
    emit progress(
        tr("ordering a certificate for %1").arg(m_request.names.join(QStringLiteral(", "))));
    m_transport->post(
        m_transport->directory()->newOrder, payload, tr("creating the order"),
        [this](Result<AcmeResponse> response) {
            if (!response)
                return fail(response.error());
            m_orderUrl = response->location;
            m_order = response->json;
            m_authorizations = m_order.value(QStringLiteral("authorizations")).toArray();
            if (!m_orderUrl.isValid() || m_authorizations.isEmpty())
                return fail(Error(Error::Kind::Refused,
                                  tr("the CA's order has no URL or no authorizations")));
            readAuthorization(0);
        });
}

void AcmeOrderFlow::readAuthorization(int index)
{
    if (m_done)
        return;
    if (index >= m_authorizations.size())
        return handOutChallenges();
    const QUrl url(m_authorizations.at(index).toString());
    m_transport->post(url, std::nullopt, tr("reading an authorization"),
                      [this, url, index](Result<AcmeResponse> response) {
                          if (!response)
                              return fail(response.error());
                          if (const Status added = addPending(url, response->json); !added)
                              return fail(added.error());
                          readAuthorization(index + 1);
                      });
}

Status AcmeOrderFlow::addPending(const QUrl &url, const QJsonObject &authorization)
{
    const QString status = authorization.value(QStringLiteral("status")).toString();
    const QString name = authorization.value(QStringLiteral("identifier"))
                             .toObject()
                             .value(QStringLiteral("value"))
                             .toString();
    if (status == QLatin1String("valid"))
        return {}; // validated earlier by this account: nothing to place
    if (status != QLatin1String("pending"))
        return Error(Error::Kind::Refused, tr("the authorization for %1 is %2").arg(name, status));
    const QJsonArray challenges = authorization.value(QStringLiteral("challenges")).toArray();
    for (const QJsonValue &value : challenges) {
        const QJsonObject challenge = value.toObject();
        if (challenge.value(QStringLiteral("type")).toString() != m_request.challengeType)
            continue;
        Pending pending;
        pending.authorizationUrl = url;
        pending.challengeUrl = QUrl(challenge.value(QStringLiteral("url")).toString());
        AcmeChallengeTask &task = pending.task;
        task.identifier = name;
        task.wildcard = authorization.value(QStringLiteral("wildcard")).toBool();
        task.type = m_request.challengeType;
        task.token = challenge.value(QStringLiteral("token")).toString();
        // RFC 8555 8.1: token "." thumbprint; dns-01 publishes its digest.
        task.keyAuthorization = task.token + QLatin1Char('.') +
                                QString::fromLatin1(m_transport->accountKey().thumbprint());
        task.dnsTxtValue = QString::fromLatin1(base64Url(
            QCryptographicHash::hash(task.keyAuthorization.toUtf8(), QCryptographicHash::Sha256)));
        m_pending << pending;
        return {};
    }
    return Error(Error::Kind::Refused,
                 tr("the CA offers no %1 challenge for %2").arg(m_request.challengeType, name));
}

void AcmeOrderFlow::handOutChallenges()
{
    if (m_pending.isEmpty())
        return pollOrder(QStringLiteral("ready"), 0, [this] { finalizeOrder(); });
    // Tokens, not indexes: a slot may call back, cancel or fail in between.
    QStringList tokens;
    for (Pending &pending : m_pending) {
        pending.open = true;
        tokens << pending.task.token;
    }
    for (const QString &token : std::as_const(tokens)) {
        const Pending *pending = pendingFor(token);
        if (m_done || !pending)
            return;
        const AcmeChallengeTask task = pending->task;
        emit progress(tr("placing the %1 challenge for %2").arg(task.type, task.identifier));
        emit challengeNeeded(task);
    }
}

AcmeOrderFlow::Pending *AcmeOrderFlow::pendingFor(const QString &token)
{
    for (Pending &pending : m_pending) {
        if (pending.task.token == token)
            return &pending;
    }
    return nullptr;
}

void AcmeOrderFlow::challengePlaced(const QString &token)
{
    const Pending *pending = pendingFor(token);
    if (m_done || !pending || !pending->open)
        return;
    // Queued: the caller may answer from inside its challengeNeeded slot.
    QTimer::singleShot(0, this, [this, token] { respondToChallenge(token); });
}

void AcmeOrderFlow::challengePlacementFailed(const QString &token, const Error &error)
{
    const Pending *pending = pendingFor(token);
    if (m_done || !pending || !pending->open)
        return;
    const QString name = pending->task.identifier;
    QTimer::singleShot(0, this, [this, error, name] {
        fail(error.prefixed(tr("placing the challenge for %1").arg(name)));
    });
}

void AcmeOrderFlow::respondToChallenge(const QString &token)
{
    const Pending *pending = pendingFor(token);
    if (m_done || !pending)
        return;
    const QString name = pending->task.identifier;
    emit progress(tr("asking the CA to check %1").arg(name));
    m_transport->post(
        pending->challengeUrl, QJsonObject(), tr("answering the challenge for %1").arg(name),
        [this, token](Result<AcmeResponse> response) {
            if (!response)
                return fail(response.error());
            afterRetryAfter(response->retryAfterMs, [this, token] { pollAuthorization(token, 0); });
        });
}

void AcmeOrderFlow::pollAuthorization(const QString &token, int round)
{
    const Pending *pending = pendingFor(token);
    if (m_done || !pending)
        return;
    const QString name = pending->task.identifier;
    const QString type = pending->task.type;
    m_transport->post(
        pending->authorizationUrl, std::nullopt, tr("polling the authorization for %1").arg(name),
        [this, token, round, name, type](Result<AcmeResponse> response) {
            if (!response)
                return fail(response.error());
            const QString status = response->json.value(QStringLiteral("status")).toString();
            if (status == QLatin1String("valid"))
                return authorizationValid(*pendingFor(token));
            if (status != QLatin1String("pending") && status != QLatin1String("processing")) {
                QString reason;
                const QJsonArray challenges =
                    response->json.value(QStringLiteral("challenges")).toArray();
                for (const QJsonValue &value : challenges) {
                    const QJsonObject error =
                        value.toObject().value(QStringLiteral("error")).toObject();
                    if (!error.isEmpty())
                        reason = problemText(error);
                }
                return fail(
                    Error(Error::Kind::Refused, tr("the CA could not validate %1 by %2 (%3): %4")
                                                    .arg(name, type, status, reason)));
            }
            if (round + 1 >= m_bounds.maxPolls)
                return fail(Error(Error::Kind::Timeout,
                                  tr("the authorization for %1 stayed %2 after %3 polls")
                                      .arg(name, status, QString::number(round + 1))));
            QTimer::singleShot(pollDelay(response->retryAfterMs), this,
                               [this, token, round] { pollAuthorization(token, round + 1); });
        });
}

void AcmeOrderFlow::authorizationValid(Pending &pending)
{
    pending.valid = true;
    handBack(pending);
    for (const Pending &other : std::as_const(m_pending)) {
        if (!other.valid)
            return;
    }
    pollOrder(QStringLiteral("ready"), 0, [this] { finalizeOrder(); });
}

void AcmeOrderFlow::pollOrder(const QString &wanted, int round, std::function<void()> next)
{
    if (m_done)
        return;
    m_transport->post(
        m_orderUrl, std::nullopt, tr("polling the order"),
        [this, wanted, round, next = std::move(next)](Result<AcmeResponse> response) {
            if (!response)
                return fail(response.error());
            m_order = response->json;
            const QString status = m_order.value(QStringLiteral("status")).toString();
            if (status == wanted)
                return next();
            if (status == QLatin1String("invalid"))
                return fail(Error(
                    Error::Kind::Refused,
                    tr("the CA marked the order invalid: %1")
                        .arg(problemText(m_order.value(QStringLiteral("error")).toObject()))));
            if (round + 1 >= m_bounds.maxPolls)
                return fail(
                    Error(Error::Kind::Timeout, tr("the order stayed %1 after %2 polls")
                                                    .arg(status, QString::number(round + 1))));
            QTimer::singleShot(pollDelay(response->retryAfterMs), this,
                               [this, wanted, round, next] { pollOrder(wanted, round + 1, next); });
        });
}

void AcmeOrderFlow::finalizeOrder()
{
    QStringList names;
    const QJsonArray identifiers = m_order.value(QStringLiteral("identifiers")).toArray();
    for (const QJsonValue &identifier : identifiers)
        names << identifier.toObject().value(QStringLiteral("value")).toString();
    if (names.isEmpty())
        names = m_request.names;
    auto csr = AcmeX509::csrDer(m_certificateKey, names);
    if (!csr)
        return fail(csr.error());
    emit progress(tr("finalising the order"));
    const QUrl finalizeUrl(m_order.value(QStringLiteral("finalize")).toString());
    m_transport->post(
        finalizeUrl, QJsonObject{{QStringLiteral("csr"), QString::fromLatin1(base64Url(*csr))}},
        tr("finalising the order"), [this](Result<AcmeResponse> response) {
            if (!response)
                return fail(response.error());
            m_order = response->json;
            if (m_order.value(QStringLiteral("status")).toString() == QLatin1String("valid"))
                return downloadCertificate();
            afterRetryAfter(response->retryAfterMs, [this] {
                pollOrder(QStringLiteral("valid"), 0, [this] { downloadCertificate(); });
            });
        });
}

void AcmeOrderFlow::downloadCertificate()
{
    const QUrl url(m_order.value(QStringLiteral("certificate")).toString());
    emit progress(tr("downloading the certificate"));
    m_transport->post(url, std::nullopt, tr("downloading the certificate"),
                      [this, url](Result<AcmeResponse> response) {
                          if (!response)
                              return fail(response.error());
                          if (!response->body.contains("-----BEGIN CERTIFICATE-----"))
                              return fail(
                                  Error(Error::Kind::Refused,
                                        tr("the CA's certificate download is not a PEM chain")));
                          m_certificate.chainPem = response->body;
                          m_certificate.keyPem = m_certificateKey.privateKeyPem();
                          m_certificate.url = url;
                          m_certificate.orderUrl = m_orderUrl;
                          m_done = true;
                          qCInfo(lcAcme) << "issued" << m_request.names;
                          emit finished({});
                      });
}

void AcmeOrderFlow::handBack(Pending &pending)
{
    if (!pending.open)
        return;
    pending.open = false;
    emit challengeDone(pending.task);
}

void AcmeOrderFlow::handBackAll()
{
    // The caller removes what it placed, whatever happened; copies, since a
    // slot may touch the flow.
    const QList<Pending> all = m_pending;
    for (const Pending &pending : all) {
        if (Pending *current = pendingFor(pending.task.token))
            handBack(*current);
    }
}

void AcmeOrderFlow::stop()
{
    if (m_done)
        return;
    m_done = true;
    handBackAll();
}

void AcmeOrderFlow::fail(const Error &error)
{
    if (m_done)
        return;
    m_done = true;
    handBackAll();
    emit finished(error);
}

void AcmeOrderFlow::afterRetryAfter(qint64 retryAfterMs, std::function<void()> next)
{
    // An answer that says when to look again is honoured (within bounds)
    // before the first poll too; without one the first poll goes at once.
    if (retryAfterMs <= 0)
        return next();
    QTimer::singleShot(pollDelay(retryAfterMs), this, std::move(next));
}

int AcmeOrderFlow::pollDelay(qint64 retryAfterMs) const
{
    const qint64 wanted = retryAfterMs > 0 ? retryAfterMs : m_bounds.defaultMs;
    return int(qBound(qint64(m_bounds.minMs), wanted, qint64(m_bounds.maxMs)));
}

} // namespace kokoa
