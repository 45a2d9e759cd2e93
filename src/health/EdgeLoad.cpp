#include "health/EdgeLoad.h"

#include <QStringList>

namespace kokoa {

EdgeLoad EdgeLoad::between(const std::optional<std::pair<StubStatus, qint64>> &previous,
                           const StubStatus &current, qint64 nowMs)
{
    EdgeLoad load;
    load.atMs = nowMs;
    // The reading itself is one open connection and one request.
    load.connections = std::max<qint64>(0, current.active - 1);
    if (!previous)
        return load;
    const qint64 elapsedMs = nowMs - previous->second;
    const qint64 served = current.requests - previous->first.requests - 1;
    if (elapsedMs <= 0 || current.requests < previous->first.requests)
        return load; // restarted nginx, or a clock that did not move
    load.requestsPerSecond = double(std::max<qint64>(0, served)) * 1000.0 / double(elapsedMs);
    return load;
}

QString EdgeLoad::toDetail() const
{
    QStringList parts{QStringLiteral("rps=") + (rateKnown()
                                                    ? QString::number(requestsPerSecond, 'f', 2)
                                                    : QStringLiteral("-")),
                      QStringLiteral("conn=") + QString::number(connections)};
    if (!error.isEmpty())
        parts.append(QStringLiteral("error=") + error);
    return parts.join(QLatin1Char(';'));
}

std::optional<EdgeLoad> EdgeLoad::fromDetail(const QString &detail, qint64 atMs)
{
    // The error comes last and may hold ';' itself.
    const qsizetype errorAt = detail.indexOf(QStringLiteral(";error="));
    const QString numbers = errorAt < 0 ? detail : detail.left(errorAt);
    const QStringList parts = numbers.split(QLatin1Char(';'));
    if (parts.size() != 2 || !parts[0].startsWith(QStringLiteral("rps=")) ||
        !parts[1].startsWith(QStringLiteral("conn="))) {
        return std::nullopt;
    }
    EdgeLoad load;
    load.atMs = atMs;
    const QString rate = parts[0].mid(4);
    bool ok = true;
    if (rate != QStringLiteral("-"))
        load.requestsPerSecond = rate.toDouble(&ok);
    if (!ok || (rate != QStringLiteral("-") && load.requestsPerSecond < 0))
        return std::nullopt;
    load.connections = parts[1].mid(5).toLongLong(&ok);
    if (!ok || load.connections < 0)
        return std::nullopt;
    if (errorAt >= 0)
        load.error = detail.mid(errorAt + 7);
    return load;
}

} // namespace kokoa
