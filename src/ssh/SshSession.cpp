#include "ssh/SshSession.h"

#include "core/Logging.h"
#include "ssh/StallGuard.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>

#include <fcntl.h>
#include <libssh/libssh.h>
#include <libssh/sftp.h>

Q_LOGGING_CATEGORY(lcSsh, "kokoa.ssh")

namespace kokoa {
namespace {

constexpr int readChunk = 64 * 1024;
constexpr int pollMs = 50;
// How long past its timeout a command may block inside libssh.
constexpr int execBackstopGraceMs = 2000;
// Configuration files Kokoa reads back; far above any rendered one.
constexpr qsizetype maxDownloadBytes = 32 * 1024 * 1024;

void initialiseLibssh()
{
    static const int once = ssh_init();
    Q_UNUSED(once);
}

QByteArray local8(const QString &text)
{
    return text.toUtf8();
}

} // namespace

struct SshSession::Handles
{
    ssh_session session = nullptr;
    sftp_session sftp = nullptr;

    ~Handles()
    {
        if (sftp)
            sftp_free(sftp);
        if (session) {
            if (ssh_is_connected(session))
                ssh_disconnect(session);
            ssh_free(session);
        }
    }
};

SshSession::SshSession(SshTarget target)
    : m_target(std::move(target))
    , m_handles(std::make_unique<Handles>())
{}

SshSession::~SshSession() = default;

QString SshSession::where() const
{
    return m_target.toString();
}

Error SshSession::failure(const QString &what) const
{
    // libssh quotes the server's own words in some errors (a banner that is
    // not SSH, a disconnect's reason): another host's text, like its output.
    const QString detail = printable(QString::fromUtf8(ssh_get_error(m_handles->session)));
    return Error(Error::Kind::Remote, tr("%1: %2 failed: %3").arg(where(), what, detail));
}

Result<std::unique_ptr<SshSession>> SshSession::connect(const Options &options)
{
    initialiseLibssh();
    std::unique_ptr<SshSession> s(new SshSession(options.target));
    s->m_uploadTimeoutMs = options.uploadTimeoutMs;
    s->m_uploadStallMs = options.uploadStallMs;
    ssh_session session = ssh_new();
    if (!session)
        return Error(Error::Kind::Internal, tr("cannot create an SSH session"));
    s->m_handles->session = session;

    const QByteArray host = local8(options.target.host);
    const QByteArray user = local8(options.target.user);
    const unsigned int port = options.target.port;
    const long seconds = std::max(1, (options.connectTimeoutMs + 999) / 1000);
    const int no = 0;
    const int yes = 1;
    // Our own pinning replaces known_hosts; the user's ssh_config must not
    // change where or as whom Kokoa connects.
    ssh_options_set(session, SSH_OPTIONS_PROCESS_CONFIG, &no);
    ssh_options_set(session, SSH_OPTIONS_HOST, host.constData());
    ssh_options_set(session, SSH_OPTIONS_PORT, &port);
    ssh_options_set(session, SSH_OPTIONS_USER, user.constData());
    ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &seconds);
    ssh_options_set(session, SSH_OPTIONS_KNOWNHOSTS, "/dev/null");
    ssh_options_set(session, SSH_OPTIONS_GLOBAL_KNOWNHOSTS, "/dev/null");
    ssh_options_set(session, SSH_OPTIONS_NODELAY, &yes);

    if (ssh_connect(session) != SSH_OK)
        return s->failure(tr("connecting"));
    if (Status st = s->verifyHostKey(options.hostKey); !st)
        return st.error();
    if (Status st = s->authenticate(options); !st)
        return st.error();
    qCDebug(lcSsh) << "connected to" << s->where() << s->m_fingerprint;
    return s;
}

