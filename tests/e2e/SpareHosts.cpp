#include "SpareHosts.h"

#include "KokoaInWorld.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

} // namespace

SpareHosts::~SpareHosts()
{
    stop();
}

QString SpareHosts::start(const NetWorld &world, const QStringList &hosts)
{
    // The provider's directory must be visible from desk (the build tree is;
    // a host's /tmp is its own).
    m_dir = std::make_unique<QTemporaryDir>(QCoreApplication::applicationDirPath() +
                                            s("/spare-hosts-XXXXXX"));
    if (!m_dir->isValid())
        return s("cannot make the spare hosts' directory: ") + m_dir->errorString();
    m_serve.setProgram(s(KOKOA_E2E_SPARE_HOST_SCRIPT));
    m_serve.setArguments(
        QStringList{s("serve"), m_dir->path(), world.value(s("KOKOA_WORLD_STATE"))} + hosts);
    m_serve.setProcessChannelMode(QProcess::ForwardedChannels);
    m_serve.start();
    if (!m_serve.waitForStarted())
        return s("spare-host serve did not start: ") + m_serve.errorString();
    QDeadlineTimer deadline(30000);
    while (!QFile::exists(filePath(s("ready")))) {
        if (m_serve.state() == QProcess::NotRunning)
            return s("spare-host serve ended before it was ready");
        if (deadline.hasExpired())
            return s("spare-host serve was not ready within 30 s");
        m_serve.waitForFinished(100);
    }
    for (const QString &host : hosts) {
        if (state(host) != s("free"))
            return host + s(" is not free but ") + state(host);
    }
    return {};
}

void SpareHosts::stop()
{
    if (m_serve.state() != QProcess::Running)
        return;
    QFile(filePath(s("stop"))).open(QIODevice::WriteOnly);
    if (!m_serve.waitForFinished(5000)) {
        m_serve.kill();
        m_serve.waitForFinished(5000);
    }
}

QString SpareHosts::filePath(const QString &name) const
{
    return m_dir ? m_dir->filePath(name) : QString();
}

QJsonArray SpareHosts::servers() const
{
    QFile f(filePath(s("servers.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).array();
}

QString SpareHosts::state(const QString &host) const
{
    for (const QJsonValue &v : servers()) {
        if (v.toObject().value(s("host")).toString() == host)
            return v.toObject().value(s("state")).toString();
    }
    return {};
}

namespace KokoaInWorld {

QString setUpWithSpareProvider(const NetWorld &world, const SpareHosts &spares,
                               QByteArray *kokoaKey)
{
    QByteArray b64;
    const QString dnsError =
        startAuthoritativeDns(world, {s("example.com"), s("example.net")}, &b64);
    if (!dnsError.isEmpty())
        return dnsError;
    const auto init = kokoactl(world, {s("init"), s("--json")});
    if (!init.ok())
        return s("init: ") + init.describe();
    *kokoaKey =
        QJsonDocument::fromJson(init.out).object().value(s("ssh_public_key")).toString().toLatin1();
    if (!world.authorizeKey(s("origin"), *kokoaKey))
        return s("cannot authorise Kokoa's key on origin");
    if (!writePrivateHostFile(world, s("desk"), s("/tmp/tsig.key"), b64 + '\n'))
        return s("cannot write the TSIG key on desk");
    QList<QStringList> commands{
        {s("origin"), s("add"), s("home"), s("--ssh"), s("root@") + world.address(s("origin")),
         s("--accept-host-key"), world.hostKeyFingerprint(s("origin"))},
        {s("route"), s("add"), s("a.example.com"), s("--origin"), s("home"), s("--port"),
         s("8081")},
        {s("route"), s("add"), s("b.example.net"), s("--origin"), s("home"), s("--port"),
         s("8082")},
        {s("provider"), s("add"), s("spares"), s("--kind"), s("command"), s("--create-command"),
         spares.filePath(s("create-command")), s("--destroy-command"),
         spares.filePath(s("destroy-command"))},
    };
    for (const char *zone : {"example.com", "example.net"})
        commands.prepend({s("zone"), s("add"), QString::fromLatin1(zone), s("--provider"),
                          s("rfc2136"), s("--server"), dnsAddress(), s("--tsig-name"),
                          s("kokoa-key"), s("--tsig-secret-file"), s("/tmp/tsig.key")});
    for (const QStringList &command : commands) {
        const auto r = kokoactl(world, command);
        if (!r.ok())
            return command.join(u' ') + s(": ") + r.describe();
    }
    return {};
}

} // namespace KokoaInWorld
