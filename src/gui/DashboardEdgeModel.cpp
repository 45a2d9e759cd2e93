#include "gui/DashboardEdgeModel.h"

#include "gui/ChangedRows.h"
#include "gui/StatusSummary.h"

#include <QDateTime>
#include <QHash>

namespace kokoa::gui {

namespace {

using State = HealthTracker::State;

// Numbers only, so the time reads the same in every language of the window.
QString sinceText(qint64 sinceMs, qint64 nowMs)
{
    if (sinceMs <= 0)
        return {};
    const QDateTime since = QDateTime::fromMSecsSinceEpoch(sinceMs);
    const bool today = since.date() == QDateTime::fromMSecsSinceEpoch(nowMs).date();
    return since.toString(today ? QStringLiteral("HH:mm:ss") : QStringLiteral("yyyy-MM-dd HH:mm"));
}

} // namespace

void DashboardEdgeModel::setReport(const StatusReport &report)
{
    QHash<QString, Row> byEdge;
    for (const StatusReport::HostnameStatus &host : report.hostnames) {
        for (const StatusReport::RouteOnEdge &r : host.perEdge) {
            if (r.health.state == State::Unknown)
                continue;
            Row &row = byEdge[r.edge];
            ++row.routes;
            if (r.health.state == State::Down)
                ++row.routesDown;
        }
    }
    QList<Row> rows;
    rows.reserve(report.edges.size());
    for (const StatusReport::EdgeStatus &e : report.edges) {
        Row row = byEdge.value(e.name);
        row.edge = e;
        if (const auto load = report.edgeLoads.constFind(e.name); load != report.edgeLoads.cend())
            row.load = *load;
        rows.append(row);
    }
    bool sameShape = rows.size() == m_rows.size();
    for (qsizetype i = 0; sameShape && i < rows.size(); ++i)
        sameShape = rows.at(i).edge.name == m_rows.at(i).edge.name;
    const bool sameDay = QDateTime::fromMSecsSinceEpoch(report.nowMs).date() ==
                         QDateTime::fromMSecsSinceEpoch(m_nowMs).date();
    m_nowMs = report.nowMs;
    if (!sameShape) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
        return;
    }
    // Only the rows whose shown state moved: a quiet report repaints nothing.
    // "Since" reads as a time of day until the day changes.
    const QList<Row> before = std::exchange(m_rows, std::move(rows));
    ChangedRows::signal(*this, int(m_rows.size()), ColumnCount,
                        [&](int i) { return !sameDay || !sameShown(before.at(i), m_rows.at(i)); });
}

// Every field a column or tooltip shows belongs here: a field left out is
// not redrawn when only it changes.
bool DashboardEdgeModel::sameShown(const Row &a, const Row &b)
{
    return a.edge.name == b.edge.name && a.edge.deployState == b.edge.deployState &&
           a.edge.health.state == b.edge.health.state &&
           a.edge.health.sinceMs == b.edge.health.sinceMs &&
           a.edge.health.detail == b.edge.health.detail && a.routes == b.routes &&
           a.routesDown == b.routesDown && sameLoad(a.load, b.load);
}

bool DashboardEdgeModel::sameLoad(const std::optional<EdgeLoad> &a,
                                  const std::optional<EdgeLoad> &b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || (a->atMs == b->atMs && a->requestsPerSecond == b->requestsPerSecond &&
                  a->connections == b->connections && a->error == b->error);
}

void DashboardEdgeModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

int DashboardEdgeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DashboardEdgeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DashboardEdgeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::DecorationRole:
        return decoration(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == HealthColumn && !row.edge.health.detail.isEmpty())
            return row.edge.health.detail;
        if (index.column() == LoadColumn)
            return loadToolTip(row);
        return display(row, index.column());
    default:
        return {};
    }
}

// Load is read only by the monitor acting on DNS, every few seconds; say
// why a cell is empty or old rather than leave the user guessing.
QString DashboardEdgeModel::loadToolTip(const Row &row) const
{
    if (!row.load || row.load->atMs <= 0)
        return tr("Not read yet: the monitor acting on DNS reads each edge's load every few "
                  "seconds");
    if (!row.load->error.isEmpty())
        return tr("The last reading failed (%1); the figures are older").arg(row.load->error);
    if (!row.load->rateKnown())
        return tr("Requests per second appear from the second reading on");
    return display(row, LoadColumn).toString();
}

HealthTracker::State DashboardEdgeModel::tunnelState(const Row &row) const
{
    if (row.routes == 0)
        return State::Unknown;
    return row.routesDown > 0 ? State::Down : State::Up;
}

QVariant DashboardEdgeModel::display(const Row &row, int column) const
{
    switch (column) {
    case NameColumn:
        return row.edge.name;
    case HealthColumn:
        return StatusSummary::healthText(row.edge.health.state);
    case TunnelColumn:
        if (row.routesDown > 0 && row.routesDown < row.routes)
            return tr("Down for %1 of %n hostnames", nullptr, row.routes).arg(row.routesDown);
        return StatusSummary::healthText(tunnelState(row));
    case DeployColumn:
        return StatusSummary::deployText(row.edge.deployState);
    case SinceColumn:
        return sinceText(row.edge.health.sinceMs, m_nowMs);
    case LoadColumn:
        if (!row.load || row.load->atMs <= 0)
            return QStringLiteral("\u2014"); // an em dash: not read yet, explained by the tooltip
        return tr("%1 req/s, %2 connections")
            .arg(row.load->rateKnown() ? QString::number(row.load->requestsPerSecond, 'f', 1)
                                       : QStringLiteral("-"))
            .arg(row.load->connections);
    case DetailColumn:
        return row.edge.health.detail;
    default:
        return {};
    }
}

QVariant DashboardEdgeModel::decoration(const Row &row, int column) const
{
    switch (column) {
    case HealthColumn:
        return StatusSummary::healthIcon(row.edge.health.state);
    case TunnelColumn:
        return StatusSummary::healthIcon(tunnelState(row));
    default:
        return {};
    }
}

QVariant DashboardEdgeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Edge");
    case HealthColumn:
        return tr("Health");
    case TunnelColumn:
        return tr("Tunnel");
    case DeployColumn:
        return tr("Deployed");
    case SinceColumn:
        return tr("Since");
    case LoadColumn:
        return tr("Load");
    case DetailColumn:
        return tr("Last check");
    default:
        return {};
    }
}

} // namespace kokoa::gui
