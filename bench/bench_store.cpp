// Store open + load of a configuration with 1,000 routes, against the target
// of 50 ms (the GUI and every kokoactl call pay this once).
//
//   bench_store [iterations]   (default 50)
#include "store/Store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace kokoa;

namespace {

constexpr double targetMs = 50.0;
constexpr int routeCount = 1000;

bool populate(const QString &path)
{
    auto store = Store::open(path);
    if (!store)
        return false;
    Topology t;
    for (const char *name : {"example.com", "example.net", "example.org"}) {
        Zone z;
        z.name = QString::fromLatin1(name);
        t.zones.append(z);
    }
    for (int i = 0; i < 10; ++i) {
        Origin o;
        o.name = QStringLiteral("origin-%1").arg(i);
        o.ssh.host = QStringLiteral("192.168.1.%1").arg(i + 10);
        t.origins.append(o);
        Edge e;
        e.name = QStringLiteral("edge-%1").arg(i);
        e.publicIpv4 = QStringLiteral("8.8.8.%1").arg(i + 1);
        e.ssh.host = e.publicIpv4;
        t.edges.append(e);
    }
    for (int i = 0; i < routeCount; ++i) {
        Route r;
        r.hostname = QStringLiteral("service-%1.%2").arg(i).arg(t.zones[i % 3].name);
        r.originName = t.origins[i % 10].name;
        r.port = quint16(8000 + i);
        t.routes.append(r);
    }
    const Status s = (*store)->replaceAll(t, Settings());
    if (!s)
        std::fprintf(stderr, "%s\n", qPrintable(s.error().message()));
    return s.ok();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int iterations = argc > 1 ? std::max(1, atoi(argv[1])) : 50;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bench.sqlite"));
    if (!populate(path))
        return 1;

    QList<double> samples;
    for (int i = 0; i < iterations; ++i) {
        QElapsedTimer timer;
        timer.start();
        auto store = Store::open(path);
        if (!store)
            return 1;
        const Result<Topology> t = (*store)->topology();
        const Result<Settings> s = (*store)->settings();
        if (!t || !s || t->routes.size() != routeCount)
            return 1;
        samples.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(samples.begin(), samples.end());
    const double median = samples[samples.size() / 2];
    const double p95 =
        samples[std::min(samples.size() - 1, qsizetype(0.95 * double(samples.size())))];
    std::printf("store open + load of %d routes, %d runs: median %.2f ms, p95 %.2f ms "
                "(target <= %.0f ms; median/target = %.3f)\n",
                routeCount, iterations, median, p95, targetMs, median / targetMs);
    return 0;
}
