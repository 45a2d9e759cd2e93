#include "cli/Cli.h"

#include "cli/CertCommands.h"
#include "cli/CliContext.h"
#include "cli/ConfigCommands.h"
#include "cli/DeployCommand.h"
#include "cli/HostCommands.h"
#include "cli/MonitorCommands.h"
#include "cli/ProviderCommands.h"
#include "cli/RenderCommand.h"
#include "cli/RouteCommands.h"
#include "cli/WatchdogCommand.h"
#include "cli/ZoneCommands.h"
#include "core/DataDirectory.h"

#include <optional>

namespace kokoa::cli {
namespace {

struct GlobalOptions
{
    std::optional<QString> dataDir;
    bool json = false;
    bool help = false;
    QStringList rest;
    QString error;
};

// --data-dir, --json and --help may appear anywhere on the line.
GlobalOptions splitGlobalOptions(const QStringList &args)
{
    GlobalOptions g;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--json")) {
            g.json = true;
        } else if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            g.help = true;
        } else if (a == QLatin1String("--data-dir")) {
            if (i + 1 >= args.size()) {
                g.error = CliContext::tr("--data-dir needs a directory");
                return g;
            }
            g.dataDir = args.at(++i);
        } else if (a.startsWith(QLatin1String("--data-dir="))) {
            g.dataDir = a.mid(11);
        } else {
            g.rest.append(a);
        }
    }
    return g;
}

} // namespace

QString Cli::helpText()
{
    return CliContext::
        tr("usage: kokoactl [--data-dir DIR] [--json] COMMAND ...\n"
           "\n"
           "Describe your zones, origins, edges and routes; see the files Kokoa puts on each "
           "host.\n"
           "\n"
           "  init [--tunnel-range CIDR]            create the configuration in the data "
           "directory\n"
           "       --new-dns-owner-id: replace a lost DNS owner id (its records become foreign)\n"
           "  zone add NAME --provider manual|cloudflare|rfc2136 [options] [--no-check]\n"
           "       (the provider is asked first whether the token or key works;\n"
           "       --no-check skips that, e.g. offline)\n"
           "       cloudflare: --token-file F [--api-base URL]\n"
           "       rfc2136:    --server HOST[:PORT] --tsig-name N --tsig-secret-file F\n"
           "                   [--tsig-algorithm hmac-sha256|hmac-sha384|hmac-sha512]\n"
           "  zone list | zone rm NAME | zone set-secret NAME --file F [--no-check]\n"
           "  origin add NAME --ssh [USER@]HOST[:PORT] [--wg-public-key KEY] [contact options]\n"
           "  origin list | origin rm NAME | origin connect NAME [contact options]\n"
           "  edge add NAME --ssh [USER@]HOST[:PORT] --public-ip IP [--public-ip IPV6]\n"
           "       [--provider KIND --provider-id ID] [--wg-public-key KEY]\n"
           "       [--profile normal|under-attack] [contact options]\n"
           "  edge update NAME [--ssh TARGET] [--public-ip IP [--public-ip IPV6]]\n"
           "       [--provider KIND --provider-id ID] [--profile normal|under-attack]\n"
           "       (changes the edge in place; it keeps its tunnel address and keys)\n"
           "  edge create NAME --provider P [--profile normal|under-attack] [--no-dns]\n"
           "       (a new server from provider P, its host key made by Kokoa, then rotated;\n"
           "        deployed; run again after a failure, it resumes with the same server)\n"
           "  edge profile NAME normal|under-attack [--no-deploy]\n"
           "       (switches the nginx limits: stored, then one deployment of that edge)\n"
           "  edge burn NAME [--no-replace] [--provider P] [--keep-ip]\n"
           "       (out of DNS, its server destroyed, a new edge in its place; run again\n"
           "        after a failure, it resumes and never makes a second server)\n"
           "  edge list | edge rm NAME | edge connect NAME [contact options]\n"
           "       contact options: [--identity FILE] [--password-stdin]\n"
           "       [--accept-host-key SHA256:... | --trust-on-first-use]\n"
           "       (pin the host key, log in once, install Kokoa's own SSH key)\n"
           "  origin|edge repin NAME --accept-host-key SHA256:...\n"
           "       (accept a reinstalled server's new host key; keeps the tunnel address)\n"
           "  route add HOSTNAME --origin NAME --port PORT [--websocket] [--max-body SIZE]\n"
           "       [--timeout SECONDS] [--health-path PATH] [--tls http-01|dns-01|off]\n"
           "  route update HOSTNAME [--origin NAME] [--port PORT] [--websocket on|off]\n"
           "       [--max-body SIZE] [--timeout SECONDS] [--health-path PATH] [--tls MODE]\n"
           "  route list | route rm HOSTNAME\n"
           "  provider add NAME --kind hetzner|digitalocean|vultr --token-file F --location L\n"
           "       --server-type T --image I [--api-base URL] [--no-check]  (a VPS template)\n"
           "       [--reserved-ip]  (DigitalOcean: each edge's address a reserved IP, for "
           "--keep-ip)\n"
           "  provider add NAME --kind command --create-command FILE --destroy-command FILE\n"
           "  provider list | provider rm NAME\n"
           "  provider servers NAME [--json]         what Kokoa owns there; orphans marked\n"
           "  render edge NAME --out DIR | render origin NAME --out DIR\n"
           "  deploy [--all | --edge NAME ... | --origin NAME ...] [--dry-run] [--parallel N]\n"
           "  status [--json]                        health of every edge and hostname, DNS "
           "answers\n"
           "  monitor [--once] [--observe]           run health checks and DNS failover here\n"
           "  dns sync [--dry-run]                   make DNS hold every deployed edge\n"
           "  watchdog install|uninstall|status      kokoa-watchdog as a systemd user service\n"
           "  export                                 print the configuration as JSON\n"
           "  import FILE                            replace the configuration (all or nothing)\n"
           "  settings list | settings set KEY VALUE\n"
           "  events [--limit N]                     the event log\n"
           "  acme account --email E --agree-tos [--directory URL [--ca-bundle F] | --staging]\n"
           "       (the ACME account certificates are ordered with; Let's Encrypt by default)\n"
           "  cert issue NAME... [--challenge http-01|dns-01] [--profile NAME] [--no-deploy]\n"
           "       (answers HTTP-01 on every edge or DNS-01 in the name's zone, by default\n"
           "        as the routes' --tls says; stores the certificate, deploys it)\n"
           "  cert list [--json]                     certificates, renewal windows, edges\n"
           "  cert renew [--force] [NAME...]         renew what is due (ARI window, else 2/3 of\n"
           "       the lifetime), or everything named with --force; deploys to every edge\n"
           "  cert rekey NAME... [--revoke]          new key and certificate on every edge,\n"
           "       then the old certificate revoked\n"
           "\n"
           "The data directory is --data-dir, else $KOKOA_DATA_DIR, else %1;\n"
           "an empty --data-dir or KOKOA_DATA_DIR is refused, not replaced by the default.\n"
           "Exit codes: 0 success, 2 invalid input, 1 operation failed.\n")
            .arg(DataDirectory::resolve(QString()));
}

