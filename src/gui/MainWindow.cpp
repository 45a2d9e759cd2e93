#include "gui/MainWindow.h"

#include "gui/GuiResources.h"
#include "gui/Session.h"
#include "ui_MainWindow.h"

#include <QApplication>
#include <QEvent>
#include <QMessageBox>

namespace kokoa::gui {

namespace {

// Page titles are marked in the form's context, "MainWindow".
QString pageTitle(const char *title)
{
    return QCoreApplication::translate("MainWindow", title);
}

} // namespace

MainWindow::MainWindow(Session &session, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_ui(std::make_unique<Ui::MainWindow>())
{
    registerResources();
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/kokoa.svg")));
    connect(m_ui->quitAction, &QAction::triggered, qApp, &QApplication::quit);
    connect(m_ui->aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

MainWindow::~MainWindow() = default;

void MainWindow::addPage(QWidget *page, const QIcon &icon, const char *title)
{
    m_ui->pages->addTab(page, icon, pageTitle(title));
    m_pageTitles.append(title);
}

QWidget *MainWindow::page(const QString &objectName) const
{
    return m_ui->pages->findChild<QWidget *>(objectName);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    m_ui->retranslateUi(this);
    for (int i = 0; i < m_pageTitles.size(); ++i)
        m_ui->pages->setTabText(i, pageTitle(m_pageTitles.at(i)));
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Kokoa"),
        tr("<p><b>Kokoa %1</b></p><p>Publishes the web services of your home server through "
           "disposable edges, with DNS failover and no third-party control plane.</p>"
           "<p>Data directory: %2</p>")
            .arg(QCoreApplication::applicationVersion(), m_session.dataDir().toHtmlEscaped()));
}

} // namespace kokoa::gui
