#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// A simulated network of hosts for end-to-end tests, built by
// tests/e2e/world/kokoa-world (network, mount, UTS, IPC and PID namespaces
// per host; see that script for the topology).  Needs root and `ip netns`.
//
//     QString why;
//     auto world = NetWorld::create(&why);
//     if (!world)
//         QSKIP(qPrintable(why));
//     auto r = world->exec(QStringLiteral("desk"), {QStringLiteral("curl"), ...});
//
// Host names: router, origin, desk, dns, client, edge1..edgeN.
// The world is torn down by down() or the destructor.
class NetWorld final
{
public:
    struct ExecResult
    {
        int exitCode = -1; // -1 when the command did not start, crashed or timed out
        bool timedOut = false;
        QByteArray out;
        QByteArray err;
        bool ok() const { return exitCode == 0 && !timedOut; }
        // "exit 1: <stderr>" for test failure messages.
        QString describe() const;
    };

    // Brings up a world with `edges` edges.  `authorizedKeyFile` is a public
    // key authorised for root on every host's sshd; when empty, the world
    // makes an ed25519 key pair itself (see privateKeyFile()).  Returns
    // nullptr with *skipReason set when this machine cannot host a world
    // (not root, no `ip netns`, helpers missing) or bring-up failed.
    static std::unique_ptr<NetWorld> create(QString *skipReason, int edges = 2,
                                            const QString &authorizedKeyFile = {});
    ~NetWorld();
    Q_DISABLE_COPY_MOVE(NetWorld)

    // Runs a command inside `host` (all its namespaces; clean environment,
    // HOME=/root, a root login's PATH: prefix `env K=V` to add variables).
    ExecResult exec(const QString &host, const QStringList &args, const QByteArray &stdinData = {},
                    int timeoutMs = 30000) const;

    QStringList hosts() const;
    QStringList edges() const;
    QString address(const QString &host) const;            // public or LAN IPv4 address
    QString hostKeyFingerprint(const QString &host) const; // "SHA256:..."
    QString hostKey(const QString &host) const; // "ssh-ed25519 AAAA..." (known_hosts form)
    qint64 initPid(const QString &host) const;  // PID 1 of the host, as the machine sees it
    QString netns(const QString &host) const;   // `ip netns` name of the host

    // Where a file of the host is, seen from the machine (through the host's
    // init: /proc/<pid>/root/<path>).  Works for the private directories
    // (/etc, /run, /tmp, /var/log, /root/.ssh, ...) and reads or writes.
    QString hostPath(const QString &host, const QString &pathInHost) const;

    // Adds a public key line to root's authorized_keys on `host`.
    bool authorizeKey(const QString &host, const QByteArray &publicKeyLine) const;

    // Pulls or plugs the host's network cable (the far end of its link).
    bool setLink(const QString &host, bool up) const;

    // Key pair made by create() when no key file was given (else empty).
    QString privateKeyFile() const { return m_privateKey; }
    QString publicKeyFile() const { return m_publicKey; }
    QString stateDir() const { return m_state.path(); }
    QString value(const QString &key) const { return m_env.value(key); } // raw world.env

    // Tears the world down; true when nothing of it remains.  *error gets the
    // script's message otherwise.  Idempotent; the destructor calls it.
    bool down(QString *error = nullptr);

    static QString scriptPath();

private:
    NetWorld() = default;
    ExecResult runScript(const QStringList &args, const QByteArray &stdinData, int timeoutMs) const;
    bool loadEnv(QString *error);
    QString hostValue(const QString &host, const char *field) const;

    QTemporaryDir m_state;
    QHash<QString, QString> m_env;
    QString m_privateKey;
    QString m_publicKey;
    bool m_up = false;
};
