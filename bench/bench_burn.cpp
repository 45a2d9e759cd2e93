// `edge burn` in the simulated network (needs root, like the e2e tests),
// with tests/e2e/world/spare-host as the `command` provider handing out
// the world's spare hosts (see tst_edge_burn_e2e.cpp). Two edges serve two
// hostnames in the world's BIND (RFC 2136); each round burns one of them
// and measures, from the client's and the provider's view:
//   out of DNS   `edge burn` started -> the burned edge's address is in no
//                answer for either hostname (target <= 2 s)
//   provider     the provider was asked for a server -> it reports it
//                running (spare-host: keys installed, sshd up, link up);
//                excluded from the next figure
//   replacement  the provider's "running" -> the replacement serves both
//                hostnames through its tunnel and DNS answers with it for
//                both (target <= 30 s)
//   command      `edge burn` started -> the command exited
// Polling resolution: one dig or fetch in a world host costs ~10-30 ms.
//
//   bench_burn [rounds]   (default 3; medians are reported)
#include "KokoaInWorld.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>

using namespace KokoaInWorld;

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? -1 : v[v.size() / 2];
}

bool must(const NetWorld::ExecResult &r, const QString &what)
{
    if (!r.ok())
        std::fprintf(stderr, "%s failed: %s\n%s\n", qPrintable(what), qPrintable(r.describe()),
                     r.out.constData());
    return r.ok();
}

