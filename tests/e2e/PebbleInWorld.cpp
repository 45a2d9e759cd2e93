#include "PebbleInWorld.h"

#include "KokoaInWorld.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

namespace PebbleInWorld {
namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

constexpr int kAcmePort = 14000;
constexpr int kManagementPort = 15000;
const QString pebbleDir = s("/tmp/pebble");

QString makeTlsFiles(const NetWorld &world)
{
    const QString script = s(R"(set -e
mkdir -p %1 && cd %1
ec="-newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes"
openssl req -x509 $ec -keyout tls-ca.key -out tls-ca.pem -days 2 -subj "/CN=Pebble TLS CA" 2>/dev/null
openssl req $ec -keyout tls.key -out tls.csr -subj "/CN=%2" 2>/dev/null
printf 'subjectAltName=IP:%2\nbasicConstraints=CA:FALSE\n' > server.ext
openssl x509 -req -in tls.csr -CA tls-ca.pem -CAkey tls-ca.key -set_serial 2 -days 2 \
  -extfile server.ext -out tls.pem 2>/dev/null
)")
                               .arg(pebbleDir, KokoaInWorld::dnsAddress());
    const auto made = world.exec(s("dns"), {s("sh"), s("-c"), script});
    return made.ok() ? QString() : s("Pebble's TLS files: ") + made.describe();
}

bool writeConfig(const NetWorld &world)
{
    const QString address = KokoaInWorld::dnsAddress();
    const QJsonObject config{
        {s("pebble"),
         QJsonObject{{s("listenAddress"), s("%1:%2").arg(address).arg(kAcmePort)},
                     {s("managementListenAddress"), s("%1:%2").arg(address).arg(kManagementPort)},
                     {s("certificate"), s("tls.pem")},
                     {s("privateKey"), s("tls.key")},
                     {s("httpPort"), 80},
                     {s("tlsPort"), 443},
                     {s("ocspResponderURL"), s("")},
                     {s("externalAccountBindingRequired"), false}}}};
    QFile file(world.hostPath(s("dns"), pebbleDir + s("/pebble-config.json")));
    return file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(config).toJson()) > 0;
}

bool copyTlsCa(const NetWorld &world)
{
    QFile source(world.hostPath(s("dns"), pebbleDir + s("/tls-ca.pem")));
    if (!source.open(QIODevice::ReadOnly))
        return false;
    const QByteArray content = source.readAll();
    for (const char *host : {"desk", "client"}) {
        QFile target(world.hostPath(s(host), tlsCaPath()));
        if (!target.open(QIODevice::WriteOnly) || target.write(content) != content.size())
            return false;
    }
    return true;
}

} // namespace

QString directoryUrl()
{
    return s("https://%1:%2/dir").arg(KokoaInWorld::dnsAddress()).arg(kAcmePort);
}

QString tlsCaPath()
{
    return s("/tmp/pebble-tls-ca.pem");
}

QString start(const NetWorld &world, const Options &options)
{
    if (const QString error = makeTlsFiles(world); !error.isEmpty())
        return error;
    if (!writeConfig(world))
        return s("cannot write Pebble's configuration");
    if (!copyTlsCa(world))
        return s("cannot copy Pebble's TLS CA to desk and client");
    QStringList environment;
    if (!options.delaysAndNonceRejections)
        environment << s("PEBBLE_VA_NOSLEEP=1") << s("PEBBLE_WFE_NONCEREJECT=0");
    if (options.authorizationReusePercent >= 0)
        environment << s("PEBBLE_AUTHZREUSE=%1").arg(options.authorizationReusePercent);
    const auto started = world.exec(
        s("dns"), {s("setsid"), s("-f"), s("sh"), s("-c"),
                   s("cd %1 && exec env %2 /usr/bin/pebble -config pebble-config.json "
                     "-dnsserver %3:53 > pebble.log 2>&1")
                       .arg(pebbleDir, environment.join(u' '), KokoaInWorld::dnsAddress())});
    if (!started.ok())
        return s("pebble: ") + started.describe();
    const QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        const auto dir =
            world.exec(s("desk"), {s("curl"), s("-sS"), s("--noproxy"), s("*"), s("-m"), s("2"),
                                   s("--cacert"), tlsCaPath(), directoryUrl()});
        if (dir.ok() && dir.out.contains("newOrder"))
            return {};
        QThread::msleep(200);
    }
    return s("Pebble did not answer within 20 s: ") + QString::fromUtf8(logTail(world));
}

QString fetchRoot(const NetWorld &world, const QString &host, const QString &path)
{
    const auto root = world.exec(
        host, {s("curl"), s("-sS"), s("--noproxy"), s("*"), s("-m"), s("5"), s("--cacert"),
               tlsCaPath(), s("-o"), path,
               s("https://%1:%2/roots/0").arg(KokoaInWorld::dnsAddress()).arg(kManagementPort)});
    return root.ok() ? QString() : s("Pebble's root: ") + root.describe();
}

QByteArray logTail(const NetWorld &world)
{
    QFile log(world.hostPath(s("dns"), pebbleDir + s("/pebble.log")));
    return log.open(QIODevice::ReadOnly) ? log.readAll().right(20000) : QByteArray();
}

} // namespace PebbleInWorld
