#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace kokoa::gui {

class EventFilterProxy;
class Session;

// The event log (store/EventLog, what `kokoactl events` prints): the newest
// events with filters by category, subject, time and outcome, and a search.
// New events are noticed by polling the newest event's id, which is cheap;
// the list is read again only when it changed.
class EventLogPage final : public QWidget
{
    Q_OBJECT

public:
    enum Column
    {
        Time,
        Category,
        Subject,
        Action,
        Reason,
        Outcome,
        ColumnCount
    };

    explicit EventLogPage(Session &session, QWidget *parent = nullptr);
    ~EventLogPage() override;

    static constexpr int shownEvents = 1000;
    void setPollInterval(int ms);
    // Reads the events again if a new one was written; true if it did.
    bool poll();
    void reload();

    int visibleRows() const;
    int totalRows() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyFilters();
    void updateCategories();
    void retranslate();
    void updateCount();

    Session &m_session;
    QStandardItemModel *m_model;
    EventFilterProxy *m_proxy;
    QTableView *m_view;
    QComboBox *m_category;
    QLineEdit *m_subject;
    QComboBox *m_period;
    QCheckBox *m_failuresOnly;
    QLineEdit *m_search;
    QLabel *m_count;
    QLabel *m_filterLabel;
    QTimer *m_poll;
    qint64 m_newestId = -1;
};

} // namespace kokoa::gui
