#pragma once

#include "gui/StatusReader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>

namespace kokoa::gui {

// Reads what the monitors published (app/HealthView: health, DNS answers,
// lease holder, heartbeats, DNS held back) on a worker thread about once a
// second and hands each report to the GUI thread. Whichever monitor acts,
// this window's or kokoa-watchdog, the report shows its view.
class StatusPoller final : public QObject
{
    Q_OBJECT

public:
    static constexpr int kDefaultIntervalMs = 1000;
    static constexpr int kShutdownBoundMs = 5000;
    // Reads out of turn at most this many times per interval.
    static constexpr int kExtraReadsPerInterval = 4;

    StatusPoller(const QString &databasePath, int intervalMs = kDefaultIntervalMs,
                 const Clock &clock = Clock::system(), QObject *parent = nullptr);
    ~StatusPoller() override; // shutdown()

    // Before start(): also read the certificates held there (every
    // StatusReader::kCertificateReadMs), for the dashboard's certificate list.
    void setDataDirectory(const QString &dataDir);
    void start();
    // A read out of turn (after a monitor signal), coalesced with others:
    // at most one every extraGapMs(), however many signals come. A failing
    // edge takes its hostnames down over several rounds of probes, each
    // with its burst of signals; each read is a report the window redraws.
    void pollNow();
    int extraGapMs() const { return m_extraGapMs; }
    void shutdown();

    const StatusReport &lastReport() const { return m_last; }
    int reportsRead() const { return m_reports; }

signals:
    void reportReady(const kokoa::StatusReport &report);
    void readFailed(const QString &text);

private:
    QThread m_thread;
    StatusReader *m_reader = nullptr; // lives on m_thread; deleted in shutdown()
    StatusReport m_last;
    int m_reports = 0;
    bool m_pollQueued = false;
    int m_extraGapMs;
    QElapsedTimer m_sinceExtraRead; // invalid: none yet
};

} // namespace kokoa::gui
