#include "KokoaInWorld.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QThread>

namespace KokoaInWorld {
namespace {
QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}
} // namespace

QString dataDir()
{
    return s("/root/.local/kokoa-e2e");
}

QString binary(const char *name)
{
    const QString n = QString::fromLatin1(name);
    if (n == QLatin1String("kokoa-watchdog"))
        return s(KOKOA_BUILD_DIR "/src/watchdog/kokoa-watchdog");
    return s(KOKOA_BUILD_DIR "/src/cli/") + n;
}

NetWorld::ExecResult kokoactl(const NetWorld &world, const QStringList &args,
                              const QByteArray &stdinData, int timeoutMs)
{
    QStringList full{s("env"), s("KOKOA_ALLOW_NONPUBLIC_ADDRESSES=1"), binary("kokoactl"),
                     s("--data-dir"), dataDir()};
    return world.exec(s("desk"), full + args, stdinData, timeoutMs);
}

NetWorld::ExecResult fetch(const NetWorld &world, const QString &edge, const QString &hostname,
                           const QString &path)
{
    return world.exec(s("client"),
                      {s("curl"), s("-sS"), s("--noproxy"), s("*"), s("-m"), s("5"), s("--resolve"),
                       hostname + s(":80:") + world.address(edge), s("http://") + hostname + path});
}

QString initAndAddHosts(const NetWorld &world)
{
    const auto init = kokoactl(world, {s("init"), s("--json")});
    if (!init.ok())
        return s("init: ") + init.describe();
    const QByteArray publicKey =
        QJsonDocument::fromJson(init.out).object().value(s("ssh_public_key")).toString().toLatin1();
    const QStringList hosts = QStringList{s("origin")} + world.edges();
    for (const QString &host : hosts) {
        if (!world.authorizeKey(host, publicKey))
            return s("cannot authorise Kokoa's key on ") + host;
    }
    auto origin = kokoactl(world, {s("origin"), s("add"), s("home"), s("--ssh"),
                                   s("root@") + world.address(s("origin")), s("--accept-host-key"),
                                   world.hostKeyFingerprint(s("origin"))});
    if (!origin.ok())
        return s("origin add: ") + origin.describe();
    for (const QString &edge : world.edges()) {
        auto r = kokoactl(world,
                          {s("edge"), s("add"), edge, s("--ssh"), s("root@") + world.address(edge),
                           s("--public-ip"), world.address(edge), s("--accept-host-key"),
                           world.hostKeyFingerprint(edge)});
        if (!r.ok())
            return s("edge add ") + edge + s(": ") + r.describe();
    }
    return {};
}

NetWorld::ExecResult waitUntilServed(const NetWorld &world, const QString &edge,
                                     const QString &hostname, const QByteArray &expected,
                                     int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    NetWorld::ExecResult last;
    while (!deadline.hasExpired()) {
        last = fetch(world, edge, hostname);
        if (last.ok() && last.out.contains(expected))
            return last;
        QThread::msleep(200);
    }
    return last;
}

QString startInDesk(const NetWorld &world, const char *program, const QStringList &args,
                    const QString &logFile)
{
    const auto r = world.exec(
        s("desk"), QStringList{s("setsid"), s("-f"), s("sh"), s("-c"),
                               s("log=$1; shift; exec env KOKOA_ALLOW_NONPUBLIC_ADDRESSES=1 "
                                 "\"$@\" > \"$log\" 2>&1"),
                               s("run"), logFile, binary(program), s("--data-dir"), dataDir()} +
                       args);
    return r.ok() ? QString() : r.describe();
}

QString leaseHolder(const NetWorld &world)
{
    return QJsonDocument::fromJson(kokoactl(world, {s("status"), s("--json")}).out)
        .object()
        .value(s("dns_lease_holder"))
        .toString();
}

QString waitForLeaseHolder(const NetWorld &world, const QString &prefix, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    QString holder = leaseHolder(world);
    while (!holder.startsWith(prefix) && !deadline.hasExpired()) {
        QThread::msleep(200);
        holder = leaseHolder(world);
    }
    return holder;
}

QString dnsAddress()
{
    return s("203.0.113.53");
}

