#pragma once

#include "app/StatusReport.h"
#include "core/Clock.h"

#include <QMetaType>
#include <QObject>
#include <QTimer>

#include <memory>

namespace kokoa {
class Store;
}

namespace kokoa::gui {

// StatusPoller's worker: on the poller's thread, with its own database
// connection, reads app/HealthView every interval and on request.
class StatusReader final : public QObject
{
    Q_OBJECT

public:
    StatusReader(QString databasePath, int intervalMs, const Clock &clock);
    ~StatusReader() override;

    // Certificates change rarely and reading them parses every chain: they
    // are read again this often, not at every status read.
    static constexpr qint64 kCertificateReadMs = 30000;

    // Before the thread starts: where certificates are (empty: none read).
    void setDataDirectory(const QString &dataDir) { m_dataDir = dataDir; }

    // Slots for the poller's thread.
    void begin();
    void readNow();
    // Closes the database and ends the thread's event loop.
    void end();

signals:
    void reportRead(const kokoa::StatusReport &report);
    void readFailed(const QString &text);

private:
    void readCertificates(StatusReport &report);

    QString m_databasePath;
    QString m_dataDir;
    QList<StatusReport::CertificateStatus> m_certificates; // as last read
    qint64 m_certificatesReadMs = 0;
    int m_intervalMs;
    const Clock &m_clock;
    std::unique_ptr<Store> m_store;
    QTimer *m_timer = nullptr; // child; made on the thread it ticks on
};

} // namespace kokoa::gui

Q_DECLARE_METATYPE(kokoa::StatusReport)
