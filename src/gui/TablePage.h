#pragma once

#include <QWidget>

#include <functional>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTableWidget;

namespace kokoa::gui {

class Session;

// What the configuration pages share: a table of the stored objects (or, when
// there are none, a sentence saying how to add the first), buttons below it,
// and a confirmation before anything is removed. Pages reload when the
// configuration changes and retranslate on a language change.
class TablePage : public QWidget
{
    Q_OBJECT

public:
    // Asked before a removal: the question; true to go ahead.
    using Confirmation = std::function<bool(QWidget *parent, const QString &question)>;

    explicit TablePage(Session &session, QWidget *parent = nullptr);
    ~TablePage() override;

    // A QMessageBox by default; tests answer for the user.
    void setConfirmation(Confirmation confirmation) { m_confirm = std::move(confirmation); }

    // Reads the store again and fills the table.
    virtual void reload() = 0;

    QTableWidget *table() const { return m_table; }
    // The key (a name) of the selected row; empty when none is selected.
    QString selectedKey() const;
    bool selectKey(const QString &key);

protected:
    void changeEvent(QEvent *event) override;
    virtual void retranslate() = 0;

    // Columns are set by setHeaders; each row's first cell carries its key.
    void setHeaders(const QStringList &headers);
    void setRows(const QList<QStringList> &rows, const QStringList &keys);
    void setEmptyText(const QString &text);
    void showError(const QString &text);
    QPushButton *addButton(const QString &objectName);
    bool confirm(const QString &question);
    // Buttons that act on one row are enabled while a row is selected.
    void actsOnSelection(QPushButton *button);

    Session &m_session;

private:
    void updateSelectionButtons();

    QStackedWidget *m_stack;
    QTableWidget *m_table;
    QLabel *m_empty;
    QLabel *m_error;
    QHBoxLayout *m_buttons;
    QList<QPushButton *> m_selectionButtons;
    Confirmation m_confirm;
};

} // namespace kokoa::gui
