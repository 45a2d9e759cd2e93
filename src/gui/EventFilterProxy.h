#pragma once

#include <QDateTime>
#include <QSortFilterProxyModel>

namespace kokoa::gui {

// The event log's filters: a category, a subject, a time window, failures
// only, and a search over every column. The source model's columns are
// EventLogPage::Column; its Time column holds the UTC time as Qt::UserRole.
class EventFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit EventFilterProxy(QObject *parent = nullptr);

    // Empty: any.
    void setCategory(const QString &category);
    void setSubject(const QString &subjectPart);
    // Invalid: no lower bound.
    void setSince(const QDateTime &since);
    void setFailuresOnly(bool failuresOnly);
    void setSearch(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString text(int sourceRow, int column) const;

    QString m_category;
    QString m_subject;
    QDateTime m_since;
    bool m_failuresOnly = false;
    QString m_search;
};

} // namespace kokoa::gui
