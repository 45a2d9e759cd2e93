// Certificates in the simulated network (needs root, like the e2e tests):
//  1. issuance of one hostname by HTTP-01 against Debian's Pebble with its
//     validation delays and nonce rejections off, the answer placed on two
//     edges: the time kokoactl cert issue takes and how it splits (the CA,
//     placing and removing the answers on the edges, the deploy of the
//     result), from the command's own --json timings;
//  2. distribution of 100 certificates to an edge: the first deploy of a new
//     edge that carries them, and a redeploy of that edge after all 100 were
//     replaced (target <= 5 s).
//
//   bench_certificates [rounds]   (default 3; medians are reported)
#include "KokoaInWorld.h"
#include "PebbleInWorld.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

using namespace KokoaInWorld;

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

constexpr int kCertificates = 100;
constexpr int kLongMs = 600000;

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? -1 : v[v.size() / 2];
}

bool must(const NetWorld::ExecResult &r, const char *what)
{
    if (!r.ok())
        std::fprintf(stderr, "%s failed: %s\n%s\n", what, qPrintable(r.describe()),
                     r.out.constData());
    return r.ok();
}

QString bulkName(int i)
{
    return s("h%1.example.com").arg(i, 3, 10, QLatin1Char('0'));
}

// Certificates placed by hand in Kokoa's data directory on desk, signed by
// a CA of the bench's own (/tmp/bulk/ca.pem there and on client): the same
// files a deploy carries as those a CA issued.
bool placeCertificates(const NetWorld &world)
{
    // Concatenated rather than arg(): the script has printf and seq formats.
    const QString script = s(R"(set -e
umask 077
mkdir -p /tmp/bulk && cd /tmp/bulk
ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
[ -f ca.pem ] || openssl req -x509 $ec -keyout ca.key -out ca.pem -days 2 -subj "/CN=Bench CA" 2>/dev/null
for i in $(seq -f %03g 1 )") +
                           QString::number(kCertificates) + s(R"(); do
  name=h$i.example.com; dir=)") +
                           dataDir() + s(R"(/certificates/$name; mkdir -p $dir
  openssl req $ec -keyout $dir/privkey.pem -out req.csr -subj "/CN=$name" 2>/dev/null
  printf 'subjectAltName=DNS:%s\n' $name > ext
  openssl x509 -req -in req.csr -CA ca.pem -CAkey ca.key -set_serial 0x$(openssl rand -hex 8) \
    -days 2 -extfile ext -out $dir/fullchain.pem 2>/dev/null
done
)");
    const auto r = world.exec(s("desk"), {s("sh"), s("-c"), script}, {}, kLongMs);
    if (!must(r, "placing the certificates"))
        return false;
    QFile ca(world.hostPath(s("desk"), s("/tmp/bulk/ca.pem")));
    QFile copy(world.hostPath(s("client"), s("/tmp/bulk-ca.pem")));
    return ca.open(QIODevice::ReadOnly) && copy.open(QIODevice::WriteOnly) &&
           copy.write(ca.readAll()) > 0;
}

// How many of the bulk hostnames `edge` serves over HTTPS with a
// certificate that verifies against the bench's CA. The edge's request
// limits answer part of 100 requests in a row from one client with 429:
// that answer came over a verified connection too, so it counts (the
// number is printed apart); any other failure (handshake, 5xx) does not.
int servedOverHttps(const NetWorld &world, const QString &edge, int *limited = nullptr)
{
    const QString script = s(R"(ok=0; limited=0; for i in $(seq -f %03g 1 )") +
                           QString::number(kCertificates) + s(R"(); do
  n=h$i.example.com
  code=$(curl -s --noproxy '*' -m 5 --cacert /tmp/bulk-ca.pem --resolve $n:443:)") +
                           world.address(edge) +
                           s(R"( -o /dev/null -w '%{http_code}' https://$n/) || continue
  case $code in 2??) ok=$((ok+1)) ;; 429) ok=$((ok+1)); limited=$((limited+1)) ;; esac
done; echo $ok $limited)");
    const QList<QByteArray> out =
        world.exec(s("client"), {s("sh"), s("-c"), script}, {}, kLongMs).out.trimmed().split(' ');
    if (limited)
        *limited = out.size() > 1 ? out.at(1).toInt() : 0;
    return out.value(0).toInt();
}

// A new edge's first deploy takes the origin along (its WireGuard peer).
double timedDeploy(const NetWorld &world, const QString &edge, bool withOrigin = false)
{
    QStringList args{s("deploy"), s("--edge"), edge};
    if (withOrigin)
        args << s("--origin") << s("home");
    QElapsedTimer clock;
    clock.start();
    if (!must(kokoactl(world, args, {}, kLongMs), "deploy"))
        return -1;
    return double(clock.nsecsElapsed()) / 1e9;
}

