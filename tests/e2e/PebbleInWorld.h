#pragma once

#include "NetWorld.h"

// Debian's Pebble on the simulated network's "dns" host (203.0.113.53),
// resolving names through the world's BIND there, with a TLS certificate of
// its own for that address. Its log is /tmp/pebble/pebble.log on that host.
// Shared by the certificate tests and bench_certificates.
namespace PebbleInWorld {

struct Options
{
    // Off: PEBBLE_VA_NOSLEEP (validation at once) and no nonce rejections.
    bool delaysAndNonceRejections = true;
    // Pebble reuses a valid authorization for this share of new orders
    // (< 0: its default).
    int authorizationReusePercent = -1;
};

// Starts it and waits (bounded) until its directory answers from desk over
// TLS. Returns an error text, empty on success.
QString start(const NetWorld &world, const Options &options = {});

QString directoryUrl();
// Pebble's TLS CA, for kokoactl acme account --ca-bundle: this path on
// desk and on client.
QString tlsCaPath();
// Fetches Pebble's root (management interface /roots/0) on `host` into
// `path` there. Returns an error text, empty on success.
QString fetchRoot(const NetWorld &world, const QString &host, const QString &path);
// The tail of Pebble's log, for failure messages.
QByteArray logTail(const NetWorld &world);

} // namespace PebbleInWorld
