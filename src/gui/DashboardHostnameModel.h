#pragma once

#include "app/StatusReport.h"

#include <QAbstractTableModel>

namespace kokoa::gui {

// The dashboard's hostname table: one row per hostname, its state over all
// edges, the edges its DNS answer holds and the edges it is down on. A
// model, so a thousand hostnames cost one row each only when painted.
class DashboardHostnameModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        HostnameColumn,
        StateColumn,
        AnswerColumn,
        PerEdgeColumn,
        ColumnCount
    };
    enum class HostState
    {
        Unknown,
        Up,
        Partial, // down on some edges
        Down     // down on every edge
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setReport(const StatusReport &report);
    static HostState stateOf(const StatusReport::HostnameStatus &host);
    static QString stateText(HostState state);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void retranslate();

private:
    static bool sameShown(const StatusReport::HostnameStatus &a,
                          const StatusReport::HostnameStatus &b);
    QVariant display(const StatusReport::HostnameStatus &host, int column) const;
    QString perEdgeDetail(const StatusReport::HostnameStatus &host) const;

    QList<StatusReport::HostnameStatus> m_rows;
};

} // namespace kokoa::gui