QString setUp(const NetWorld &world, const QByteArray &tsig)
{
    const auto init = kokoactl(world, {s("init"), s("--json")});
    if (!must(init, "init"))
        return s("init");
    const QByteArray key =
        QJsonDocument::fromJson(init.out).object().value(s("ssh_public_key")).toString().toLatin1();
    for (const QString &host : QStringList{s("origin")} + world.edges())
        world.authorizeKey(host, key);
    if (!writePrivateHostFile(world, s("desk"), s("/tmp/tsig.key"), tsig + '\n'))
        return s("tsig key");
    QList<QStringList> commands{{s("origin"), s("add"), s("home"), s("--ssh"),
                                 s("root@") + world.address(s("origin")), s("--accept-host-key"),
                                 world.hostKeyFingerprint(s("origin"))},
                                {s("zone"), s("add"), s("example.com"), s("--provider"),
                                 s("rfc2136"), s("--server"), dnsAddress(), s("--tsig-name"),
                                 s("kokoa-key"), s("--tsig-secret-file"), s("/tmp/tsig.key")},
                                {s("route"), s("add"), s("www.example.com"), s("--origin"),
                                 s("home"), s("--port"), s("8081")}};
    for (const char *edge : {"edge1", "edge2"})
        commands.append({s("edge"), s("add"), s(edge), s("--ssh"),
                         s("root@") + world.address(s(edge)), s("--public-ip"),
                         world.address(s(edge)), s("--accept-host-key"),
                         world.hostKeyFingerprint(s(edge))});
    commands.append({s("deploy"), s("--all")});
    commands.append({s("dns"), s("sync")});
    commands.append({s("acme"), s("account"), s("--email"), s("admin@example.com"),
                     s("--agree-tos"), s("--directory"), PebbleInWorld::directoryUrl(),
                     s("--ca-bundle"), PebbleInWorld::tlsCaPath()});
    for (const QStringList &command : std::as_const(commands)) {
        if (!must(kokoactl(world, command, {}, kLongMs), qPrintable(command.mid(0, 2).join(u' '))))
            return command.join(u' ');
    }
    return {};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, atoi(argv[1])) : 3;
    QString why;
    auto world = NetWorld::create(&why, 3);
    if (!world) {
        std::printf("bench_certificates skipped: %s\n", qPrintable(why));
        return 0;
    }
    QByteArray tsig;
    if (const QString e = startAuthoritativeDns(*world, {s("example.com")}, &tsig); !e.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(e));
        return 1;
    }
    PebbleInWorld::Options pebble;
    pebble.delaysAndNonceRejections = false;
    pebble.authorizationReusePercent = 0; // every order is validated
    if (const QString e = PebbleInWorld::start(*world, pebble); !e.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(e));
        return 1;
    }
    if (const QString e = setUp(*world, tsig); !e.isEmpty())
        return 1;

    // 1. One hostname by HTTP-01, answered on edge1 and edge2.
    QList<double> wall, total, ca, challenge, deploy;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer clock;
        clock.start();
        const auto issued = kokoactl(
            *world, {s("--json"), s("cert"), s("issue"), s("www.example.com")}, {}, kLongMs);
        if (!must(issued, "cert issue"))
            return 1;
        wall.append(double(clock.nsecsElapsed()) / 1e9);
        const QJsonObject t =
            QJsonDocument::fromJson(issued.out).object().value(s("timings")).toObject();
        total.append(t.value(s("total_ms")).toDouble() / 1000);
        ca.append(t.value(s("ca_ms")).toDouble() / 1000);
        challenge.append(t.value(s("challenge_ms")).toDouble() / 1000);
        deploy.append(t.value(s("deploy_ms")).toDouble() / 1000);
    }

    std::printf("bench_certificates (%d rounds, simulated network, Pebble with validation delays "
                "and nonce rejections off)\n",
                rounds);
    std::printf("  issuance of one hostname by HTTP-01 on 2 edges (kokoactl cert issue): median "
                "%.2f s wall, %.2f s inside\n",
                median(wall), median(total));
    std::printf("    split (medians): CA %.2f s, challenge placement and removal %.2f s, deploy "
                "to both edges %.2f s\n",
                median(ca), median(challenge), median(deploy));
    std::fflush(stdout);

    // 2. 100 certificates to a new edge, then all 100 replaced (-1 s: the
    // deploy failed, its error is above).
    if (!placeCertificates(*world))
        return 1;
    for (int i = 1; i <= kCertificates; ++i) {
        if (!must(kokoactl(*world, {s("route"), s("add"), bulkName(i), s("--origin"), s("home"),
                                    s("--port"), s("8082")}),
                  "route add"))
            return 1;
    }
    if (!must(kokoactl(*world, {s("edge"), s("add"), s("edge3"), s("--ssh"),
                                s("root@") + world->address(s("edge3")), s("--public-ip"),
                                world->address(s("edge3")), s("--accept-host-key"),
                                world->hostKeyFingerprint(s("edge3"))}),
              "edge add edge3"))
        return 1;
    const double first = timedDeploy(*world, s("edge3"), true);
    int limitedFirst = 0;
    const int servedFirst = servedOverHttps(*world, s("edge3"), &limitedFirst);
    std::printf("  %d certificates to a new edge: first deploy (bootstrap and origin included) "
                "%.2f s, %d/%d served over verified HTTPS (%d of them answered 429)\n",
                kCertificates, first, servedFirst, kCertificates, limitedFirst);
    std::fflush(stdout);
    const double unchanged = timedDeploy(*world, s("edge3"));
    if (!placeCertificates(*world))
        return 1;
    const double replaced = timedDeploy(*world, s("edge3"));
    int limitedReplaced = 0;
    const int servedReplaced = servedOverHttps(*world, s("edge3"), &limitedReplaced);
    std::printf("    redeploy with nothing changed %.2f s; after all %d were replaced %.2f s "
                "(target <= 5 s; ratio %.2f), %d/%d served (%d answered 429)\n",
                unchanged, kCertificates, replaced, replaced / 5.0, servedReplaced, kCertificates,
                limitedReplaced);
    return first >= 0 && replaced >= 0 && servedFirst == kCertificates &&
                   servedReplaced == kCertificates
               ? 0
               : 1;
}
