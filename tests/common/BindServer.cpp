#include "BindServer.h"

#include "LoopbackPorts.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace kokoa::test {

namespace {

constexpr int toolTimeoutMs = 20000;
constexpr int readyTimeoutMs = 20000;

QString runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(toolTimeoutMs);
    return QString::fromUtf8(p.readAllStandardOutput());
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace

BindServer::BindServer(QString directory)
    : m_directory(std::move(directory))
{
    m_named.setProcessChannelMode(QProcess::MergedChannels);
}

BindServer::~BindServer()
{
    if (m_named.state() == QProcess::NotRunning)
        return;
    m_named.terminate();
    if (!m_named.waitForFinished(10000)) {
        m_named.kill();
        m_named.waitForFinished(5000);
    }
}

QString BindServer::start(const QByteArray &records, const QStringList &keyNames)
{
    const QStringList sbin{u"/usr/sbin"_s, u"/usr/bin"_s};
    const QString named = QStandardPaths::findExecutable(u"named"_s, sbin);
    const QString keygen = QStandardPaths::findExecutable(u"tsig-keygen"_s, sbin);
    m_dig = QStandardPaths::findExecutable(u"dig"_s);
    if (named.isEmpty() || keygen.isEmpty() || m_dig.isEmpty())
        return u"BIND9 (named, tsig-keygen) and dig are needed: installer/install-deps.sh "
               "installs bind9 and bind9-dnsutils"_s;
    for (const QString &name : keyNames) {
        const QString statement = runTool(keygen, {u"-a"_s, u"hmac-sha256"_s, name});
        m_keys.insert(name, statement);
        m_keyOrder.append(name);
        if (secret(name).isEmpty())
            return u"tsig-keygen made no secret for %1: %2"_s.arg(name, statement);
    }
    m_port = freeLoopbackPort();
    if (m_port == 0)
        return u"no free loopback port for named"_s;
    if (const QString why = writeFiles(records); !why.isEmpty())
        return why;
    m_named.start(named, {u"-g"_s, u"-n"_s, u"1"_s, u"-4"_s, u"-c"_s,
                          QDir(m_directory).filePath(u"named.conf"_s)});
    if (!m_named.waitForStarted())
        return u"named did not start: %1"_s.arg(m_named.errorString());
    if (!waitUntilAnswering())
        return u"named did not answer within %1 s:\n%2"_s.arg(readyTimeoutMs / 1000)
            .arg(QString::fromUtf8(m_named.readAll()));
    return {};
}

QByteArray BindServer::secret(const QString &keyName) const
{
    static const QRegularExpression rx(u"secret \"([^\"]+)\""_s);
    return rx.match(m_keys.value(keyName)).captured(1).toLatin1();
}

QStringList BindServer::dig(const QString &name, const QString &type) const
{
    QStringList lines =
        runTool(m_dig, {u"@127.0.0.1"_s, u"-p"_s, QString::number(m_port), u"+tcp"_s, u"+short"_s,
                        u"+time=2"_s, u"+tries=1"_s, name, type})
            .split(u'\n', Qt::SkipEmptyParts);
    lines.sort();
    return lines;
}

QString BindServer::writeFiles(const QByteArray &records) const
{
    const QDir dir(m_directory);
    const QByteArray zoneText =
        "$TTL 300\n"
        "@ IN SOA ns1.example.test. hostmaster.example.test. 1 3600 600 86400 300\n"
        "@ IN NS ns1.example.test.\n"
        "ns1 IN A 127.0.0.1\n" +
        records;
    QStringList keys;
    for (const QString &name : m_keyOrder)
        keys.append(m_keys.value(name));
    const QString conf = u"options {\n"
                         "  directory \"%1\";\n"
                         "  pid-file \"%1/named.pid\";\n"
                         "  session-keyfile \"%1/session.key\";\n"
                         "  managed-keys-directory \"%1\";\n"
                         "  listen-on port %2 { 127.0.0.1; };\n"
                         "  listen-on-v6 { none; };\n"
                         "  recursion no;\n"
                         "  dnssec-validation no;\n"
                         "  allow-query { 127.0.0.1; };\n"
                         "};\n"
                         "controls { };\n"
                         "%3\n"
                         "zone \"example.test\" {\n"
                         "  type primary;\n"
                         "  file \"%1/example.test.zone\";\n"
                         "  allow-update { key %4; };\n"
                         "};\n"_s.arg(m_directory)
                             .arg(m_port)
                             .arg(keys.join(u'\n'), m_keyOrder.value(0));
    if (!writeFile(dir.filePath(u"example.test.zone"_s), zoneText) ||
        !writeFile(dir.filePath(u"named.conf"_s), conf.toUtf8()))
        return u"cannot write named's files in %1"_s.arg(m_directory);
    return {};
}

bool BindServer::waitUntilAnswering()
{
    // Ready when it answers with the zone's SOA (dig prints "connection
    // refused" on stdout too, so the answer itself is checked).
    const QDeadlineTimer deadline(readyTimeoutMs);
    while (!deadline.hasExpired() && m_named.state() == QProcess::Running) {
        const QStringList soa = dig(zone, u"SOA"_s);
        if (soa.size() == 1 && soa.first().startsWith(u"ns1.example.test. "_s))
            return true;
        m_named.waitForReadyRead(200);
    }
    return false;
}

} // namespace kokoa::test
