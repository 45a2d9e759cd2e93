#pragma once

#include "core/Result.h"
#include "core/SshTarget.h"
#include "ssh/HostKeyCheck.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace kokoa {

struct ExecResult
{
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
};

// One authenticated SSH connection (libssh). Every call blocks, so sessions
// live on worker threads (see SshWorker); never on the GUI thread.
//
// Commands are argument lists of fixed strings chosen by Kokoa; each argument
// is quoted for the remote shell and none may contain a newline or NUL. Data
// that comes from users or renderers travels as stdin or as SFTP files.
class SshSession final
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
    };

    ~SshSession();

    static Result<std::unique_ptr<SshSession>> connect(const Options &options);

    const SshTarget &target() const { return m_target; }
    // The server's SHA256 fingerprint, as pinned ("SHA256:…").
    const QString &hostKeyFingerprint() const { return m_fingerprint; }
    bool isRoot() const { return m_target.user == QLatin1String("root"); }

    // Runs argv (prefixed with `sudo -n` for non-root users when asRoot).
    Result<ExecResult> exec(const QStringList &argv, const QByteArray &standardInput = {},
                            int timeoutMs = 120000, const std::atomic_bool *cancel = nullptr,
                            bool asRoot = true);
    // Like exec, but a non-zero exit status is an Error that quotes stderr.
    Result<ExecResult> run(const QStringList &argv, const QByteArray &standardInput = {},
                           int timeoutMs = 120000, const std::atomic_bool *cancel = nullptr);

    // Writes a file completely under a staging name, then renames it over
    // the target: readers see the old file or the new one, never a part.
    Status upload(const QString &remotePath, const QByteArray &content, int mode);
    // The file's content, or nullopt if it does not exist.
    Result<std::optional<QByteArray>> download(const QString &remotePath);

    // Appends Kokoa's public key to the user's authorized_keys if missing.
    Status installAuthorizedKey(const QString &publicKeyLine);

    static QString quoteArgument(const QString &argument);
    static Result<QString> commandLine(const QStringList &argv);

private:
    struct Handles;
    explicit SshSession(SshTarget target);

    Status verifyHostKey(const HostKeyCheck &check);
    Status authenticate(const Options &options);
    Status sftpWrite(const QString &path, const QByteArray &content, int mode);
    Error failure(const QString &what) const;
    QString where() const;

    SshTarget m_target;
    QString m_fingerprint;
    std::unique_ptr<Handles> m_handles;
};

} // namespace kokoa
