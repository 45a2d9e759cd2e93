#include "app/CertificateRenewal.h"

#include "acme/AcmeClient.h"
#include "app/AppLogging.h"
#include "store/AcmeAccountStore.h"
#include "store/CertificateStore.h"
#include "store/Store.h"

#include <QEventLoop>
#include <QTimer>

#include <algorithm>

namespace kokoa::app {
namespace {

// RFC 5280 CRLReason superseded: the key may have left our hands, but the
// CA only takes keyCompromise with proof signed by that key.
constexpr int kReasonSuperseded = 4;

} // namespace

// Runs one operation of the client on a local event loop until its
// finished(); a cancel request abandons it (the client then finishes).
template <typename Start> Status CertificateRenewal::runToEnd(AcmeClient &client, Start start)
{
    QEventLoop loop;
    std::optional<Status> result;
    QObject::connect(&client, &AcmeClient::finished, &loop, [&](const Status &status) {
        result = status;
        loop.quit();
    });
    QTimer watch;
    if (m_cancel) {
        QObject::connect(&watch, &QTimer::timeout, &client, [&] {
            if (m_cancel->load())
                client.cancel();
        });
        watch.start(200);
    }
    if (!start())
        return Error(Error::Kind::Internal, tr("the ACME client is busy"));
    if (!result)
        loop.exec();
    return *result;
}

CertificateRenewal::CertificateRenewal(Store &store, QString dataDir)
    : m_store(store)
    , m_dataDir(std::move(dataDir))
{}

void CertificateRenewal::report(const QString &step) const
{
    qCInfo(lcApp) << step;
    if (m_progress)
        m_progress(step);
}

Result<QList<CertificateRecord>> CertificateRenewal::select(const Request &request) const
{
    CertificateStore certificates(m_store.database(), m_dataDir);
    const Result<QList<CertificateRecord>> all = certificates.list();
    if (!all)
        return all.error();
    QList<CertificateRecord> out;
    for (const QString &name : request.names) {
        const auto it = std::find_if(all->begin(), all->end(), [&](const CertificateRecord &c) {
            return c.name == name || c.names.contains(name);
        });
        if (it == all->end())
            return Error::invalid(QStringLiteral("name"), name,
                                  tr("must name a certificate Kokoa holds (kokoactl cert list)"));
        if (it->fromFile || it->directoryUrl.isEmpty())
            return Error::invalid(QStringLiteral("name"), name,
                                  tr("was placed by hand, not ordered from a CA: replace its "
                                     "files instead"));
        out.append(*it);
    }
    if (request.names.isEmpty()) {
        for (const CertificateRecord &c : *all) {
            if (!c.fromFile && !c.directoryUrl.isEmpty() && !request.skip.contains(c.name))
                out.append(c);
        }
    }
    return out;
}

Result<QStringList> CertificateRenewal::releaseEdge(const QString &edge)
{
    CertificateStore certificates(m_store.database(), m_dataDir);
    const Result<QHash<QString, QStringList>> holders = certificates.holders();
    if (!holders)
        return holders.error();
    QStringList names;
    for (auto it = holders->cbegin(); it != holders->cend(); ++it) {
        if (it.value().contains(edge))
            names.append(it.key());
    }
    names.sort();
    if (Status s = certificates.recordHolder(edge, {}); !s)
        return s.error();
    return names;
}

Result<std::unique_ptr<AcmeClient>>
CertificateRenewal::client(const AcmeAccountRecord &account) const
{
    AcmeAccountStore accounts(m_store.database(), m_dataDir);
    const Result<QByteArray> pem = accounts.key(account);
    if (!pem)
        return pem.error();
    const Result<AcmeKey> key = AcmeKey::fromPem(*pem);
    if (!key)
        return key.error();
    auto client = std::make_unique<AcmeClient>();
    client->setOperationTimeout(m_operationTimeoutMs);
    if (Status s = client->setDirectoryUrl(QUrl(account.directoryUrl)); !s)
        return s.error();
    if (!account.caBundle.isEmpty()) {
        if (Status s = client->setCaBundle(account.caBundle); !s)
            return Error(s.error().kind(), tr("ca-bundle: %1").arg(s.error().message()),
                         QStringLiteral("ca-bundle"));
    }
    client->setAccount(*key, QUrl(account.accountUrl));
    return client;
}

// When the certificate is due: the CA's ARI window when it offers one (its
// start has passed), else two thirds of the lifetime. replaces is set
// whenever the CA offers ARI, so that even a forced renewal is exempt from
// the CA's limits.
void CertificateRenewal::plan(AcmeClient &client, const CertificateRecord &held, Outcome &outcome,
                              QString *replaces)
{
    const Status ari = runToEnd(client, [&] { return client.fetchRenewalInfo(held.chainPem); });
    if (ari) {
        const AcmeRenewalInfo &info = client.renewalInfo();
        CertificateStore certificates(m_store.database(), m_dataDir);
        if (Status s = certificates.setRenewalWindow(held.name, info.windowStart, info.windowEnd);
            !s)
            qCWarning(lcApp) << s.error().message();
        outcome.fromAri = true;
        outcome.renewFrom = info.windowStart;
    } else if (client.offersRenewalInfo() && held.ariWindowStart.isValid()) {
        // ARI is offered but did not answer now: the window it gave last.
        outcome.fromAri = true;
        outcome.renewFrom = held.ariWindowStart;
    } else if (held.notBefore.isValid() && held.notAfter.isValid()) {
        outcome.renewFrom = held.notBefore.addMSecs(held.notBefore.msecsTo(held.notAfter) * 2 / 3);
    }
    if (client.offersRenewalInfo() && !held.ariId.isEmpty())
        *replaces = held.ariId;
    outcome.due = outcome.renewFrom.isValid() && now() >= outcome.renewFrom;
}

Result<QList<CertificateRenewal::Outcome>> CertificateRenewal::run(const Request &request)
{
    const Result<QList<CertificateRecord>> selected = select(request);
    if (!selected)
        return selected.error();
    AcmeAccountStore accounts(m_store.database(), m_dataDir);
    const Result<std::optional<AcmeAccountRecord>> account = accounts.get();
    if (!account)
        return account.error();
    if (!*account && !selected->isEmpty())
        return Error(Error::Kind::NotFound,
                     tr("account: there is no ACME account yet; register one first"),
                     QStringLiteral("account"));
    QList<Outcome> outcomes;
    m_cancel = request.cancel;
    const auto cancelled = [&request] { return request.cancel && request.cancel->load(); };
    for (const CertificateRecord &old : *selected) {
        if (cancelled())
            break;
        Outcome outcome;
        outcome.name = old.name;
        outcome.oldSerial = old.serial;
        Result<std::unique_ptr<AcmeClient>> acme = client(**account);
        if (!acme) {
            outcome.error = acme.error();
            record(outcome, request.newKey ? QStringLiteral("rekey") : QStringLiteral("renew"));
            outcomes.append(outcome);
            continue;
        }
        QString replaces;
        report(tr("checking when %1 is due for renewal").arg(old.name));
        plan(**acme, old, outcome, &replaces);
        if ((outcome.due || request.force || request.newKey) && !cancelled())
            replace(old, request, **acme, replaces, outcome);
        outcomes.append(outcome);
    }
    return outcomes;
}

void CertificateRenewal::replace(const CertificateRecord &old, const Request &request,
                                 AcmeClient &client, const QString &replaces, Outcome &outcome)
{
    const QString action = request.newKey ? QStringLiteral("rekey") : QStringLiteral("renew");
    CertificateService::IssueRequest issue;
    issue.names = old.names;
    issue.profile = old.profile;
    issue.replaces = replaces;
    if (!request.newKey) {
        // A renewal keeps the key the edges hold; a re-key is the new key.
        CertificateStore certificates(m_store.database(), m_dataDir);
        if (Result<CertificateMaterial> material = certificates.material(old.name))
            issue.keyPem = material->keyPem;
    }
    report(request.newKey ? tr("re-keying %1").arg(old.name) : tr("renewing %1").arg(old.name));
    CertificateService service(m_store, m_dataDir);
    service.setConnector(m_connector);
    service.setProgress(m_progress);
    service.setOperationTimeoutMs(m_operationTimeoutMs);
    service.setCancel(m_cancel);
    const Result<CertificateService::IssueOutcome> issued = service.issue(issue);
    if (!issued) {
        // Either nothing was stored (the old one stays, held and served) or
        // the new one is stored but did not reach every edge.
        CertificateStore certificates(m_store.database(), m_dataDir);
        const Result<std::optional<CertificateRecord>> now = certificates.find(old.name);
        outcome.renewed = now && *now && (*now)->serial != old.serial;
        if (outcome.renewed)
            outcome.certificate = **now;
        outcome.error = issued.error();
        record(outcome, action);
        return;
    }
    outcome.renewed = true;
    outcome.certificate = issued->certificate;
    outcome.deployed = issued->deployed;
    record(outcome, action);
    if (request.newKey && request.revoke)
        revokeOld(client, old, outcome);
}

void CertificateRenewal::revokeOld(AcmeClient &client, const CertificateRecord &old,
                                   Outcome &outcome)
{
    if (!outcome.deployed || !outcome.deployed->ok()) {
        // An edge may still serve the old certificate: revoking it now
        // would break that edge.
        outcome.error = Error(Error::Kind::Conflict,
                              tr("the old certificate of %1 (serial %2) is not revoked: not "
                                 "every edge has the new one yet; deploy, then re-key again")
                                  .arg(old.name, old.serial));
        record(outcome, QStringLiteral("revoke"));
        return;
    }
    report(tr("revoking the old certificate of %1 (serial %2)").arg(old.name, old.serial));
    const Status revoked =
        runToEnd(client, [&] { return client.revoke(old.chainPem, kReasonSuperseded); });
    const bool already = !revoked && client.lastProblem() &&
                         client.lastProblem()->type.endsWith(QLatin1String(":alreadyRevoked"));
    outcome.revoked = revoked.ok() || already;
    if (!outcome.revoked)
        outcome.error =
            revoked.error().prefixed(tr("%1 has a new certificate, but revoking serial %2 failed")
                                         .arg(old.name, old.serial));
    record(outcome, QStringLiteral("revoke"));
}

void CertificateRenewal::record(const Outcome &outcome, const QString &action) const
{
    Event event;
    event.category = QStringLiteral("certificate");
    event.subject = outcome.name;
    event.action = action;
    if (action == QLatin1String("revoke"))
        event.reason = tr("serial %1").arg(outcome.oldSerial);
    else if (outcome.renewed)
        event.reason = tr("serial %1 replaces %2, valid until %3")
                           .arg(outcome.certificate.serial, outcome.oldSerial,
                                outcome.certificate.notAfter.toString(Qt::ISODate));
    else
        event.reason = tr("serial %1 kept").arg(outcome.oldSerial);
    event.outcome = outcome.error ? outcome.error->message() : QStringLiteral("ok");
    if (Status s = m_store.appendEvent(event); !s)
        qCWarning(lcApp) << s.error().message();
}

} // namespace kokoa::app
