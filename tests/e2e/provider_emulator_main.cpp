// A VPS provider's API emulator (Hetzner Cloud, DigitalOcean or Vultr) as a
// program, for the end-to-end world: every server it creates is a real host
// of the world, brought up by world/spare-host from the user-data Kokoa sent
// (host key, authorised key) and taken down again when the server is
// deleted. It runs where kokoactl runs (desk), on 127.0.0.1 and a free port.
//
//   e2e_provider_emulator --kind hetzner|digitalocean|vultr --token-file F
//       --spare-host SCRIPT --spare-dir DIR [--work-dir D]
//
// Prints "listening PORT" once the socket is bound, then one line per
// server brought up or taken down.
#include "DigitalOceanEmulator.h"
#include "HetznerEmulator.h"
#include "VultrEmulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

void fail(const QString &message)
{
    std::fprintf(stderr, "e2e_provider_emulator: %s\n", qPrintable(message));
    std::exit(2);
}

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// The world's spare hosts behind the API's servers, through
// world/spare-host create|destroy (bounded: its own requests time out
// after 60 s).
class SpareHostPool
{
public:
    SpareHostPool(QString script, QString spareDir, QString workDir)
        : m_script(std::move(script))
        , m_spareDir(std::move(spareDir))
        , m_workDir(std::move(workDir))
    {}

    // A spare host configured from `userData` becomes server `id`; returns
    // its address, empty when none could be brought up.
    QString bringUp(const QString &id, const QString &name, const QByteArray &userData)
    {
        const QString file = m_workDir + s("/user-data-") + id;
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(userData) != userData.size())
            return {};
        f.close();
        bool ok = false;
        const QByteArray out = run({s("create"), m_spareDir, name, file}, &ok);
        QFile::remove(file); // it holds a private host key
        if (!ok)
            return {};
        const QJsonObject made = QJsonDocument::fromJson(out).object();
        m_spareIds.insert(id, made.value(QLatin1String("id")).toString());
        const QString ipv4 = made.value(QLatin1String("ipv4")).toString();
        say(s("server %1 (%2) is %3 at %4").arg(id, name, m_spareIds.value(id), ipv4));
        return ipv4;
    }

    void takeDown(const QString &id)
    {
        const QString spareId = m_spareIds.take(id);
        if (spareId.isEmpty())
            return;
        bool ok = false;
        run({s("destroy"), m_spareDir, spareId}, &ok);
        if (ok)
            say(s("server %1 (%2) taken down").arg(id, spareId));
    }

private:
    QByteArray run(const QStringList &args, bool *ok)
    {
        QProcess p;
        p.start(m_script, args);
        *ok = p.waitForFinished(90'000) && p.exitStatus() == QProcess::NormalExit &&
              p.exitCode() == 0;
        if (!*ok)
            say(s("spare-host ") + args.join(QLatin1Char(' ')) + s(" failed: ") +
                QString::fromUtf8(p.readAllStandardError()).trimmed());
        return p.readAllStandardOutput();
    }

    QString m_script;
    QString m_spareDir;
    QString m_workDir;
    QHash<QString, QString> m_spareIds; // the API's server id -> spare-host's id
};

// Wires an emulator's create and delete to the pool, starts it; returns
// its base URL (empty when it cannot listen).
template <typename Emulator, typename IdOf, typename NameOf>
QString serve(Emulator &emulator, SpareHostPool &pool, IdOf idOf, NameOf nameOf)
{
    emulator.assignAddresses([&pool, idOf, nameOf](const auto &server) {
        return pool.bringUp(idOf(server), nameOf(server), server.userData);
    });
    emulator.onDestroyed([&pool, idOf](const auto &server) { pool.takeDown(idOf(server)); });
    return emulator.start() ? emulator.baseUrl() : QString();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOptions({{s("kind"), s("hetzner, digitalocean or vultr"), s("kind")},
                  {s("token-file"), s("file with the accepted API token"), s("file")},
                  {s("spare-host"), s("world/spare-host"), s("script")},
                  {s("spare-dir"), s("the directory `spare-host serve` answers"), s("dir")},
                  {s("work-dir"), s("where user-data files go"), s("dir")}});
    p.process(app);

    QFile tokenFile(p.value(s("token-file")));
    if (!tokenFile.open(QIODevice::ReadOnly))
        fail(s("cannot read --token-file"));
    const QByteArray token = tokenFile.readAll().trimmed();
    const QString kind = p.value(s("kind"));
    const QString script = p.value(s("spare-host"));
    const QString spareDir = p.value(s("spare-dir"));
    if (token.isEmpty() || script.isEmpty() || spareDir.isEmpty())
        fail(s("--token-file, --spare-host and --spare-dir are needed"));
    SpareHostPool pool(script, spareDir,
                       p.value(s("work-dir")).isEmpty() ? QDir::tempPath()
                                                        : p.value(s("work-dir")));

    std::unique_ptr<HetznerEmulator> hetzner;
    std::unique_ptr<DigitalOceanEmulator> digitalOcean;
    std::unique_ptr<VultrEmulator> vultr;
    QString baseUrl;
    if (kind == QLatin1String("hetzner")) {
        hetzner = std::make_unique<HetznerEmulator>(token);
        baseUrl = serve(
            *hetzner, pool, [](const HetznerEmulator::Server &x) { return QString::number(x.id); },
            [](const HetznerEmulator::Server &x) { return x.name; });
    } else if (kind == QLatin1String("digitalocean")) {
        digitalOcean = std::make_unique<DigitalOceanEmulator>(token);
        baseUrl = serve(
            *digitalOcean, pool,
            [](const DigitalOceanEmulator::Droplet &x) { return QString::number(x.id); },
            [](const DigitalOceanEmulator::Droplet &x) { return x.name; });
    } else if (kind == QLatin1String("vultr")) {
        vultr = std::make_unique<VultrEmulator>(token);
        baseUrl = serve(
            *vultr, pool, [](const VultrEmulator::Instance &x) { return x.id; },
            [](const VultrEmulator::Instance &x) { return x.label; });
    } else {
        fail(s("--kind must be hetzner, digitalocean or vultr"));
    }
    if (baseUrl.isEmpty())
        fail(s("cannot listen"));
    say(s("listening %1")
            .arg(baseUrl.section(QLatin1Char(':'), 2).section(QLatin1Char('/'), 0, 0)));
    return app.exec();
}
