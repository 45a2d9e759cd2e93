#include "cloud/CloudInitUserData.h"
#include "cloud/GeneratedHostKey.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace kokoa;
using namespace Qt::StringLiterals;

namespace {

const QString kokoaKey =
    u"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGj6kVlnUkYwA40NTb9RjqthEr1gF/clUwJv2v/m6Lmp kokoa"_s;

struct Run
{
    int exitCode = -1;
    QString output;
};

Run runTool(const QString &program, const QStringList &arguments)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, arguments);
    if (!p.waitForFinished(120'000))
        return {};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAll())};
}

} // namespace

class TestCloudInit : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void userDataPassesTheRealSchemaValidator();
    void theValidatorRejectsABrokenDocument();
    void hostKeyFingerprintMatchesOpenSsh();
    void userDataCarriesTheKeysAndNothingElse();

private:
    QString write(const QString &name, const QByteArray &text);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestCloudInit::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString TestCloudInit::write(const QString &name, const QByteArray &text)
{
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(text);
    return path;
}

void TestCloudInit::userDataPassesTheRealSchemaValidator()
{
    const QString cloudInit = QStandardPaths::findExecutable(u"cloud-init"_s);
    if (cloudInit.isEmpty())
        QFAIL("cloud-init is missing: installer/install-deps.sh installs it (Debian package "
              "cloud-init)");
    const Result<GeneratedHostKey> key = GeneratedHostKey::generate();
    QVERIFY(key.ok());
    const QString path = write(u"user-data"_s, CloudInitUserData::build(*key, kokoaKey));
    const Run run = runTool(cloudInit, {u"schema"_s, u"--config-file"_s, path});
    QVERIFY2(run.exitCode == 0, qPrintable(run.output));
    QVERIFY2(run.output.contains(u"Valid schema"_s) || run.output.contains(u"Valid cloud-config"_s),
             qPrintable(run.output));
}

void TestCloudInit::theValidatorRejectsABrokenDocument()
{
    const QString cloudInit = QStandardPaths::findExecutable(u"cloud-init"_s);
    if (cloudInit.isEmpty())
        QFAIL("cloud-init is missing: installer/install-deps.sh installs it (Debian package "
              "cloud-init)");
    // The same shape with a wrong type: the check above is a real check.
    const QString path = write(u"broken"_s, "#cloud-config\nssh_keys: 5\nssh_authorized_keys: 7\n");
    const Run run = runTool(cloudInit, {u"schema"_s, u"--config-file"_s, path});
    QVERIFY2(run.exitCode != 0, qPrintable(run.output));
}

void TestCloudInit::hostKeyFingerprintMatchesOpenSsh()
{
    const QString keygen = QStandardPaths::findExecutable(u"ssh-keygen"_s);
    if (keygen.isEmpty())
        QFAIL("ssh-keygen is missing: installer/install-deps.sh installs it (openssh-client)");
    const Result<GeneratedHostKey> key = GeneratedHostKey::generate();
    QVERIFY(key.ok());
    const QString privatePath = write(u"host"_s, key->privateKeyOpenSsh);
    QFile::setPermissions(privatePath, QFile::ReadOwner | QFile::WriteOwner);
    // OpenSSH reads the private half and derives the same public key.
    const Run derived = runTool(keygen, {u"-y"_s, u"-f"_s, privatePath});
    QCOMPARE(derived.exitCode, 0);
    QCOMPARE(derived.output.trimmed().section(u' ', 0, 1), key->publicKeyLine.section(u' ', 0, 1));
    const QString publicPath = write(u"host.pub"_s, key->publicKeyLine.toUtf8() + '\n');
    const Run fp = runTool(keygen, {u"-l"_s, u"-E"_s, u"sha256"_s, u"-f"_s, publicPath});
    QCOMPARE(fp.exitCode, 0);
    QCOMPARE(fp.output.section(u' ', 1, 1), key->fingerprint);
    QVERIFY(GeneratedHostKey::fingerprintOf(u"ssh-ed25519 !!!"_s).isEmpty());
}

void TestCloudInit::userDataCarriesTheKeysAndNothingElse()
{
    const Result<GeneratedHostKey> a = GeneratedHostKey::generate();
    const Result<GeneratedHostKey> b = GeneratedHostKey::generate();
    QVERIFY(a.ok() && b.ok());
    QVERIFY(a->fingerprint != b->fingerprint);
    const QByteArray text = CloudInitUserData::build(*a, kokoaKey);
    QVERIFY(text.startsWith("#cloud-config\n"));
    QVERIFY(text.contains(a->publicKeyLine.toUtf8()));
    QVERIFY(text.contains(kokoaKey.toUtf8()));
    QVERIFY(text.contains("ssh_deletekeys: true\n"));
    QVERIFY(!text.contains("ssh_genkeytypes"));
    QVERIFY(text.contains("    -----BEGIN OPENSSH PRIVATE KEY-----\n"));
    // A hostile comment on the authorized key cannot add YAML of its own.
    const QByteArray hostile = CloudInitUserData::build(*a, kokoaKey + u"\"\nruncmd: [reboot]\n"_s);
    QVERIFY(!hostile.contains("\nruncmd:"));
}

QTEST_GUILESS_MAIN(TestCloudInit)
#include "tst_cloud_init.moc"
