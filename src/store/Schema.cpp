#include "store/Schema.h"

namespace kokoa {

namespace {

// A counter bumped by every change to the configuration, so a running
// monitor sees that it must reload with one cheap read per cycle, whoever
// made the change (another process, an import, a setting). The event log
// stays append-only for recent history: only events older than the newest
// 1,000 may ever be deleted (pruning).
Migration configVersionAndPruning()
{
    Migration m{
        4,
        {QStringLiteral("INSERT OR IGNORE INTO meta (key, value) VALUES ('config_version', '0')")}};
    const QStringList tables{QStringLiteral("zones"), QStringLiteral("origins"),
                             QStringLiteral("edges"), QStringLiteral("routes"),
                             QStringLiteral("settings")};
    const QStringList operations{QStringLiteral("INSERT"), QStringLiteral("UPDATE"),
                                 QStringLiteral("DELETE")};
    for (const QString &table : tables) {
        for (const QString &op : operations) {
            m.statements.append(
                QStringLiteral(
                    "CREATE TRIGGER %1_%2_version AFTER %3 ON %1 BEGIN UPDATE meta SET "
                    "value = CAST(value AS INTEGER) + 1 WHERE key = 'config_version'; END")
                    .arg(table, op.toLower(), op));
        }
    }
    m.statements.append(QStringLiteral("DROP TRIGGER events_no_delete"));
    m.statements.append(QStringLiteral(
        "CREATE TRIGGER events_no_delete BEFORE DELETE ON events "
        "WHEN old.id > (SELECT max(id) FROM events) - 1000 "
        "BEGIN SELECT RAISE(ABORT, 'only events older than the newest 1000 may be pruned'); END"));
    return m;
}

// Certificates held by the control plane (the private keys are secrets,
// named by key_secret) and the ACME account they are ordered with. A new or
// renewed certificate bumps the configuration version: it changes what
// edges serve.
Migration certificates()
{
    Migration m{5,
                {
                    QStringLiteral(R"(CREATE TABLE certificates (
                        name TEXT PRIMARY KEY,
                        names TEXT NOT NULL,
                        issuer TEXT NOT NULL DEFAULT '',
                        profile TEXT NOT NULL DEFAULT '',
                        not_before_ms INTEGER,
                        not_after_ms INTEGER,
                        serial TEXT NOT NULL DEFAULT '',
                        ari_id TEXT NOT NULL DEFAULT '',
                        ari_window_start_ms INTEGER,
                        ari_window_end_ms INTEGER,
                        directory_url TEXT NOT NULL DEFAULT '',
                        chain_pem TEXT NOT NULL,
                        key_secret TEXT NOT NULL,
                        updated_ms INTEGER NOT NULL))"),
                    // Which certificate (serial) each edge was last deployed with.
                    QStringLiteral(R"(CREATE TABLE certificate_holders (
                        name TEXT NOT NULL,
                        edge TEXT NOT NULL,
                        serial TEXT NOT NULL,
                        at_ms INTEGER NOT NULL,
                        PRIMARY KEY (name, edge)))"),
                    QStringLiteral(R"(CREATE TABLE acme_account (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        directory_url TEXT NOT NULL,
                        ca_bundle TEXT NOT NULL DEFAULT '',
                        email TEXT NOT NULL,
                        account_url TEXT NOT NULL DEFAULT '',
                        key_secret TEXT NOT NULL,
                        updated_ms INTEGER NOT NULL))"),
                }};
    const QStringList operations{QStringLiteral("INSERT"), QStringLiteral("UPDATE"),
                                 QStringLiteral("DELETE")};
    for (const QString &op : operations) {
        m.statements.append(
            QStringLiteral("CREATE TRIGGER certificates_%1_version AFTER %2 ON certificates BEGIN "
                           "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = "
                           "'config_version'; END")
                .arg(op.toLower(), op));
    }
    return m;
}

// VPS templates (providers) and every server Kokoa asked one for. A server's
// row is written before the provider is asked, named uniquely, so a server
// is never forgotten even when the answer to its create is lost.
Migration providersAndServers()
{
    return {6,
            {
                QStringLiteral(R"(CREATE TABLE providers (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL UNIQUE,
                    kind TEXT NOT NULL CHECK (kind IN ('hetzner', 'digitalocean', 'vultr', 'command')),
                    settings TEXT NOT NULL DEFAULT '{}',
                    secret_ref TEXT NOT NULL DEFAULT '',
                    created_ms INTEGER NOT NULL))"),
                QStringLiteral(R"(CREATE TABLE servers (
                    id INTEGER PRIMARY KEY,
                    provider TEXT NOT NULL REFERENCES providers (name) ON DELETE RESTRICT,
                    name TEXT NOT NULL,
                    server_id TEXT NOT NULL DEFAULT '',
                    edge TEXT NOT NULL DEFAULT '',
                    ipv4 TEXT NOT NULL DEFAULT '',
                    ipv6 TEXT NOT NULL DEFAULT '',
                    host_key TEXT NOT NULL DEFAULT '',
                    pending_host_key TEXT NOT NULL DEFAULT '',
                    state TEXT NOT NULL
                        CHECK (state IN ('requested', 'created', 'destroying', 'destroyed')),
                    created_ms INTEGER NOT NULL,
                    updated_ms INTEGER NOT NULL,
                    UNIQUE (provider, name)))"),
                QStringLiteral("CREATE INDEX servers_edge ON servers (edge)"),
            }};
}

