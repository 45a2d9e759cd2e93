#include "gui/EventFilterProxy.h"

#include "gui/EventLogPage.h"

namespace kokoa::gui {

EventFilterProxy::EventFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{}

void EventFilterProxy::setCategory(const QString &category)
{
    m_category = category;
    invalidateFilter();
}

void EventFilterProxy::setSubject(const QString &subjectPart)
{
    m_subject = subjectPart.trimmed();
    invalidateFilter();
}

void EventFilterProxy::setSince(const QDateTime &since)
{
    m_since = since;
    invalidateFilter();
}

void EventFilterProxy::setFailuresOnly(bool failuresOnly)
{
    m_failuresOnly = failuresOnly;
    invalidateFilter();
}

void EventFilterProxy::setSearch(const QString &text)
{
    m_search = text.trimmed();
    invalidateFilter();
}

QString EventFilterProxy::text(int sourceRow, int column) const
{
    return sourceModel()->index(sourceRow, column).data().toString();
}

bool EventFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    using Column = EventLogPage::Column;
    if (!m_category.isEmpty() && text(sourceRow, Column::Category) != m_category)
        return false;
    if (!m_subject.isEmpty() &&
        !text(sourceRow, Column::Subject).contains(m_subject, Qt::CaseInsensitive)) {
        return false;
    }
    if (m_since.isValid() &&
        sourceModel()->index(sourceRow, Column::Time).data(Qt::UserRole).toDateTime() < m_since) {
        return false;
    }
    if (m_failuresOnly &&
        sourceModel()->index(sourceRow, Column::Outcome).data(Qt::UserRole).toBool()) {
        return false;
    }
    if (m_search.isEmpty())
        return true;
    for (int c = 0; c < sourceModel()->columnCount(); ++c) {
        if (text(sourceRow, c).contains(m_search, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace kokoa::gui
