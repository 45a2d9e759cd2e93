#pragma once

#include "app/StatusReport.h"

#include <QAbstractTableModel>

namespace kokoa::gui {

// The dashboard's edge table: one row per edge, its published health, the
// health of the hostnames behind it (its tunnel to the home server) and its
// deploy state. Text and icon in every state column, never colour alone.
class DashboardEdgeModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NameColumn,
        HealthColumn,
        TunnelColumn,
        DeployColumn,
        SinceColumn,
        LoadColumn,
        DetailColumn,
        ColumnCount
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setReport(const StatusReport &report);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    // After a language change: every text again.
    void retranslate();

private:
    struct Row
    {
        StatusReport::EdgeStatus edge;
        int routes = 0;     // hostnames with a published state on this edge
        int routesDown = 0; // of them, down
        std::optional<EdgeLoad> load;
    };
    static bool sameShown(const Row &a, const Row &b);
    QString loadToolTip(const Row &row) const;
    static bool sameLoad(const std::optional<EdgeLoad> &a, const std::optional<EdgeLoad> &b);
    QVariant display(const Row &row, int column) const;
    QVariant decoration(const Row &row, int column) const;
    HealthTracker::State tunnelState(const Row &row) const;

    QList<Row> m_rows;
    qint64 m_nowMs = 0;
};

} // namespace kokoa::gui