QString serverState(const QString &dir, const QString &host)
{
    QFile f(dir + s("/servers.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll()).array()) {
        if (v.toObject().value(s("host")).toString() == host)
            return v.toObject().value(s("state")).toString();
    }
    return {};
}

QString setUp(const NetWorld &world, const QString &spareDir)
{
    QByteArray b64;
    QString error = startAuthoritativeDns(world, {s("example.com"), s("example.net")}, &b64);
    if (!error.isEmpty())
        return error;
    const auto init = kokoactl(world, {s("init"), s("--json")});
    if (!init.ok())
        return s("init: ") + init.describe();
    const QByteArray key =
        QJsonDocument::fromJson(init.out).object().value(s("ssh_public_key")).toString().toLatin1();
    if (!world.authorizeKey(s("origin"), key) ||
        !writePrivateHostFile(world, s("desk"), s("/tmp/tsig.key"), b64 + '\n'))
        return s("cannot place keys");
    QList<QStringList> commands;
    for (const char *zone : {"example.com", "example.net"})
        commands.append({s("zone"), s("add"), QString::fromLatin1(zone), s("--provider"),
                         s("rfc2136"), s("--server"), dnsAddress(), s("--tsig-name"),
                         s("kokoa-key"), s("--tsig-secret-file"), s("/tmp/tsig.key")});
    commands.append(QList<QStringList>{
        {s("origin"), s("add"), s("home"), s("--ssh"), s("root@") + world.address(s("origin")),
         s("--accept-host-key"), world.hostKeyFingerprint(s("origin"))},
        {s("route"), s("add"), s("a.example.com"), s("--origin"), s("home"), s("--port"),
         s("8081")},
        {s("route"), s("add"), s("b.example.net"), s("--origin"), s("home"), s("--port"),
         s("8082")},
        {s("provider"), s("add"), s("spares"), s("--kind"), s("command"), s("--create-command"),
         spareDir + s("/create-command"), s("--destroy-command"), spareDir + s("/destroy-command")},
        {s("edge"), s("create"), s("e1"), s("--provider"), s("spares")},
        {s("edge"), s("create"), s("e2"), s("--provider"), s("spares")},
        {s("dns"), s("sync")},
    });
    for (const QStringList &command : commands) {
        if (!must(kokoactl(world, command), command.join(u' ')))
            return command.join(u' ') + s(" failed");
    }
    return {};
}

struct Round
{
    double outOfDns = -1;
    double provider = -1;
    double replacement = -1;
    double command = -1;
};

// Burns `edge` (on world host `burned`); the replacement comes up on `next`.
Round burnOnce(const NetWorld &world, const QString &spareDir, const QString &edge,
               const QString &burned, const QString &next, const QString &other)
{
    Round r;
    const QString burnedIp = world.address(burned);
    const QSet<QString> wanted{world.address(next), world.address(other)};
    const QString pidFile = s("/tmp/bench-burn.pid");
    QFile::remove(world.hostPath(s("desk"), pidFile));
    QElapsedTimer clock;
    clock.start();
    const auto started = world.exec(
        s("desk"),
        {s("setsid"), s("-f"), s("sh"), s("-c"),
         s("echo $$ > %1.run; env KOKOA_ALLOW_NONPUBLIC_ADDRESSES=1 \"$@\" > /tmp/bench-burn.log "
           "2>&1; echo $? > %1")
             .arg(pidFile),
         s("burn"), binary("kokoactl"), s("--data-dir"), dataDir(), s("edge"), s("burn"), edge});
    if (!must(started, s("edge burn")))
        return r;
    double asked = -1;
    double running = -1;
    QDeadlineTimer deadline(180000);
    while (!deadline.hasExpired()) {
        const double now = double(clock.nsecsElapsed()) / 1e9;
        if (r.command < 0 && QFile::exists(world.hostPath(s("desk"), pidFile)))
            r.command = now;
        const QString state = serverState(spareDir, next);
        if (asked < 0 && (state == s("creating") || state == s("running")))
            asked = now;
        if (running < 0 && state == s("running"))
            running = now;
        if (r.outOfDns < 0 && !digA(world, s("a.example.com")).contains(burnedIp) &&
            !digA(world, s("b.example.net")).contains(burnedIp))
            r.outOfDns = double(clock.nsecsElapsed()) / 1e9;
        if (running >= 0 && r.replacement < 0 && digA(world, s("a.example.com")) == wanted &&
            digA(world, s("b.example.net")) == wanted &&
            fetch(world, next, s("a.example.com")).out.contains("service-a") &&
            fetch(world, next, s("b.example.net")).out.contains("service-b"))
            r.replacement = double(clock.nsecsElapsed()) / 1e9 - running;
        if (r.outOfDns >= 0 && r.replacement >= 0 && r.command >= 0)
            break;
        QThread::msleep(5);
    }
    if (asked >= 0 && running >= 0)
        r.provider = running - asked;
    QFile log(world.hostPath(s("desk"), s("/tmp/bench-burn.log")));
    const QByteArray output = log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
    if (!output.contains("burned, replaced by")) {
        std::fprintf(stderr, "the burn did not finish:\n%s\n", output.constData());
        r.command = -1;
    }
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, QString::fromLatin1(argv[1]).toInt()) : 3;
    QStringList spares;
    for (int i = 1; i <= 2 + rounds; ++i)
        spares.append(s("edge") + QString::number(i));

    QString why;
    auto world = NetWorld::create(&why, int(spares.size()));
    if (!world) {
        std::fprintf(stderr, "no world: %s\n", qPrintable(why));
        return 2;
    }
    QTemporaryDir spareDir(QCoreApplication::applicationDirPath() + s("/spare-hosts-XXXXXX"));
    QProcess serve;
    serve.setProgram(s(KOKOA_E2E_SPARE_HOST_SCRIPT));
    serve.setArguments(
        QStringList{s("serve"), spareDir.path(), world->value(s("KOKOA_WORLD_STATE"))} + spares);
    serve.setProcessChannelMode(QProcess::ForwardedChannels);
    serve.start();
    serve.waitForStarted();
    QDeadlineTimer ready(30000);
    while (!QFile::exists(spareDir.filePath(s("ready"))) && !ready.hasExpired() &&
           serve.state() == QProcess::Running)
        serve.waitForFinished(50);
    int status = 0;
    if (const QString error = QFile::exists(spareDir.filePath(s("ready")))
                                  ? setUp(*world, spareDir.path())
                                  : s("spare-host serve did not start");
        !error.isEmpty()) {
        std::fprintf(stderr, "set-up: %s\n", qPrintable(error));
        status = 1;
    }

    QList<double> out, provider, replacement, command;
    QString onHost[2] = {s("edge1"), s("edge2")}; // where e1 and e2 are
    for (int i = 0; status == 0 && i < rounds; ++i) {
        const int which = i % 2;
        const QString edge = which == 0 ? s("e1") : s("e2");
        const QString next = spares.at(2 + i);
        const Round r =
            burnOnce(*world, spareDir.path(), edge, onHost[which], next, onHost[1 - which]);
        std::printf("round %d: burn %s: out of DNS %.2f s, provider %.2f s, replacement %.2f s, "
                    "command %.2f s\n",
                    i + 1, qPrintable(edge), r.outOfDns, r.provider, r.replacement, r.command);
        if (r.outOfDns < 0 || r.provider < 0 || r.replacement < 0 || r.command < 0) {
            status = 1;
            break;
        }
        onHost[which] = next;
        out.append(r.outOfDns);
        provider.append(r.provider);
        replacement.append(r.replacement);
        command.append(r.command);
    }
    if (status == 0) {
        std::printf("median of %d: out of DNS %.2f s (target <= 2 s), provider %.2f s, "
                    "replacement %.2f s (target <= 30 s), command %.2f s\n",
                    rounds, median(out), median(provider), median(replacement), median(command));
    }
    QFile stop(spareDir.filePath(s("stop")));
    if (stop.open(QIODevice::WriteOnly))
        stop.close();
    if (!serve.waitForFinished(5000)) {
        serve.kill();
        serve.waitForFinished(5000);
    }
    world->down();
    return status;
}