int Cli::run(const QStringList &args, QTextStream &out, QTextStream &err)
{
    const GlobalOptions g = splitGlobalOptions(args);
    if (!g.error.isEmpty()) {
        err << "kokoactl: " << g.error << Qt::endl;
        return InvalidInput;
    }
    if (g.help || g.rest.isEmpty()) {
        (g.help ? out : err) << helpText();
        return g.help ? Ok : InvalidInput;
    }
    const Result<QString> dataDir = DataDirectory::choose(g.dataDir);
    if (!dataDir) {
        err << "kokoactl: " << dataDir.error().message() << Qt::endl;
        return InvalidInput;
    }
    CliContext context(*dataDir, g.json, out, err);
    const QString command = g.rest.first();
    const QStringList rest = g.rest.mid(1);
    if (command == QLatin1String("zone"))
        return ZoneCommands::run(context, rest);
    if (command == QLatin1String("acme"))
        return CertCommands::runAcme(context, rest);
    if (command == QLatin1String("cert"))
        return CertCommands::runCert(context, rest);
    if (command == QLatin1String("origin"))
        return HostCommands::runOrigin(context, rest);
    if (command == QLatin1String("edge"))
        return HostCommands::runEdge(context, rest);
    if (command == QLatin1String("route"))
        return RouteCommands::run(context, rest);
    if (command == QLatin1String("provider"))
        return ProviderCommands::run(context, rest);
    if (command == QLatin1String("render"))
        return RenderCommand::run(context, rest);
    if (command == QLatin1String("deploy"))
        return DeployCommand::run(context, rest);
    if (command == QLatin1String("status"))
        return MonitorCommands::status(context, rest);
    if (command == QLatin1String("monitor"))
        return MonitorCommands::monitor(context, rest);
    if (command == QLatin1String("dns"))
        return MonitorCommands::dns(context, rest);
    if (command == QLatin1String("watchdog"))
        return WatchdogCommand::run(context, rest);
    if (command == QLatin1String("init"))
        return ConfigCommands::init(context, rest);
    if (command == QLatin1String("export"))
        return ConfigCommands::exportConfig(context, rest);
    if (command == QLatin1String("import"))
        return ConfigCommands::importConfig(context, rest);
    if (command == QLatin1String("settings"))
        return ConfigCommands::settings(context, rest);
    if (command == QLatin1String("events"))
        return ConfigCommands::events(context, rest);
    return context.usageError(
        CliContext::tr("unknown command %1; see kokoactl --help").arg(quoteForMessage(command)));
}

} // namespace kokoa::cli
