#include "app/RemovedEdgeCertificates.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace kokoa;
using namespace Qt::StringLiterals;

class TestRemovedEdgeCertificates : public QObject
{
    Q_OBJECT

private slots:
    // The re-key command the shells suggest is pasted into a shell: run it
    // through one, in a directory holding a file the wildcard would match.
    void suggestedArgumentsSurviveTheUsersShell()
    {
        const QStringList lineages{u"*.example.com"_s, u"www.example.com"_s};
        const QString arguments = app::RemovedEdgeCertificates::rekeyArguments(lineages);
        QCOMPARE(arguments, u"'*.example.com' www.example.com"_s);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile match(dir.filePath(u"shop.example.com"_s));
        QVERIFY(match.open(QIODevice::WriteOnly));
        match.close();
        QProcess shell;
        shell.setWorkingDirectory(dir.path());
        shell.start(u"/bin/sh"_s, {u"-c"_s, u"printf '%s\\n' "_s + arguments});
        QVERIFY(shell.waitForFinished(10000));
        QCOMPARE(shell.exitCode(), 0);
        QCOMPARE(QString::fromUtf8(shell.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts),
                 lineages);
    }
};

QTEST_GUILESS_MAIN(TestRemovedEdgeCertificates)
#include "tst_removed_edge_certificates.moc"
