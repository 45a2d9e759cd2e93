#include "cli/HostCommands.h"

#include "app/HostEnrolment.h"
#include "app/HostOnboarding.h"
#include "cli/CertCommands.h"
#include "cli/EdgeBurnCommand.h"
#include "cli/EdgeCreateCommand.h"
#include "cli/EdgeOptions.h"
#include "cli/EdgeProfileCommand.h"
#include "cli/EdgeUpdateCommand.h"
#include "cli/HostContact.h"
#include "store/TopologyJson.h"
#include "validate/Validator.h"

#include <QJsonObject>

#include <type_traits>

namespace kokoa::cli {
namespace {

QString orDash(const QString &text)
{
    return text.isEmpty() ? QStringLiteral("-") : text;
}

void addValueOption(QCommandLineParser &p, const char *name)
{
    p.addOption(QCommandLineOption(QString::fromLatin1(name), QString(), QStringLiteral("value")));
}

// Fills ssh target and WireGuard key, shared by origins and edges.
Status commonHostOptions(const QCommandLineParser &p, SshTarget &ssh, QString &key)
{
    if (!p.isSet(QStringLiteral("ssh"))) {
        return Error(Error::Kind::InvalidInput,
                     HostCommands::tr("ssh: --ssh [USER@]HOST[:PORT] is required"),
                     QStringLiteral("ssh"));
    }
    Result<SshTarget> target =
        Validator::sshTarget(QStringLiteral("ssh"), p.value(QStringLiteral("ssh")));
    if (!target)
        return target.error();
    ssh = *target;
    if (p.isSet(QStringLiteral("wg-public-key"))) {
        Result<QString> checked = Validator::wireGuardKey(QStringLiteral("wg-public-key"),
                                                          p.value(QStringLiteral("wg-public-key")));
        if (!checked)
            return checked.error();
        key = *checked;
    }
    return {};
}

// The end of every `add`: first contact when asked for, store, report.
template <typename Host>
int storeNewHost(CliContext &context, const QCommandLineParser &p, const Host &host,
                 const QString &kind)
{
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    app::HostEnrolment::Contact contact;
    if (HostContact::requested(p)) {
        contact = [&context, &p](const SshTarget &target) {
            return HostContact::establish(context, target, p);
        };
    }
    const app::HostEnrolment enrolment(**store);
    const Result<Host> added = [&] {
        if constexpr (std::is_same_v<Host, Edge>)
            return enrolment.addEdge(host, contact);
        else
            return enrolment.addOrigin(host, contact);
    }();
    if (!added)
        return context.fail(added.error());
    if (context.json())
        context.printJson(TopologyJson::toJson(*added));
    else
        context.out() << HostCommands::tr("%1 %2 added, tunnel address %3")
                             .arg(kind, added->name, added->tunnelAddress)
                      << Qt::endl;
    return Ok;
}

// The SSH target and pinned host key of a stored edge or origin.
struct StoredHost
{
    SshTarget target;
    QString pinnedKey;
};

Result<StoredHost> storedHost(Store &store, bool edge, const QString &name)
{
    const Result<Topology> t = store.topology();
    if (!t)
        return t.error();
    if (edge && t->edge(name))
        return StoredHost{t->edge(name)->ssh, t->edge(name)->sshHostKey};
    if (!edge && t->origin(name))
        return StoredHost{t->origin(name)->ssh, t->origin(name)->sshHostKey};
    const QString kind = edge ? QStringLiteral("edge") : QStringLiteral("origin");
    return Error(Error::Kind::NotFound, HostCommands::tr("%1 %2 does not exist").arg(kind, name));
}

} // namespace

int HostCommands::runOrigin(CliContext &context, const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("add"))
        return addOrigin(context, args.mid(1));
    if (sub == QLatin1String("list"))
        return listOrigins(context, args.mid(1));
    if (sub == QLatin1String("rm"))
        return remove(context, args.mid(1), false);
    if (sub == QLatin1String("connect"))
        return connect(context, args.mid(1), false);
    if (sub == QLatin1String("repin"))
        return repin(context, args.mid(1), false);
    return context.usageError(tr("usage: kokoactl origin add|list|rm|connect|repin ..."));
}

int HostCommands::runEdge(CliContext &context, const QStringList &args)
{
    const QString sub = args.value(0);
    if (sub == QLatin1String("add"))
        return addEdge(context, args.mid(1));
    if (sub == QLatin1String("list"))
        return listEdges(context, args.mid(1));
    if (sub == QLatin1String("rm"))
        return remove(context, args.mid(1), true);
    if (sub == QLatin1String("connect"))
        return connect(context, args.mid(1), true);
    if (sub == QLatin1String("repin"))
        return repin(context, args.mid(1), true);
    if (sub == QLatin1String("update"))
        return EdgeUpdateCommand::run(context, args.mid(1));
    if (sub == QLatin1String("create"))
        return EdgeCreateCommand::run(context, args.mid(1));
    if (sub == QLatin1String("profile"))
        return EdgeProfileCommand::run(context, args.mid(1));
    if (sub == QLatin1String("burn"))
        return EdgeBurnCommand::run(context, args.mid(1));
    return context.usageError(
        tr("usage: kokoactl edge add|create|burn|list|rm|connect|repin|update|profile ..."));
}

