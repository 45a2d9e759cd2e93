// The database thread rule (store/Database.h): connections of one process,
// each opened and used on its own thread, share one file.

#include "store/Database.h"

#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <mutex>
#include <thread>

using namespace kokoa;
using namespace Qt::StringLiterals;

namespace {

const QList<Migration> migrations = {
    {1, {u"CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT NOT NULL)"_s}},
    {2, {u"CREATE TABLE u (id INTEGER PRIMARY KEY)"_s}},
    {3, {u"ALTER TABLE u ADD COLUMN note TEXT NOT NULL DEFAULT ''"_s}}};

} // namespace

class TestDatabase final : public QObject
{
    Q_OBJECT

private slots:
    // Two threads open a new file at once: each gets a working connection,
    // and the schema is migrated once.
    void twoThreadsOpenANewFile()
    {
        for (int round = 0; round < 10; ++round) {
            QTemporaryDir dir;
            QVERIFY(dir.isValid());
            const QString path = dir.filePath(u"kokoa.sqlite"_s);
            std::atomic<int> opened = 0;
            QStringList errors;
            std::mutex errorsLock;
            auto openAndWrite = [&](const QString &who) {
                Result<std::unique_ptr<Database>> db = Database::open(path, migrations);
                if (db && (*db)->schemaVersion() == 3 &&
                    (*db)->exec(u"INSERT INTO t (who) VALUES (?)"_s, {who})) {
                    ++opened;
                    return;
                }
                const std::lock_guard lock(errorsLock);
                errors.append(db ? u"%1: wrong version or write failed"_s.arg(who)
                                 : db.error().message());
            };
            std::thread a(openAndWrite, u"a"_s);
            std::thread b(openAndWrite, u"b"_s);
            a.join();
            b.join();
            QVERIFY2(opened == 2, qPrintable(errors.join(u'\n')));

            Result<std::unique_ptr<Database>> db = Database::open(path, migrations);
            QVERIFY(db);
            Result<QSqlQuery> rows = (*db)->exec(u"SELECT count(*) FROM t"_s);
            QVERIFY(rows && rows->next());
            QCOMPARE(rows->value(0).toInt(), 2);
        }
    }

    // A connection on this thread writes while one on another thread holds
    // a write transaction: it waits for it (the busy timeout) instead of failing.
    void writerWaitsForTheOtherConnection()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"kokoa.sqlite"_s);
        Result<std::unique_ptr<Database>> mine = Database::open(path, migrations);
        QVERIFY(mine);
        std::atomic_bool inTransaction = false;
        std::thread other([&] {
            Result<std::unique_ptr<Database>> theirs = Database::open(path, migrations);
            if (!theirs)
                return;
            (void)(*theirs)->transaction([&]() -> Status {
                if (Result<QSqlQuery> q =
                        (*theirs)->exec(u"INSERT INTO t (who) VALUES ('other')"_s);
                    !q)
                    return q.error();
                inTransaction = true;
                // A writer that takes its time, well within the busy timeout.
                QThread::msleep(300);
                return {};
            });
        });
        QTRY_VERIFY_WITH_TIMEOUT(inTransaction.load(), 10000);
        // This write starts while the other transaction holds the lock.
        const Status written = (*mine)->transaction([&]() -> Status {
            if (Result<QSqlQuery> q = (*mine)->exec(u"INSERT INTO t (who) VALUES ('me')"_s); !q)
                return q.error();
            return {};
        });
        other.join();
        QVERIFY2(written, written ? "" : qPrintable(written.error().message()));
        Result<QSqlQuery> rows = (*mine)->exec(u"SELECT count(*) FROM t"_s);
        QVERIFY(rows && rows->next());
        QCOMPARE(rows->value(0).toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "tst_database.moc"