QString startCloudflareEmulator(const NetWorld &world, const QString &binary, int port,
                                const QByteArray &token, const QByteArray &tsig,
                                const QStringList &extraArgs, const QString &log)
{
    if (!world.exec(s("dns"), {s("mkdir"), s("-p"), s("/tmp/cf")}).ok() ||
        !writePrivateHostFile(world, s("dns"), s("/tmp/cf/token"), token + '\n') ||
        !writePrivateHostFile(world, s("dns"), s("/tmp/cf/tsig.key"), tsig + '\n'))
        return s("cannot prepare /tmp/cf on the dns host");
    const QStringList args = QStringList{s("setsid"),
                                         s("-f"),
                                         s("sh"),
                                         s("-c"),
                                         s("exec \"$@\" > ") + log + s(" 2>&1"),
                                         s("run"),
                                         binary,
                                         s("--listen"),
                                         dnsAddress(),
                                         s("--port"),
                                         QString::number(port),
                                         s("--token-file"),
                                         s("/tmp/cf/token"),
                                         s("--zone"),
                                         s("example.com"),
                                         s("--mirror-server"),
                                         dnsAddress(),
                                         s("--tsig-name"),
                                         s("kokoa-key"),
                                         s("--tsig-secret-file"),
                                         s("/tmp/cf/tsig.key")} +
                             extraArgs;
    const auto started = world.exec(s("dns"), args);
    return started.ok() ? QString() : s("emulator: ") + started.describe();
}

QSet<QString> digA(const NetWorld &world, const QString &hostname)
{
    const auto r = world.exec(s("client"), {s("dig"), s("+short"), s("+time=1"), s("+tries=1"),
                                            s("@") + dnsAddress(), hostname, s("A")});
    QSet<QString> out;
    for (const QByteArray &line : r.out.split('\n')) {
        if (!line.trimmed().isEmpty())
            out.insert(QString::fromLatin1(line.trimmed()));
    }
    return out;
}

QString startAuthoritativeDns(const NetWorld &world, const QStringList &zones, QByteArray *secret)
{
    QByteArray raw(32, Qt::Uninitialized);
    for (char &c : raw)
        c = char(QRandomGenerator::global()->bounded(256));
    *secret = raw.toBase64();
    auto write = [&](const QString &path, const QByteArray &content) {
        QFile f(world.hostPath(s("dns"), path));
        return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
    };
    if (!world.exec(s("dns"), {s("mkdir"), s("-p"), s("/tmp/bind")}).ok())
        return s("cannot create /tmp/bind on the dns host");
    QByteArray conf =
        "key \"kokoa-key\" { algorithm hmac-sha256; secret \"" + *secret +
        "\"; };\n"
        "options { directory \"/tmp/bind\"; pid-file \"/tmp/bind/named.pid\";\n"
        "  session-keyfile \"/tmp/bind/session.key\"; managed-keys-directory \"/tmp/bind\";\n"
        "  listen-on port 53 { " +
        dnsAddress().toLatin1() +
        "; }; listen-on-v6 { none; };\n"
        "  recursion no; allow-query { any; }; dnssec-validation no; };\n";
    for (const QString &zone : zones) {
        const QByteArray z = zone.toLatin1();
        conf += "zone \"" + z + "\" { type primary; file \"/tmp/bind/" + z +
                ".zone\"; allow-update { key \"kokoa-key\"; }; };\n";
        const QByteArray zoneFile = "$TTL 60\n@ IN SOA ns." + z + ". admin." + z +
                                    ". 1 60 60 600 60\n"
                                    "@ IN NS ns." +
                                    z + ".\nns IN A " + dnsAddress().toLatin1() + "\n";
        if (!write(s("/tmp/bind/") + zone + s(".zone"), zoneFile))
            return s("cannot write the zone file of ") + zone;
    }
    if (!write(s("/tmp/bind/named.conf"), conf))
        return s("cannot write named.conf");
    const auto named =
        world.exec(s("dns"), {s("/usr/sbin/named"), s("-c"), s("/tmp/bind/named.conf")});
    if (!named.ok())
        return s("named: ") + named.describe();
    QDeadlineTimer ready(20000);
    const QString probe = s("ns.") + zones.value(0);
    while (!ready.hasExpired()) {
        if (digA(world, probe) == QSet<QString>{dnsAddress()})
            return {};
        QThread::msleep(100);
    }
    return s("BIND did not answer within 20 s");
}

bool writePrivateHostFile(const NetWorld &world, const QString &host, const QString &path,
                          const QByteArray &content)
{
    QFile f(world.hostPath(host, path));
    return f.open(QIODevice::WriteOnly) && f.setPermissions(QFile::ReadOwner | QFile::WriteOwner) &&
           f.write(content) == content.size();
}

} // namespace KokoaInWorld
