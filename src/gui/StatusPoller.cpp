#include "gui/StatusPoller.h"

#include "gui/GuiLogging.h"

#include <QTimer>

#include <algorithm>

namespace kokoa::gui {

StatusPoller::StatusPoller(const QString &databasePath, int intervalMs, const Clock &clock,
                           QObject *parent)
    : QObject(parent)
    , m_reader(new StatusReader(databasePath, intervalMs, clock))
    , m_extraGapMs(std::max(1, intervalMs / kExtraReadsPerInterval))
{
    qRegisterMetaType<kokoa::StatusReport>();
    m_thread.setObjectName(QStringLiteral("kokoa-status"));
    m_reader->moveToThread(&m_thread);
    connect(m_reader, &StatusReader::reportRead, this, [this](const StatusReport &report) {
        m_last = report;
        ++m_reports;
        emit reportReady(report);
    });
    connect(m_reader, &StatusReader::readFailed, this, [this](const QString &text) {
        qCWarning(lcGui).noquote() << "cannot read the status:" << text;
        emit readFailed(text);
    });
}

void StatusPoller::setDataDirectory(const QString &dataDir)
{
    m_reader->setDataDirectory(dataDir); // the thread has not started yet
}

StatusPoller::~StatusPoller()
{
    shutdown();
}

void StatusPoller::start()
{
    if (!m_reader || m_thread.isRunning())
        return;
    m_thread.start();
    QMetaObject::invokeMethod(m_reader, &StatusReader::begin, Qt::QueuedConnection);
}

void StatusPoller::pollNow()
{
    if (!m_reader || !m_thread.isRunning() || m_pollQueued)
        return;
    // Monitor signals come in bursts (a round of probes): one read for all,
    // and no sooner than the gap after the last one.
    m_pollQueued = true;
    const qint64 wait = m_sinceExtraRead.isValid()
                            ? std::max<qint64>(0, m_extraGapMs - m_sinceExtraRead.elapsed())
                            : 0;
    QTimer::singleShot(int(wait), this, [this] {
        m_pollQueued = false;
        m_sinceExtraRead.start();
        if (m_reader)
            QMetaObject::invokeMethod(m_reader, &StatusReader::readNow, Qt::QueuedConnection);
    });
}

void StatusPoller::shutdown()
{
    if (!m_reader)
        return;
    if (m_thread.isRunning()) {
        // end() quits the thread once the database is closed there.
        QMetaObject::invokeMethod(m_reader, &StatusReader::end, Qt::QueuedConnection);
        if (!m_thread.wait(kShutdownBoundMs)) {
            qCCritical(lcGui) << "the status thread did not end; leaving it";
            m_reader = nullptr;
            return;
        }
    }
    delete m_reader; // the thread has ended
    m_reader = nullptr;
}

} // namespace kokoa::gui
