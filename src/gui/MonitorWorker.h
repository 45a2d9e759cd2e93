#pragma once

#include "app/AutoProfileSwitch.h"
#include "app/AutoReplacement.h"
#include "core/Clock.h"
#include "health/DnsActuator.h"
#include "health/HealthKey.h"
#include "health/Monitor.h"

#include <QObject>

#include <functional>
#include <memory>

namespace kokoa {
class Store;
}

namespace kokoa::gui {

// The monitor's side of MonitorHost: lives on the monitor thread, opens its
// own Store connection there (a connection belongs to the thread that
// opened it) and runs one Monitor at a time. Every slot runs on that thread.
class MonitorWorker final : public QObject
{
    Q_OBJECT

public:
    struct Setup
    {
        QString databasePath;
        QString dataDir;
        Monitor::Options monitor;
        // Called on the monitor thread; empty: the configured DNS provider.
        std::function<std::unique_ptr<DnsActuator>()> makeDns;
        const Clock *clock = nullptr; // empty: the system clock
    };

    explicit MonitorWorker(Setup setup);
    ~MonitorWorker() override;

    // Opens the database (first time) and starts a new Monitor.
    void startMonitor();
    // Stops the Monitor (releasing the lease) and drops it.
    void stopMonitor();
    // stopMonitor(), then closes the database: the last call on the thread.
    void close();

signals:
    void running(bool running);
    void leaseChanged(bool held, const QString &holder);
    void targetChanged(const kokoa::HealthKey &key, bool up, const QString &reason);
    void answerChanged(const QString &hostname, const QStringList &edges);
    void alertRaised(const QString &text);
    void fatalError(const QString &text);

private:
    Setup m_setup;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<Monitor> m_monitor;
    std::unique_ptr<AutoProfileSwitch> m_autoProfile;    // fed by the monitor holding the lease
    std::unique_ptr<app::AutoReplacement> m_autoReplace; // likewise
};

} // namespace kokoa::gui
