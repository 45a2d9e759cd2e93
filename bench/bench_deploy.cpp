// Deployment timings in the simulated network (needs root, like the e2e
// tests): bootstrap of a fresh edge (packages present) until it serves
// through the tunnel, config-only redeploy of one edge, and of ten edges in
// parallel, against the targets in DESIGN.md.
//
//   bench_deploy [rounds]   (default 3; medians are reported)
#include "NetWorld.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}
constexpr int edgeCount = 10;
const QString dataDir = s("/root/.local/kokoa-bench");

struct Bench
{
    NetWorld &world;

    NetWorld::ExecResult kokoactl(const QStringList &args)
    {
        QStringList full{s("env"), s("KOKOA_ALLOW_NONPUBLIC_ADDRESSES=1"),
                         s(KOKOA_BUILD_DIR "/src/cli/kokoactl"), s("--data-dir"), dataDir};
        return world.exec(s("desk"), full + args, {}, 300000);
    }

    bool must(const NetWorld::ExecResult &r, const char *what)
    {
        if (!r.ok())
            std::fprintf(stderr, "%s failed: %s\n%s\n", what, qPrintable(r.describe()),
                         r.out.constData());
        return r.ok();
    }

    bool serves(const QString &edge, const QString &hostname)
    {
        const auto r =
            world.exec(s("client"), {s("curl"), s("-sf"), s("--noproxy"), s("*"), s("-m"), s("2"),
                                     s("--resolve"), hostname + s(":80:") + world.address(edge),
                                     s("http://") + hostname + s("/")});
        return r.ok() && r.out.contains("from origin");
    }

    // Seconds from now until `edge` serves `hostname`, polling; -1 on timeout.
    double untilServing(const QElapsedTimer &clock, const QString &edge, const QString &hostname)
    {
        QDeadlineTimer deadline(60000);
        while (!deadline.hasExpired()) {
            if (serves(edge, hostname))
                return double(clock.nsecsElapsed()) / 1e9;
            QThread::msleep(50);
        }
        return -1;
    }
};

// CPU seconds the whole machine spent busy so far (all simulated hosts, the
// control plane, everything): /proc/stat's first line.
double machineBusySeconds()
{
    QFile stat(s("/proc/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> f = stat.readLine().simplified().split(' ');
    double ticks = 0;
    for (int i : {1, 2, 3, 6, 7, 8}) // user nice system irq softirq steal
        ticks += f.value(i).toDouble();
    return ticks / double(sysconf(_SC_CLK_TCK));
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? -1 : v[v.size() / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, atoi(argv[1])) : 3;
    QString why;
    auto world = NetWorld::create(&why, edgeCount);
    if (!world) {
        std::printf("bench_deploy skipped: %s\n", qPrintable(why));
        return 0;
    }
    Bench b{*world};
    const auto init = b.kokoactl({s("init"), s("--json")});
    if (!b.must(init, "init"))
        return 1;
    const QByteArray key =
        QJsonDocument::fromJson(init.out).object().value(s("ssh_public_key")).toString().toLatin1();
    QStringList edges = world->edges();
    for (const QString &host : QStringList{s("origin")} + edges)
        world->authorizeKey(host, key);
    if (!b.must(b.kokoactl({s("zone"), s("add"), s("example.com"), s("--provider"), s("manual")}),
                "zone") ||
        !b.must(b.kokoactl({s("origin"), s("add"), s("home"), s("--ssh"),
                            s("root@") + world->address(s("origin")), s("--accept-host-key"),
                            world->hostKeyFingerprint(s("origin"))}),
                "origin") ||
        !b.must(b.kokoactl({s("route"), s("add"), s("app.example.com"), s("--origin"), s("home"),
                            s("--port"), s("8081")}),
                "route"))
        return 1;

    // 1. Bootstrap: add each edge, deploy it and the origin, until it serves.
    QList<double> bootstrap;
    for (const QString &edge : edges) {
        if (!b.must(b.kokoactl({s("edge"), s("add"), edge, s("--ssh"),
                                s("root@") + world->address(edge), s("--public-ip"),
                                world->address(edge), s("--accept-host-key"),
                                world->hostKeyFingerprint(edge)}),
                    "edge add"))
            return 1;
        QElapsedTimer clock;
        clock.start();
        if (!b.must(b.kokoactl({s("deploy"), s("--edge"), edge, s("--origin"), s("home")}),
                    "bootstrap deploy"))
            return 1;
        const double seconds = b.untilServing(clock, edge, s("app.example.com"));
        if (bootstrap.size() < rounds)
            bootstrap.append(seconds);
    }

    // 2. Config-only redeploy of one edge; 3. of all ten in parallel.
    QList<double> one;
    QList<double> ten;
    QList<double> tenCpu;
    for (int r = 0; r < rounds; ++r) {
        const QString host = s("r%1.example.com").arg(r);
        b.kokoactl({s("route"), s("add"), host, s("--origin"), s("home"), s("--port"), s("8082")});
        QElapsedTimer clock;
        clock.start();
        if (!b.must(b.kokoactl({s("deploy"), s("--edge"), edges.first()}), "redeploy one"))
            return 1;
        one.append(double(clock.nsecsElapsed()) / 1e9);
        QStringList all{s("deploy")};
        for (const QString &e : edges.mid(1))
            all += {s("--edge"), e};
        b.kokoactl({s("route"), s("add"), s("p") + host, s("--origin"), s("home"), s("--port"),
                    s("8082")});
        all.append(s("--edge"));
        all.append(edges.first());
        clock.restart();
        const double busyBefore = machineBusySeconds();
        if (!b.must(b.kokoactl(all), "redeploy ten"))
            return 1;
        ten.append(double(clock.nsecsElapsed()) / 1e9);
        tenCpu.append(machineBusySeconds() - busyBefore);
    }
    const double oneMedian = median(one);
    const double tenMedian = median(ten);
    std::printf("bench_deploy (%d rounds, simulated network, %d edges, wireguard-go, no systemd)\n",
                rounds, edgeCount);
    std::printf("  bootstrap of a fresh edge to serving through the tunnel: median %.2f s (target "
                "<= 15 s; ratio %.2f)\n",
                median(bootstrap), median(bootstrap) / 15.0);
    std::printf("  config-only redeploy, one edge: median %.2f s (target <= 2 s; ratio %.2f)\n",
                oneMedian, oneMedian / 2.0);
    std::printf("  config-only redeploy, %d edges in parallel: median %.2f s = %.2f x one edge "
                "(target <= 2x)\n",
                edgeCount, tenMedian, tenMedian / oneMedian);
    // All simulated hosts share this machine's cores: the parallel run cannot
    // be faster than the CPU it needs divided by the cores.
    const double cores = double(sysconf(_SC_NPROCESSORS_ONLN));
    std::printf("    machine CPU used by that run: median %.2f s on %.0f cores -> floor %.2f s; "
                "wall / floor = %.2f (1.0 = no serialisation beyond CPU)\n",
                median(tenCpu), cores, median(tenCpu) / cores,
                tenMedian / (median(tenCpu) / cores));
    return 0;
}
