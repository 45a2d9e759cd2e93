#include "cli/CertCommands.h"

#include "app/CertificateRenewal.h"
#include "app/CertificateService.h"
#include "app/RemovedEdgeCertificates.h"

#include <QJsonObject>

namespace kokoa::cli {
namespace {

QString dateOrDash(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QStringLiteral("-");
}

QJsonObject timingsJson(const app::CertificateService::IssueOutcome::Timings &t)
{
    return QJsonObject{{QStringLiteral("total_ms"), t.totalMs},
                       {QStringLiteral("ca_ms"), t.caMs()},
                       {QStringLiteral("challenge_ms"), t.challengeMs},
                       {QStringLiteral("deploy_ms"), t.deployMs}};
}

void printProgress(CliContext &context, const QString &step)
{
    if (!context.json())
        context.out() << step << Qt::endl;
}

} // namespace

int CertCommands::runAcme(CliContext &context, const QStringList &args)
{
    if (args.value(0) == QLatin1String("account"))
        return account(context, args.mid(1));
    return context.usageError(tr("usage: kokoactl acme account --email E --agree-tos "
                                 "[--directory URL [--ca-bundle F] | --staging]"));
}

int CertCommands::runCert(CliContext &context, const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("issue"))
        return issue(context, args.mid(1));
    if (sub == QLatin1String("list"))
        return list(context, args.mid(1));
    if (sub == QLatin1String("renew"))
        return renew(context, args.mid(1), false);
    if (sub == QLatin1String("rekey"))
        return renew(context, args.mid(1), true);
    return context.usageError(tr("usage: kokoactl cert issue|list|renew|rekey ..."));
}

int CertCommands::account(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    for (const char *option : {"email", "directory", "ca-bundle"})
        p.addOption(
            QCommandLineOption(QString::fromLatin1(option), QString(), QStringLiteral("value")));
    p.addOption(QCommandLineOption(QStringLiteral("agree-tos")));
    p.addOption(QCommandLineOption(QStringLiteral("staging")));
    if (!context.parse(p, args, 0,
                       QStringLiteral("acme account --email E --agree-tos "
                                      "[--directory URL [--ca-bundle F] | --staging]")))
        return InvalidInput;
    if (!p.isSet(QStringLiteral("email")))
        return context.usageError(tr("email: --email is required (the CA's contact for you)"));
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    app::CertificateService::AccountRequest request;
    request.email = p.value(QStringLiteral("email"));
    request.agreeTos = p.isSet(QStringLiteral("agree-tos"));
    request.directoryUrl = p.value(QStringLiteral("directory"));
    request.caBundle = p.value(QStringLiteral("ca-bundle"));
    request.staging = p.isSet(QStringLiteral("staging"));
    app::CertificateService service(**store, context.dataDir());
    service.setProgress([&context](const QString &step) { printProgress(context, step); });
    const Result<AcmeAccountRecord> account = service.registerAccount(request);
    if (!account)
        return context.fail(account.error());
    if (context.json()) {
        context.printJson(QJsonObject{{QStringLiteral("directory"), account->directoryUrl},
                                      {QStringLiteral("email"), account->email},
                                      {QStringLiteral("account"), account->accountUrl}});
    } else {
        context.out() << tr("ACME account %1 at %2").arg(account->accountUrl, account->directoryUrl)
                      << Qt::endl;
    }
    return Ok;
}

