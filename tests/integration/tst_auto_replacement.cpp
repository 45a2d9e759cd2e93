// Automatic replacement's guards (app/AutoReplacement), fed assessments as
// the acting monitor emits them, on a clock the test moves: off by default,
// only after edges.replace_after_s and a confirmation from other edges,
// nothing while every edge is down, one at a time, the daily cap counted in
// the store, a provider in trouble or a hand-added edge holds it back, a
// failed burn is resumed later. The burn itself is stood in for here; the
// real one through the monitor's verdict is in tst_edge_burn.
#include "HetznerEmulator.h"
#include "ManualClock.h"
#include "ScriptedEdgeServers.h"
#include "app/AutoReplacement.h"
#include "app/ProviderService.h"
#include "core/DataDirectory.h"
#include "store/BurnStore.h"
#include "store/ProviderStore.h"
#include "store/Store.h"

#include <QFile>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace kokoa;
using namespace kokoa::app;
using namespace kokoa::test;
using namespace Qt::StringLiterals;

namespace {

const QByteArray hzToken = "hz-token-0123456789";
const QString tokyo = u"tokyo-1"_s;
const QString osaka = u"osaka-1"_s;

} // namespace

class TestAutoReplacement : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void offByDefault();
    void replacesOnlyAfterTheConfiguredTime();
    void downFromHereAloneAsksTheOtherEdges();
    void everyEdgeDownReplacesNothing();
    void oneReplacementAtATime();
    void dailyCapCountsAutomaticBurnsOnly();
    void failedBurnIsResumedLaterWithBackOff();
    void userBurnInProgressIsLeftAlone();
    void providerInTroubleHoldsItBack();
    void commandProviderIsNotHeldBack();
    void handAddedEdgeIsOnlyReported();

private:
    void enable(int afterSeconds = 60, int perDay = 3);
    // The stand-in burn: records the edge, answers with m_outcome.
    AutoReplacement::Burner recordingBurner();
    void assess(const QStringList &down, const QStringList &confirmed, bool allDown = false);
    void waitIdle();
    QStringList eventTexts() const;
    void startBurn(const QString &edge, bool automatic, bool finished);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    ManualClock m_clock;
    std::unique_ptr<AutoReplacement> m_auto;
    QMutex m_mutex;
    QStringList m_burned;
    AutoReplacement::Outcome m_outcome;
};

void TestAutoReplacement::initTestCase()
{
    qputenv("KOKOA_ALLOW_NONPUBLIC_ADDRESSES", "1");
}

void TestAutoReplacement::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(DataDirectory::ensure(m_dir->path()));
    auto store = Store::open(DataDirectory::databasePath(m_dir->path()));
    QVERIFY(store.ok());
    m_store = std::move(store).value();
    m_burned.clear();
    m_outcome = {true, true, tokyo, u"replaced by tokyo-1"_s};
    m_auto = std::make_unique<AutoReplacement>(*m_store, m_dir->path(), m_clock);
    m_auto->setBurner(recordingBurner());
}

void TestAutoReplacement::cleanup()
{
    m_auto.reset();
    m_store.reset();
}

void TestAutoReplacement::enable(int afterSeconds, int perDay)
{
    QVERIFY(m_store->setSetting(u"edges.auto_replace"_s, u"true"_s));
    QVERIFY(m_store->setSetting(u"edges.replace_after_s"_s, QString::number(afterSeconds)));
    QVERIFY(m_store->setSetting(u"edges.max_replacements_per_day"_s, QString::number(perDay)));
}

AutoReplacement::Burner TestAutoReplacement::recordingBurner()
{
    return [this](const QString &, const QString &, const QString &edge) {
        QMutexLocker lock(&m_mutex);
        m_burned.append(edge);
        return m_outcome;
    };
}

void TestAutoReplacement::assess(const QStringList &down, const QStringList &confirmed,
                                 bool allDown)
{
    m_auto->onAssessment(down, confirmed, allDown);
}

void TestAutoReplacement::waitIdle()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_auto->idle(), 10000);
}

QStringList TestAutoReplacement::eventTexts() const
{
    QStringList out;
    const Result<QList<Event>> events = m_store->events(200);
    for (const Event &e : *events) {
        if (e.action == u"automatic replacement"_s)
            out.append(e.subject + u": "_s + e.reason + u" -> "_s + e.outcome);
    }
    return out;
}

