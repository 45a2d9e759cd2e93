#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

// A real OpenSSH sshd on 127.0.0.1 and a free high port, with its own host
// key, authorized_keys and, in a private mount namespace, a test user
// "kokoatest" (password known to the test, passwordless sudo). Needs root.
class SshdFixture final
{
public:
    static constexpr const char *testUser = "kokoatest";
    static constexpr const char *testPassword = "correct horse battery staple";

    ~SshdFixture();

    // nullptr and a reason when this machine cannot run it.
    static std::unique_ptr<SshdFixture> start(QString *skipReason);

    quint16 port() const { return m_port; }
    QString directory() const { return m_dir.path(); }
    QString clientKey() const { return m_dir.filePath(QStringLiteral("client_key")); }
    QString hostKeyFingerprint() const { return m_fingerprint; }

    // Kills sshd and every session process it forked (SIGKILL).
    void killAll();
    // Restarts with a freshly generated host key (a "reinstalled" server).
    bool restartWithNewHostKey();
    // Sends `signal` to sshd and every session process (SIGSTOP: a server
    // that stops answering; SIGCONT: it answers again).
    void signalAll(int signal);
    // Pids of the session processes sshd forked.
    QList<qint64> sessionPids() const;

private:
    SshdFixture() = default;
    bool prepare(QString *why);
    bool launch(QString *why);
    bool makeHostKey(QString *why);

    QTemporaryDir m_dir;
    QProcess m_sshd;
    quint16 m_port = 0;
    QString m_fingerprint;
};