Status SshSession::verifyHostKey(const HostKeyCheck &check)
{
    ssh_key key = nullptr;
    if (ssh_get_server_publickey(m_handles->session, &key) != SSH_OK)
        return failure(tr("reading the host key"));
    unsigned char *hash = nullptr;
    size_t length = 0;
    const int rc = ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &length);
    ssh_key_free(key);
    if (rc != SSH_OK)
        return failure(tr("hashing the host key"));
    char *text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length);
    ssh_clean_pubkey_hash(&hash);
    m_fingerprint = QString::fromLatin1(text);
    ssh_string_free_char(text);

    if (check.pinned == m_fingerprint && !check.pinned.isEmpty())
        return {};
    if (check.pinned.isEmpty() && !check.acceptFingerprint.isEmpty()) {
        if (check.acceptFingerprint == m_fingerprint)
            return {};
        return Error(Error::Kind::HostKey,
                     tr("%1: the host key is %2, not the %3 you accepted; nothing was done")
                         .arg(where(), m_fingerprint, check.acceptFingerprint),
                     QString::fromLatin1(hostKeyField::notAccepted), m_fingerprint);
    }
    if (check.pinned.isEmpty() && check.trustOnFirstUse)
        return {};
    if (check.decide) {
        const HostKeyQuestion question{check.hostLabel.isEmpty() ? where() : check.hostLabel,
                                       where(), m_fingerprint, check.pinned};
        if (check.decide(question) == HostKeyDecision::Accept) {
            qCInfo(lcSsh) << "host key" << m_fingerprint << "of" << where() << "accepted"
                          << (check.pinned.isEmpty() ? "on first contact" : "replacing the pin");
            return {};
        }
    }
    return hostKeyRefused(check.pinned);
}

Error SshSession::hostKeyRefused(const QString &pinned) const
{
    if (!pinned.isEmpty()) {
        return Error(Error::Kind::HostKey,
                     tr("%1: the SSH host key CHANGED (pinned %2, offered %3). Kokoa refuses to "
                        "work with this host: someone may be intercepting the connection. If the "
                        "server was reinstalled, check the new key on it and repin it.")
                         .arg(where(), pinned, m_fingerprint),
                     QString::fromLatin1(hostKeyField::changed), m_fingerprint);
    }
    return Error(Error::Kind::HostKey,
                 tr("%1: first connection; the host key fingerprint is %2. Compare it with the "
                    "server's (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)")
                     .arg(where(), m_fingerprint),
                 QString::fromLatin1(hostKeyField::unknown), m_fingerprint);
}

Status SshSession::authenticate(const Options &options)
{
    ssh_session session = m_handles->session;
    if (!options.identityFile.isEmpty()) {
        ssh_key key = nullptr;
        if (ssh_pki_import_privkey_file(local8(options.identityFile).constData(), nullptr, nullptr,
                                        nullptr, &key) != SSH_OK) {
            return Error(Error::Kind::InvalidInput,
                         tr("identity: cannot read the private key %1").arg(options.identityFile),
                         QStringLiteral("identity"));
        }
        const int rc = ssh_userauth_publickey(session, nullptr, key);
        ssh_key_free(key);
        if (rc == SSH_AUTH_SUCCESS)
            return {};
        if (options.password.isEmpty()) {
            return Error(
                Error::Kind::Remote,
                tr("%1: the server refused the key %2").arg(where(), options.identityFile));
        }
    }
    if (!options.password.isEmpty()) {
        const int rc =
            ssh_userauth_password(session, nullptr, local8(options.password).constData());
        if (rc == SSH_AUTH_SUCCESS)
            return {};
        return Error(Error::Kind::Remote, tr("%1: the server refused the password").arg(where()));
    }
    return Error(Error::Kind::InvalidInput,
                 tr("%1: no key or password to log in with").arg(where()));
}

