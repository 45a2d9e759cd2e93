// Cloudflare's replies decide which records Kokoa owns, keeps and deletes.
// CloudflareProvider turns a reply body into records only inside records()
// and verify(), behind BlockingHttp, so the input reaches them through a
// loopback HTTP server: first byte chooses the entry point, second the HTTP
// status, the rest is the body of every reply.
#include "FuzzEnvironment.h"
#include "FuzzInput.h"
#include "LoopbackJsonServer.h"
#include "dns/CloudflareProvider.h"
#include "dns/DnsOwnerId.h"

#include <QCoreApplication>

using namespace kokoa;

namespace {

fuzz::LoopbackJsonServer *server = nullptr;

constexpr int statuses[] = {200, 200, 200, 200, 400, 403, 404, 409, 429, 500, 503};

RetryPolicy oneTry()
{
    RetryPolicy policy;
    policy.maxAttempts = 1; // a retry would only repeat the same bytes
    policy.budgetMs = 5'000;
    policy.transferTimeoutMs = 5'000;
    return policy;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::FuzzEnvironment::setUp(argc, argv, true);
    server = new fuzz::LoopbackJsonServer;
    if (!server->listen()) {
        fprintf(stderr, "cannot listen on 127.0.0.1\n");
        abort();
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::FuzzInput in(data, size);
    const quint8 mode = in.byte();
    const int status = statuses[in.byte() % std::size(statuses)];
    server->setResponse(status, in.rest().toByteArray());

    const QString apiBase = QStringLiteral("http://127.0.0.1:%1/client/v4").arg(server->port());
    // Mode 0: the zone id is known (the watchdog's steady state); 1: it is
    // looked up first; 2: the credential check of `zone add`.
    const QString zoneId =
        (mode % 3) == 0 ? QStringLiteral("0123456789abcdef0123456789abcdef") : QString();
    // Mode bit 2: a data directory from before owner ids, which adopts old
    // markers at its own edges' addresses.
    const DnsOwner owner{QStringLiteral("0123456789abcdef0123456789abcdef"),
                         (mode & 4) != 0,
                         {QStringLiteral("203.0.113.10"), QStringLiteral("2001:db8::10")}};
    CloudflareProvider provider(QStringLiteral("example.test"), apiBase, QByteArray("fuzz-token"),
                                owner, zoneId, oneTry());
    if ((mode % 3) == 2) {
        (void)provider.verify();
        return 0;
    }
    const Result<DnsHostRecords> records = provider.records(QStringLiteral("www.example.test"));
    if (records) {
        for (const DnsRecord &r : records->owned)
            (void)r.toString();
    }
    return 0;
}