// Burns in progress: which steps of an `edge burn` are done, so a rerun
// resumes where the last one stopped and never makes a second server.
Migration burns()
{
    return {7,
            {
                QStringLiteral(R"(CREATE TABLE burns (
                    id INTEGER PRIMARY KEY,
                    edge TEXT NOT NULL,
                    replacement TEXT NOT NULL DEFAULT '',
                    provider TEXT NOT NULL DEFAULT '',
                    old_provider TEXT NOT NULL DEFAULT '',
                    old_server TEXT NOT NULL DEFAULT '',
                    ssh_target TEXT NOT NULL DEFAULT '',
                    replace INTEGER NOT NULL CHECK (replace IN (0, 1)),
                    last_edge INTEGER NOT NULL CHECK (last_edge IN (0, 1)),
                    done_steps TEXT NOT NULL DEFAULT '',
                    started_ms INTEGER NOT NULL,
                    updated_ms INTEGER NOT NULL,
                    finished_ms INTEGER))"),
                QStringLiteral("CREATE UNIQUE INDEX burns_unfinished ON burns (edge) WHERE "
                               "finished_ms IS NULL"),
            }};
}

// Automatic replacement: a burn records whether the monitor started it, so
// the daily cap counts what happened, across restarts; and whether the
// burned edge had a tunnel peer on the origins, to be closed once it is gone. edges.auto_replace
// was accepted before it did anything: a value stored then is no choice
// made knowing what it does, and goes.
Migration automaticBurns()
{
    return {8,
            {
                QStringLiteral("ALTER TABLE burns ADD COLUMN automatic INTEGER NOT NULL DEFAULT 0 "
                               "CHECK (automatic IN (0, 1))"),
                QStringLiteral("ALTER TABLE burns ADD COLUMN had_tunnel INTEGER NOT NULL DEFAULT 0 "
                               "CHECK (had_tunnel IN (0, 1))"),
                QStringLiteral("DELETE FROM settings WHERE key = 'edges.auto_replace'"),
            }};
}

// `edge burn --keep-ip`: the burn keeps the old server's public address for
// its replacement, and the provider's handle of it outlives a crash between
// keeping it and creating the replacement.
Migration keptAddresses()
{
    return {
        9,
        {
            QStringLiteral("ALTER TABLE burns ADD COLUMN keep_ip INTEGER NOT NULL DEFAULT 0 "
                           "CHECK (keep_ip IN (0, 1))"),
            QStringLiteral("ALTER TABLE burns ADD COLUMN kept_address TEXT NOT NULL DEFAULT ''"),
        }};
}

} // namespace

