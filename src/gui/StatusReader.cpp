#include "gui/StatusReader.h"

#include "app/CertificateService.h"
#include "app/HealthView.h"
#include "gui/GuiLogging.h"
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
    readCertificates(report.value());
    emit reportRead(*report);
}

void StatusReader::readCertificates(StatusReport &report)
{
    if (m_dataDir.isEmpty())
        return;
    const qint64 now = m_clock.nowMs();
    if (m_certificatesReadMs == 0 || now - m_certificatesReadMs >= kCertificateReadMs) {
        m_certificatesReadMs = now;
        const auto held = app::CertificateService(*m_store, m_dataDir).list();
        if (held) {
            m_certificates.clear();
            for (const app::CertificateService::Held &h : *held) {
                m_certificates.append(
                    {h.certificate.name, h.certificate.names, h.certificate.issuer,
                     h.certificate.notAfter.isValid() ? h.certificate.notAfter.toMSecsSinceEpoch()
                                                      : 0,
                     h.renewFrom.isValid() ? h.renewFrom.toMSecsSinceEpoch() : 0, h.renewalFromAri,
                     h.edges});
            }
        } else {
            qCWarning(lcGui) << "cannot read the certificates:" << held.error().message();
        }
    }
    report.certificates = m_certificates;
}

void StatusReader::end()
{
    delete m_timer;
    m_timer = nullptr;
    m_store.reset(); // on the thread that opened it
    thread()->quit();
}

} // namespace kokoa::gui