int HostCommands::addOrigin(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    addValueOption(p, "ssh");
    addValueOption(p, "wg-public-key");
    HostContact::addOptions(p);
    if (!context.parse(p, args, 1,
                       QStringLiteral("origin add NAME --ssh [USER@]HOST[:PORT] "
                                      "[--wg-public-key KEY] [contact options]"))) {
        return InvalidInput;
    }
    Origin origin;
    const Result<QString> name =
        Validator::name(QStringLiteral("name"), p.positionalArguments().first());
    if (!name)
        return context.fail(name.error());
    origin.name = *name;
    if (Status s = commonHostOptions(p, origin.ssh, origin.wgPublicKey); !s)
        return context.fail(s.error());
    return storeNewHost(context, p, origin, QStringLiteral("origin"));
}

int HostCommands::addEdge(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    for (const char *option :
         {"ssh", "wg-public-key", "public-ip", "provider", "provider-id", "profile"}) {
        addValueOption(p, option);
    }
    HostContact::addOptions(p);
    if (!context.parse(p, args, 1,
                       QStringLiteral("edge add NAME --ssh [USER@]HOST[:PORT] --public-ip IP "
                                      "[--public-ip IPV6] [options]"))) {
        return InvalidInput;
    }
    Edge edge;
    const Result<QString> name =
        Validator::name(QStringLiteral("name"), p.positionalArguments().first());
    if (!name)
        return context.fail(name.error());
    edge.name = *name;
    if (Status s = commonHostOptions(p, edge.ssh, edge.wgPublicKey); !s)
        return context.fail(s.error());

    if (!p.isSet(QStringLiteral("public-ip"))) {
        return context.usageError(
            tr("public-ip: give one or two --public-ip (an IPv4 and/or an IPv6 address)"));
    }
    if (Status s = EdgeOptions::apply(p, edge); !s)
        return context.fail(s.error());
    return storeNewHost(context, p, edge, QStringLiteral("edge"));
}

int HostCommands::listOrigins(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 0, QStringLiteral("origin list")))
        return InvalidInput;
    const Result<Topology> t = context.topology();
    if (!t)
        return context.fail(t.error());
    QJsonArray array;
    QList<QStringList> rows;
    for (const Origin &o : std::as_const(t->origins)) {
        array.append(TopologyJson::toJson(o));
        rows.append(
            {o.name, o.ssh.toString(), o.tunnelAddress, toString(o.state), orDash(o.wgPublicKey)});
    }
    if (context.json())
        context.printJson(array);
    else
        context.printTable({tr("ORIGIN"), tr("SSH"), tr("TUNNEL"), tr("STATE"), tr("WG KEY")},
                           rows);
    return Ok;
}

int HostCommands::listEdges(CliContext &context, const QStringList &args)
{
    QCommandLineParser p;
    if (!context.parse(p, args, 0, QStringLiteral("edge list")))
        return InvalidInput;
    const Result<Topology> t = context.topology();
    if (!t)
        return context.fail(t.error());
    QJsonArray array;
    QList<QStringList> rows;
    for (const Edge &e : std::as_const(t->edges)) {
        array.append(TopologyJson::toJson(e));
        rows.append({e.name, e.ssh.toString(), orDash(e.publicIpv4), orDash(e.publicIpv6),
                     e.tunnelAddress, toString(e.state), toString(e.profile)});
    }
    if (context.json())
        context.printJson(array);
    else
        context.printTable({tr("EDGE"), tr("SSH"), tr("IPV4"), tr("IPV6"), tr("TUNNEL"),
                            tr("STATE"), tr("PROFILE")},
                           rows);
    return Ok;
}

int HostCommands::remove(CliContext &context, const QStringList &args, bool edge)
{
    const QString kind = edge ? QStringLiteral("edge") : QStringLiteral("origin");
    QCommandLineParser p;
    if (!context.parse(p, args, 1, kind + QStringLiteral(" rm NAME")))
        return InvalidInput;
    const Result<QString> name =
        Validator::name(QStringLiteral("name"), p.positionalArguments().first());
    if (!name)
        return context.fail(name.error());
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Status removed = edge ? (*store)->removeEdge(*name) : (*store)->removeOrigin(*name);
    if (!removed)
        return context.fail(removed.error());
    if (!context.json())
        context.out() << tr("%1 %2 removed").arg(kind, *name) << Qt::endl;
    if (edge)
        return CertCommands::afterEdgeRemoval(context, *name);
    return Ok;
}

