#pragma once

#include "core/Clock.h"
#include "core/Model.h"
#include "health/EdgeLoad.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QThreadPool>

#include <functional>

namespace kokoa {

// Reads every deployed edge's load (nginx stub_status on its tunnel side)
// once per interval, each reading on a thread of the reader's own pool
// (they wait on SSH, not on a core), and keeps the latest EdgeLoad per
// edge. Destroying the reader waits for the readings in flight, each
// bounded by the fetch itself.
class LoadReader final : public QObject
{
    Q_OBJECT

public:
    // Runs on a pool thread and ends by itself within a few seconds.
    using Fetch = std::function<Result<StubStatus>(const Edge &edge)>;
    // Over SSH with the control plane's key, to the edge's pinned host key.
    static Fetch sshFetch(const QString &dataDir);

    static constexpr int kMaxParallel = 4;

    LoadReader(Fetch fetch, const Clock &clock, QObject *parent = nullptr);
    ~LoadReader() override;

    // Edges Kokoa can read: deployed, pinned, with a tunnel address.
    static bool readable(const Edge &edge);
    // Starts a reading of each readable edge whose last one started
    // intervalMs ago or more and none is in flight; forgets edges no
    // longer listed.
    void readDue(const QList<Edge> &edges, qint64 intervalMs);
    const QHash<QString, EdgeLoad> &loads() const { return m_loads; }
    bool idle() const { return m_inFlight.isEmpty(); }

Q_SIGNALS:
    void loadRead(const QString &edge, const kokoa::EdgeLoad &load);

private:
    void take(const QString &edge, const Result<StubStatus> &reading);

    Fetch m_fetch;
    const Clock &m_clock;
    QThreadPool m_pool;
    QHash<QString, std::pair<StubStatus, qint64>> m_last; // the last good reading, when
    QHash<QString, EdgeLoad> m_loads;
    QHash<QString, qint64> m_startedMs;
    QSet<QString> m_inFlight;
};

} // namespace kokoa
