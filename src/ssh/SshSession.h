#pragma once

#include "core/Result.h"
#include "core/SshTarget.h"
#include "ssh/HostKeyCheck.h"
#include "ssh/RemoteShell.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace kokoa {

class StallGuard;

// One authenticated SSH connection (libssh). Every call blocks, so sessions
// live on worker threads (see SshWorker); never on the GUI thread.
//
// Commands are argument lists of fixed strings chosen by Kokoa; each argument
// is quoted for the remote shell and none may contain a newline or NUL. Data
// that comes from users or renderers travels as stdin or as SFTP files.
class SshSession final : public RemoteShell
{
    Q_DECLARE_TR_FUNCTIONS(SshSession)
    Q_DISABLE_COPY_MOVE(SshSession)

public:
    struct Options
    {
        SshTarget target;
        QString identityFile; // private key; empty when only a password is given
        QString password;     // used once, to install Kokoa's key
        HostKeyCheck hostKey;
        int connectTimeoutMs = 10000;
        // An upload fails (the live file untouched) when it takes longer
        // than uploadTimeoutMs in all, or when no write goes through for
        // uploadStallMs: a host that stops answering must not block forever.
        int uploadTimeoutMs = 300000;
        int uploadStallMs = 30000;
    };

    ~SshSession() override;

    static Result<std::unique_ptr<SshSession>> connect(const Options &options);

    const SshTarget &target() const { return m_target; }
    // The server's SHA256 fingerprint, as pinned ("SHA256:…").
    const QString &hostKeyFingerprint() const { return m_fingerprint; }
    bool isRoot() const { return m_target.user == QLatin1String("root"); }

    QString where() const override;
    Result<ExecResult> exec(const QStringList &argv, const QByteArray &standardInput = {},
                            int timeoutMs = defaultTimeoutMs,
                            const std::atomic_bool *cancel = nullptr, bool asRoot = true,
                            qsizetype maxOutputBytes = defaultMaxOutputBytes) override;
    // Writes a file completely under a staging name, then renames it over
    // the target: readers see the old file or the new one, never a part.
    Status upload(const QString &remotePath, const QByteArray &content, int mode) override;
    Result<std::optional<QByteArray>> download(const QString &remotePath) override;

    // Appends Kokoa's public key to the user's authorized_keys if missing.
    Status installAuthorizedKey(const QString &publicKeyLine);

    static QString quoteArgument(const QString &argument);
    static Result<QString> commandLine(const QStringList &argv);

private:
    struct Handles;
    explicit SshSession(SshTarget target);

    Status verifyHostKey(const HostKeyCheck &check);
    Error hostKeyRefused(const QString &pinned) const;
    Status authenticate(const Options &options);
    Status sftpWrite(const QString &path, const QByteArray &content, int mode, StallGuard &guard);
    Result<ExecResult> execUnguarded(const QStringList &argv, const QByteArray &standardInput,
                                     int timeoutMs, const std::atomic_bool *cancel, bool asRoot,
                                     qsizetype maxOutputBytes);
    Status sftpWriteGuarded(const QString &path, const QByteArray &content, int mode);
    Error failure(const QString &what) const;

    SshTarget m_target;
    int m_uploadTimeoutMs = 300000;
    int m_uploadStallMs = 30000;
    QString m_fingerprint;
    std::unique_ptr<Handles> m_handles;
};

} // namespace kokoa
