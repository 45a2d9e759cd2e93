#pragma once

#include "ssh/RemoteShell.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QSet>
#include <QStringList>

#include <functional>
#include <optional>

namespace kokoa::test {

// A scripted, in-memory host for deployment unit tests.
//
// The host's file system is a map path → {content, mode} plus a set of
// directories. Every command is recorded, then answered by, in order:
// per-test overrides (first match wins), then small emulations of exactly
// the commands and `sh -c` scripts deployment uses. Anything else is an
// error naming the argv, and is remembered in unexpected(), which the tests
// check after every test function: an unknown command never succeeds
// silently.
//
// Services are modelled as flags (nginx running, the kokoa0 interface up,
// the kokoa firewall table loaded) together with the configuration each one
// was last (re)loaded from, so a test can tell what a host actually serves.
class FakeShell final : public RemoteShell
{
public:
    struct File
    {
        QByteArray content;
        int mode = 0644;
    };

    // Answers argv, or returns nullopt to let the next handler try.
    using Handler = std::function<std::optional<ExecResult>(const QStringList &argv,
                                                            const QByteArray &standardInput)>;

    // A Debian 12 host without systemd, with no packages installed.
    FakeShell();

    // --- RemoteShell ---
    QString where() const override { return QStringLiteral("root@fake-host"); }
    Result<ExecResult> exec(const QStringList &argv, const QByteArray &standardInput = {},
                            int timeoutMs = defaultTimeoutMs,
                            const std::atomic_bool *cancel = nullptr, bool asRoot = true,
                            qsizetype maxOutputBytes = defaultMaxOutputBytes) override;
    Status upload(const QString &remotePath, const QByteArray &content, int mode) override;
    Result<std::optional<QByteArray>> download(const QString &remotePath) override;

    // --- Setting the host up ---
    void setOsRelease(const QByteArray &text)
    {
        writeFile(QStringLiteral("/etc/os-release"), text);
    }
    void setSystemd(bool on);
    void installPackages(const QStringList &packages);
    // false: `apt-get install` fails until `apt-get update` has run.
    void setPackageListsFresh(bool fresh) { m_packageListsFresh = fresh; }
    void writeFile(const QString &path, const QByteArray &content, int mode = 0644);
    void removeFile(const QString &path) { m_files.remove(path); }
    void makeDirectory(const QString &path);

    // The private key `wg genkey` makes on this host, and its public key.
    QByteArray privateKey() const { return m_privateKey; }
    static QByteArray publicKeyOf(const QByteArray &privateKey);

    // Per-test answers. prefix matches the start of the argv.
    void addHandler(Handler handler) { m_handlers.append(std::move(handler)); }
    void answer(const QStringList &prefix, int exitCode, const QByteArray &standardError = {},
                const QByteArray &standardOutput = {});
    void removeAnswers() { m_handlers.clear(); }

    // --- Services ---
    bool nginxRunning = false;
    bool wireGuardUp = false;
    bool firewallLoaded = false;
    std::optional<QByteArray> nginxServing;    // config at the last start/reload
    std::optional<QByteArray> wireGuardLoaded; // config at the last up/restart/syncconf
    std::optional<QByteArray> firewallActive;  // ruleset at the last nft -f
    // Peers (public keys) of the loaded interface that never handshake.
    QSet<QString> silentPeers;
    // The host's clock for `date +%s`.
    qint64 now = 1700000000;
    // The deployment lock (HostLock): when it was taken and by whom.
    std::optional<qint64> lockTakenAt;
    QByteArray lockOwner;

    // --- What happened ---
    std::optional<File> file(const QString &path) const;
    bool exists(const QString &path) const { return m_files.contains(path); }
    bool isDirectory(const QString &path) const { return m_dirs.contains(path); }
    QStringList paths() const { return m_files.keys(); }
    const QList<QStringList> &commands() const { return m_commands; }
    const QStringList &uploads() const { return m_uploads; }
    // Every byte the host sent back: download() contents and command output.
    const QList<QByteArray> &returned() const { return m_returned; }
    const QStringList &unexpected() const { return m_unexpected; }
    void clearLog();

    // How many recorded commands start with prefix.
    int count(const QStringList &prefix) const;
    // Index of the first recorded command starting with prefix, or -1.
    int indexOf(const QStringList &prefix, int from = 0) const;
    static QString show(const QStringList &argv);

    // The scripts deployment runs through `sh -c`, verbatim: a change there
    // makes these tests fail until the emulation is checked against it.
    static QString keyScript();
    static QString dryRunKeyScript();
    static QString keyTransformScript();
    static QString nginxPidScript();
    static QString wireGuardSyncScript();
    static QString wireGuardCheckScript();
    static QString wireGuardStateScript();
    static QString handshakeScript();
    static QString lockScript();

private:
    std::optional<ExecResult> emulate(const QStringList &argv, const QByteArray &standardInput);
    std::optional<ExecResult> emulateShellScript(const QStringList &argv);
    std::optional<ExecResult> emulateSystemctl(const QStringList &argv);
    std::optional<ExecResult> emulateWireGuard(const QStringList &argv);
    std::optional<ExecResult> emulateNginx(const QStringList &argv);
    std::optional<ExecResult> emulatePackages(const QStringList &argv);
    std::optional<ExecResult> emulateFiles(const QStringList &argv);
    // nullopt when `package` is installed, else "command not found".
    std::optional<ExecResult> requirePackage(const QString &package, const QString &command) const;
    bool parentExists(const QString &path) const;
    std::optional<ExecResult> stripWireGuard(const QString &path) const;
    std::optional<ExecResult> emulateTunnelState(const QString &script);

    QMap<QString, File> m_files;
    QSet<QString> m_dirs;
    QSet<QString> m_packages;
    bool m_systemd = false;
    bool m_packageListsFresh = true;
    QByteArray m_privateKey;
    QList<Handler> m_handlers;
    QList<QStringList> m_commands;
    QStringList m_uploads;
    QList<QByteArray> m_returned;
    QStringList m_unexpected;
};

ExecResult exitWith(int exitCode, const QByteArray &standardError = {},
                    const QByteArray &standardOutput = {});

} // namespace kokoa::test
