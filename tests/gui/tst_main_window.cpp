// The window's frame: it opens on a configured data directory, pages become
// tabs, and switching the language retranslates what is shown.
#include "app/Installation.h"
#include "gui/Language.h"
#include "gui/MainWindow.h"
#include "gui/Session.h"

#include <QMenuBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace kokoa;

class tst_MainWindow : public QObject
{
    Q_OBJECT

private slots:
    void opensWithPagesAsTabs();
    void languageSwitchRetranslatesMenusAndTabs();

private:
    std::unique_ptr<gui::Session> openSession(const QTemporaryDir &dir)
    {
        const app::Installation installation(dir.path());
        if (auto made = installation.setUp({}); !made)
            qFatal("%s", qPrintable(made.error().message()));
        auto session = gui::Session::open(dir.path());
        if (!session)
            qFatal("%s", qPrintable(session.error().message()));
        return std::move(session).value();
    }
};

void tst_MainWindow::opensWithPagesAsTabs()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto session = openSession(dir);
    gui::MainWindow window(*session);
    auto *page = new QWidget;
    page->setObjectName(QStringLiteral("examplePage"));
    window.addPage(page, {}, QT_TRANSLATE_NOOP("MainWindow", "Dashboard"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.page(QStringLiteral("examplePage")), page);
    auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("pages"));
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 1);
    QCOMPARE(tabs->tabText(0), QStringLiteral("Dashboard"));
}

void tst_MainWindow::languageSwitchRetranslatesMenusAndTabs()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto session = openSession(dir);
    gui::Language language;
    gui::MainWindow window(*session);
    window.show();
    const auto fileMenuTitle = [&] { return window.menuBar()->actions().constFirst()->text(); };
    QCOMPARE(fileMenuTitle(), QStringLiteral("&File"));

    language.apply(QStringLiteral("ja"));
    QCOMPARE(language.current(), QStringLiteral("ja"));
    // The language change reaches widgets as a posted event.
    QTRY_COMPARE(fileMenuTitle(), QStringLiteral("ファイル(&F)"));

    language.apply(QStringLiteral("en"));
    QTRY_COMPARE(fileMenuTitle(), QStringLiteral("&File"));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_main_window.moc"
