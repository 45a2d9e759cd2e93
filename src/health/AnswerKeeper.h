#pragma once

#include "core/Clock.h"
#include "core/Model.h"
#include "core/Result.h"
#include "health/AnswerBook.h"
#include "health/DnsBackoff.h"

#include <QObject>

#include <memory>

namespace kokoa {

class ConfigWatcher;
class DnsActuator;
struct AnswerChange;
class DnsDriver;
class EventRecorder;

// Keeps the monitor's AnswerBook true to DNS: reads every hostname's answer
// at start, when the lease is taken, periodically and after errors; sends
// the changes the monitor decides (through DnsDriver, one at a time, off
// the monitor's thread); backs off after failures (DnsBackoff) and logs
// what happened.
class AnswerKeeper final : public QObject
{
    Q_OBJECT

public:
    AnswerKeeper(std::unique_ptr<DnsActuator> actuator, const ConfigWatcher &config,
                 EventRecorder &events, const Clock &clock, QObject *parent = nullptr);
    ~AnswerKeeper() override;

    void start();
    // No new DNS work; waits up to boundMs for a change in flight. True when
    // no change can land any more.
    bool stop(int boundMs);
    bool busy() const;

    // Reads every answer again (coalesced with a read in flight).
    void read();
    void readIfDue();
    // Sends the changes of the hostnames' answers decided together: one
    // change per zone; each hostname's outcome follows (applied or failed).
    void apply(const QList<AnswerChange> &changes, int ttl);
    // Whether a change of this route may be sent now (no back-off holds it).
    bool mayTry(const Route &route) const;
    // The configuration changed: forget removed hostnames, retry at once,
    // drop changes decided before.
    void reconfigured();
    // Changes decided before now are not sent (the lease changed hands).
    void cancelDecided();

    const AnswerBook &book() const { return m_book; }
    const DnsBackoff &backoff() const { return m_backoff; }

Q_SIGNALS:
    void answerChanged(const QString &hostname, const QStringList &edges);
    void dnsChanged(const QString &hostname, const QStringList &changes);
    void alertRaised(const QString &text);
    // A change was sent or failed: publish and decide again.
    void updated();
    // Every answer was read (some may have failed).
    void answersRead();

private:
    void onApplied(const Route &route, const QSet<QString> &desired,
                   const Result<QStringList> &changes);
    void onApplyFailed(const Route &route, const QString &reason, const Error &e);
    void onAnswersRead(const QHash<QString, QSet<QString>> &current, const QSet<QString> &unmanaged,
                       const QHash<QString, Error> &errors);
    void record(const QString &hostname, const QSet<QString> &edges);
    const Route *route(const QString &hostname) const;

    const ConfigWatcher &m_config;
    EventRecorder &m_events;
    const Clock &m_clock;
    DnsDriver *m_dns = nullptr; // child
    AnswerBook m_book;
    DnsBackoff m_backoff;
    QHash<QString, QString> m_reasons; // hostname -> reason of the change in flight
    qint64 m_nextReadMs = 0;
    bool m_running = false;
    bool m_reading = false;
    bool m_readAgain = false;
};

} // namespace kokoa
