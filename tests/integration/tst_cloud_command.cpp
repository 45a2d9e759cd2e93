#include "cloud/CommandProvider.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace kokoa;
using namespace Qt::StringLiterals;

class TestCloudCommand : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void createPassesNameAndUserDataAndReadsTheServer();
    void destroyPassesTheId();
    void garbageOutputIsAClearError_data();
    void garbageOutputIsAClearError();
    void failingCommandReportsItsExitAndError();
    void hangingCommandIsKilledAtItsTimeLimit();
    void programMustBeAnAbsoluteExecutable();
    void cannotList();

private:
    QString script(const QString &name, const QByteArray &body);
    ServerSpec spec() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCloudCommand::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestCloudCommand::script(const QString &name, const QByteArray &body)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    f.write("#!/bin/sh\n" + body);
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

ServerSpec TestCloudCommand::spec() const
{
    ServerSpec s;
    s.name = u"kokoa-edge-1"_s;
    s.userData = "#cloud-config\nssh_authorized_keys: []\n";
    return s;
}

void TestCloudCommand::createPassesNameAndUserDataAndReadsTheServer()
{
    const QString seen = m_dir->filePath(u"seen"_s);
    const QString create =
        script(u"create"_s, "echo \"$1\" > '" + seen.toUtf8() + "'\ncat \"$2\" >> '" +
                                seen.toUtf8() + "'\nstat -c %a \"$2\" >> '" + seen.toUtf8() +
                                "'\necho '{\"id\": \"vm-42\", \"ipv4\": \"192.0.2.10\", \"ipv6\": "
                                "\"2001:db8::10\"}'\n");
    CommandProvider p(create, script(u"destroy"_s, "exit 0\n"));
    const Result<CloudServer> s = p.create(spec());
    QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message()));
    QCOMPARE(s->id, u"vm-42"_s);
    QCOMPARE(s->ipv4, u"192.0.2.10"_s);
    QCOMPARE(s->ipv6, u"2001:db8::10"_s);
    QCOMPARE(s->name, u"kokoa-edge-1"_s);
    QVERIFY(s->running);
    QFile f(seen);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray text = f.readAll();
    QCOMPARE(text, "kokoa-edge-1\n#cloud-config\nssh_authorized_keys: []\n600\n");
}

void TestCloudCommand::destroyPassesTheId()
{
    const QString seen = m_dir->filePath(u"seen"_s);
    const QString destroy = script(u"destroy"_s, "echo \"$1\" > '" + seen.toUtf8() + "'\n");
    CommandProvider p(script(u"create"_s, "exit 0\n"), destroy);
    QVERIFY(p.destroy(u"vm-42"_s).ok());
    QFile f(seen);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), "vm-42\n");
    const Status bad = p.destroy(u"$(reboot)"_s);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().field(), u"id"_s);
}

void TestCloudCommand::garbageOutputIsAClearError_data()
{
    QTest::addColumn<QByteArray>("output");
    QTest::addColumn<QString>("field");
    QTest::newRow("not json") << QByteArray("server is booting") << u"create-command"_s;
    QTest::newRow("array") << QByteArray("[1,2]") << u"create-command"_s;
    QTest::newRow("two objects") << QByteArray("{\"id\":\"a\",\"ipv4\":\"192.0.2.1\"}{}")
                                 << u"create-command"_s;
    QTest::newRow("no id") << QByteArray("{\"ipv4\":\"192.0.2.1\"}") << u"id"_s;
    QTest::newRow("id with spaces")
        << QByteArray("{\"id\":\"a b\",\"ipv4\":\"192.0.2.1\"}") << u"id"_s;
    QTest::newRow("no ipv4") << QByteArray("{\"id\":\"a\"}") << u"ipv4"_s;
    QTest::newRow("v6 as v4") << QByteArray("{\"id\":\"a\",\"ipv4\":\"2001:db8::1\"}") << u"ipv4"_s;
    QTest::newRow("bad ipv6") << QByteArray("{\"id\":\"a\",\"ipv4\":\"192.0.2.1\",\"ipv6\":\"x\"}")
                              << u"ipv6"_s;
}

void TestCloudCommand::garbageOutputIsAClearError()
{
    QFETCH(QByteArray, output);
    QFETCH(QString, field);
    const Result<CloudServer> parsed = CommandProvider::parseCreateOutput(output);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().field(), field);
    QVERIFY(!parsed.error().message().isEmpty());
}

void TestCloudCommand::failingCommandReportsItsExitAndError()
{
    CommandProvider p(script(u"create"_s, "echo 'quota exceeded' >&2\nexit 3\n"),
                      script(u"destroy"_s, "echo 'no such vm' >&2\nexit 1\n"));
    const Result<CloudServer> s = p.create(spec());
    QVERIFY(!s.ok());
    QVERIFY(s.error().message().contains(u"exited with 3"_s));
    QVERIFY(s.error().message().contains(u"quota exceeded"_s));
    const Status d = p.destroy(u"vm-1"_s);
    QVERIFY(!d.ok());
    QVERIFY(d.error().message().contains(u"no such vm"_s));
}

void TestCloudCommand::hangingCommandIsKilledAtItsTimeLimit()
{
    CommandProvider p(script(u"create"_s, "exec sleep 30\n"), script(u"destroy"_s, "exit 0\n"),
                      300);
    QElapsedTimer timer;
    timer.start();
    const Result<CloudServer> s = p.create(spec());
    QVERIFY(!s.ok());
    QCOMPARE(s.error().kind(), Error::Kind::Timeout);
    QVERIFY(timer.elapsed() < 10'000);
}

void TestCloudCommand::programMustBeAnAbsoluteExecutable()
{
    CommandProvider relative(u"create.sh"_s, script(u"destroy"_s, "exit 0\n"));
    Status s = relative.checkCredentials();
    QVERIFY(!s.ok());
    QCOMPARE(s.error().field(), u"create-command"_s);
    const QString notExecutable = m_dir->filePath(u"plain"_s);
    QFile f(notExecutable);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    CommandProvider plain(script(u"create"_s, "exit 0\n"), notExecutable);
    s = plain.checkCredentials();
    QVERIFY(!s.ok());
    QCOMPARE(s.error().field(), u"destroy-command"_s);
    QVERIFY(!plain.create(spec()).ok());
}

void TestCloudCommand::cannotList()
{
    CommandProvider p(script(u"create"_s, "exit 0\n"), script(u"destroy"_s, "exit 0\n"));
    QVERIFY(!p.canList());
    QVERIFY(!p.owned().ok());
}

QTEST_GUILESS_MAIN(TestCloudCommand)
#include "tst_cloud_command.moc"
