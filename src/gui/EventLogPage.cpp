#include "gui/EventLogPage.h"

#include "gui/EventFilterProxy.h"
#include "gui/Session.h"
#include "store/Store.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace kokoa::gui {

namespace {

// The time window choices, in seconds back from now; 0: all.
const QList<qint64> periods{0, 3600, 24 * 3600, 7 * 24 * 3600};

} // namespace

EventLogPage::EventLogPage(Session &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new QStandardItemModel(0, ColumnCount, this))
    , m_proxy(new EventFilterProxy(this))
    , m_view(new QTableView(this))
    , m_category(new QComboBox(this))
    , m_subject(new QLineEdit(this))
    , m_period(new QComboBox(this))
    , m_failuresOnly(new QCheckBox(this))
    , m_search(new QLineEdit(this))
    , m_count(new QLabel(this))
    , m_filterLabel(new QLabel(this))
    , m_poll(new QTimer(this))
{
    setObjectName(QStringLiteral("eventLogPage"));
    m_category->setObjectName(QStringLiteral("categoryFilter"));
    m_subject->setObjectName(QStringLiteral("subjectFilter"));
    m_period->setObjectName(QStringLiteral("periodFilter"));
    m_failuresOnly->setObjectName(QStringLiteral("failuresOnly"));
    m_search->setObjectName(QStringLiteral("search"));
    m_count->setObjectName(QStringLiteral("eventCount"));
    m_search->setClearButtonEnabled(true);
    m_subject->setClearButtonEnabled(true);
    m_category->addItem(QString()); // "all categories"
    for (int i = 0; i < periods.size(); ++i)
        m_period->addItem(QString());

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::UserRole);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(Time, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_filterLabel);
    filters->addWidget(m_category);
    filters->addWidget(m_subject, 1);
    filters->addWidget(m_period);
    filters->addWidget(m_failuresOnly);
    filters->addWidget(m_search, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_count);

    connect(m_category, &QComboBox::currentIndexChanged, this, &EventLogPage::applyFilters);
    connect(m_period, &QComboBox::currentIndexChanged, this, &EventLogPage::applyFilters);
    connect(m_failuresOnly, &QCheckBox::toggled, this, &EventLogPage::applyFilters);
    connect(m_subject, &QLineEdit::textChanged, this, &EventLogPage::applyFilters);
    connect(m_search, &QLineEdit::textChanged, this, &EventLogPage::applyFilters);
    connect(m_poll, &QTimer::timeout, this, &EventLogPage::poll);
    connect(&m_session, &Session::configurationChanged, this, &EventLogPage::poll);
    m_poll->start(2000);
    retranslate();
    reload();
}

EventLogPage::~EventLogPage() = default;

void EventLogPage::setPollInterval(int ms)
{
    m_poll->start(ms);
}

bool EventLogPage::poll()
{
    const Result<QList<Event>> newest = m_session.store().events(1);
    const qint64 id = newest && !newest->isEmpty() ? newest->constFirst().id : 0;
    if (id == m_newestId)
        return false;
    reload();
    return true;
}

void EventLogPage::reload()
{
    const Result<QList<Event>> events = m_session.store().events(shownEvents);
    if (!events) {
        m_count->setText(tr("The event log could not be read: %1").arg(events.error().message()));
        return;
    }
    m_model->removeRows(0, m_model->rowCount());
    for (const Event &e : *events) {
        QList<QStandardItem *> row;
        auto *time =
            new QStandardItem(e.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        time->setData(e.at, Qt::UserRole);
        row.append(time);
        for (const QString &text : {e.category, e.subject, e.action, e.reason}) {
            auto *item = new QStandardItem(text);
            item->setData(text, Qt::UserRole);
            row.append(item);
        }
        const bool ok = e.outcome == QLatin1String("ok");
        auto *outcome = new QStandardItem(e.outcome);
        outcome->setData(ok, Qt::UserRole);
        outcome->setToolTip(e.outcome);
        row.append(outcome);
        m_model->appendRow(row); // the model owns the items
    }
    m_newestId = events->isEmpty() ? 0 : events->constLast().id;
    updateCategories();
    m_view->resizeColumnsToContents();
    updateCount();
}

void EventLogPage::updateCategories()
{
    QStringList categories;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QString category = m_model->item(r, Category)->text();
        if (!categories.contains(category))
            categories.append(category);
    }
    categories.sort();
    const QString current = m_category->currentIndex() > 0 ? m_category->currentText() : QString();
    const QSignalBlocker blocker(m_category);
    while (m_category->count() > 1)
        m_category->removeItem(1);
    m_category->addItems(categories);
    if (!current.isEmpty()) {
        if (m_category->findText(current) < 0)
            m_category->addItem(current);
        m_category->setCurrentText(current);
    }
}

void EventLogPage::applyFilters()
{
    m_proxy->setCategory(m_category->currentIndex() > 0 ? m_category->currentText() : QString());
    m_proxy->setSubject(m_subject->text());
    const qint64 seconds = periods.value(m_period->currentIndex());
    m_proxy->setSince(seconds ? QDateTime::currentDateTimeUtc().addSecs(-seconds) : QDateTime());
    m_proxy->setFailuresOnly(m_failuresOnly->isChecked());
    m_proxy->setSearch(m_search->text());
    updateCount();
}

int EventLogPage::visibleRows() const
{
    return m_proxy->rowCount();
}

int EventLogPage::totalRows() const
{
    return m_model->rowCount();
}

void EventLogPage::updateCount()
{
    if (m_model->rowCount() == 0) {
        m_count->setText(tr("No events yet. Every change, deploy, health and DNS decision "
                            "will be listed here."));
        return;
    }
    m_count->setText(
        tr("%1 of the newest %2 events shown").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void EventLogPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void EventLogPage::retranslate()
{
    m_model->setHorizontalHeaderLabels(
        {tr("Time"), tr("Category"), tr("Subject"), tr("Action"), tr("Reason"), tr("Outcome")});
    m_filterLabel->setText(tr("Filter:"));
    m_category->setItemText(0, tr("All categories"));
    m_subject->setPlaceholderText(tr("Subject, e.g. edge tokyo-1"));
    m_period->setItemText(0, tr("Any time"));
    m_period->setItemText(1, tr("Last hour"));
    m_period->setItemText(2, tr("Last 24 hours"));
    m_period->setItemText(3, tr("Last 7 days"));
    m_failuresOnly->setText(tr("Failures only"));
    m_search->setPlaceholderText(tr("Search"));
    updateCount();
}

} // namespace kokoa::gui
