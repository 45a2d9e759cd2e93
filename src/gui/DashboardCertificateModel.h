#pragma once

#include "app/StatusReport.h"

#include <QAbstractTableModel>

namespace kokoa::gui {

// The dashboard's certificate table: one row per lineage Kokoa holds, when
// it expires, when it is renewed and which edges hold it. The state column
// reads as text with an icon: valid, renewal due, expired.
class DashboardCertificateModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        NamesColumn,
        StateColumn,
        ExpiresColumn,
        RenewalColumn,
        EdgesColumn,
        IssuerColumn,
        ColumnCount
    };

    enum class State
    {
        Valid,
        RenewalDue,
        Expired,
    };

    using QAbstractTableModel::QAbstractTableModel;

    void setReport(const StatusReport &report);
    static State stateOf(const StatusReport::CertificateStatus &c, qint64 nowMs);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void retranslate();

private:
    QVariant display(const StatusReport::CertificateStatus &c, int column) const;
    QString stateText(State state) const;

    QList<StatusReport::CertificateStatus> m_rows;
    qint64 m_nowMs = 0;
};

} // namespace kokoa::gui