QString SshSession::quoteArgument(const QString &argument)
{
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

Result<QString> SshSession::commandLine(const QStringList &argv)
{
    if (argv.isEmpty())
        return Error(Error::Kind::Internal, tr("empty command"));
    QStringList quoted;
    for (const QString &arg : argv) {
        if (arg.contains(QLatin1Char('\n')) || arg.contains(QLatin1Char('\r')) ||
            arg.contains(QChar(0))) {
            return Error(Error::Kind::Internal,
                         tr("refusing a command argument with a line break or NUL"));
        }
        quoted.append(quoteArgument(arg));
    }
    return quoted.join(QLatin1Char(' '));
}

Result<ExecResult> SshSession::exec(const QStringList &argv, const QByteArray &standardInput,
                                    int timeoutMs, const std::atomic_bool *cancel, bool asRoot,
                                    qsizetype maxOutputBytes)
{
    // Opening the channel and writing stdin block inside libssh (up to its
    // own session timeout, or for good on a full window): a backstop a
    // little beyond the call's timeout, so the read loop's own deadline
    // (which keeps the session usable) normally wins.
    const int backstopMs = timeoutMs + execBackstopGraceMs;
    StallGuard guard(ssh_get_fd(m_handles->session), backstopMs, backstopMs);
    Result<ExecResult> r =
        execUnguarded(argv, standardInput, timeoutMs, cancel, asRoot, maxOutputBytes);
    if (r || !guard.fired())
        return r;
    return Error(Error::Kind::Timeout,
                 tr("%1: %2 did not finish within %3 s: the host stopped answering and the "
                    "connection was dropped")
                     .arg(where(), argv.value(0))
                     .arg(timeoutMs / 1000));
}

Result<ExecResult> SshSession::execUnguarded(const QStringList &argv,
                                             const QByteArray &standardInput, int timeoutMs,
                                             const std::atomic_bool *cancel, bool asRoot,
                                             qsizetype maxOutputBytes)
{
    QStringList full = argv;
    if (asRoot && !isRoot())
        full =
            QStringList{QStringLiteral("sudo"), QStringLiteral("-n"), QStringLiteral("--")} + argv;
    const Result<QString> command = commandLine(full);
    if (!command)
        return command.error();

    ssh_channel channel = ssh_channel_new(m_handles->session);
    if (!channel)
        return failure(tr("opening a channel"));
    const auto closeChannel = qScopeGuard([channel] {
        ssh_channel_close(channel);
        ssh_channel_free(channel);
    });
    const QString shown = argv.first();
    if (ssh_channel_open_session(channel) != SSH_OK)
        return failure(tr("opening a session for %1").arg(shown));
    if (ssh_channel_request_exec(channel, local8(*command).constData()) != SSH_OK)
        return failure(tr("starting %1").arg(shown));
    qsizetype written = 0;
    while (written < standardInput.size()) {
        const int n = ssh_channel_write(
            channel, standardInput.constData() + written,
            uint32_t(std::min<qsizetype>(standardInput.size() - written, readChunk)));
        if (n < 0)
            return failure(tr("sending input to %1").arg(shown));
        written += n;
    }
    ssh_channel_send_eof(channel);

    ExecResult result;
    QDeadlineTimer deadline(timeoutMs);
    char buffer[readChunk];
    while (true) {
        if (cancel && cancel->load())
            return Error(Error::Kind::Cancelled, tr("%1: %2 was cancelled").arg(where(), shown));
        if (deadline.hasExpired()) {
            return Error(
                Error::Kind::Timeout,
                tr("%1: %2 did not finish within %3 s").arg(where(), shown).arg(timeoutMs / 1000));
        }
        const int out = ssh_channel_read_timeout(channel, buffer, sizeof buffer, 0, pollMs);
        if (out == SSH_ERROR)
            return failure(tr("reading the output of %1").arg(shown));
        if (out > 0)
            result.standardOutput.append(buffer, out);
        const int err = ssh_channel_read_nonblocking(channel, buffer, sizeof buffer, 1);
        if (err == SSH_ERROR)
            return failure(tr("reading the errors of %1").arg(shown));
        if (err > 0)
            result.standardError.append(buffer, err);
        // Past the cap nothing more is read: the channel is closed on return
        // and the remote command gets SIGPIPE.
        if (result.standardOutput.size() + result.standardError.size() > maxOutputBytes) {
            qCWarning(lcSsh) << where() << shown << "exceeded the output limit of" << maxOutputBytes
                             << "bytes";
            return Error(Error::Kind::Remote,
                         tr("%1: %2 sent more than %3 bytes of output; Kokoa stopped reading "
                            "it and closed the channel")
                             .arg(where(), shown)
                             .arg(maxOutputBytes));
        }
        if (out <= 0 && err <= 0 && (ssh_channel_is_eof(channel) || ssh_channel_is_closed(channel)))
            break;
    }
    result.exitCode = ssh_channel_get_exit_status(channel);
    return result;
}

Status SshSession::sftpWriteGuarded(const QString &path, const QByteArray &content, int mode)
{
    // libssh's SFTP calls block without a deadline of their own.
    StallGuard guard(ssh_get_fd(m_handles->session), m_uploadTimeoutMs, m_uploadStallMs);
    const Status written = sftpWrite(path, content, mode, guard);
    if (written || !guard.fired())
        return written;
    return Error(Error::Kind::Timeout,
                 tr("%1: uploading %2 stopped: %3 (%4 s allowed in all, %5 s without progress); "
                    "the live file was not touched and the connection was dropped")
                     .arg(where(), path, guard.reason())
                     .arg(m_uploadTimeoutMs / 1000)
                     .arg(m_uploadStallMs / 1000));
}

Status SshSession::sftpWrite(const QString &path, const QByteArray &content, int mode,
                             StallGuard &guard)
{
    if (!m_handles->sftp) {
        m_handles->sftp = sftp_new(m_handles->session);
        if (!m_handles->sftp || sftp_init(m_handles->sftp) != SSH_OK) {
            if (m_handles->sftp) {
                sftp_free(m_handles->sftp);
                m_handles->sftp = nullptr;
            }
            return failure(tr("starting SFTP"));
        }
    }
    sftp_file file = sftp_open(m_handles->sftp, local8(path).constData(),
                               O_WRONLY | O_CREAT | O_TRUNC, mode_t(mode));
    if (!file)
        return failure(tr("creating %1").arg(path));
    qsizetype written = 0;
    while (written < content.size()) {
        const ssize_t n =
            sftp_write(file, content.constData() + written,
                       size_t(std::min<qsizetype>(content.size() - written, readChunk)));
        if (n < 0) {
            sftp_close(file);
            return failure(tr("writing %1").arg(path));
        }
        written += n;
        guard.progressed();
    }
    if (sftp_close(file) != SSH_OK)
        return failure(tr("closing %1").arg(path));
    if (sftp_chmod(m_handles->sftp, local8(path).constData(), mode_t(mode)) != SSH_OK)
        return failure(tr("setting the mode of %1").arg(path));
    return {};
}

Status SshSession::upload(const QString &remotePath, const QByteArray &content, int mode)
{
    if (!remotePath.startsWith(QLatin1Char('/')) || remotePath.contains(QLatin1String(".."))) {
        return Error(Error::Kind::Internal,
                     tr("refusing to upload to the relative or climbing path %1").arg(remotePath));
    }
    const QString staged = remotePath + QStringLiteral(".kokoa-new");
    const QString modeText = QString::number(mode, 8);
    if (isRoot()) {
        if (Status s = sftpWriteGuarded(staged, content, mode); !s)
            return s;
    } else {
        // A non-root user writes where it may, then sudo installs the file.
        const QString temporary =
            QStringLiteral("/tmp/kokoa-%1.upload")
                .arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
        if (Status s = sftpWriteGuarded(temporary, content, 0600); !s)
            return s;
        const Result<ExecResult> installed =
            run({QStringLiteral("install"), QStringLiteral("-m"), modeText, QStringLiteral("--"),
                 temporary, staged});
        (void)exec({QStringLiteral("rm"), QStringLiteral("-f"), QStringLiteral("--"), temporary},
                   {}, 30000, nullptr, false);
        if (!installed)
            return installed.error();
    }
    // rename(2) is atomic: the target is the old file or the whole new one.
    const Result<ExecResult> moved =
        run({QStringLiteral("mv"), QStringLiteral("-f"), QStringLiteral("--"), staged, remotePath});
    if (!moved)
        return moved.error();
    return {};
}

Result<std::optional<QByteArray>> SshSession::download(const QString &remotePath)
{
    const Result<ExecResult> r = exec({QStringLiteral("sh"), QStringLiteral("-c"),
                                       QStringLiteral("if [ -e \"$1\" ]; then exec cat -- \"$1\"; "
                                                      "else exit 3; fi"),
                                       QStringLiteral("kokoa-read"), remotePath},
                                      {}, defaultTimeoutMs, nullptr, true, maxDownloadBytes);
    if (!r)
        return r.error();
    if (r->exitCode == 3)
        return std::optional<QByteArray>();
    if (r->exitCode != 0) {
        return Error(Error::Kind::Remote,
                     tr("%1: reading %2 failed: %3").arg(where(), remotePath, r->diagnostics()));
    }
    return std::optional<QByteArray>(r->standardOutput);
}

Status SshSession::installAuthorizedKey(const QString &publicKeyLine)
{
    // The key arrives on stdin; the script is fixed text.
    const QString script =
        QStringLiteral("umask 077; mkdir -p \"$HOME/.ssh\" || exit 1; key=$(cat); "
                       "touch \"$HOME/.ssh/authorized_keys\" || exit 1; "
                       "grep -qxF -- \"$key\" \"$HOME/.ssh/authorized_keys\" || "
                       "printf '%s\\n' \"$key\" >> \"$HOME/.ssh/authorized_keys\"");
    const Result<ExecResult> r = exec({QStringLiteral("sh"), QStringLiteral("-c"), script},
                                      publicKeyLine.toUtf8() + '\n', 30000, nullptr, false);
    if (!r)
        return r.error();
    if (r->exitCode != 0) {
        return Error(Error::Kind::Remote,
                     tr("%1: installing Kokoa's key failed: %2").arg(where(), r->diagnostics()));
    }
    return {};
}

} // namespace kokoa
