#include "app/WatchdogService.h"

#include "app/AppLogging.h"
#include "store/Store.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace kokoa::app {
namespace {

// systemctl and loginctl can be replaced (tests have no systemd).
QString tool(const char *name, const char *overrideVariable)
{
    const QString overridden = qEnvironmentVariable(overrideVariable);
    return overridden.isEmpty() ? QString::fromLatin1(name) : overridden;
}

WatchdogService::CommandResult runProcess(const QString &program, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return {-1, WatchdogService::tr("%1 cannot be started").arg(program)};
    p.waitForFinished(60000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAll()).trimmed()};
}

// One word of an ExecStart= line: quoted, and with systemd's specifiers
// (%h) and variables ($HOME) escaped so the path is taken literally.
QString systemdQuote(const QString &path)
{
    QString q = path;
    q.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""))
        .replace(QLatin1Char('%'), QStringLiteral("%%"))
        .replace(QLatin1Char('$'), QStringLiteral("$$"));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

// A line break would end the ExecStart= line and start another directive.
Status fitsOnOneLine(const QString &field, const QString &path)
{
    const bool control = std::any_of(
        path.begin(), path.end(), [](QChar c) { return c.unicode() < 0x20 || c == QChar(0x7f); });
    if (!control)
        return {};
    return Error(Error::Kind::InvalidInput,
                 WatchdogService::tr("%1: a path with control characters (such as a line break) "
                                     "cannot go into a systemd unit")
                     .arg(field),
                 field, quoteForMessage(path));
}

} // namespace

WatchdogService::Options WatchdogService::systemOptions()
{
    Options o;
    o.unitDirectory = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
                      QStringLiteral("/systemd/user");
    o.systemctl = tool("systemctl", "KOKOA_SYSTEMCTL");
    o.loginctl = tool("loginctl", "KOKOA_LOGINCTL");
    o.user = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
    o.run = &runProcess;
    return o;
}

WatchdogService::WatchdogService(Options options)
    : m_options(std::move(options))
{
    if (!m_options.run)
        m_options.run = &runProcess;
}

QString WatchdogService::unitPath() const
{
    return m_options.unitDirectory + QLatin1Char('/') + unitName();
}

QString WatchdogService::unitText(const QString &watchdogBinary, const QString &dataDir)
{
    return QStringLiteral("# Written by kokoactl watchdog install.\n"
                          "[Unit]\n"
                          "Description=Kokoa watchdog: edge health monitoring and DNS failover\n"
                          "Wants=network-online.target\n"
                          "After=network-online.target\n"
                          "\n"
                          "[Service]\n"
                          "ExecStart=%1 --data-dir %2\n"
                          "Restart=on-failure\n"
                          "RestartSec=5\n"
                          "\n"
                          "[Install]\n"
                          "WantedBy=default.target\n")
        .arg(systemdQuote(watchdogBinary), systemdQuote(dataDir));
}

Status WatchdogService::install(const QString &watchdogBinary, const QString &dataDir) const
{
    if (Status s = fitsOnOneLine(QStringLiteral("data-dir"), dataDir); !s)
        return s;
    if (Status s = fitsOnOneLine(QStringLiteral("watchdog"), watchdogBinary); !s)
        return s;
    const QString path = unitPath();
    QDir().mkpath(m_options.unitDirectory);
    QSaveFile unit(path);
    const QByteArray text = unitText(watchdogBinary, dataDir).toUtf8();
    if (!unit.open(QIODevice::WriteOnly) || unit.write(text) != text.size() || !unit.commit())
        return Error(Error::Kind::Io, tr("cannot write %1: %2").arg(path, unit.errorString()), {},
                     path);

    const QList<std::pair<QString, QStringList>> steps{
        {m_options.systemctl, {QStringLiteral("--user"), QStringLiteral("daemon-reload")}},
        {m_options.systemctl,
         {QStringLiteral("--user"), QStringLiteral("enable"), QStringLiteral("--now"), unitName()}},
        // Linger: the user's services run without a login session.
        {m_options.loginctl, {QStringLiteral("enable-linger"), m_options.user}},
    };
    for (const auto &[program, args] : steps) {
        const CommandResult r = m_options.run(program, args);
        if (r.code != 0) {
            return Error(
                Error::Kind::Io,
                tr("%1 %2 failed: %3").arg(program, args.join(QLatin1Char(' ')), r.output));
        }
    }
    qCInfo(lcApp) << "watchdog service installed:" << path;
    return {};
}

WatchdogService::Removal WatchdogService::uninstall() const
{
    Removal removal;
    const QString path = unitPath();
    if (!QFileInfo::exists(path))
        return removal;
    const CommandResult stop =
        m_options.run(m_options.systemctl, {QStringLiteral("--user"), QStringLiteral("disable"),
                                            QStringLiteral("--now"), unitName()});
    if (stop.code != 0) {
        removal.disableFailed = Error(
            Error::Kind::Io, tr("systemctl --user disable --now failed: %1").arg(stop.output));
    }
    if (!QFile::remove(path)) {
        removal.removeFailed = Error(Error::Kind::Io, tr("cannot remove %1").arg(path), {}, path);
        return removal;
    }
    m_options.run(m_options.systemctl, {QStringLiteral("--user"), QStringLiteral("daemon-reload")});
    return removal;
}

Result<WatchdogService::State> WatchdogService::state(Store &store) const
{
    State s;
    s.installed = QFileInfo::exists(unitPath());
    s.service = s.installed
                    ? m_options
                          .run(m_options.systemctl,
                               {QStringLiteral("--user"), QStringLiteral("is-active"), unitName()})
                          .output
                    : QStringLiteral("inactive");
    const Result<QList<StatusStore::Heartbeat>> beats = StatusStore(store.database()).heartbeats();
    if (!beats)
        return beats.error();
    // A watchdog killed with -9 leaves its last beat ("acting") behind; the
    // age of the beat decides, as in the status report.
    const Result<Settings> settings = store.settings();
    const qint64 interval = settings ? settings->healthIntervalMs() : 2000;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const StatusStore::Heartbeat &b : *beats) {
        if (b.component != QLatin1String("watchdog"))
            continue;
        s.heartbeat = b;
        s.ageMs = now - b.atMs;
        s.alive = StatusStore::isAlive(b, now, interval);
    }
    return s;
}

} // namespace kokoa::app
