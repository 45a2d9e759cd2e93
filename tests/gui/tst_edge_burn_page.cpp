// Burn and replace from the edges page: asked first, naming the provider the
// replacement comes from; each step shows as it ends, the result stays on
// the page, one burn at a time; an edge added by hand with no provider to
// replace it from is a clear message, asked nothing. The burn itself
// (app/EdgeBurn) is stood in for; tst_edge_burn runs the real one.
#include "GuiTestSupport.h"
#include "gui/EdgeBurnRunner.h"
#include "gui/HostsPage.h"
#include "store/ProviderStore.h"

#include <QLabel>
#include <QMutex>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace kokoa;

class tst_EdgeBurnPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void burnIsAskedShowsEachStepAndTheResult();
    void handAddedEdgeWithoutProviderIsAClearMessage();

private:
    void addProviderServer(const QString &edge);
    QString pageText(const gui::HostsPage &page) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<gui::Session> m_session;
};

void tst_EdgeBurnPage::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = guitest::openSession(*m_dir);
    guitest::seedTopology(m_session->store());
}

void tst_EdgeBurnPage::cleanup()
{
    m_session.reset();
    m_dir.reset();
}

void tst_EdgeBurnPage::addProviderServer(const QString &edge)
{
    ProviderStore providers(m_session->store().database());
    ProviderRecord hz;
    hz.name = QStringLiteral("hetzner-main");
    hz.kind = QStringLiteral("hetzner");
    QVERIFY(providers.add(hz));
    ServerRecord server;
    server.provider = hz.name;
    server.name = QStringLiteral("kokoa-tokyo-1-0a1b2c");
    server.edge = edge;
    QVERIFY(providers.recordRequested(server));
}

QString tst_EdgeBurnPage::pageText(const gui::HostsPage &page) const
{
    return page.findChild<QLabel *>(QStringLiteral("pageError"))->text();
}

void tst_EdgeBurnPage::burnIsAskedShowsEachStepAndTheResult()
{
    addProviderServer(QStringLiteral("tokyo-1"));
    gui::HostsPage page(*m_session, gui::HostsPage::Kind::Edge);
    auto *button = page.findChild<QPushButton *>(QStringLiteral("burnEdge"));
    QVERIFY(button && button->isVisibleTo(&page));
    QVERIFY(!button->isEnabled()); // nothing selected

    QStringList asked;
    bool yes = false;
    page.setConfirmation([&](QWidget *, const QString &question) {
        asked.append(question);
        return yes;
    });
    QMutex gate;
    gate.lock();
    app::EdgeBurn::Request requested;
    page.burnRunner().setBurn(
        [&](Store &, const QString &, const app::EdgeBurn::Request &r,
            const app::EdgeCreation::StepSink &steps) -> Result<app::EdgeBurn::Report> {
            requested = r;
            steps(QStringLiteral("burn leave-dns"), QStringLiteral("out of the configuration"));
            steps(QStringLiteral("server"), QStringLiteral("not a burn step: not shown"));
            QMutexLocker held(&gate); // until the test has looked at the page
            steps(QStringLiteral("burn destroy"), QString());
            return app::EdgeBurn::Report{r.edge, r.edge, false, QString()};
        });
    QVERIFY(page.selectKey(QStringLiteral("tokyo-1")));
    QVERIFY(button->isEnabled());

    // Asked first; no: nothing happens.
    QVERIFY(!page.burnSelected());
    QCOMPARE(asked.size(), 1);
    QVERIFY2(asked.first().contains(QStringLiteral("tokyo-1")) &&
                 asked.first().contains(QStringLiteral("hetzner-main")),
             qPrintable(asked.first()));
    QVERIFY(!page.burnRunner().isRunning());

    yes = true;
    QSignalSpy finished(&page.burnRunner(), &gui::EdgeBurnRunner::finished);
    QVERIFY(page.burnSelected());
    QVERIFY(!button->isEnabled()); // one burn at a time
    QTRY_COMPARE_WITH_TIMEOUT(pageText(page), QStringLiteral("Burning: out of DNS…"), 5000);
    QCOMPARE(requested.edge, QStringLiteral("tokyo-1"));
    QCOMPARE(requested.provider, QStringLiteral("hetzner-main"));
    gate.unlock();
    QVERIFY(finished.wait(5000));
    QCOMPARE(finished.first().at(0).toBool(), true);
    QCOMPARE(pageText(page),
             QStringLiteral("tokyo-1 is burned and replaced by a new server, now in DNS."));
    QVERIFY(button->isEnabled());
    // In each language, the page as a burn leaves it.
    guitest::screenshotRunIn(QStringLiteral("edges-burned"), [this] {
        auto shown = std::make_unique<gui::HostsPage>(*m_session, gui::HostsPage::Kind::Edge);
        shown->resize(1000, 650);
        shown->setConfirmation([](QWidget *, const QString &) { return true; });
        shown->burnRunner().setBurn(
            [](Store &, const QString &, const app::EdgeBurn::Request &r,
               const app::EdgeCreation::StepSink &) -> Result<app::EdgeBurn::Report> {
                return app::EdgeBurn::Report{r.edge, r.edge, false, QString()};
            });
        QSignalSpy done(&shown->burnRunner(), &gui::EdgeBurnRunner::finished);
        if (!shown->selectKey(QStringLiteral("tokyo-1")) || !shown->burnSelected() ||
            !done.wait(5000))
            return std::unique_ptr<QWidget>();
        return std::unique_ptr<QWidget>(std::move(shown));
    });
}

void tst_EdgeBurnPage::handAddedEdgeWithoutProviderIsAClearMessage()
{
    gui::HostsPage page(*m_session, gui::HostsPage::Kind::Edge);
    bool asked = false;
    page.setConfirmation([&](QWidget *, const QString &) { return asked = true; });
    QVERIFY(page.selectKey(QStringLiteral("tokyo-1")));
    QVERIFY(!page.burnSelected());
    QVERIFY(!asked);
    QVERIFY(!page.burnRunner().isRunning());
    QVERIFY2(pageText(page).contains(QStringLiteral("added by hand")) &&
                 pageText(page).contains(QStringLiteral("kokoactl provider add")),
             qPrintable(pageText(page)));
}

QTEST_MAIN(tst_EdgeBurnPage)
#include "tst_edge_burn_page.moc"
