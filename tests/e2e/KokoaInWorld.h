#pragma once

#include "NetWorld.h"

// Kokoa as a user runs it in the simulated network: kokoactl on the desk
// host with its data in desk's private /root/.local, and a client fetching
// through edges. Shared by the end-to-end tests.
namespace KokoaInWorld {

QString dataDir();
QString binary(const char *name); // e.g. "kokoactl" -> build tree path

NetWorld::ExecResult kokoactl(const NetWorld &world, const QStringList &args,
                              const QByteArray &stdinData = {}, int timeoutMs = 180000);
// GET http://<hostname><path> from the client, resolved to the edge's address.
NetWorld::ExecResult fetch(const NetWorld &world, const QString &edge, const QString &hostname,
                           const QString &path = QStringLiteral("/"));

// init, Kokoa's key authorised on origin and edges, origin "home" and every
// edge added with pinned host keys. Returns an error text, empty on success.
QString initAndAddHosts(const NetWorld &world);

// Waits (polling, bounded) until `edge` serves `hostname` with a body
// containing `expected`; returns the last fetch.
NetWorld::ExecResult waitUntilServed(const NetWorld &world, const QString &edge,
                                     const QString &hostname, const QByteArray &expected,
                                     int timeoutMs = 30000);

// Starts a Kokoa program in the background on desk (same environment as
// kokoactl), its output in `logFile` there: kokoa-watchdog, or kokoactl with
// `args` such as {"monitor"}. Returns an error text, empty on success.
QString startInDesk(const NetWorld &world, const char *program, const QStringList &args,
                    const QString &logFile);
// Who holds the DNS lease now, from `kokoactl status --json` (empty: nobody).
QString leaseHolder(const NetWorld &world);
// Polls until the holder starts with `prefix` ("watchdog:", "monitor:");
// returns the last holder seen.
QString waitForLeaseHolder(const NetWorld &world, const QString &prefix, int timeoutMs = 20000);

// BIND9 on the world's "dns" host (203.0.113.53), authoritative for `zones`,
// accepting updates signed with an hmac-sha256 key named kokoa-key whose
// base64 secret goes to *secret. Returns an error text, empty on success.
QString startAuthoritativeDns(const NetWorld &world, const QStringList &zones, QByteArray *secret);
QString dnsAddress();
// The Cloudflare emulator (`binary`) on the "dns" host at port `port`,
// holding example.com and mirroring it into the world's BIND with the TSIG
// key `tsig`; `token` is the API token it accepts, `extraArgs` more options
// (--request-log, --control-file), its output in `log` there. Returns an
// error text, empty on success; the caller waits until it answers.
QString startCloudflareEmulator(const NetWorld &world, const QString &binary, int port,
                                const QByteArray &token, const QByteArray &tsig,
                                const QStringList &extraArgs, const QString &log);
// The A records `dig` gets for `hostname` from the client.
QSet<QString> digA(const NetWorld &world, const QString &hostname);
// Writes a file on a host, private to its owner (0600) as kokoactl requires
// of a credential file.
bool writePrivateHostFile(const NetWorld &world, const QString &host, const QString &path,
                          const QByteArray &content);

} // namespace KokoaInWorld
