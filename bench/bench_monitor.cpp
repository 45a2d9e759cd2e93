// CPU cost of the health probe layer at the scale DESIGN.md targets:
// 100 edges × 10 hostnames = 1,000 HttpProbes plus 100 TcpProbes, each
// probed every 2,000 ms, spread evenly over the interval by one timer wheel.
// The edges are probe_responder, a separate process on 100 loopback ports,
// so the CPU measured here (getrusage RUSAGE_SELF) is the monitor's alone.
// Target: ≤ 2 % of one core.
// Usage: bench_monitor [seconds=20] [tick-ms=10] [engine|qt|N]
//   engine (default): one ProbeEngine (epoll + OpenSSL) holds every target;
//   qt: one HttpProbe/TcpProbe (QTcpSocket) per target on the main loop;
//   N > 1: the Qt probes spread over N threads with their own loops.
// The engine path needs bench_monitor to link kokoa_health and to be built
// with KOKOA_BENCH_PROBE_ENGINE; without it the Qt path runs.
#include "health/HttpProbe.h"
#include "health/TcpProbe.h"
#ifdef KOKOA_BENCH_PROBE_ENGINE
#include "health/ProbeEngine.h"
#else
namespace kokoa {
class ProbeEngine; // not built in
}
#endif

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QThread>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>
#include <memory>
#include <vector>

using namespace kokoa;

namespace {

constexpr int edgeCount = 100;
constexpr int hostnamesPerEdge = 10;
constexpr int intervalMs = 2000;
constexpr int timeoutMs = 1500;
constexpr double targetCpuPercent = 2.0;

double cpuSeconds(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Counters
{
    qint64 results = 0;
    qint64 failures = 0;
    qint64 skipped = 0; // previous probe of the same target still running
    qint64 latencySumMs = 0;
    qint64 latencyMaxMs = 0;
    QString firstFailure;
};

// One timer, stepping through a fixed schedule: slot k of n fires at
// k * interval / n within every interval.
class Wheel final : public QObject
{
public:
    struct Entry
    {
        HttpProbe *http = nullptr;
        TcpProbe *tcp = nullptr;
        int engineTarget = -1; // with m_engine
    };

    Wheel(std::vector<Entry> schedule, int tickMs, Counters &counters, bool threaded,
          ProbeEngine *engine)
        : m_schedule(std::move(schedule))
        , m_counters(counters)
        , m_threaded(threaded)
        , m_engine(engine)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(tickMs);
        connect(&m_timer, &QTimer::timeout, this, &Wheel::tick);
    }

    void start()
    {
        m_clock.start();
        m_fired = 0;
        m_timer.start();
        tick();
    }
    void stop() { m_timer.stop(); }
    qint64 fired() const { return m_fired; }

private:
    void tick()
    {
        const qint64 n = qint64(m_schedule.size());
        const qint64 due = m_clock.elapsed() * n / intervalMs + 1; // slots due so far
        for (; m_fired < due; ++m_fired) {
            const Entry &entry = m_schedule[size_t(m_fired % n)];
#ifdef KOKOA_BENCH_PROBE_ENGINE
            if (m_engine) {
                if (m_engine->isRunning(entry.engineTarget))
                    ++m_counters.skipped;
                else
                    m_engine->probe(entry.engineTarget, timeoutMs);
                continue;
            }
#endif
            if (m_threaded) {
                // The probe lives in a probe loop thread; probe() ignores a
                // call while one is running.
                if (entry.http) {
                    QMetaObject::invokeMethod(entry.http, [p = entry.http] { p->probe(timeoutMs); },
                                              Qt::QueuedConnection);
                } else {
                    QMetaObject::invokeMethod(entry.tcp, [p = entry.tcp] { p->probe(timeoutMs); },
                                              Qt::QueuedConnection);
                }
                continue;
            }
            if (entry.http) {
                if (entry.http->isRunning())
                    ++m_counters.skipped;
                else
                    entry.http->probe(timeoutMs);
            } else {
                if (entry.tcp->isRunning())
                    ++m_counters.skipped;
                else
                    entry.tcp->probe(timeoutMs);
            }
        }
    }

    std::vector<Entry> m_schedule;
    Counters &m_counters;
    bool m_threaded;
    [[maybe_unused]] ProbeEngine *m_engine;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_fired = 0;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int seconds = argc > 1 ? QByteArray(argv[1]).toInt() : 20;
    const int tickMs = argc > 2 ? QByteArray(argv[2]).toInt() : 10;
    const QByteArray mode = argc > 3 ? QByteArray(argv[3]) : QByteArray("engine");
    // Probe loops for the Qt path: threads, each with its own event loop and
    // a share of the sockets (Qt's poll() cost grows with the sockets one
    // loop watches).
    const int loops = mode == "qt" || mode == "engine" ? 1 : std::max(1, mode.toInt());
#ifdef KOKOA_BENCH_PROBE_ENGINE
    const bool useEngine = mode == "engine";
#else
    const bool useEngine = false;
    if (mode == "engine")
        std::fprintf(stderr, "bench_monitor: built without ProbeEngine; running the Qt path\n");
#endif
    if (seconds <= 0 || tickMs <= 0) {
        std::fprintf(stderr, "usage: bench_monitor [seconds=20] [tick-ms=10] [engine|qt|N]\n");
        return 2;
    }
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 4096) {
        limit.rlim_cur = qMin<rlim_t>(limit.rlim_max, 4096);
        setrlimit(RLIMIT_NOFILE, &limit);
    }

