#pragma once

#include "core/Result.h"
#include "store/StatusStore.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>
#include <optional>

namespace kokoa {
class Store;
}

namespace kokoa::app {

// kokoa-watchdog as a systemd user service, kept running without a login
// session (linger): the unit file, enabling and starting it, its state.
class WatchdogService final
{
    Q_DECLARE_TR_FUNCTIONS(WatchdogService)

public:
    struct CommandResult
    {
        int code = -1; // -1: could not run or crashed
        QString output;
    };
    using CommandRunner =
        std::function<CommandResult(const QString &program, const QStringList &args)>;

    struct Options
    {
        QString unitDirectory; // where the user unit goes
        QString systemctl = QStringLiteral("systemctl");
        QString loginctl = QStringLiteral("loginctl");
        QString user; // for linger
        CommandRunner run;
    };

    // The user's systemd unit directory ($XDG_CONFIG_HOME/systemd/user), the
    // tools from PATH (or KOKOA_SYSTEMCTL / KOKOA_LOGINCTL) run as processes.
    static Options systemOptions();

    explicit WatchdogService(Options options);

    static QString unitName() { return QStringLiteral("kokoa-watchdog.service"); }
    static QString unitText(const QString &watchdogBinary, const QString &dataDir);
    QString unitPath() const;

    // Writes the unit, reloads systemd, enables and starts the service and
    // turns on linger.
    Status install(const QString &watchdogBinary, const QString &dataDir) const;

    struct Removal
    {
        // Stopping the service failed; the unit is removed all the same.
        std::optional<Error> disableFailed;
        // The unit file could not be removed.
        std::optional<Error> removeFailed;
    };
    // Nothing to do when no unit is installed.
    Removal uninstall() const;

    struct State
    {
        bool installed = false;
        QString service; // systemctl is-active's answer ("active", "inactive", …)
        std::optional<StatusStore::Heartbeat> heartbeat; // the watchdog's last one
        bool alive = false;                              // the heartbeat is recent enough
        qint64 ageMs = 0;                                // of the heartbeat
    };
    Result<State> state(Store &store) const;

private:
    Options m_options;
};

} // namespace kokoa::app
