#include "app/CertificateService.h"

#include "acme/AcmeClient.h"
#include "acme/AcmeX509.h"
#include "app/AppLogging.h"
#include "app/Dns01Challenge.h"
#include "deploy/ChallengePlacement.h"
#include "store/AcmeAccountStore.h"
#include "store/CertificateStore.h"
#include "store/Store.h"
#include "validate/Validator.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QTimer>

namespace kokoa::app {
namespace {

// Runs one operation of the client on a local event loop until its
// finished() (the client bounds every operation with its own deadline).
template <typename Start> Status runToEnd(AcmeClient &client, Start start)
{
    QEventLoop loop;
    std::optional<Status> result;
    QObject::connect(&client, &AcmeClient::finished, &loop, [&](const Status &status) {
        result = status;
        loop.quit();
    });
    if (!start())
        return Error(Error::Kind::Internal, CertificateService::tr("the ACME client is busy"));
    if (!result)
        loop.exec();
    return *result;
}

// Adds the time its scope took to a total (IssueOutcome::Timings).
class Stopwatch
{
public:
    explicit Stopwatch(qint64 &total)
        : m_total(total)
    {
        m_clock.start();
    }
    ~Stopwatch() { m_total += m_clock.elapsed(); }
    Q_DISABLE_COPY_MOVE(Stopwatch)

private:
    qint64 &m_total;
    QElapsedTimer m_clock;
};

// No challenge asked for: the one the names' routes are set to (--tls);
// one route on dns-01 makes the whole order dns-01.
QString challengeOfRoutes(const QStringList &names, const Topology &topology)
{
    for (const Route &route : topology.routes) {
        if (route.tls == TlsMode::Dns01 && names.contains(route.hostname, Qt::CaseInsensitive))
            return QStringLiteral("dns-01");
    }
    return QStringLiteral("http-01");
}

Status checkEmail(const QString &email)
{
    static const QRegularExpression rule(
        QStringLiteral("^[^@\\s,?<>\"]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$"));
    if (!rule.match(email).hasMatch())
        return Error::invalid(QStringLiteral("email"), email,
                              CertificateService::tr("must be one address like me@example.com"));
    return {};
}

// The CA's error with the setting that most likely needs fixing.
Error caError(const Error &error, const QString &directoryUrl)
{
    return Error(error.kind(),
                 CertificateService::tr("ACME directory %1: %2").arg(directoryUrl, error.message()),
                 error.field().isEmpty() ? QStringLiteral("directory") : error.field())
        .withRetryAfter(error.retryAfterMs());
}

Result<AcmeKey> accountKey(AcmeAccountStore &accounts, const AcmeAccountRecord &account)
{
    const Result<QByteArray> pem = accounts.key(account);
    if (!pem)
        return pem.error();
    return AcmeKey::fromPem(*pem);
}

} // namespace

CertificateService::CertificateService(Store &store, QString dataDir)
    : m_store(store)
    , m_dataDir(std::move(dataDir))
{}

void CertificateService::report(const QString &step) const
{
    qCInfo(lcApp) << step;
    if (m_progress)
        m_progress(step);
}

Result<AcmeAccountRecord> CertificateService::registerAccount(const AccountRequest &request)
{
    if (Status s = checkEmail(request.email); !s)
        return s.error();
    if (!request.agreeTos) {
        return Error(Error::Kind::InvalidInput,
                     tr("agree-tos: the CA's terms of service must be agreed to before an "
                        "account can be registered"),
                     QStringLiteral("agree-tos"));
    }
    if (request.staging && !request.directoryUrl.isEmpty()) {
        return Error(Error::Kind::InvalidInput,
                     tr("directory: a directory URL and Let's Encrypt staging exclude each other"),
                     QStringLiteral("directory"));
    }
    if (!request.caBundle.isEmpty() && request.directoryUrl.isEmpty()) {
        return Error(Error::Kind::InvalidInput,
                     tr("ca-bundle: a CA bundle applies only to a directory URL of your own"),
                     QStringLiteral("ca-bundle"));
    }
    const QString directory = !request.directoryUrl.isEmpty() ? request.directoryUrl
                              : request.staging               ? letsEncryptStaging()
                                                              : letsEncryptProduction();
    const QUrl url(directory, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty())
        return Error::invalid(QStringLiteral("directory"), directory,
                              tr("must be an https:// URL"));
    QString caBundle;
    if (!request.caBundle.isEmpty()) {
        const QFileInfo bundle(request.caBundle);
        if (!bundle.isFile() || !bundle.isReadable())
            return Error::invalid(QStringLiteral("ca-bundle"), request.caBundle,
                                  tr("must be a readable PEM file"));
        caBundle = bundle.absoluteFilePath();
    }

    AcmeAccountStore accounts(m_store.database(), m_dataDir);
    const Result<std::optional<AcmeAccountRecord>> existing = accounts.get();
    if (!existing)
        return existing.error();
    // The same CA again (a new address, say): the key stays, the CA finds
    // the account by it. Another CA: a new key.
    AcmeKey key;
    bool newKey = true;
    if (*existing && (*existing)->directoryUrl == directory) {
        if (Result<AcmeKey> k = accountKey(accounts, **existing)) {
            key = *k;
            newKey = false;
        }
    }
    if (newKey) {
        Result<AcmeKey> k = AcmeKey::generate();
        if (!k)
            return k.error();
        key = *k;
    }

    AcmeClient client;
    client.setOperationTimeout(m_operationTimeoutMs);
    if (Status s = client.setDirectoryUrl(url); !s)
        return Error(s.error().kind(), s.error().message(), QStringLiteral("directory"));
    if (!caBundle.isEmpty()) {
        if (Status s = client.setCaBundle(caBundle); !s)
            return Error(s.error().kind(), tr("ca-bundle: %1").arg(s.error().message()),
                         QStringLiteral("ca-bundle"));
    }
    client.setAccount(key);
    report(tr("registering the ACME account at %1").arg(directory));
    AcmeAccountRequest acmeRequest;
    acmeRequest.contacts = {QStringLiteral("mailto:") + request.email};
    acmeRequest.termsOfServiceAgreed = true;
    const Status registered = runToEnd(client, [&] { return client.registerAccount(acmeRequest); });
    if (!registered)
        return caError(registered.error(), directory);

    AcmeAccountRecord account;
    account.directoryUrl = directory;
    account.caBundle = caBundle;
    account.email = request.email;
    account.accountUrl = client.accountUrl().toString();
    if (Status s = accounts.put(account, newKey ? key.privateKeyPem() : QByteArray()); !s)
        return s.error();
    account.keySecret = AcmeAccountStore::keySecretName(directory);
    return account;
}

Result<QStringList> CertificateService::checkNames(const IssueRequest &request,
                                                   const Topology &topology) const
{
    const bool dns01 = request.challenge == QLatin1String("dns-01");
    if (request.challenge != QLatin1String("http-01") && !dns01) {
        return Error::invalid(QStringLiteral("challenge"), request.challenge,
                              tr("must be http-01 or dns-01"));
    }
    if (request.names.isEmpty())
        return Error(Error::Kind::InvalidInput, tr("name: at least one hostname is needed"),
                     QStringLiteral("name"));
    QStringList names;
    for (const QString &input : request.names) {
        const Result<QString> name =
            Validator::hostname(QStringLiteral("name"), input, Validator::Wildcard::Allowed);
        if (!name)
            return name.error();
        if (name->startsWith(QLatin1String("*.")) && !dns01)
            return Error::invalid(QStringLiteral("name"), *name,
                                  tr("a wildcard name needs the dns-01 challenge; http-01 "
                                     "cannot validate a wildcard"));
        if (dns01) {
            if (Status s = Dns01Challenge(topology.zones, m_dataDir).check({*name}); !s)
                return s.error();
        }
        const auto route = std::find_if(topology.routes.begin(), topology.routes.end(),
                                        [&](const Route &r) { return r.hostname == *name; });
        if (route == topology.routes.end())
            return Error::invalid(QStringLiteral("name"), *name,
                                  tr("must be the hostname of one of Kokoa's routes"));
        if (route->tls == TlsMode::Off)
            return Error::invalid(QStringLiteral("name"), *name,
                                  tr("its route has TLS switched off"));
        if (!names.contains(*name))
            names.append(*name);
    }
    if (topology.edges.isEmpty() && !dns01)
        return Error(Error::Kind::InvalidInput,
                     tr("edge: there is no edge to answer the HTTP-01 challenge"),
                     QStringLiteral("edge"));
    return names;
}

Result<CertificateService::IssueOutcome> CertificateService::issue(const IssueRequest &input)
{
    QElapsedTimer clock;
    clock.start();
    IssueOutcome::Timings timings;
    const Result<Topology> topology = m_store.topology();
    if (!topology)
        return topology.error();
    IssueRequest request = input;
    if (request.challenge.isEmpty())
        request.challenge = challengeOfRoutes(request.names, *topology);
    const Result<QStringList> names = checkNames(request, *topology);
    if (!names)
        return names.error();
    AcmeAccountStore accounts(m_store.database(), m_dataDir);
    const Result<std::optional<AcmeAccountRecord>> account = accounts.get();
    if (!account)
        return account.error();
    if (!*account)
        return Error(Error::Kind::NotFound,
                     tr("account: there is no ACME account yet; register one first"),
                     QStringLiteral("account"));
    const Result<AcmeKey> key = accountKey(accounts, **account);
    if (!key)
        return key.error();

    AcmeClient client;
    client.setOperationTimeout(m_operationTimeoutMs);
    if (Status s = client.setDirectoryUrl(QUrl((*account)->directoryUrl)); !s)
        return s.error();
    if (!(*account)->caBundle.isEmpty()) {
        if (Status s = client.setCaBundle((*account)->caBundle); !s)
            return Error(s.error().kind(), tr("ca-bundle: %1").arg(s.error().message()),
                         QStringLiteral("ca-bundle"));
    }
    client.setAccount(*key, QUrl((*account)->accountUrl));

    ChallengePlacement placement(topology->edges, m_dataDir, m_connector);
    Dns01Challenge dns(topology->zones, m_dataDir);
    configureDns01(dns);
    QObject::connect(&client, &AcmeClient::progress, &client,
                     [this](const QString &step) { report(step); });
    QObject::connect(
        &client, &AcmeClient::challengeNeeded, &client, [&](const AcmeChallengeTask &task) {
            const Stopwatch placing(timings.challengeMs);
            if (task.type == QLatin1String("dns-01") && request.challenge == task.type)
                return placeDns01(client, dns, task);
            if (task.type != QLatin1String("http-01")) {
                client.challengePlacementFailed(
                    task.token,
                    Error(Error::Kind::Refused,
                          tr("the CA offered no http-01 challenge for %1").arg(task.identifier)));
                return;
            }
            report(tr("placing the HTTP-01 answer for %1 on %2")
                       .arg(task.identifier, placement.edgeNames().join(QStringLiteral(", "))));
            if (Status s = placement.place(task.token, task.keyAuthorization.toLatin1()); !s)
                client.challengePlacementFailed(task.token, s.error());
            else
                client.challengePlaced(task.token);
        });
    QObject::connect(
        &client, &AcmeClient::challengeDone, &client, [&](const AcmeChallengeTask &task) {
            const Stopwatch removing(timings.challengeMs);
            if (task.type == QLatin1String("dns-01")) {
                if (Status s = dns.remove(task.identifier, task.dnsTxtValue.toLatin1()); !s)
                    qCWarning(lcApp) << s.error().message();
                return;
            }
            if (Status s = placement.remove(task.token); !s)
                qCWarning(lcApp) << s.error().message();
        });

    AcmeOrderRequest order;
    order.names = *names;
    order.challengeType = request.challenge;
    order.profile = request.profile;
    order.replaces = request.replaces;
    order.certificateKeyPem = request.keyPem;
    report(tr("ordering a certificate for %1").arg(names->join(QStringLiteral(", "))));
    QTimer watch; // a shutdown does not wait for the CA
    if (m_cancel) {
        QObject::connect(&watch, &QTimer::timeout, &client, [&] {
            if (m_cancel->load())
                client.cancel();
        });
        watch.start(200);
    }
    const Status issued = runToEnd(client, [&] { return client.issue(order); });
    dns.removeAll(); // what a failed or cancelled order left behind
    if (!issued)
        return caError(issued.error(), (*account)->directoryUrl);

    Result<CertificateRecord> record = describe(client.certificate().chainPem);
    if (!record)
        return record.error();
    record->name = names->first();
    record->profile = request.profile;
    record->directoryUrl = (*account)->directoryUrl;
    CertificateStore certificates(m_store.database(), m_dataDir);
    if (Status s = certificates.put(*record, client.certificate().keyPem); !s)
        return s.error();
    Event event;
    event.category = QStringLiteral("certificate");
    event.subject = record->name;
    event.action = QStringLiteral("issue");
    event.reason =
        tr("serial %1, valid until %2").arg(record->serial, record->notAfter.toString(Qt::ISODate));
    event.outcome = QStringLiteral("ok");
    (void)m_store.appendEvent(event);

    IssueOutcome outcome;
    outcome.certificate = *record;
    outcome.challengeEdges =
        request.challenge == QLatin1String("dns-01") ? QStringList() : placement.edgeNames();
    if (request.deploy && !topology->edges.isEmpty()) {
        report(tr("deploying the certificate to every edge"));
        DeployRequest deploy;
        deploy.edges = placement.edgeNames();
        Deployer deployer(
            m_store, m_dataDir, m_deployProgress ? m_deployProgress : [](const DeployProgress &) {},
            m_connector);
        QElapsedTimer deploying;
        deploying.start();
        const Result<DeploySummary> summary = deployer.run(deploy);
        timings.deployMs = deploying.elapsed();
        if (!summary)
            return summary.error().prefixed(
                tr("the certificate for %1 is stored, but deploying it failed").arg(record->name));
        outcome.deployed = *summary;
    }
    timings.totalMs = clock.elapsed();
    outcome.timings = timings;
    return outcome;
}

void CertificateService::configureDns01(Dns01Challenge &dns) const
{
    if (m_dnsServerLookup)
        dns.setServerLookup(m_dnsServerLookup);
    if (m_dnsWait)
        dns.setWait(*m_dnsWait);
}

void CertificateService::placeDns01(AcmeClient &client, Dns01Challenge &dns,
                                    const AcmeChallengeTask &task) const
{
    report(tr("placing the DNS-01 answer for %1 at %2 and waiting until the zone's name servers "
              "answer it")
               .arg(task.wildcard ? QStringLiteral("*.") + task.identifier : task.identifier,
                    Dns01Challenge::recordName(task.identifier)));
    if (Status s = dns.place(task.identifier, task.dnsTxtValue.toLatin1()); !s)
        client.challengePlacementFailed(task.token, s.error());
    else
        client.challengePlaced(task.token);
}

Result<CertificateRecord> CertificateService::describe(const QByteArray &chainPem)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromData(chainPem, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull())
        return Error(Error::Kind::InvalidInput, tr("certificate: the chain holds no certificate"),
                     QStringLiteral("certificate"));
    const QSslCertificate &leaf = chain.first();
    CertificateRecord r;
    for (const QString &name : leaf.subjectAlternativeNames().values(QSsl::DnsEntry))
        r.names.append(name);
    if (r.names.isEmpty())
        r.names = leaf.subjectInfo(QSslCertificate::CommonName);
    r.name = r.names.value(0);
    QStringList issuer = leaf.issuerInfo(QSslCertificate::CommonName);
    if (issuer.isEmpty())
        issuer = leaf.issuerInfo(QSslCertificate::Organization);
    r.issuer = issuer.join(QStringLiteral(", "));
    r.notBefore = leaf.effectiveDate().toUTC();
    r.notAfter = leaf.expiryDate().toUTC();
    if (Result<QString> serial = AcmeX509::serialHex(chainPem))
        r.serial = *serial;
    if (Result<QString> ari = AcmeX509::renewalId(chainPem))
        r.ariId = *ari;
    r.chainPem = chainPem;
    return r;
}

