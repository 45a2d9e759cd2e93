// The Cloudflare emulator as a program, for the end-to-end world: it serves
// the API on a given address inside a host and mirrors every zone's A/AAAA
// records into a real DNS server over RFC 2136 (nsupdate + TSIG) after each
// change, before the API reply goes out, so `dig` sees what the API holds.
//
//   e2e_cloudflare_emulator --listen 203.0.113.53 --port 8443 --token-file F
//       --zone example.com [--zone ...] --mirror-server 203.0.113.53
//       --tsig-name kokoa-key --tsig-secret-file F --request-log F
//       [--control-file F]
//
// Each handled request is appended to the request log as one JSON line
// (method, path, query, status, authorized, body). "listening" goes to
// stdout once the socket is bound.
//
// Faults are switched at run time through the control file: whoever wants a
// change writes it (atomically, by rename); the emulator applies its lines
// within 100 ms and deletes it. Lines: "latency MS", "fail429 COUNT
// RETRY_AFTER_S", "fail5xx COUNT STATUS", "failbatch COUNT" (the next COUNT
// batches fail whole), "clear" (no faults).
#include "CloudflareEmulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

namespace {

QString s(const char *latin1)
{
    return QString::fromLatin1(latin1);
}

QByteArray readTrimmed(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll().trimmed();
}

void fail(const QString &message)
{
    std::fprintf(stderr, "e2e_cloudflare_emulator: %s\n", qPrintable(message));
    std::exit(2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOptions(
        {{s("listen"), s("address to listen on"), s("address")},
         {s("port"), s("port to listen on"), s("port")},
         {s("token-file"), s("file with the accepted API token"), s("file")},
         {s("zone"), s("zone to serve (repeatable)"), s("name")},
         {s("mirror-server"), s("DNS server to mirror records into"), s("address")},
         {s("tsig-name"), s("TSIG key name"), s("name")},
         {s("tsig-secret-file"), s("file with the base64 hmac-sha256 secret"), s("file")},
         {s("request-log"), s("JSON-lines log of handled requests"), s("file")},
         {s("control-file"), s("file of fault commands, applied then deleted"), s("file")}});
    p.process(app);

    const QByteArray token = readTrimmed(p.value(s("token-file")));
    if (token.isEmpty())
        fail(s("no token (--token-file)"));
    CloudflareEmulator emulator(token);
    for (const QString &zone : p.values(s("zone")))
        emulator.addZone(zone);

    const QString mirrorServer = p.value(s("mirror-server"));
    const QByteArray tsigSecret =
        mirrorServer.isEmpty() ? QByteArray() : readTrimmed(p.value(s("tsig-secret-file")));
    if (!mirrorServer.isEmpty() && tsigSecret.isEmpty())
        fail(s("--mirror-server needs --tsig-secret-file"));
    const QString tsigName =
        p.value(s("tsig-name")).isEmpty() ? s("kokoa-key") : p.value(s("tsig-name"));

    // Names mirrored so far per zone, so removed names are deleted too.
    QHash<QString, QSet<QString>> mirrored;
    QObject::connect(
        &emulator, &CloudflareEmulator::recordsChanged, &app, [&](const QString &zoneId) {
            if (mirrorServer.isEmpty())
                return;
            const QString zone = emulator.zoneName(zoneId);
            QSet<QString> names = mirrored.value(zoneId);
            QByteArray adds;
            QSet<QString> current;
            for (const CloudflareEmulator::Record &r : emulator.records(zoneId)) {
                if (r.type != QLatin1String("A") && r.type != QLatin1String("AAAA"))
                    continue;
                current.insert(r.name);
                const int ttl = r.ttl == 1 ? 60 : r.ttl; // 1 = "automatic"
                adds += "update add " + r.name.toLatin1() + ". " + QByteArray::number(ttl) + ' ' +
                        r.type.toLatin1() + ' ' + r.content.toLatin1() + '\n';
            }
            names.unite(current);
            QByteArray script =
                "server " + mirrorServer.toLatin1() + " 53\nzone " + zone.toLatin1() + ".\n";
            for (const QString &name : std::as_const(names))
                script += "update delete " + name.toLatin1() + ". A\nupdate delete " +
                          name.toLatin1() + ". AAAA\n";
            script += adds + "send\n";
            QProcess nsupdate;
            nsupdate.start(s("/usr/bin/nsupdate"),
                           {s("-y"), s("hmac-sha256:") + tsigName + QLatin1Char(':') +
                                         QString::fromLatin1(tsigSecret)});
            bool ok = nsupdate.waitForStarted(5000);
            if (ok) {
                nsupdate.write(script);
                nsupdate.closeWriteChannel();
                ok = nsupdate.waitForFinished(15000) &&
                     nsupdate.exitStatus() == QProcess::NormalExit && nsupdate.exitCode() == 0;
            }
            if (ok) {
                mirrored.insert(zoneId, current);
                std::printf("mirrored %s: %d name(s)\n", qPrintable(zone), int(current.size()));
            } else {
                std::fprintf(stderr, "mirror of %s failed: %s%s\n", qPrintable(zone),
                             nsupdate.readAllStandardError().constData(),
                             qPrintable(nsupdate.errorString()));
            }
            std::fflush(stdout);
            std::fflush(stderr);
        });

    QFile log(p.value(s("request-log")));
    if (!log.fileName().isEmpty() && !log.open(QIODevice::WriteOnly | QIODevice::Append))
        fail(s("cannot open the request log ") + log.fileName());
    QObject::connect(&emulator, &CloudflareEmulator::requestHandled, &app, [&] {
        if (!log.isOpen())
            return;
        const CloudflareEmulator::Request r = emulator.requests().constLast();
        const QJsonDocument body = QJsonDocument::fromJson(r.body);
        const QJsonObject line{{s("method"), QString::fromLatin1(r.method)},
                               {s("path"), r.path},
                               {s("query"), r.query},
                               {s("status"), r.status},
                               {s("authorized"), r.authorized},
                               {s("body"), body.isObject()
                                               ? QJsonValue(body.object())
                                               : QJsonValue(QString::fromUtf8(r.body))}};
        log.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
        log.flush();
    });

    const QString controlFile = p.value(s("control-file"));
    QTimer control;
    QObject::connect(&control, &QTimer::timeout, &app, [&] {
        QFile f(controlFile);
        if (!f.open(QIODevice::ReadOnly))
            return;
        const QList<QByteArray> lines = f.readAll().split('\n');
        f.close();
        f.remove();
        for (const QByteArray &line : lines) {
            const QList<QByteArray> w = line.simplified().split(' ');
            const int a = w.value(1).toInt();
            const int b = w.value(2).toInt();
            if (w.value(0) == "latency") {
                emulator.setLatencyMs(a);
            } else if (w.value(0) == "fail429") {
                emulator.failWith429(a, b);
            } else if (w.value(0) == "fail5xx") {
                emulator.failWith5xx(a, b);
            } else if (w.value(0) == "failbatch") {
                emulator.failBatches(a);
            } else if (w.value(0) == "clear") {
                emulator.setLatencyMs(0);
                emulator.failWith429(0, 0);
                emulator.failWith5xx(0);
                emulator.failBatches(0);
            } else if (!line.trimmed().isEmpty()) {
                std::fprintf(stderr, "unknown control line: %s\n", line.constData());
                continue;
            }
            std::printf("control: %s\n", line.constData());
        }
        std::fflush(stdout);
        std::fflush(stderr);
    });
    if (!controlFile.isEmpty())
        control.start(100);

    const QHostAddress address(p.value(s("listen")).isEmpty() ? s("127.0.0.1")
                                                              : p.value(s("listen")));
    bool portOk = false;
    const uint port = p.value(s("port")).toUInt(&portOk);
    if (!portOk || port > 65535)
        fail(s("--port must be 0..65535"));
    if (!emulator.start(address, quint16(port)))
        fail(s("cannot listen on ") + address.toString() + QLatin1Char(':') +
             QString::number(port));
    std::printf("listening %s\n", qPrintable(emulator.baseUrl()));
    std::fflush(stdout);
    return app.exec();
}