int CertCommands::issue(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    // Without --challenge the names' routes decide (their --tls).
    p.addOption(QCommandLineOption(QStringLiteral("challenge"), QString(), QStringLiteral("type")));
    p.addOption(QCommandLineOption(QStringLiteral("profile"), QString(), QStringLiteral("name")));
    p.addOption(QCommandLineOption(QStringLiteral("no-deploy")));
    QStringList withoutNames;
    QStringList names;
    // Any number of names: the parser is given the options only.
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a.startsWith(QLatin1Char('-'))) {
            withoutNames.append(a);
            if ((a == QLatin1String("--challenge") || a == QLatin1String("--profile")) &&
                i + 1 < args.size())
                withoutNames.append(args.at(++i));
        } else {
            names.append(a);
        }
    }
    const QString usage = QStringLiteral(
        "cert issue NAME... [--challenge http-01|dns-01] [--profile NAME] [--no-deploy]");
    if (!context.parse(p, withoutNames, 0, usage))
        return InvalidInput;
    if (names.isEmpty())
        return context.usageError(tr("usage: kokoactl %1").arg(usage));
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    app::CertificateService::IssueRequest request;
    request.names = names;
    request.challenge = p.value(QStringLiteral("challenge"));
    request.profile = p.value(QStringLiteral("profile"));
    request.deploy = !p.isSet(QStringLiteral("no-deploy"));
    app::CertificateService service(**store, context.dataDir());
    service.setProgress([&context](const QString &step) { printProgress(context, step); });
    const Result<app::CertificateService::IssueOutcome> outcome = service.issue(request);
    if (!outcome && outcome.error().field() == QLatin1String("account")) {
        const Error &e = outcome.error();
        return context.fail(
            Error(e.kind(), tr("%1 (kokoactl acme account --email E --agree-tos)").arg(e.message()),
                  e.field()));
    }
    if (!outcome)
        return context.fail(outcome.error());
    const CertificateRecord &c = outcome->certificate;
    int failed = 0;
    if (outcome->deployed) {
        for (const HostResult &h : outcome->deployed->hosts) {
            if (!h.ok) {
                ++failed;
                context.err()
                    << tr("kokoactl: %1 failed: %2").arg(h.label, CliContext::describe(h.error))
                    << Qt::endl;
            }
        }
    }
    if (context.json()) {
        context.printJson(QJsonObject{{QStringLiteral("name"), c.name},
                                      {QStringLiteral("serial"), c.serial},
                                      {QStringLiteral("not_after"), dateOrDash(c.notAfter)},
                                      {QStringLiteral("deployed"), outcome->deployed.has_value()},
                                      {QStringLiteral("failed_hosts"), failed},
                                      {QStringLiteral("timings"), timingsJson(outcome->timings)}});
    } else {
        context.out() << tr("certificate for %1 issued by %2, serial %3, valid until %4")
                             .arg(c.names.join(QStringLiteral(", ")), c.issuer, c.serial,
                                  dateOrDash(c.notAfter))
                      << Qt::endl;
    }
    return failed == 0 ? Ok : OperationFailed;
}

int CertCommands::list(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("json")));
    if (!context.parse(p, args, 0, QStringLiteral("cert list [--json]")))
        return InvalidInput;
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<QList<app::CertificateService::Held>> held =
        app::CertificateService(**store, context.dataDir()).list();
    if (!held)
        return context.fail(held.error());
    QJsonArray array;
    QList<QStringList> rows;
    for (const app::CertificateService::Held &h : *held) {
        const CertificateRecord &c = h.certificate;
        array.append(QJsonObject{{QStringLiteral("name"), c.name},
                                 {QStringLiteral("names"), QJsonArray::fromStringList(c.names)},
                                 {QStringLiteral("issuer"), c.issuer},
                                 {QStringLiteral("profile"), c.profile},
                                 {QStringLiteral("serial"), c.serial},
                                 {QStringLiteral("not_before"), dateOrDash(c.notBefore)},
                                 {QStringLiteral("not_after"), dateOrDash(c.notAfter)},
                                 {QStringLiteral("renew_from"), dateOrDash(h.renewFrom)},
                                 {QStringLiteral("renew_by"), dateOrDash(h.renewBy)},
                                 {QStringLiteral("renewal_window_from_ari"), h.renewalFromAri},
                                 {QStringLiteral("placed_by_hand"), c.fromFile},
                                 {QStringLiteral("edges"), QJsonArray::fromStringList(h.edges)}});
        rows.append({c.names.join(QLatin1Char(',')),
                     c.issuer.isEmpty() ? QStringLiteral("-") : c.issuer,
                     c.profile.isEmpty() ? QStringLiteral("-") : c.profile, dateOrDash(c.notAfter),
                     h.renewFrom.isValid()
                         ? dateOrDash(h.renewFrom) + QStringLiteral("..") + dateOrDash(h.renewBy) +
                               (h.renewalFromAri ? tr(" (ARI)") : QString())
                         : QStringLiteral("-"),
                     h.edges.isEmpty() ? QStringLiteral("-") : h.edges.join(QLatin1Char(','))});
    }
    if (context.json() || p.isSet(QStringLiteral("json")))
        context.printJson(array);
    else
        context.printTable({tr("NAMES"), tr("ISSUER"), tr("PROFILE"), tr("NOT AFTER"),
                            tr("RENEWAL WINDOW"), tr("EDGES")},
                           rows);
    return Ok;
}

