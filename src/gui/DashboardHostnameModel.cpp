#include "gui/DashboardHostnameModel.h"

#include "gui/ChangedRows.h"
#include "gui/StatusSummary.h"

#include <QLocale>

namespace kokoa::gui {

namespace {

using State = HealthTracker::State;

QIcon stateIcon(DashboardHostnameModel::HostState state)
{
    using S = DashboardHostnameModel::HostState;
    switch (state) {
    case S::Up:
        return StatusSummary::icon(StatusSummary::Overall::Healthy);
    case S::Partial:
        return StatusSummary::icon(StatusSummary::Overall::Degraded);
    case S::Down:
        return StatusSummary::icon(StatusSummary::Overall::Outage);
    case S::Unknown:
        return StatusSummary::healthIcon(State::Unknown);
    }
    return {};
}

} // namespace

void DashboardHostnameModel::setReport(const StatusReport &report)
{
    bool sameShape = report.hostnames.size() == m_rows.size();
    for (qsizetype i = 0; sameShape && i < m_rows.size(); ++i)
        sameShape = report.hostnames.at(i).hostname == m_rows.at(i).hostname;
    if (!sameShape) {
        beginResetModel();
        m_rows = report.hostnames;
        endResetModel();
        return;
    }
    // Only the rows whose answer or per-edge health moved: with a thousand
    // hostnames, a report that changes nothing repaints nothing.
    const QList<StatusReport::HostnameStatus> before = std::exchange(m_rows, report.hostnames);
    ChangedRows::signal(*this, int(m_rows.size()), ColumnCount,
                        [&](int i) { return !sameShown(before.at(i), m_rows.at(i)); });
}

// Every field a column or tooltip shows belongs here: a field left out is
// not redrawn when only it changes.
bool DashboardHostnameModel::sameShown(const StatusReport::HostnameStatus &a,
                                       const StatusReport::HostnameStatus &b)
{
    if (a.hostname != b.hostname || a.dnsEdges != b.dnsEdges ||
        a.perEdge.size() != b.perEdge.size())
        return false;
    for (qsizetype i = 0; i < a.perEdge.size(); ++i) {
        const StatusReport::RouteOnEdge &x = a.perEdge.at(i);
        const StatusReport::RouteOnEdge &y = b.perEdge.at(i);
        // The detail shows in the tooltip; the time since is not shown.
        if (x.edge != y.edge || x.health.state != y.health.state ||
            x.health.detail != y.health.detail)
            return false;
    }
    return true;
}

void DashboardHostnameModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

DashboardHostnameModel::HostState
DashboardHostnameModel::stateOf(const StatusReport::HostnameStatus &host)
{
    int up = 0;
    int down = 0;
    for (const StatusReport::RouteOnEdge &r : host.perEdge) {
        if (r.health.state == State::Up)
            ++up;
        else if (r.health.state == State::Down)
            ++down;
    }
    if (down > 0)
        return up > 0 || down < host.perEdge.size() ? HostState::Partial : HostState::Down;
    return up > 0 ? HostState::Up : HostState::Unknown;
}

QString DashboardHostnameModel::stateText(HostState state)
{
    switch (state) {
    case HostState::Up:
        return tr("Up");
    case HostState::Partial:
        return tr("Partly down");
    case HostState::Down:
        return tr("Down");
    case HostState::Unknown:
        return tr("Not checked yet");
    }
    return {};
}

int DashboardHostnameModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DashboardHostnameModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DashboardHostnameModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const StatusReport::HostnameStatus &host = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(host, index.column());
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return stateIcon(stateOf(host));
        return {};
    case Qt::ToolTipRole:
        if (index.column() == PerEdgeColumn || index.column() == StateColumn)
            return perEdgeDetail(host);
        return display(host, index.column());
    default:
        return {};
    }
}

QVariant DashboardHostnameModel::display(const StatusReport::HostnameStatus &host, int column) const
{
    switch (column) {
    case HostnameColumn:
        return host.hostname;
    case StateColumn:
        return stateText(stateOf(host));
    case AnswerColumn:
        if (host.dnsEdges.isEmpty())
            return tr("(not published yet)");
        return host.dnsEdges.join(QStringLiteral(", "));
    case PerEdgeColumn: {
        QStringList down;
        int up = 0;
        for (const StatusReport::RouteOnEdge &r : host.perEdge) {
            if (r.health.state == State::Down)
                down.append(r.edge);
            else if (r.health.state == State::Up)
                ++up;
        }
        if (!down.isEmpty())
            return tr("Down on %1").arg(down.join(QStringLiteral(", ")));
        if (up == 0)
            return tr("Not checked yet");
        return tr("Up on all %n edges", nullptr, up);
    }
    default:
        return {};
    }
}

QString DashboardHostnameModel::perEdgeDetail(const StatusReport::HostnameStatus &host) const
{
    QStringList lines;
    for (const StatusReport::RouteOnEdge &r : host.perEdge) {
        QString line = tr("%1: %2").arg(r.edge, StatusSummary::healthText(r.health.state));
        if (!r.health.detail.isEmpty())
            line += tr(" (%1)").arg(r.health.detail);
        lines.append(line);
    }
    return lines.join(QLatin1Char('\n'));
}

QVariant DashboardHostnameModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case HostnameColumn:
        return tr("Hostname");
    case StateColumn:
        return tr("State");
    case AnswerColumn:
        return tr("Edges in the DNS answer");
    case PerEdgeColumn:
        return tr("Per edge");
    default:
        return {};
    }
}

} // namespace kokoa::gui