    // --- the edges, in their own process
    QProcess responder;
    responder.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    responder.start(QCoreApplication::applicationDirPath() + QStringLiteral("/probe_responder"),
                    {QString::number(edgeCount)});
    if (!responder.waitForStarted(5000)) {
        std::fprintf(stderr, "cannot start probe_responder: %s\n",
                     qPrintable(responder.errorString()));
        return 1;
    }
    QByteArray line;
    while (!line.endsWith('\n') && responder.waitForReadyRead(10000))
        line += responder.readAll();
    const QList<QByteArray> words = line.trimmed().split(' ');
    if (words.size() != edgeCount + 1 || words.first() != "PORTS") {
        std::fprintf(stderr, "probe_responder did not report its ports\n");
        responder.kill();
        responder.waitForFinished();
        return 1;
    }

    // --- the probes
    Counters counters;
    std::vector<std::unique_ptr<HttpProbe>> httpProbes;
    std::vector<std::unique_ptr<TcpProbe>> tcpProbes;
    const auto onResult = [&counters](const ProbeResult &result) {
        ++counters.results;
        counters.latencySumMs += result.latencyMs;
        counters.latencyMaxMs = qMax(counters.latencyMaxMs, result.latencyMs);
        if (result.outcome != ProbeResult::Outcome::Serving) {
            if (counters.firstFailure.isEmpty())
                counters.firstFailure = result.detail;
            ++counters.failures;
        }
    };
    const QHostAddress loopback(QHostAddress::LocalHost);
    std::vector<Wheel::Entry> schedule;
#ifdef KOKOA_BENCH_PROBE_ENGINE
    std::unique_ptr<ProbeEngine> engine;
    std::vector<ProbeEngine::TargetId> engineHttpTargets;
    if (useEngine) {
        engine = std::make_unique<ProbeEngine>();
        QObject::connect(engine.get(), &ProbeEngine::finished, &app,
                         [&onResult](int, const ProbeResult &result) { onResult(result); });
    }
#endif
    size_t tcpTargets = 0;
    // Interleaved so that neighbouring slots hit different edges.
    for (int h = 0; h < hostnamesPerEdge; ++h) {
        for (int e = 0; e < edgeCount; ++e) {
            const HttpProbe::Target target{
                loopback, quint16(words.at(e + 1).toUInt()), false,
                QStringLiteral("host%1.edge%2.example.test").arg(h).arg(e),
                QStringLiteral("/healthz")};
#ifdef KOKOA_BENCH_PROBE_ENGINE
            if (engine) {
                engineHttpTargets.push_back(engine->addHttp(target));
                schedule.push_back({nullptr, nullptr, engineHttpTargets.back()});
                continue;
            }
#endif
            auto probe = std::make_unique<HttpProbe>(target);
            QObject::connect(probe.get(), &HttpProbe::finished, &app, onResult);
            schedule.push_back({probe.get(), nullptr});
            httpProbes.push_back(std::move(probe));
        }
        // the TCP probes, one per edge, spread among the HTTP ones
        for (int e = h * edgeCount / hostnamesPerEdge; e < (h + 1) * edgeCount / hostnamesPerEdge; ++e) {
            ++tcpTargets;
            const quint16 port = quint16(words.at(e + 1).toUInt());
#ifdef KOKOA_BENCH_PROBE_ENGINE
            if (engine) {
                schedule.push_back({nullptr, nullptr, engine->addTcp(loopback, port)});
                continue;
            }
#endif
            auto probe = std::make_unique<TcpProbe>(loopback, port);
            QObject::connect(probe.get(), &TcpProbe::finished, &app, onResult);
            schedule.push_back({nullptr, probe.get()});
            tcpProbes.push_back(std::move(probe));
        }
    }
    const size_t httpTargets = schedule.size() - tcpTargets;
    const qint64 perInterval = qint64(schedule.size());

