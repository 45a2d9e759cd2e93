#include "cloud/CommandProvider.h"

#include "cloud/CloudLogging.h"

#include <QFileInfo>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryFile>

namespace kokoa {
namespace {

constexpr qint64 maxOutputBytes = 64 * 1024;

const QRegularExpression &idPattern()
{
    // Whatever a provider calls its servers, printable and short: the id is
    // passed back to destroy as one argument and shown to the user.
    static const QRegularExpression rx(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$"));
    return rx;
}

Status checkProgram(const QString &path, const QString &field)
{
    const QFileInfo info(path);
    if (!info.isAbsolute() || !info.isFile() || !info.isExecutable())
        return Error::invalid(
            field, path, CommandProvider::tr("must be the absolute path of an executable file"));
    return {};
}

} // namespace

CommandProvider::CommandProvider(QString createCommand, QString destroyCommand, int timeoutMs)
    : m_create(std::move(createCommand))
    , m_destroy(std::move(destroyCommand))
    , m_timeoutMs(timeoutMs)
{}

Status CommandProvider::checkCredentials()
{
    if (Status s = checkProgram(m_create, QStringLiteral("create-command")); !s)
        return s;
    return checkProgram(m_destroy, QStringLiteral("destroy-command"));
}

Result<CommandProvider::Run> CommandProvider::run(const QString &program,
                                                  const QStringList &arguments, const QString &what)
{
    QProcess process;
    process.setProgram(program);
    process.setArguments(arguments);
    process.start();
    if (!process.waitForStarted(10'000))
        return Error(Error::Kind::Io,
                     tr("%1: %2 did not start: %3")
                         .arg(what, quoteForMessage(program), process.errorString()));
    if (!process.waitForFinished(m_timeoutMs)) {
        process.kill();
        process.waitForFinished(5'000);
        return Error(Error::Kind::Timeout, tr("%1: %2 did not finish within %3 s")
                                               .arg(what, quoteForMessage(program))
                                               .arg(m_timeoutMs / 1000));
    }
    Run r;
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput().left(maxOutputBytes);
    r.err = process.readAllStandardError().left(maxOutputBytes);
    if (r.exitCode != 0)
        return Error(Error::Kind::Remote,
                     tr("%1: %2 exited with %3: %4")
                         .arg(what, quoteForMessage(program))
                         .arg(r.exitCode)
                         .arg(quoteForMessage(QString::fromUtf8(r.err.trimmed().right(300)))));
    return r;
}

Result<CloudServer> CommandProvider::parseCreateOutput(const QByteArray &output)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(output.trimmed(), &parseError);
    if (!doc.isObject())
        return Error(Error::Kind::Refused,
                     tr("the create command must print one JSON object {\"id\", \"ipv4\", "
                        "\"ipv6\"}; it printed %1")
                         .arg(quoteForMessage(QString::fromUtf8(output.trimmed().left(200)))),
                     QStringLiteral("create-command"));
    const QJsonObject o = doc.object();
    CloudServer s;
    const QJsonValue id = o.value(QLatin1String("id"));
    s.id = id.isDouble() ? QString::number(id.toInteger()) : id.toString();
    if (!idPattern().match(s.id).hasMatch())
        return Error::invalid(QStringLiteral("id"), s.id,
                              tr("the create command's id must be 1-128 letters, digits or "
                                 "._:/- starting with a letter or digit"));
    s.ipv4 = o.value(QLatin1String("ipv4")).toString();
    s.ipv6 = o.value(QLatin1String("ipv6")).toString();
    const QHostAddress v4(s.ipv4);
    if (s.ipv4.isEmpty() || v4.protocol() != QHostAddress::IPv4Protocol)
        return Error::invalid(QStringLiteral("ipv4"), s.ipv4,
                              tr("the create command must print the server's IPv4 address"));
    if (!s.ipv6.isEmpty() && QHostAddress(s.ipv6).protocol() != QHostAddress::IPv6Protocol)
        return Error::invalid(QStringLiteral("ipv6"), s.ipv6, tr("must be an IPv6 address"));
    s.status = QStringLiteral("booting");
    s.running = true;
    s.owned = true;
    return s;
}

Result<CloudServer> CommandProvider::create(const ServerSpec &spec)
{
    const QString what =
        tr("creating server %1 with %2").arg(quoteForMessage(spec.name), quoteForMessage(m_create));
    if (Status s = checkCredentials(); !s)
        return s.error();
    QTemporaryFile userData; // 0600: the user-data holds a private host key
    if (!userData.open() || userData.write(spec.userData) != spec.userData.size() ||
        !userData.flush())
        return Error(
            Error::Kind::Io,
            tr("%1: cannot write the user-data file: %2").arg(what, userData.errorString()));
    Result<Run> r = run(m_create, {spec.name, userData.fileName()}, what);
    if (!r)
        return r.error();
    Result<CloudServer> server = parseCreateOutput(r->out);
    if (!server)
        return server.error().prefixed(what);
    server->name = spec.name;
    return server;
}

Result<std::optional<CloudServer>> CommandProvider::server(const QString &id)
{
    CloudServer s;
    s.id = id;
    s.running = true;
    s.owned = true;
    return std::optional<CloudServer>(s);
}

Status CommandProvider::destroy(const QString &id)
{
    if (!idPattern().match(id).hasMatch())
        return Error::invalid(QStringLiteral("id"), id, tr("not a server id Kokoa recorded"));
    if (Status s = checkCredentials(); !s)
        return s;
    const QString what =
        tr("destroying server %1 with %2").arg(quoteForMessage(id), quoteForMessage(m_destroy));
    Result<Run> r = run(m_destroy, {id}, what);
    if (!r)
        return r.error();
    return {};
}

Result<QList<CloudServer>> CommandProvider::owned()
{
    return Error(Error::Kind::Refused,
                 tr("a command provider cannot list its servers: Kokoa's records are all there "
                    "is"));
}

} // namespace kokoa
