#include "app/ReplacementProbe.h"

#include "health/ProbeEngine.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHash>
#include <QSet>
#include <QTimer>

namespace kokoa::app {
namespace {

constexpr int probeTimeoutMs = 2'000;
constexpr int retryMs = 500;

} // namespace

Status ReplacementProbe::serves(const Edge &edge, const QList<Route> &routes, int timeoutMs,
                                quint16 port)
{
    const QHostAddress address(edge.publicIpv4.isEmpty() ? edge.publicIpv6 : edge.publicIpv4);
    if (address.isNull())
        return Error(Error::Kind::InvalidInput,
                     tr("edge %1 has no public address to probe").arg(edge.name));
    ProbeEngine engine;
    QHash<int, QString> hostnameOf;
    for (const Route &r : routes) {
        HttpTarget t;
        t.address = address;
        t.port = port;
        t.tls = false;
        t.hostname = r.hostname;
        t.path = r.healthPath;
        hostnameOf.insert(engine.addHttp(t), r.hostname);
    }
    QHash<int, ProbeResult> last;
    QSet<int> serving;
    QEventLoop loop;
    QObject::connect(&engine, &Prober::finished, &loop, [&](int id, const ProbeResult &result) {
        last.insert(id, result);
        if (result.isServing())
            serving.insert(id);
        else
            QTimer::singleShot(retryMs, &loop, [&engine, id] { engine.probe(id, probeTimeoutMs); });
        if (serving.size() == hostnameOf.size())
            loop.quit();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    if (hostnameOf.isEmpty())
        return {};
    for (auto it = hostnameOf.constBegin(); it != hostnameOf.constEnd(); ++it)
        engine.probe(it.key(), probeTimeoutMs);
    deadline.start(timeoutMs);
    loop.exec();
    for (auto it = hostnameOf.constBegin(); it != hostnameOf.constEnd(); ++it) {
        if (!serving.contains(it.key()))
            return Error(Error::Kind::Timeout, tr("edge %1 does not serve %2 yet: %3")
                                                   .arg(edge.name, it.value(),
                                                        last.value(it.key()).detail.isEmpty()
                                                            ? tr("no answer")
                                                            : last.value(it.key()).detail));
    }
    return {};
}

} // namespace kokoa::app