    std::vector<std::unique_ptr<QThread>> threads;
    if (loops > 1) {
        for (int i = 0; i < loops; ++i) {
            threads.push_back(std::make_unique<QThread>());
            threads.back()->start();
        }
        size_t next = 0;
        for (auto &p : httpProbes)
            p->moveToThread(threads[next++ % threads.size()].get());
        for (auto &p : tcpProbes)
            p->moveToThread(threads[next++ % threads.size()].get());
    }

    // --- run: one interval of warm-up (connections are opened), then measure
#ifdef KOKOA_BENCH_PROBE_ENGINE
    Wheel wheel(std::move(schedule), tickMs, counters, loops > 1, engine.get());
#else
    Wheel wheel(std::move(schedule), tickMs, counters, loops > 1, nullptr);
#endif
    double cpuStart = 0;
    QElapsedTimer wall;
    qint64 firedAtStart = 0;
    Counters warmup;
    QTimer::singleShot(intervalMs, &app, [&] {
        warmup = counters;
        counters = {};
        firedAtStart = wheel.fired();
        cpuStart = cpuSeconds(RUSAGE_SELF);
        wall.start();
    });
    QTimer::singleShot(intervalMs + seconds * 1000, &app, [&] {
        wheel.stop();
        app.quit();
    });
    wheel.start();
    app.exec();

    const double cpu = cpuSeconds(RUSAGE_SELF) - cpuStart;
    const double wallSeconds = double(wall.elapsed()) / 1000.0;
    const qint64 fired = wheel.fired() - firedAtStart;
    qint64 connections = 0;
    for (const auto &probe : httpProbes)
        connections += probe->connectionsOpened();
#ifdef KOKOA_BENCH_PROBE_ENGINE
    for (ProbeEngine::TargetId id : engineHttpTargets)
        connections += engine->connectionsOpened(id);
#endif

    // Probes die in their own threads.
    for (auto &p : httpProbes)
        p.release()->deleteLater();
    for (auto &p : tcpProbes)
        p.release()->deleteLater();
    for (auto &t : threads) {
        t->quit();
        t->wait();
    }
    responder.terminate(); // SIGTERM to its pid
    if (!responder.waitForFinished(5000)) {
        responder.kill();
        responder.waitForFinished(5000);
    }
    const double cpuPercent = 100.0 * cpu / wallSeconds;

    std::printf("bench_monitor: %d edges x %d hostnames = %zu HTTP probes + %zu TCP probes, "
                "every %d ms, timeout %d ms, wheel tick %d ms, %s, event dispatcher %s\n",
                edgeCount, hostnamesPerEdge, httpTargets, tcpTargets, intervalMs, timeoutMs, tickMs,
                useEngine ? "ProbeEngine (epoll)"
                          : qPrintable(QStringLiteral("Qt sockets, %1 probe loop(s)").arg(loops)),
                QAbstractEventDispatcher::instance()->metaObject()->className());
    std::printf("warm-up interval: %lld results, %lld failures\n", warmup.results,
                warmup.failures);
    std::printf("measured %.1f s: %lld probes started, %lld results = %.1f probes/s "
                "(schedule: %.1f/s), %lld failures, %lld skipped (still running)\n",
                wallSeconds, fired, counters.results, double(counters.results) / wallSeconds,
                double(perInterval) * 1000.0 / intervalMs, counters.failures, counters.skipped);
    if (!counters.firstFailure.isEmpty())
        std::printf("first failure: %s\n", qPrintable(counters.firstFailure));
    std::printf("latency: mean %.2f ms, max %lld ms; HTTP connections opened in total: %lld\n",
                counters.results ? double(counters.latencySumMs) / double(counters.results) : 0.0,
                counters.latencyMaxMs, connections);
    std::printf("monitor CPU: %.3f s user+sys over %.1f s = %.2f %% of one core "
                "(target <= %.1f %%; ratio %.2f)\n",
                cpu, wallSeconds, cpuPercent, targetCpuPercent, cpuPercent / targetCpuPercent);
    std::printf("per probe: %.1f us CPU\n",
                counters.results ? cpu * 1e6 / double(counters.results) : 0.0);
    std::printf("responder CPU (whole run, incl. warm-up): %.3f s\n", cpuSeconds(RUSAGE_CHILDREN));
    return counters.failures == 0 ? 0 : 1;
}
