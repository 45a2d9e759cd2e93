// kokoa-watchdog: the health monitor and DNS failover without a desktop
// session. Same core as the GUI; holds the DNS lease while it runs and
// releases it on SIGTERM/SIGINT so another monitor can take over at once.
#include "app/AutoProfileSwitch.h"
#include "app/AutoReplacement.h"
#include "app/CertificateRenewer.h"
#include "core/DataDirectory.h"
#include "health/DnsActuator.h"
#include "health/Monitor.h"
#include "store/Store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    (void)!::write(g_signalPipe[1], &byte, 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("kokoa"));
    QLoggingCategory::setFilterRules(QStringLiteral("kokoa.*.debug=false"));
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "watchdog", "Kokoa watchdog: health monitoring and DNS failover"));
    parser.addHelpOption();
    const QCommandLineOption dataDirOption(
        QStringLiteral("data-dir"),
        QCoreApplication::translate("watchdog", "Kokoa's data directory"), QStringLiteral("dir"));
    parser.addOption(dataDirOption);
    parser.process(app);

    // An empty --data-dir or KOKOA_DATA_DIR is refused (exit 2, as kokoactl
    // does): the default directory may belong to another installation.
    const kokoa::Result<QString> chosen = kokoa::DataDirectory::choose(
        parser.isSet(dataDirOption) ? std::optional<QString>(parser.value(dataDirOption))
                                    : std::nullopt);
    if (!chosen) {
        err << "kokoa-watchdog: " << chosen.error().message() << Qt::endl;
        return 2;
    }
    const QString dataDir = *chosen;
    const QString database = kokoa::DataDirectory::databasePath(dataDir);
    if (!QFileInfo::exists(database)) {
        err << QCoreApplication::translate("watchdog",
                                           "kokoa-watchdog: no Kokoa configuration in %1")
                   .arg(dataDir)
            << Qt::endl;
        return 1;
    }
    auto store = kokoa::Store::open(database);
    if (!store) {
        err << "kokoa-watchdog: " << store.error().message() << Qt::endl;
        return 1;
    }

    kokoa::Monitor::Options options;
    options.component = QStringLiteral("watchdog");
    options.loadFetch = kokoa::LoadReader::sshFetch(dataDir);
    kokoa::Monitor monitor(**store, dataDir, std::make_unique<kokoa::ProviderDnsActuator>(dataDir),
                           options);

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) {
        err << "kokoa-watchdog: cannot set up signal handling" << Qt::endl;
        return 1;
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        monitor.stop(); // releases the DNS lease
        QCoreApplication::quit();
    });
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    // A monitor that can no longer write its database can neither act nor
    // report: exit so systemd shows the failure instead of a silent watchdog.
    QObject::connect(&monitor, &kokoa::Monitor::fatalError, &app, [&](const QString &text) {
        err << "kokoa-watchdog: " << text << Qt::endl;
        QCoreApplication::exit(1);
    });

    // Certificates are renewed by whichever monitor holds the DNS lease.
    // Fed only while this monitor holds the lease (it reads the load then).
    kokoa::AutoProfileSwitch autoProfile(**store, dataDir);
    QObject::connect(&monitor, &kokoa::Monitor::loadRead, &autoProfile,
                     &kokoa::AutoProfileSwitch::onLoad);
    // Edges down from every vantage are replaced (edges.auto_replace); an
    // automatic burn running at SIGTERM finishes first, or resumes after a
    // kill at the next start.
    kokoa::app::AutoReplacement autoReplace(**store, dataDir);
    autoReplace.follow(monitor);
    QObject::connect(
        &autoReplace, &kokoa::app::AutoReplacement::alertRaised, &app,
        [&err](const QString &text) { err << "kokoa-watchdog: " << text << Qt::endl; });
    kokoa::app::CertificateRenewer renewer(dataDir);
    QObject::connect(&monitor, &kokoa::Monitor::leaseChanged, &renewer,
                     [&renewer](bool held) { renewer.setLeaseHeld(held); });
    QObject::connect(
        &renewer, &kokoa::app::CertificateRenewer::alertRaised, &app,
        [&err](const QString &text) { err << "kokoa-watchdog: " << text << Qt::endl; });

    if (kokoa::Status s = monitor.start(); !s) {
        err << "kokoa-watchdog: " << s.error().message() << Qt::endl;
        return 1;
    }
    return QCoreApplication::exec();
}