const QList<Migration> &Schema::migrations()
{
    static const QList<Migration> all{
        {1,
         {
             QStringLiteral(R"(CREATE TABLE zones (
                 id INTEGER PRIMARY KEY,
                 name TEXT NOT NULL UNIQUE,
                 provider TEXT NOT NULL CHECK (provider IN ('manual', 'cloudflare', 'rfc2136')),
                 provider_settings TEXT NOT NULL DEFAULT '{}',
                 secret_ref TEXT NOT NULL DEFAULT ''))"),
             QStringLiteral(R"(CREATE TABLE origins (
                 id INTEGER PRIMARY KEY,
                 name TEXT NOT NULL UNIQUE,
                 ssh_user TEXT NOT NULL,
                 ssh_host TEXT NOT NULL,
                 ssh_port INTEGER NOT NULL CHECK (ssh_port BETWEEN 1 AND 65535),
                 tunnel_address TEXT NOT NULL UNIQUE,
                 wg_public_key TEXT NOT NULL DEFAULT '',
                 state TEXT NOT NULL DEFAULT 'new'))"),
             QStringLiteral(R"(CREATE TABLE edges (
                 id INTEGER PRIMARY KEY,
                 name TEXT NOT NULL UNIQUE,
                 ssh_user TEXT NOT NULL,
                 ssh_host TEXT NOT NULL,
                 ssh_port INTEGER NOT NULL CHECK (ssh_port BETWEEN 1 AND 65535),
                 public_ipv4 TEXT NOT NULL DEFAULT '',
                 public_ipv6 TEXT NOT NULL DEFAULT '',
                 provider TEXT NOT NULL DEFAULT '',
                 provider_id TEXT NOT NULL DEFAULT '',
                 tunnel_address TEXT NOT NULL UNIQUE,
                 wg_public_key TEXT NOT NULL DEFAULT '',
                 state TEXT NOT NULL DEFAULT 'new',
                 profile TEXT NOT NULL DEFAULT 'normal',
                 CHECK (public_ipv4 <> '' OR public_ipv6 <> '')))"),
             QStringLiteral(R"(CREATE TABLE routes (
                 id INTEGER PRIMARY KEY,
                 hostname TEXT NOT NULL UNIQUE,
                 zone_id INTEGER NOT NULL REFERENCES zones (id) ON DELETE RESTRICT,
                 origin_id INTEGER NOT NULL REFERENCES origins (id) ON DELETE RESTRICT,
                 port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
                 websocket INTEGER NOT NULL DEFAULT 0,
                 max_body_bytes INTEGER NOT NULL,
                 timeout_s INTEGER NOT NULL,
                 health_path TEXT NOT NULL DEFAULT '/',
                 tls TEXT NOT NULL DEFAULT 'http-01'))"),
             QStringLiteral("CREATE INDEX routes_origin ON routes (origin_id)"),
             QStringLiteral("CREATE INDEX routes_zone ON routes (zone_id)"),
             QStringLiteral(R"(CREATE TABLE settings (
                 key TEXT PRIMARY KEY,
                 value TEXT NOT NULL))"),
             QStringLiteral(R"(CREATE TABLE events (
                 id INTEGER PRIMARY KEY,
                 at_ms INTEGER NOT NULL,
                 category TEXT NOT NULL,
                 subject TEXT NOT NULL,
                 action TEXT NOT NULL,
                 reason TEXT NOT NULL DEFAULT '',
                 outcome TEXT NOT NULL DEFAULT 'ok'))"),
             QStringLiteral(R"(CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                 BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END)"),
             QStringLiteral(R"(CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                 BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END)"),
             // Every tunnel address in use or still referenced by a config on
             // some host. A released address (owner empty) stays here until
             // no deployed config refers to it.
             QStringLiteral(R"(CREATE TABLE tunnel_addresses (
                 address TEXT PRIMARY KEY,
                 owner_kind TEXT NOT NULL DEFAULT '',
                 owner_name TEXT NOT NULL DEFAULT '',
                 released_at_ms INTEGER))"),
             // Addresses that the configuration last deployed to a host refers to.
             QStringLiteral(R"(CREATE TABLE config_references (
                 host_kind TEXT NOT NULL,
                 host_name TEXT NOT NULL,
                 address TEXT NOT NULL,
                 PRIMARY KEY (host_kind, host_name, address)))"),
             QStringLiteral(R"(CREATE TABLE meta (
                 key TEXT PRIMARY KEY,
                 value TEXT NOT NULL))"),
         }},
        {2,
         {
             // Pinned SSH host key fingerprints (SHA256:…).
             QStringLiteral("ALTER TABLE origins ADD COLUMN ssh_host_key TEXT NOT NULL DEFAULT ''"),
             QStringLiteral("ALTER TABLE edges ADD COLUMN ssh_host_key TEXT NOT NULL DEFAULT ''"),
         }},
        {3,
         {
             // Who may change DNS: the GUI or the watchdog, one at a time.
             QStringLiteral(R"(CREATE TABLE leases (
                 name TEXT PRIMARY KEY,
                 holder TEXT NOT NULL,
                 expires_at_ms INTEGER NOT NULL))"),
             // Liveness of the monitors (GUI, watchdog, kokoactl monitor).
             QStringLiteral(R"(CREATE TABLE heartbeats (
                 component TEXT PRIMARY KEY,
                 holder TEXT NOT NULL,
                 pid INTEGER NOT NULL,
                 at_ms INTEGER NOT NULL,
                 detail TEXT NOT NULL DEFAULT ''))"),
             // The health the acting monitor last saw, for status displays.
             QStringLiteral(R"(CREATE TABLE health (
                 key TEXT PRIMARY KEY,
                 state TEXT NOT NULL,
                 since_ms INTEGER NOT NULL,
                 detail TEXT NOT NULL DEFAULT '',
                 updated_ms INTEGER NOT NULL))"),
         }},
        configVersionAndPruning(),
        certificates(),
        providersAndServers(),
        burns(),
        automaticBurns(),
        keptAddresses(),
    };
    return all;
}

} // namespace kokoa
