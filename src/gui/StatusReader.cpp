#include "gui/StatusReader.h"

#include "app/HealthView.h"
#include "store/Store.h"

#include <QThread>

namespace kokoa::gui {

StatusReader::StatusReader(QString databasePath, int intervalMs, const Clock &clock)
    : m_databasePath(std::move(databasePath))
    , m_intervalMs(intervalMs)
    , m_clock(clock)
{}

StatusReader::~StatusReader() = default;

void StatusReader::begin()
{
    m_timer = new QTimer(this);
    m_timer->setInterval(m_intervalMs);
    connect(m_timer, &QTimer::timeout, this, &StatusReader::readNow);
    m_timer->start();
    readNow();
}

void StatusReader::readNow()
{
    if (!m_store) {
        auto store = Store::open(m_databasePath, m_clock);
        if (!store) {
            emit readFailed(store.error().message());
            return;
        }
        m_store = std::move(store).value();
    }
    Result<StatusReport> report = HealthView(*m_store, m_clock).report();
    if (!report) {
        emit readFailed(report.error().message());
        return;
    }
    emit reportRead(*report);
}

void StatusReader::end()
{
    delete m_timer;
    m_timer = nullptr;
    m_store.reset(); // on the thread that opened it
    thread()->quit();
}

} // namespace kokoa::gui
