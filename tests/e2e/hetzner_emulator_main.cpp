// The Hetzner Cloud API emulator as a program, for the end-to-end world:
// every server it creates is a real host of the world, brought up by
// world/spare-host from the user-data Kokoa sent (host key, authorised key)
// and taken down again when the server is deleted. It runs where kokoactl
// runs (desk), on 127.0.0.1 and a free port.
//
//   e2e_hetzner_emulator --token-file F --spare-host SCRIPT --spare-dir DIR
//       [--work-dir D]
//
// Prints "listening PORT" once the socket is bound, then one line per
// server brought up or taken down.
#include "HetznerEmulator.h"

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

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

void fail(const QString &message)
{
    std::fprintf(stderr, "e2e_hetzner_emulator: %s\n", qPrintable(message));
    std::exit(2);
}

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

// world/spare-host create|destroy, bounded: its own requests time out
// after 60 s.
QByteArray runSpareHost(const QString &script, const QStringList &args, bool *ok)
{
    QProcess p;
    p.start(script, args);
    *ok = p.waitForFinished(90'000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    if (!*ok)
        say(s("spare-host ") + args.join(QLatin1Char(' ')) + s(" failed: ") +
            QString::fromUtf8(p.readAllStandardError()).trimmed());
    return p.readAllStandardOutput();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOptions({{s("token-file"), s("file with the accepted API token"), s("file")},
                  {s("spare-host"), s("world/spare-host"), s("script")},
                  {s("spare-dir"), s("the directory `spare-host serve` answers"), s("dir")},
                  {s("work-dir"), s("where user-data files go"), s("dir")}});
    p.process(app);

    QFile tokenFile(p.value(s("token-file")));
    if (!tokenFile.open(QIODevice::ReadOnly))
        fail(s("cannot read --token-file"));
    const QByteArray token = tokenFile.readAll().trimmed();
    const QString script = p.value(s("spare-host"));
    const QString spareDir = p.value(s("spare-dir"));
    if (token.isEmpty() || script.isEmpty() || spareDir.isEmpty())
        fail(s("--token-file, --spare-host and --spare-dir are needed"));
    const QString workDir =
        p.value(s("work-dir")).isEmpty() ? QDir::tempPath() : p.value(s("work-dir"));

    HetznerEmulator emulator(token);
    QHash<qint64, QString> spareIds; // Hetzner server id -> spare-host's id
    emulator.assignAddresses([&](const HetznerEmulator::Server &server) -> QString {
        const QString userData = workDir + s("/user-data-") + QString::number(server.id);
        QFile f(userData);
        if (!f.open(QIODevice::WriteOnly) || f.write(server.userData) != server.userData.size())
            return {};
        f.close();
        bool ok = false;
        const QByteArray out =
            runSpareHost(script, {s("create"), spareDir, server.name, userData}, &ok);
        QFile::remove(userData); // it holds a private host key
        if (!ok)
            return {};
        const QJsonObject made = QJsonDocument::fromJson(out).object();
        spareIds.insert(server.id, made.value(QLatin1String("id")).toString());
        const QString ipv4 = made.value(QLatin1String("ipv4")).toString();
        say(s("server %1 (%2) is %3 at %4")
                .arg(server.id)
                .arg(server.name, spareIds.value(server.id), ipv4));
        return ipv4;
    });
    emulator.onDestroyed([&](const HetznerEmulator::Server &server) {
        const QString spareId = spareIds.take(server.id);
        if (spareId.isEmpty())
            return;
        bool ok = false;
        runSpareHost(script, {s("destroy"), spareDir, spareId}, &ok);
        if (ok)
            say(s("server %1 (%2) taken down").arg(server.id).arg(spareId));
    });
    if (!emulator.start())
        fail(s("cannot listen"));
    say(s("listening %1")
            .arg(emulator.baseUrl().section(QLatin1Char(':'), 2).section(QLatin1Char('/'), 0, 0)));
    return app.exec();
}