void TestAutoReplacement::startBurn(const QString &edge, bool automatic, bool finished)
{
    BurnRecord b;
    b.edge = edge;
    b.replacement = edge;
    b.provider = u"hz"_s;
    b.automatic = automatic;
    BurnStore burns(m_store->database());
    QVERIFY(burns.start(b));
    if (finished)
        QVERIFY(burns.finish(edge));
}

void TestAutoReplacement::offByDefault()
{
    for (int i = 0; i < 10; ++i) {
        assess({tokyo}, {tokyo});
        m_clock.advance(600'000);
    }
    waitIdle();
    QVERIFY(m_burned.isEmpty());
    QVERIFY(eventTexts().isEmpty());
}

void TestAutoReplacement::replacesOnlyAfterTheConfiguredTime()
{
    enable(60);
    QSignalSpy replaced(m_auto.get(), &AutoReplacement::replaced);
    assess({tokyo}, {tokyo});
    m_clock.advance(59'000);
    assess({tokyo}, {tokyo});
    QVERIFY(m_auto->idle());
    QVERIFY(m_burned.isEmpty());
    // Back up for a moment: the time starts again.
    assess({}, {});
    m_clock.advance(1'000);
    assess({tokyo}, {tokyo});
    m_clock.advance(59'000);
    assess({tokyo}, {tokyo});
    QVERIFY(m_burned.isEmpty());
    m_clock.advance(1'000);
    assess({tokyo}, {tokyo});
    QVERIFY(!m_auto->idle());
    QVERIFY(replaced.wait(10000));
    QCOMPARE(m_burned, QStringList{tokyo});
    QCOMPARE(replaced.first().at(1).toBool(), true);
    const QStringList events = eventTexts();
    QVERIFY2(events.join(u'\n').contains(
                 u"edge tokyo-1: down from every vantage for 60 s (edges.replace_after_s)"_s),
             qPrintable(events.join(u'\n')));
    QVERIFY2(events.last().endsWith(u"replaced by tokyo-1"_s), qPrintable(events.last()));
    // The replacement under the same name is judged afresh.
    assess({tokyo}, {tokyo});
    QVERIFY(m_auto->idle());
    QCOMPARE(m_burned.size(), 1);
}

void TestAutoReplacement::downFromHereAloneAsksTheOtherEdges()
{
    enable(60);
    QSignalSpy asked(m_auto.get(), &AutoReplacement::confirmationWanted);
    assess({tokyo}, {});
    m_clock.advance(120'000);
    assess({tokyo}, {});
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked.first().first().toString(), tokyo);
    QVERIFY(m_auto->idle());
    QVERIFY(m_burned.isEmpty());
    QVERIFY(eventTexts().join(u'\n').contains(u"asking the other edges"_s));
    m_clock.advance(2'000);
    assess({tokyo}, {tokyo}); // the other edges agree
    waitIdle();
    QCOMPARE(m_burned, QStringList{tokyo});
}

void TestAutoReplacement::everyEdgeDownReplacesNothing()
{
    enable(60);
    QSignalSpy alerts(m_auto.get(), &AutoReplacement::alertRaised);
    for (int i = 0; i < 20; ++i) {
        assess({tokyo, osaka}, {tokyo, osaka}, true);
        m_clock.advance(60'000);
    }
    waitIdle();
    QVERIFY(m_burned.isEmpty());
    QCOMPARE(alerts.size(), 1); // said once while it holds
    QVERIFY(alerts.first().first().toString().contains(u"control plane's own network"_s));
    // One edge comes back: the other's time starts again, since nothing
    // seen while our own network was the suspect counts.
    assess({osaka}, {osaka}, false);
    m_clock.advance(59'000);
    assess({osaka}, {osaka}, false);
    QVERIFY(m_auto->idle());
    QVERIFY(m_burned.isEmpty());
    m_clock.advance(1'000);
    assess({osaka}, {osaka}, false);
    waitIdle();
    QCOMPARE(m_burned, QStringList{osaka});
}

void TestAutoReplacement::oneReplacementAtATime()
{
    enable(60);
    QMutex gate;
    gate.lock();
    m_auto->setBurner([&](const QString &, const QString &, const QString &edge) {
        {
            QMutexLocker lock(&m_mutex);
            m_burned.append(edge);
        }
        QMutexLocker held(&gate); // until the test lets it finish
        return AutoReplacement::Outcome{true, true, edge, u"replaced"_s};
    });
    assess({tokyo, osaka}, {tokyo, osaka});
    m_clock.advance(60'000);
    assess({tokyo, osaka}, {tokyo, osaka});
    QTRY_COMPARE_WITH_TIMEOUT(m_burned.size(), 1, 10000);
    for (int i = 0; i < 5; ++i) {
        m_clock.advance(60'000);
        assess({tokyo, osaka}, {tokyo, osaka});
    }
    QCOMPARE(m_burned.size(), 1);
    gate.unlock();
    waitIdle();
    assess({tokyo, osaka}, {tokyo, osaka});
    waitIdle();
    QCOMPARE(m_burned.size(), 2);
    QCOMPARE(QSet<QString>(m_burned.begin(), m_burned.end()), (QSet<QString>{tokyo, osaka}));
}

void TestAutoReplacement::dailyCapCountsAutomaticBurnsOnly()
{
    enable(60, 2);
    startBurn(u"nara-1"_s, true, true);
    startBurn(u"kobe-1"_s, false, true); // the user's: not counted
    assess({tokyo}, {tokyo});
    m_clock.advance(60'000);
    assess({tokyo}, {tokyo});
    waitIdle();
    QCOMPARE(m_burned, QStringList{tokyo});
    startBurn(tokyo, true, true); // what the stand-in burn would have recorded

    QSignalSpy alerts(m_auto.get(), &AutoReplacement::alertRaised);
    assess({osaka}, {osaka});
    m_clock.advance(60'000);
    for (int i = 0; i < 3; ++i) {
        assess({osaka}, {osaka});
        m_clock.advance(10'000);
    }
    waitIdle();
    QCOMPARE(m_burned, QStringList{tokyo});
    QCOMPARE(alerts.size(), 1);
    const QString alert = alerts.first().first().toString();
    QVERIFY2(alert.contains(u"edges.max_replacements_per_day"_s) &&
                 alert.contains(u"kokoactl edge burn osaka-1"_s),
             qPrintable(alert));
}

void TestAutoReplacement::failedBurnIsResumedLaterWithBackOff()
{
    enable(60);
    m_outcome = {true, false, QString(), u"burn of edge tokyo-1 stopped at create"_s};
    QSignalSpy alerts(m_auto.get(), &AutoReplacement::alertRaised);
    assess({tokyo}, {tokyo});
    m_clock.advance(60'000);
    assess({tokyo}, {tokyo});
    waitIdle();
    QCOMPARE(m_burned.size(), 1);
    QCOMPARE(alerts.size(), 1);
    QVERIFY2(alerts.first().first().toString().contains(u"tried again in 60 s"_s),
             qPrintable(alerts.first().first().toString()));
    // As EdgeBurn leaves it: the edge gone from the configuration, its burn
    // unfinished; the resume does not wait for the edge to be seen down.
    startBurn(tokyo, true, false);
    m_clock.advance(59'000);
    assess({}, {});
    QCOMPARE(m_burned.size(), 1);
    m_clock.advance(1'000);
    assess({}, {});
    waitIdle();
    QCOMPARE(m_burned.size(), 2);
    QVERIFY(eventTexts().join(u'\n').contains(u"resuming the automatic burn"_s));
    QVERIFY2(alerts.last().first().toString().contains(u"tried again in 120 s"_s),
             qPrintable(alerts.last().first().toString()));
    m_clock.advance(119'000);
    assess({}, {});
    QCOMPARE(m_burned.size(), 2);
}

void TestAutoReplacement::userBurnInProgressIsLeftAlone()
{
    enable(60);
    startBurn(tokyo, false, false);
    assess({tokyo}, {tokyo});
    m_clock.advance(600'000);
    assess({tokyo}, {tokyo});
    waitIdle();
    QVERIFY(m_burned.isEmpty());
}

void TestAutoReplacement::providerInTroubleHoldsItBack()
{
    HetznerEmulator api(hzToken);
    QVERIFY(api.start());
    QVERIFY(addHetznerProvider(*m_store, m_dir->path(), api.baseUrl(), hzToken, u"debian-12"_s));
    ServerRecord server;
    server.provider = u"hz"_s;
    server.name = u"kokoa-tokyo-1-0a1b2c"_s;
    server.edge = tokyo;
    QVERIFY(ProviderStore(m_store->database()).recordRequested(server));
    AutoReplacement::BurnSetup setup;
    setup.opener = fastHetznerOpener(1);
    m_auto->setBurner(AutoReplacement::edgeBurner(setup));
    api.failWith5xx(100);
    enable(60);
    QSignalSpy replaced(m_auto.get(), &AutoReplacement::replaced);
    assess({tokyo}, {tokyo});
    m_clock.advance(60'000);
    assess({tokyo}, {tokyo});
    QVERIFY(replaced.wait(20000));
    QCOMPARE(replaced.first().at(1).toBool(), false);
    const QString detail = replaced.first().at(2).toString();
    QVERIFY2(detail.contains(u"provider hz reports errors"_s), qPrintable(detail));
    // Nothing was started: no burn recorded, nothing destroyed or created.
    const auto burns = BurnStore(m_store->database()).allUnfinished();
    QVERIFY(burns.ok() && burns->isEmpty());
    const auto counted = BurnStore(m_store->database()).automaticSince(0);
    QCOMPARE(*counted, 0);
    QVERIFY(api.servers().isEmpty());
    QVERIFY(eventTexts().join(u'\n').contains(u"is not replaced automatically"_s));
}

// A command provider cannot list its servers: that is no error to hold the
// replacement back for (its create and destroy answer for themselves).
void TestAutoReplacement::commandProviderIsNotHeldBack()
{
    const QString script = m_dir->filePath(u"fails"_s);
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("#!/bin/sh\nexit 1\n");
    f.close();
    QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    ProviderService::Description d;
    d.name = u"cmd"_s;
    d.kind = u"command"_s;
    d.createCommand = script;
    d.destroyCommand = script;
    const Result<ProviderRecord> record = ProviderService::recordFrom(d);
    QVERIFY2(record.ok(), qPrintable(record.ok() ? QString() : record.error().message()));
    QVERIFY(ProviderService(*m_store, m_dir->path()).add(*record, {}, false));
    ServerRecord server;
    server.provider = u"cmd"_s;
    server.name = u"kokoa-tokyo-1-0a1b2c"_s;
    server.edge = tokyo;
    QVERIFY(ProviderStore(m_store->database()).recordRequested(server));
    m_auto->setBurner(AutoReplacement::edgeBurner());
    enable(60);
    QSignalSpy replaced(m_auto.get(), &AutoReplacement::replaced);
    assess({tokyo}, {tokyo});
    m_clock.advance(60'000);
    assess({tokyo}, {tokyo});
    QVERIFY(replaced.wait(20000));
    const QString detail = replaced.first().at(2).toString();
    QVERIFY2(!detail.contains(u"reports errors"_s), qPrintable(detail));
    // The burn itself ran (and stopped: there is no such edge here).
    QVERIFY2(eventTexts().join(u'\n').contains(u"automatic replacement of edge tokyo-1 stopped"_s),
             qPrintable(eventTexts().join(u'\n')));
}

void TestAutoReplacement::handAddedEdgeIsOnlyReported()
{
    m_auto->setBurner(AutoReplacement::edgeBurner());
    enable(60);
    QSignalSpy replaced(m_auto.get(), &AutoReplacement::replaced);
    assess({tokyo}, {tokyo});
    m_clock.advance(60'000);
    assess({tokyo}, {tokyo});
    QVERIFY(replaced.wait(10000));
    const QString detail = replaced.first().at(2).toString();
    QVERIFY2(detail.contains(u"added by hand"_s) &&
                 detail.contains(u"kokoactl edge burn tokyo-1 --provider P"_s),
             qPrintable(detail));
    const auto counted = BurnStore(m_store->database()).automaticSince(0);
    QCOMPARE(*counted, 0);
}

QTEST_GUILESS_MAIN(TestAutoReplacement)
#include "tst_auto_replacement.moc"
