#include "gui/MonitorWorker.h"

#include "gui/GuiLogging.h"
#include "store/Store.h"

namespace kokoa::gui {

MonitorWorker::MonitorWorker(Setup setup)
    : m_setup(std::move(setup))
{}

MonitorWorker::~MonitorWorker()
{
    close();
}

void MonitorWorker::startMonitor()
{
    if (m_monitor)
        return;
    const Clock &clock = m_setup.clock ? *m_setup.clock : Clock::system();
    if (!m_store) {
        auto store = Store::open(m_setup.databasePath, clock);
        if (!store) {
            emit fatalError(store.error().message());
            return;
        }
        m_store = std::move(store).value();
        m_autoProfile = std::make_unique<AutoProfileSwitch>(*m_store, m_setup.dataDir);
        m_autoReplace = std::make_unique<app::AutoReplacement>(*m_store, m_setup.dataDir, clock);
        connect(m_autoReplace.get(), &app::AutoReplacement::alertRaised, this,
                &MonitorWorker::alertRaised);
    }
    std::unique_ptr<DnsActuator> dns = m_setup.makeDns
                                           ? m_setup.makeDns()
                                           : std::make_unique<ProviderDnsActuator>(m_setup.dataDir);
    m_monitor = std::make_unique<Monitor>(*m_store, m_setup.dataDir, std::move(dns),
                                          m_setup.monitor, clock);
    // Signal to signal: MonitorHost connects to these from the GUI thread,
    // so every emission reaches it queued.
    connect(m_monitor.get(), &Monitor::leaseChanged, this, &MonitorWorker::leaseChanged);
    connect(m_monitor.get(), &Monitor::targetChanged, this, &MonitorWorker::targetChanged);
    connect(m_monitor.get(), &Monitor::answerChanged, this, &MonitorWorker::answerChanged);
    connect(m_monitor.get(), &Monitor::alertRaised, this, &MonitorWorker::alertRaised);
    connect(m_monitor.get(), &Monitor::loadRead, m_autoProfile.get(), &AutoProfileSwitch::onLoad);
    m_autoReplace->follow(*m_monitor);
    connect(m_monitor.get(), &Monitor::fatalError, this, [this](const QString &text) {
        // The monitor has stopped itself; drop it so a resume starts afresh.
        m_monitor.reset();
        emit running(false);
        emit fatalError(text);
    });
    if (Status s = m_monitor->start(); !s) {
        m_monitor.reset();
        emit running(false);
        emit fatalError(s.error().message());
        return;
    }
    qCInfo(lcGui) << "monitor started as" << m_monitor->holder();
    emit running(true);
}

void MonitorWorker::stopMonitor()
{
    if (!m_monitor)
        return;
    m_monitor->stop();
    m_monitor.reset();
    qCInfo(lcGui) << "monitor stopped";
    emit running(false);
}

void MonitorWorker::close()
{
    stopMonitor();
    m_autoProfile.reset(); // waits for a switch's deployment still running
    m_autoReplace.reset(); // likewise for an automatic burn
    m_store.reset();
}

} // namespace kokoa::gui
