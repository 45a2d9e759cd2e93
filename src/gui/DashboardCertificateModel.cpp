#include "gui/DashboardCertificateModel.h"

#include "gui/ChangedRows.h"
#include "gui/StatusSummary.h"

#include <QDateTime>

namespace kokoa::gui {

namespace {

constexpr qint64 kDayMs = 24 * 60 * 60 * 1000;

// Numbers only, so a date reads the same in every language of the window.
QString dateText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                  : QString();
}

} // namespace

DashboardCertificateModel::State
DashboardCertificateModel::stateOf(const StatusReport::CertificateStatus &c, qint64 nowMs)
{
    if (c.notAfterMs > 0 && nowMs >= c.notAfterMs)
        return State::Expired;
    if (c.renewFromMs > 0 && nowMs >= c.renewFromMs)
        return State::RenewalDue;
    return State::Valid;
}

void DashboardCertificateModel::setReport(const StatusReport &report)
{
    bool sameShape = report.certificates.size() == m_rows.size();
    for (qsizetype i = 0; sameShape && i < m_rows.size(); ++i)
        sameShape = report.certificates.at(i).name == m_rows.at(i).name;
    if (!sameShape) {
        beginResetModel();
        m_rows = report.certificates;
        m_nowMs = report.nowMs;
        endResetModel();
        return;
    }
    // The certificates are read every half minute, the report every second:
    // a row changes when its certificate does or when time moves it (its
    // state, the days left).
    const QList<StatusReport::CertificateStatus> before =
        std::exchange(m_rows, report.certificates);
    const qint64 nowBefore = std::exchange(m_nowMs, report.nowMs);
    ChangedRows::signal(*this, int(m_rows.size()), ColumnCount, [&](int i) {
        const StatusReport::CertificateStatus &a = before.at(i);
        const StatusReport::CertificateStatus &b = m_rows.at(i);
        return a.names != b.names || a.issuer != b.issuer || a.notAfterMs != b.notAfterMs ||
               a.renewFromMs != b.renewFromMs || a.renewalFromAri != b.renewalFromAri ||
               a.edges != b.edges || stateOf(a, nowBefore) != stateOf(b, m_nowMs) ||
               (a.notAfterMs - nowBefore) / kDayMs != (b.notAfterMs - m_nowMs) / kDayMs;
    });
}

void DashboardCertificateModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int DashboardCertificateModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DashboardCertificateModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DashboardCertificateModel::stateText(State state) const
{
    switch (state) {
    case State::Valid:
        return tr("Valid");
    case State::RenewalDue:
        return tr("Renewal due");
    case State::Expired:
        return tr("Expired");
    }
    return {};
}

QVariant DashboardCertificateModel::display(const StatusReport::CertificateStatus &c,
                                            int column) const
{
    switch (column) {
    case NamesColumn:
        return c.names.isEmpty() ? c.name : c.names.join(QStringLiteral(", "));
    case StateColumn:
        return stateText(stateOf(c, m_nowMs));
    case ExpiresColumn: {
        if (c.notAfterMs <= 0)
            return QString();
        const qint64 days = (c.notAfterMs - m_nowMs) / kDayMs;
        // No plural form: English has no translation file to choose one.
        return days >= 0 ? tr("%1 (days left: %2)").arg(dateText(c.notAfterMs)).arg(days)
                         : dateText(c.notAfterMs);
    }
    case RenewalColumn:
        if (c.renewFromMs <= 0)
            return tr("not known");
        return c.renewalFromAri ? tr("from %1 (the CA's window)").arg(dateText(c.renewFromMs))
                                : tr("from %1").arg(dateText(c.renewFromMs));
    case EdgesColumn:
        return c.edges.isEmpty() ? tr("none yet") : c.edges.join(QStringLiteral(", "));
    case IssuerColumn:
        return c.issuer;
    default:
        return {};
    }
}

QVariant DashboardCertificateModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const StatusReport::CertificateStatus &c = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        return display(c, index.column());
    case Qt::DecorationRole:
        if (index.column() != StateColumn)
            return {};
        switch (stateOf(c, m_nowMs)) {
        case State::Valid:
            return StatusSummary::healthIcon(HealthTracker::State::Up);
        case State::RenewalDue:
            return StatusSummary::icon(StatusSummary::Overall::Degraded);
        case State::Expired:
            return StatusSummary::healthIcon(HealthTracker::State::Down);
        }
        return {};
    default:
        return {};
    }
}

QVariant DashboardCertificateModel::headerData(int section, Qt::Orientation orientation,
                                               int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NamesColumn:
        return tr("Certificate");
    case StateColumn:
        return tr("State");
    case ExpiresColumn:
        return tr("Expires");
    case RenewalColumn:
        return tr("Renewal");
    case EdgesColumn:
        return tr("Edges holding it");
    case IssuerColumn:
        return tr("Issuer");
    default:
        return {};
    }
}

} // namespace kokoa::gui
