#include "gui/TablePage.h"

#include "gui/Session.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace kokoa::gui {

TablePage::TablePage(Session &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableWidget(this))
    , m_empty(new QLabel(this))
    , m_error(new QLabel(this))
    , m_buttons(new QHBoxLayout)
{
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(true);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setMargin(24);
    m_error->setObjectName(QStringLiteral("pageError"));
    m_error->setWordWrap(true);
    m_error->hide();
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_empty);
    m_buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_error);
    layout->addLayout(m_buttons);
    m_confirm = [](QWidget *owner, const QString &question) {
        return QMessageBox::question(owner, tr("Remove"), question,
                                     QMessageBox::Yes | QMessageBox::Cancel,
                                     QMessageBox::Cancel) == QMessageBox::Yes;
    };
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &TablePage::updateSelectionButtons);
    connect(&m_session, &Session::configurationChanged, this, [this] { reload(); });
}

TablePage::~TablePage() = default;

QString TablePage::selectedKey() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return {};
    const QTableWidgetItem *first = m_table->item(selected.constFirst()->row(), 0);
    return first ? first->data(Qt::UserRole).toString() : QString();
}

bool TablePage::selectKey(const QString &key)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        if (m_table->item(row, 0)->data(Qt::UserRole).toString() == key) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

void TablePage::setHeaders(const QStringList &headers)
{
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
}

void TablePage::setRows(const QList<QStringList> &rows, const QStringList &keys)
{
    const QString selected = selectedKey();
    m_table->setSortingEnabled(false);
    m_table->clearContents();
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < rows.at(r).size(); ++c) {
            auto *item = new QTableWidgetItem(rows.at(r).at(c));
            if (c == 0)
                item->setData(Qt::UserRole, keys.value(r));
            m_table->setItem(r, c, item); // the table owns the item
        }
    }
    m_table->setSortingEnabled(true);
    m_table->resizeColumnsToContents();
    m_stack->setCurrentWidget(rows.isEmpty() ? static_cast<QWidget *>(m_empty) : m_table);
    if (!selected.isEmpty())
        selectKey(selected);
    updateSelectionButtons();
}

void TablePage::setEmptyText(const QString &text)
{
    m_empty->setText(text);
}

void TablePage::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

QPushButton *TablePage::addButton(const QString &objectName)
{
    auto *button = new QPushButton(this);
    button->setObjectName(objectName);
    m_buttons->addWidget(button);
    return button;
}

bool TablePage::confirm(const QString &question)
{
    return m_confirm(this, question);
}

void TablePage::actsOnSelection(QPushButton *button)
{
    m_selectionButtons.append(button);
    updateSelectionButtons();
}

void TablePage::updateSelectionButtons()
{
    const bool selected = !selectedKey().isEmpty();
    for (QPushButton *button : std::as_const(m_selectionButtons))
        button->setEnabled(selected);
}

void TablePage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        reload(); // cells hold translated words (states, yes/no)
    }
    QWidget::changeEvent(event);
}

} // namespace kokoa::gui