int CertCommands::afterEdgeRemoval(CliContext &context, const QString &edge)
{
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<app::RemovedEdgeCertificates::Released> released =
        app::RemovedEdgeCertificates(**store, context.dataDir()).release(edge);
    if (!released)
        return context.fail(released.error());
    const QStringList &held = released->lineages;
    if (held.isEmpty())
        return Ok;
    if (!released->rekeyNow) {
        context.err() << tr("kokoactl: edge %1 held the private keys of: %2\n"
                            "re-key them and revoke the old certificates with: kokoactl cert "
                            "rekey %3 --revoke\n(setting certificates.rekey_on_edge_removal=1 "
                            "does this on every edge removal)")
                             .arg(edge, held.join(QStringLiteral(", ")),
                                  app::RemovedEdgeCertificates::rekeyArguments(held))
                      << Qt::endl;
        return Ok;
    }
    if (!context.json())
        context.out() << tr("edge %1 held the private keys of %2: re-keying")
                             .arg(edge, held.join(QStringLiteral(", ")))
                      << Qt::endl;
    return renew(context, held + QStringList{QStringLiteral("--revoke")}, true);
}

int CertCommands::renew(CliContext &context, const QStringList &args, bool rekey)
{
    QCommandLineParser p;
    p.addOption(QCommandLineOption(rekey ? QStringLiteral("revoke") : QStringLiteral("force")));
    const QString usage = rekey ? QStringLiteral("cert rekey NAME... [--revoke]")
                                : QStringLiteral("cert renew [--force] [NAME...]");
    QStringList options;
    QStringList names;
    for (const QString &a : args)
        (a.startsWith(QLatin1Char('-')) ? options : names).append(a);
    if (!context.parse(p, options, 0, usage))
        return InvalidInput;
    if (rekey && names.isEmpty())
        return context.usageError(tr("usage: kokoactl %1").arg(usage));
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    app::CertificateRenewal::Request request;
    request.names = names;
    request.force = !rekey && p.isSet(QStringLiteral("force"));
    request.newKey = rekey;
    request.revoke = rekey && p.isSet(QStringLiteral("revoke"));
    app::CertificateRenewal renewal(**store, context.dataDir());
    renewal.setProgress([&context](const QString &step) { printProgress(context, step); });
    const Result<QList<app::CertificateRenewal::Outcome>> outcomes = renewal.run(request);
    if (!outcomes)
        return context.fail(outcomes.error());
    int failed = 0;
    QJsonArray array;
    for (const app::CertificateRenewal::Outcome &o : *outcomes) {
        if (o.error) {
            ++failed;
            context.err() << tr("kokoactl: %1: %2").arg(o.name, CliContext::describe(*o.error))
                          << Qt::endl;
        }
        array.append(QJsonObject{{QStringLiteral("name"), o.name},
                                 {QStringLiteral("due"), o.due},
                                 {QStringLiteral("renew_from"), dateOrDash(o.renewFrom)},
                                 {QStringLiteral("renewal_window_from_ari"), o.fromAri},
                                 {QStringLiteral("renewed"), o.renewed},
                                 {QStringLiteral("old_serial"), o.oldSerial},
                                 {QStringLiteral("serial"), o.certificate.serial},
                                 {QStringLiteral("revoked"), o.revoked},
                                 {QStringLiteral("ok"), !o.error.has_value()}});
        if (context.json())
            continue;
        if (o.renewed)
            context.out() << tr("%1: new certificate, serial %2 (replaces %3), valid until %4")
                                 .arg(o.name, o.certificate.serial, o.oldSerial,
                                      dateOrDash(o.certificate.notAfter))
                          << Qt::endl;
        else if (!o.error)
            context.out() << tr("%1: not due before %2%3")
                                 .arg(o.name, dateOrDash(o.renewFrom),
                                      o.fromAri ? tr(" (the CA's renewal window)") : QString())
                          << Qt::endl;
        if (o.revoked)
            context.out() << tr("%1: serial %2 revoked").arg(o.name, o.oldSerial) << Qt::endl;
    }
    if (context.json())
        context.printJson(array);
    return failed == 0 ? Ok : OperationFailed;
}

} // namespace kokoa::cli
