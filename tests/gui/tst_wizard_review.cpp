// The setup wizard's review page: the hosts and the DNS plan at once from
// the configuration, the files each host gets rendered off the GUI thread,
// and the renderers' notes in the window's language.
#include "GuiTestSupport.h"
#include "gui/Language.h"
#include "gui/WizardReviewPage.h"

#include <QTest>
#include <QTreeWidget>

using namespace kokoa;

class tst_WizardReview : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void hostsAtOnceFilesFromTheWorker();
    void notesFollowTheLanguage();

private:
    QTreeWidgetItem *host(QTreeWidget *tree, const QString &name) const;
    QStringList childTexts(QTreeWidgetItem *item) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<gui::Session> m_session;
};

void tst_WizardReview::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = guitest::openSession(*m_dir);
    // Two edges and a hostname: a configuration the deploy can take.
    guitest::seedTopology(m_session->store());
    Edge second;
    second.name = QStringLiteral("osaka-1");
    second.ssh.host = QStringLiteral("8.8.8.8");
    second.publicIpv4 = QStringLiteral("8.8.8.8");
    QVERIFY(m_session->store().addEdge(second));
    Route route;
    route.hostname = QStringLiteral("www.example.com");
    route.originName = QStringLiteral("home");
    route.port = 8080;
    QVERIFY(m_session->store().addRoute(route));
}

void tst_WizardReview::cleanup()
{
    m_session.reset();
    m_dir.reset();
}

QTreeWidgetItem *tst_WizardReview::host(QTreeWidget *tree, const QString &name) const
{
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0).contains(name))
            return tree->topLevelItem(i);
    }
    return nullptr;
}

QStringList tst_WizardReview::childTexts(QTreeWidgetItem *item) const
{
    QStringList out;
    for (int i = 0; item && i < item->childCount(); ++i)
        out.append(item->child(i)->text(0));
    return out;
}

void tst_WizardReview::hostsAtOnceFilesFromTheWorker()
{
    gui::WizardReviewPage page(*m_session);
    page.initializePage();
    auto *tree = page.findChild<QTreeWidget *>(QStringLiteral("installTree"));
    QVERIFY(tree);
    // Before the worker is done: every host listed, each saying its files
    // are being worked out, and Next already allowed (nothing is missing).
    QVERIFY(page.isRendering());
    QTreeWidgetItem *edge = host(tree, QStringLiteral("tokyo-1"));
    QVERIFY(edge);
    QVERIFY(host(tree, QStringLiteral("osaka-1")));
    QVERIFY(host(tree, QStringLiteral("home")));
    QCOMPARE(childTexts(edge), QStringList{QStringLiteral("Working out the files…")});
    QVERIFY(page.isComplete());

    QTRY_VERIFY_WITH_TIMEOUT(!page.isRendering(), 20000);
    const QStringList files = childTexts(edge);
    QVERIFY2(files.contains(QStringLiteral("/etc/wireguard/kokoa0.conf")),
             qPrintable(files.join(u'\n')));
    QVERIFY2(files.filter(QStringLiteral("nginx")).size() >= 1, qPrintable(files.join(u'\n')));
    // No host has its WireGuard key before the deploy: said as a note.
    QVERIFY2(files.contains(QStringLiteral("edge \"tokyo-1\": origin \"home\" left out of the "
                                           "WireGuard peers: no WireGuard public key yet")),
             qPrintable(files.join(u'\n')));
}

void tst_WizardReview::notesFollowTheLanguage()
{
    gui::Language language;
    gui::WizardReviewPage page(*m_session);
    page.initializePage();
    QTRY_VERIFY_WITH_TIMEOUT(!page.isRendering(), 20000);
    language.apply(QStringLiteral("ja"));
    guitest::settle();
    auto *tree = page.findChild<QTreeWidget *>(QStringLiteral("installTree"));
    QTRY_VERIFY_WITH_TIMEOUT(!page.isRendering(), 20000);
    QTreeWidgetItem *origin = host(tree, QStringLiteral("home"));
    QVERIFY(origin);
    QVERIFY2(origin->text(0).startsWith(QStringLiteral("自宅サーバー home")),
             qPrintable(origin->text(0)));
    const QStringList notes = childTexts(origin);
    QVERIFY2(notes.contains(QStringLiteral("自宅サーバー \"home\": 入口ノード \"tokyo-1\" は "
                                           "WireGuard のピアに含まれていません（WireGuard "
                                           "の公開鍵がまだありません）")),
             qPrintable(notes.join(u'\n')));
    for (const QString &note : notes)
        QVERIFY2(!note.contains(QStringLiteral("left out")), qPrintable(note));
    language.apply(QStringLiteral("en"));
}

QTEST_MAIN(tst_WizardReview)
#include "tst_wizard_review.moc"
