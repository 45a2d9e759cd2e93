// The whole Monitor (probes, hysteresis, failover policy, lease, heartbeat,
// event log) for 100 edges × 10 hostnames at the default 2 s interval, the
// edges being local listeners (probe_responder on 127.0.1.1-100 port 80).
// Prints the monitor process's CPU as % of one core against the 2 % target.
//
//   bench_monitor_full [seconds]   (default 20; root: the listeners use port 80)
#include "core/DataDirectory.h"
#include "health/DnsActuator.h"
#include "health/Monitor.h"
#include "store/Store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

using namespace kokoa;

namespace {

constexpr int edgeCount = 100;
constexpr int hostnamesPerEdge = 10;
constexpr double targetPercent = 2.0;

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? std::max(1, atoi(argv[1])) : 20;
    if (::geteuid() != 0) {
        std::printf(
            "bench_monitor_full skipped: the stand-in edges listen on port 80 (needs root)\n");
        return 0;
    }
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    qputenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES", "1");

    QProcess responder;
    responder.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    responder.start(QCoreApplication::applicationDirPath() + QStringLiteral("/probe_responder"),
                    {QString::number(edgeCount), QStringLiteral("--edges-on-port-80")});
    if (!responder.waitForStarted(5000) || !responder.waitForReadyRead(10000)) {
        std::fprintf(stderr, "probe_responder did not start\n");
        return 1;
    }

    QTemporaryDir dir;
    auto store = Store::open(DataDirectory::databasePath(dir.path()));
    if (!store)
        return 1;
    Topology t;
    Zone zone;
    zone.name = QStringLiteral("example.com"); // manual: the monitor only watches
    t.zones.append(zone);
    Origin origin;
    origin.name = QStringLiteral("home");
    origin.ssh.host = QStringLiteral("192.168.1.10");
    t.origins.append(origin);
    for (int e = 0; e < edgeCount; ++e) {
        Edge edge;
        edge.name = QStringLiteral("edge-%1").arg(e + 1);
        edge.publicIpv4 = QStringLiteral("127.0.1.%1").arg(e + 1);
        edge.ssh.host = edge.publicIpv4;
        t.edges.append(edge);
    }
    for (int h = 0; h < hostnamesPerEdge; ++h) {
        Route r;
        r.hostname = QStringLiteral("service-%1.example.com").arg(h);
        r.originName = origin.name;
        r.port = quint16(8000 + h);
        t.routes.append(r);
    }
    if (Status s = (*store)->replaceAll(t, Settings()); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message()));
        return 1;
    }

    Monitor monitor(**store, dir.path(), std::make_unique<ProviderDnsActuator>(dir.path()),
                    Monitor::Options{QStringLiteral("bench"), true});
    if (Status s = monitor.start(); !s) {
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message()));
        return 1;
    }
    int roundsAtStart = 0;
    double cpuAtStart = 0;
    QElapsedTimer wall;
    // One interval of warm-up (connections open, every target becomes up).
    QTimer::singleShot(4000, &app, [&] {
        roundsAtStart = monitor.probeRounds();
        cpuAtStart = cpuSeconds();
        wall.start();
    });
    QTimer::singleShot(4000 + seconds * 1000, &app, [&] { app.quit(); });
    app.exec();
    const double cpu = cpuSeconds() - cpuAtStart;
    const double wallSeconds = double(wall.elapsed()) / 1000.0;
    const int rounds = monitor.probeRounds() - roundsAtStart;
    int up = 0;
    for (auto it = monitor.tracker().targets().begin(); it != monitor.tracker().targets().end();
         ++it)
        up += it->state == HealthTracker::State::Up ? 1 : 0;
    monitor.stop();
    responder.terminate();
    responder.waitForFinished(5000);

    const double percent = 100.0 * cpu / wallSeconds;
    std::printf(
        "bench_monitor_full: %d edges x %d hostnames, interval 2 s: %d full probe rounds in %.1f s "
        "(%.0f probes/s), %d of %lld targets up\n",
        edgeCount, hostnamesPerEdge, rounds, wallSeconds,
        double(rounds) * double(edgeCount * (hostnamesPerEdge + 1)) / wallSeconds, up,
        qint64(monitor.tracker().targets().size()));
    std::printf(
        "  monitor CPU: %.3f s over %.1f s = %.2f %% of one core (target <= %.1f %%; ratio %.2f)\n",
        cpu, wallSeconds, percent, targetPercent, percent / targetPercent);
    return 0;
}
