#pragma once

#include <QMainWindow>

#include <memory>

namespace Ui {
class MainWindow;
}

namespace kokoa::gui {

class Session;

// The main window: one tab per area (dashboard, configuration, events,
// settings). Pages are widgets of their own; the window only holds them,
// the menus and the status bar.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(Session &session, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Adds a page as a tab; the window owns it. title: marked with
    // QT_TRANSLATE_NOOP("MainWindow", …), translated now and on every
    // language change.
    void addPage(QWidget *page, const QIcon &icon, const char *title);
    QWidget *page(const QString &objectName) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void showAbout();
    void retranslate();

    Session &m_session;
    std::unique_ptr<Ui::MainWindow> m_ui;
    QList<const char *> m_pageTitles; // by tab index
};

} // namespace kokoa::gui
