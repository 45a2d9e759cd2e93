// The event log page against a real store: filters and search narrow the
// rows, and events written by others appear without a restart.
#include "GuiTestSupport.h"
#include "gui/EventLogPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QTest>

using namespace kokoa;

class tst_EventLogPage : public QObject
{
    Q_OBJECT

private slots:
    void filtersAndSearchNarrowTheRows();
    void newEventsAppear();
};

namespace {

Event makeEvent(const QString &category, const QString &subject, const QString &action,
                const QString &outcome, const QDateTime &at)
{
    Event e;
    e.category = category;
    e.subject = subject;
    e.action = action;
    e.outcome = outcome;
    e.at = at;
    return e;
}

} // namespace

void tst_EventLogPage::filtersAndSearchNarrowTheRows()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto session = guitest::openSession(dir);
    Store &store = session->store();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const int before = int(store.events(1000)->size()); // what setting up wrote
    QVERIFY(store.appendEvent(makeEvent(QStringLiteral("health"), QStringLiteral("edge tokyo-1"),
                                        QStringLiteral("down"),
                                        QStringLiteral("connection refused"), now.addSecs(-60))));
    QVERIFY(
        store.appendEvent(makeEvent(QStringLiteral("health"), QStringLiteral("edge osaka-1"),
                                    QStringLiteral("up"), QStringLiteral("ok"), now.addSecs(-30))));
    QVERIFY(store.appendEvent(makeEvent(QStringLiteral("dns"), QStringLiteral("zone example.com"),
                                        QStringLiteral("remove tokyo-1"), QStringLiteral("ok"),
                                        now.addDays(-3))));
    gui::EventLogPage page(*session);
    const int all = before + 3;
    QCOMPARE(page.totalRows(), all);
    QCOMPARE(page.visibleRows(), all);
    guitest::screenshot(&page, QStringLiteral("events"));

    auto *category = page.findChild<QComboBox *>(QStringLiteral("categoryFilter"));
    category->setCurrentIndex(category->findText(QStringLiteral("health")));
    QCOMPARE(page.visibleRows(), 2);
    page.findChild<QLineEdit *>(QStringLiteral("subjectFilter"))->setText(QStringLiteral("tokyo"));
    QCOMPARE(page.visibleRows(), 1);
    page.findChild<QLineEdit *>(QStringLiteral("subjectFilter"))->clear();
    page.findChild<QCheckBox *>(QStringLiteral("failuresOnly"))->setChecked(true);
    QCOMPARE(page.visibleRows(), 1);
    page.findChild<QCheckBox *>(QStringLiteral("failuresOnly"))->setChecked(false);
    category->setCurrentIndex(0);
    QCOMPARE(page.visibleRows(), all);

    // The search looks at every column: the subject of one, the action of another.
    auto *search = page.findChild<QLineEdit *>(QStringLiteral("search"));
    search->setText(QStringLiteral("TOKYO-1"));
    QCOMPARE(page.visibleRows(), 2);
    search->setText(QStringLiteral("refused"));
    QCOMPARE(page.visibleRows(), 1);
    search->clear();

    // The last 24 hours leave out the event of three days ago.
    auto *period = page.findChild<QComboBox *>(QStringLiteral("periodFilter"));
    period->setCurrentIndex(2);
    QCOMPARE(page.visibleRows(), all - 1);
}

void tst_EventLogPage::newEventsAppear()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto session = guitest::openSession(dir);
    gui::EventLogPage page(*session);
    page.setPollInterval(50);
    const int before = page.totalRows();
    QVERIFY(!page.poll()); // nothing new: nothing read
    // Written through another connection, as the watchdog would.
    auto other = Store::open(session->databasePath());
    QVERIFY(other.ok());
    QVERIFY((*other)->appendEvent(makeEvent(
        QStringLiteral("deploy"), QStringLiteral("edge tokyo-1"), QStringLiteral("deploy"),
        QStringLiteral("ok"), QDateTime::currentDateTimeUtc())));
    QTRY_COMPARE_WITH_TIMEOUT(page.totalRows(), before + 1, 5000);
}

QTEST_MAIN(tst_EventLogPage)
#include "tst_event_log_page.moc"
