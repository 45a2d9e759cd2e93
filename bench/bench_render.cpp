// Renders every file of one edge that serves 1,000 certified host names, N
// times, and prints the median and p95 time per render against the target.
//
//   bench_render [iterations]   (default 200)
#include "render/HostRenderer.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace kokoa;
using namespace Qt::StringLiterals;

namespace {

constexpr double targetMs = 50.0;
constexpr int hostnameCount = 1000;

Topology benchTopology()
{
    Topology t;
    const QString key = u"GQgISIL9Ve7bMPlazBJ+Jz3RUm2ubcNJT0lTFJhnGEY="_s;
    for (int i = 0; i < 4; ++i) {
        Origin o;
        o.name = u"origin-%1"_s.arg(i);
        o.tunnelAddress = u"10.100.0.%1"_s.arg(10 + i);
        o.wgPublicKey = key;
        t.origins.append(o);
    }
    Edge edge;
    edge.name = u"bench-1"_s;
    edge.publicIpv4 = u"198.51.100.1"_s;
    edge.publicIpv6 = u"2001:db8::1"_s;
    edge.tunnelAddress = u"10.100.1.1"_s;
    edge.wgPublicKey = key;
    t.edges.append(edge);
    const QStringList zones{u"example.com"_s, u"example.net"_s, u"example.org"_s};
    for (int i = 0; i < hostnameCount; ++i) {
        Route r;
        r.hostname = u"service-%1.%2"_s.arg(i).arg(zones[i % zones.size()]);
        r.zoneName = zones[i % zones.size()];
        r.originName = t.origins[i % t.origins.size()].name;
        r.port = quint16(8000 + i);
        r.websocket = i % 7 == 0;
        t.routes.append(r);
    }
    return t;
}

double percentile(const QList<double> &sorted, double p)
{
    const qsizetype index = std::min(sorted.size() - 1, qsizetype(p * double(sorted.size())));
    return sorted[index];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int iterations = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 200;
    const Topology topology = benchTopology();
    QSet<QString> certified;
    for (const Route &r : topology.routes)
        certified.insert(r.hostname);
    const Settings settings;

    qsizetype bytes = 0;
    QList<double> times;
    times.reserve(iterations);
    for (int i = 0; i < iterations + 3; ++i) { // three warm-up rounds
        QElapsedTimer timer;
        timer.start();
        const Result<RenderedHost> host =
            HostRenderer::renderEdge(topology.edges.constFirst(), topology, settings, certified);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (!host) {
            std::fprintf(stderr, "render failed: %s\n", qPrintable(host.error().message()));
            return 1;
        }
        bytes = host->files.constFirst().content.size();
        if (i >= 3)
            times.append(ms);
    }
    std::sort(times.begin(), times.end());
    const double median = percentile(times, 0.5);
    const double p95 = percentile(times, 0.95);
    std::printf("bench_render: edge with %d certified host names, nginx.conf %lld bytes, "
                "%d renders\n",
                hostnameCount, static_cast<long long>(bytes), iterations);
    std::printf("  median %.2f ms  p95 %.2f ms  target <= %.0f ms  p95/target %.3f  %s\n", median,
                p95, targetMs, p95 / targetMs, p95 <= targetMs ? "OK" : "OVER TARGET");
    return 0;
}
