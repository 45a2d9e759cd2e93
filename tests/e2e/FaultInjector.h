#pragma once

#include "NetWorld.h"

#include <QHash>
#include <QList>
#include <QRandomGenerator>
#include <QString>

// The faults of the soak test, each with its repair: pulled cables, link
// flaps, nginx stopped, WireGuard blocked on an edge, a service stopped on
// the origin, the Cloudflare emulator answering 429, 5xx or slowly, and the
// watchdog killed with SIGKILL (restarted on repair). Only processes the
// world runs are touched, inside the world's hosts, by pid.
class FaultInjector final
{
public:
    enum class Kind
    {
        LinkDown,
        LinkFlap,
        NginxStop,
        TunnelBreak,
        OriginStop,
        Api429,
        Api5xx,
        ApiLatency,
        WatchdogKill
    };
    static constexpr int kindCount = 9;
    static QString name(Kind kind);

    struct Fault
    {
        Kind kind;
        QString target; // an edge, an origin port, or empty
        QString describe() const;
    };

    // controlFile: the emulator's control file as the test machine sees it.
    FaultInjector(const NetWorld &world, QString controlFile, QRandomGenerator &random);

    void setEdges(const QStringList &edges) { m_edges = edges; }
    // A random fault not already active; false with *error when injecting failed.
    bool injectRandom(Fault *fault, QString *error);
    bool restore(const Fault &fault, QString *error);
    bool restoreAll(QString *error);
    QList<Fault> active() const { return m_active; }

    QHash<QString, int> injected() const { return m_injected; }
    int totalInjected() const;

    // The watchdog, as the soak runs it in desk.
    QString startWatchdog();
    qint64 watchdogPid() const;   // in desk's PID namespace, 0 if none
    qint64 watchdogRssKb() const; // 0 if it is not running
    QString watchdogLogs() const; // the last 400 lines of each log of this soak

private:
    bool inject(const Fault &fault, QString *error);
    bool control(const QByteArray &command, QString *error);
    bool exec(const QString &host, const QStringList &args, QString *error) const;
    bool flap(const QString &edge, QString *error);

    const NetWorld &m_world;
    QString m_controlFile;
    QRandomGenerator &m_random;
    QStringList m_edges;
    QList<Fault> m_active;
    QHash<QString, int> m_injected;
    int m_watchdogStarts = 0;
};
