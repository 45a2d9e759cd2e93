#include "KokoaInWorld.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

namespace KokoaInWorld {
namespace {
QString s(const char *latin1) { return QString::fromLatin1(latin1); }
} // namespace

QString dataDir() { return s("/root/.local/kokoa-e2e"); }

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
        auto r = kokoactl(world, {s("edge"), s("add"), edge, s("--ssh"), s("root@") + world.address(edge),
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

} // namespace KokoaInWorld
