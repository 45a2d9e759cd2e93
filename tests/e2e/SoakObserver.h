#pragma once

#include "NetWorld.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QStringList>
#include <QThread>
#include <QWaitCondition>

#include <functional>

// Watches the authoritative DNS server from the world's client while a soak
// runs: every ~200 ms one `dig` per hostname (all in one exec), on a thread
// of its own so fault injection never pauses it. Each poll checks the
// invariants that must hold at every instant, whatever the faults:
//   - a hostname always has at least one A record;
//   - the address of a removed edge is never published again;
//   - foreign records (not Kokoa's) are always there.
// Violations are kept with the time they were seen.
class SoakObserver final : public QThread
{
public:
    using Answers = QHash<QString, QSet<QString>>;

    struct Figures
    {
        qint64 polls = 0;
        qint64 digFailures = 0;
        qint64 dnsChanges = 0;
        QStringList violations; // the first ones, with time and answer
        qint64 violationCount = 0;
        QHash<QString, qint64> violationsByRule;
    };

    SoakObserver(const NetWorld &world, QString dnsAddress);
    ~SoakObserver() override;

    void watch(const QString &hostname, const QSet<QString> &foreign = {});
    void forbid(const QString &address, const QString &why);
    void stop();

    // Blocks until a poll's answers satisfy `done` or the deadline passes;
    // *atMs: the observer's clock (msSinceStart) at that poll.
    bool waitUntil(const std::function<bool(const Answers &)> &done, int timeoutMs, qint64 *atMs);
    qint64 msSinceStart() const { return m_clock.elapsed(); }
    Answers answers() const;
    Figures figures() const;

protected:
    void run() override;

private:
    void poll();
    void check(const Answers &now, qint64 beganMs, qint64 atMs);
    void violation(const QString &rule, const QString &text, qint64 atMs);

    const NetWorld &m_world;
    const QString m_dns;
    QElapsedTimer m_clock;

    mutable QMutex m_mutex;
    QWaitCondition m_polled;
    bool m_stop = false;
    QStringList m_hostnames;
    QHash<QString, QSet<QString>> m_foreign;
    struct Forbidden
    {
        QString why;
        qint64 sinceMs = 0; // polls begun earlier may still see it, legitimately
    };
    QHash<QString, Forbidden> m_forbidden; // by address
    Answers m_answers;
    qint64 m_lastPollMs = 0;       // when the last poll's answers arrived
    qint64 m_lastPollBeganMs = -1; // when that poll was started
    Figures m_figures;
    QSet<QString> m_violationTexts;
};