int HostCommands::connect(CliContext &context, const QStringList &args, bool edge)
{
    const QString kind = edge ? QStringLiteral("edge") : QStringLiteral("origin");
    QCommandLineParser p;
    HostContact::addOptions(p);
    if (!context.parse(p, args, 1,
                       kind +
                           QStringLiteral(" connect NAME [--identity FILE] [--password-stdin] "
                                          "[--accept-host-key SHA256:… | --trust-on-first-use]"))) {
        return InvalidInput;
    }
    const Result<QString> name =
        Validator::name(QStringLiteral("name"), p.positionalArguments().first());
    if (!name)
        return context.fail(name.error());
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<StoredHost> host = storedHost(**store, edge, *name);
    if (!host)
        return context.fail(host.error());
    const Result<QString> fingerprint =
        HostContact::establish(context, host->target, p, host->pinnedKey);
    if (!fingerprint)
        return context.fail(fingerprint.error());
    const Store::HostKind hostKind = edge ? Store::HostKind::Edge : Store::HostKind::Origin;
    if (Status s = (*store)->setSshHostKey(hostKind, *name, *fingerprint); !s)
        return context.fail(s.error());
    if (context.json())
        context.printJson(QJsonObject{{QStringLiteral("name"), *name},
                                      {QStringLiteral("ssh_host_key"), *fingerprint}});
    else
        context.out()
            << tr("%1 %2: host key %3 pinned; Kokoa's key works").arg(kind, *name, *fingerprint)
            << Qt::endl;
    return Ok;
}

// A reinstalled server has a new host key, and the pinned one stops all
// work with it. Re-pinning keeps the host (its name, tunnel address and
// routes); remove + add would allocate a new tunnel address. The new key must
// be named explicitly: there is no trust on first use for a changed key.
int HostCommands::repin(CliContext &context, const QStringList &args, bool edge)
{
    const QString kind = edge ? QStringLiteral("edge") : QStringLiteral("origin");
    QCommandLineParser p;
    p.addOption(QCommandLineOption(QStringLiteral("accept-host-key"), QString(),
                                   QStringLiteral("fingerprint")));
    if (!context.parse(p, args, 1, kind + QStringLiteral(" repin NAME --accept-host-key SHA256:…")))
        return InvalidInput;
    if (!p.isSet(QStringLiteral("accept-host-key"))) {
        return context.usageError(
            tr("accept-host-key: required: the new fingerprint, checked on "
               "the server (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)"));
    }
    const Result<QString> name =
        Validator::name(QStringLiteral("name"), p.positionalArguments().first());
    if (!name)
        return context.fail(name.error());
    const Result<QString> accepted = Validator::hostKeyFingerprint(
        QStringLiteral("accept-host-key"), p.value(QStringLiteral("accept-host-key")));
    if (!accepted)
        return context.fail(accepted.error());
    Result<Store *> store = context.store();
    if (!store)
        return context.fail(store.error());
    const Result<StoredHost> host = storedHost(**store, edge, *name);
    if (!host)
        return context.fail(host.error());
    const QString &previous = host->pinnedKey;

    // The host must offer exactly the accepted key, and Kokoa's own key
    // must still log in: the pin changes only after both are proven.
    app::HostOnboarding::Request request;
    request.target = host->target;
    request.hostLabel = kind + QLatin1Char(' ') + *name;
    request.pinned = previous;
    request.decideHostKey = [&](const HostKeyQuestion &q) {
        return q.fingerprint == *accepted ? HostKeyDecision::Accept : HostKeyDecision::Refuse;
    };
    const Result<app::HostOnboarding::Outcome> outcome =
        app::HostOnboarding(context.dataDir()).establish(request);
    const QString offered = outcome ? outcome->fingerprint : outcome.error().value();
    if (offered != *accepted && (outcome || outcome.error().kind() == Error::Kind::HostKey)) {
        return context.fail(
            Error(Error::Kind::HostKey,
                  tr("%1: the host key is %2, not the %3 you accepted; nothing was done")
                      .arg(host->target.toString(), offered, *accepted),
                  QString::fromLatin1(hostKeyField::notAccepted), offered));
    }
    if (!outcome)
        return context.fail(outcome.error());
    const Store::HostKind hostKind = edge ? Store::HostKind::Edge : Store::HostKind::Origin;
    if (Status s = (*store)->setSshHostKey(hostKind, *name, *accepted); !s)
        return context.fail(s.error());
    if (context.json()) {
        context.printJson(QJsonObject{{QStringLiteral("name"), *name},
                                      {QStringLiteral("previous_ssh_host_key"), previous},
                                      {QStringLiteral("ssh_host_key"), *accepted}});
    } else if (previous == *accepted) {
        context.out() << tr("%1 %2: host key %3 was already pinned").arg(kind, *name, previous)
                      << Qt::endl;
    } else {
        context.out() << tr("%1 %2: host key re-pinned: %3 (was %4); tunnel address and routes "
                            "are kept")
                             .arg(kind, *name, *accepted,
                                  previous.isEmpty() ? tr("not pinned") : previous)
                      << Qt::endl;
    }
    return Ok;
}

} // namespace kokoa::cli
