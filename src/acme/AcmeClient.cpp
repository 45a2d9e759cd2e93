#include "acme/AcmeClient.h"

#include "acme/AcmeLogging.h"
#include "acme/AcmeTransport.h"
#include "acme/AcmeX509.h"

#include <QJsonArray>

namespace kokoa {

AcmeClient::AcmeClient(QObject *parent)
    : QObject(parent)
    , m_transport(new AcmeTransport(this))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        finish(Error(Error::Kind::Timeout,
                     tr("%1 did not finish within %2 s")
                         .arg(m_operation, QString::number(m_operationTimeoutMs / 1000))));
    });
}

AcmeClient::~AcmeClient() = default;

Status AcmeClient::setDirectoryUrl(const QUrl &url)
{
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
        return Error::invalid(QStringLiteral("directoryUrl"), url.toDisplayString(),
                              tr("must be an https URL"));
    m_transport->setDirectoryUrl(url);
    return {};
}

Status AcmeClient::setCaBundle(const QString &pemFile)
{
    return m_transport->setCaBundle(pemFile);
}

void AcmeClient::setAccount(const AcmeKey &key, const QUrl &accountUrl)
{
    m_transport->setAccount(key, accountUrl);
}

void AcmeClient::setMaxBadNonceRetries(int retries)
{
    m_transport->setMaxBadNonceRetries(retries);
}

void AcmeClient::setTransferTimeout(int ms)
{
    m_transport->setTransferTimeout(ms);
}

QUrl AcmeClient::accountUrl() const
{
    return m_transport->accountUrl();
}

QStringList AcmeClient::directoryProfiles() const
{
    return m_transport->directory() ? m_transport->directory()->profiles : QStringList();
}

bool AcmeClient::offersRenewalInfo() const
{
    return m_transport->directory() && !m_transport->directory()->renewalInfo.isEmpty();
}

std::optional<AcmeProblem> AcmeClient::lastProblem() const
{
    return m_transport->lastProblem();
}

int AcmeClient::badNonceRetries() const
{
    return m_transport->badNonceRetries();
}

AcmeClient::Start AcmeClient::begin(const QString &what)
{
    if (m_busy) {
        qCWarning(lcAcme) << what << "refused: another operation is running:" << m_operation;
        return Start::Refused;
    }
    m_busy = true;
    m_operation = what;
    m_transport->forgetLastProblem();
    m_deadline.start(m_operationTimeoutMs);
    if (m_transport->accountKey().isNull()) {
        failLater(Error(Error::Kind::InvalidInput, tr("%1: no account key is set").arg(what),
                        QStringLiteral("accountKey")));
        return Start::Failed;
    }
    return Start::Running;
}

void AcmeClient::failLater(const Error &error)
{
    // Errors found before any exchange still arrive through finished(), as
    // late as any other, so a caller connects once and handles one path.
    QTimer::singleShot(0, this, [this, error] { finish(error); });
}

void AcmeClient::finish(const Status &status)
{
    if (!m_busy)
        return;
    m_busy = false;
    m_deadline.stop();
    m_transport->abortAll();
    if (m_flow) {
        m_flow->stop();
        m_flow->disconnect(this);
        m_flow->deleteLater();
    }
    if (!status)
        qCInfo(lcAcme) << m_operation << "failed:" << status.error().message();
    emit finished(status);
}

void AcmeClient::cancel()
{
    finish(Error(Error::Kind::Cancelled, tr("%1 was cancelled").arg(m_operation)));
}

void AcmeClient::withAccount(std::function<void()> next)
{
    m_transport->loadDirectory([this, next = std::move(next)](Status loaded) {
        if (!loaded)
            return finish(loaded);
        if (!m_transport->accountUrl().isEmpty())
            return next();
        // RFC 8555 7.3.1: find the account this key already has.
        m_transport->post(
            m_transport->directory()->newAccount,
            QJsonObject{{QStringLiteral("onlyReturnExisting"), true}},
            tr("looking up the ACME account"),
            [this, next](Result<AcmeResponse> response) {
                if (!response)
                    return finish(response.error());
                m_transport->setAccount(m_transport->accountKey(), response->location);
                next();
            },
            true);
    });
}

bool AcmeClient::registerAccount(const AcmeAccountRequest &request)
{
    if (const Start start = begin(tr("registering the ACME account")); start != Start::Running)
        return start == Start::Failed;
    // RFC 8555 7.3: CAs take mailto: contacts, one address each.
    for (const QString &contact : request.contacts) {
        if (!contact.startsWith(QLatin1String("mailto:")) || !contact.contains(QLatin1Char('@')) ||
            contact.contains(QLatin1Char(',')) || contact.contains(QLatin1Char('?'))) {
            failLater(Error::invalid(QStringLiteral("contact"), contact,
                                     tr("must be one mailto: address (mailto:me@example.com)")));
            return true;
        }
    }
    m_transport->loadDirectory([this, request](Status loaded) {
        if (!loaded)
            return finish(loaded);
        const AcmeDirectory &directory = *m_transport->directory();
        if (!directory.termsOfService.isEmpty() && !request.termsOfServiceAgreed)
            return finish(
                Error::invalid(QStringLiteral("termsOfServiceAgreed"), QStringLiteral("false"),
                               tr("the CA requires agreeing to its terms of service at %1")
                                   .arg(directory.termsOfService.toDisplayString())));
        if (directory.externalAccountRequired)
            return finish(
                Error(Error::Kind::Refused,
                      tr("the CA requires external account binding, which is not supported")));
        QJsonObject payload{{QStringLiteral("termsOfServiceAgreed"), request.termsOfServiceAgreed}};
        if (!request.contacts.isEmpty())
            payload.insert(QStringLiteral("contact"), QJsonArray::fromStringList(request.contacts));
        m_transport->post(
            directory.newAccount, payload, m_operation,
            [this](Result<AcmeResponse> response) {
                if (!response)
                    return finish(response.error());
                if (!response->location.isValid())
                    return finish(Error(Error::Kind::Refused,
                                        tr("the CA's newAccount answer has no account URL")));
                m_transport->setAccount(m_transport->accountKey(), response->location);
                emit progress(tr("account %1").arg(response->location.toDisplayString()));
                finish({});
            },
            true);
    });
    return true;
}