Result<QList<CertificateService::Held>> CertificateService::list()
{
    CertificateStore certificates(m_store.database(), m_dataDir);
    const Result<QList<CertificateRecord>> records = certificates.list();
    if (!records)
        return records.error();
    const Result<QHash<QString, QStringList>> holders = certificates.holders();
    if (!holders)
        return holders.error();
    QList<Held> out;
    for (const CertificateRecord &stored : *records) {
        Held h;
        h.certificate = stored;
        if (stored.fromFile) {
            // Placed by hand: what it is comes from the chain itself.
            if (Result<CertificateRecord> parsed = describe(stored.chainPem)) {
                parsed->name = stored.name;
                parsed->fromFile = true;
                h.certificate = *parsed;
            }
        }
        const CertificateRecord &c = h.certificate;
        if (c.ariWindowStart.isValid()) {
            h.renewFrom = c.ariWindowStart;
            h.renewBy = c.ariWindowEnd;
            h.renewalFromAri = true;
        } else if (c.notBefore.isValid() && c.notAfter.isValid()) {
            const qint64 lifetime = c.notBefore.msecsTo(c.notAfter);
            h.renewFrom = c.notBefore.addMSecs(lifetime * 2 / 3);
            h.renewBy = c.notAfter;
        }
        h.edges = holders->value(c.name);
        out.append(h);
    }
    return out;
}

} // namespace kokoa::app