bool AcmeClient::issue(const AcmeOrderRequest &request)
{
    if (const Start start =
            begin(tr("issuing a certificate for %1").arg(request.names.join(QStringLiteral(", "))));
        start != Start::Running)
        return start == Start::Failed;
    if (const Status valid = AcmeOrderFlow::validateRequest(request); !valid) {
        failLater(valid.error());
        return true;
    }
    m_certificate = {};
    withAccount([this, request] { startOrder(request); });
    return true;
}

void AcmeClient::startOrder(const AcmeOrderRequest &request)
{
    m_flow = new AcmeOrderFlow(m_transport, request, m_pollBounds, this);
    connect(m_flow, &AcmeOrderFlow::progress, this, &AcmeClient::progress);
    connect(m_flow, &AcmeOrderFlow::challengeNeeded, this, &AcmeClient::challengeNeeded);
    connect(m_flow, &AcmeOrderFlow::challengeDone, this, &AcmeClient::challengeDone);
    connect(m_flow, &AcmeOrderFlow::finished, this, [this](const Status &status) {
        if (status)
            m_certificate = m_flow->certificate();
        finish(status);
    });
    m_flow->start();
}

void AcmeClient::challengePlaced(const QString &token)
{
    if (m_flow)
        m_flow->challengePlaced(token);
}

void AcmeClient::challengePlacementFailed(const QString &token, const Error &error)
{
    if (m_flow)
        m_flow->challengePlacementFailed(token, error);
}

bool AcmeClient::fetchRenewalInfo(const QByteArray &certificatePem)
{
    if (const Start start = begin(tr("asking the CA when to renew")); start != Start::Running)
        return start == Start::Failed;
    auto id = AcmeX509::renewalId(certificatePem);
    if (!id) {
        failLater(id.error());
        return true;
    }
    m_renewalInfo = {};
    m_transport->loadDirectory([this, id = id.value()](Status loaded) {
        if (!loaded)
            return finish(loaded);
        QUrl base = m_transport->directory()->renewalInfo;
        if (base.isEmpty())
            return finish(Error(Error::Kind::Refused,
                                tr("the CA at %1 offers no renewal information (ARI)")
                                    .arg(m_transport->directoryUrl().toDisplayString())));
        QString path = base.path();
        if (!path.endsWith(QLatin1Char('/')))
            path += QLatin1Char('/');
        base.setPath(path + id);
        m_transport->get(base, m_operation, [this](Result<AcmeResponse> response) {
            if (!response)
                return finish(response.error());
            const QJsonObject window =
                response->json.value(QStringLiteral("suggestedWindow")).toObject();
            m_renewalInfo.windowStart = QDateTime::fromString(
                window.value(QStringLiteral("start")).toString(), Qt::ISODateWithMs);
            m_renewalInfo.windowEnd = QDateTime::fromString(
                window.value(QStringLiteral("end")).toString(), Qt::ISODateWithMs);
            m_renewalInfo.explanation =
                QUrl(response->json.value(QStringLiteral("explanationURL")).toString());
            m_renewalInfo.retryAfterMs = response->retryAfterMs;
            if (!m_renewalInfo.windowStart.isValid() || !m_renewalInfo.windowEnd.isValid() ||
                m_renewalInfo.windowEnd < m_renewalInfo.windowStart)
                return finish(
                    Error(Error::Kind::Refused,
                          tr("the CA's renewal information has no valid suggestedWindow")));
            finish({});
        });
    });
    return true;
}

bool AcmeClient::revoke(const QByteArray &certificatePem, int reason)
{
    if (const Start start = begin(tr("revoking a certificate")); start != Start::Running)
        return start == Start::Failed;
    auto der = AcmeX509::leafDer(certificatePem);
    if (!der) {
        failLater(der.error());
        return true;
    }
    withAccount([this, der = der.value(), reason] {
        QJsonObject payload{{QStringLiteral("certificate"), QString::fromLatin1(base64Url(der))}};
        if (reason >= 0)
            payload.insert(QStringLiteral("reason"), reason);
        m_transport->post(m_transport->directory()->revokeCert, payload, m_operation,
                          [this](Result<AcmeResponse> response) {
                              finish(response ? Status() : Status(response.error()));
                          });
    });
    return true;
}

} // namespace kokoa
