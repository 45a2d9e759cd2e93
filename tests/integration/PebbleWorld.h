#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QString>
#include <QTcpServer>
#include <QUrl>

#include <atomic>
#include <memory>

// Serves http-01 key authorizations on 127.0.0.1 for Pebble's validation.
// Answers may be placed from another thread (a renewal job's) while this
// one serves them.
class ChallengeHttpServer final : public QTcpServer
{
public:
    void place(const QString &token, const QString &keyAuthorization);
    void remove(const QString &token)
    {
        QMutexLocker lock(&m_mutex);
        m_answers.remove(token);
    }
    int placed() const
    {
        QMutexLocker lock(&m_mutex);
        return int(m_answers.size());
    }
    int answered() const { return m_answered.load(); }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    mutable QMutex m_mutex;
    QHash<QString, QByteArray> m_answers;
    std::atomic_int m_answered = 0;
};

// Debian's pebble and pebble-challtestsrv on loopback, configured by the test:
// names resolve to 127.0.0.1 through challtestsrv's DNS (no AAAA, so the
// validation reaches the test's IPv4 HTTP server), TXT records are set
// through its management API. Both processes are stopped by pid.
class PebbleWorld final
{
public:
    explicit PebbleWorld(QString directory);
    ~PebbleWorld();

    // Before start(): where Pebble resolves names (host:port; default
    // challtestsrv's DNS), and how often it reuses a valid authorization
    // (< 0: Pebble's default).
    void setDnsServer(const QString &hostPort) { m_dnsServer = hostPort; }
    void setAuthorizationReusePercent(int percent) { m_authzReusePercent = percent; }
    quint16 challengeManagementPort() const { return m_challengeManagementPort; }
    quint16 challengeDnsPort() const { return m_dnsPort; }

    // nonceRejectPercent < 0 keeps Pebble's default (5 %); validitySeconds
    // 0 keeps Pebble's default lifetime of its certificates.
    bool start(int nonceRejectPercent = -1, int validitySeconds = 0);
    const QString &error() const { return m_error; }

    QUrl directoryUrl() const;
    QString caBundle() const { return m_dir + QStringLiteral("/tls-ca.pem"); }
    QString wrongCaBundle() const { return m_dir + QStringLiteral("/other-ca.pem"); }
    quint16 unusedPort() const { return m_unusedPort; }
    ChallengeHttpServer &http() { return m_http; }

    // Bounded, blocking helpers for the test's own checks.
    QByteArray managementGet(const QString &path);
    bool setTxt(const QString &name, const QString &value);
    bool clearTxt(const QString &name);
    QByteArray log() const { return m_pebbleLog; }

private:
    bool startProcess(QProcess &process, const QString &program, const QStringList &arguments,
                      const QByteArray &readyMarker, QByteArray *log);
    QByteArray request(const QUrl &url, const QByteArray &postBody, bool *ok);
    static QList<quint16> freePorts(int count);

    QString m_dir;
    QString m_error;
    quint16 m_acmePort = 0;
    quint16 m_managementPort = 0;
    quint16 m_dnsPort = 0;
    quint16 m_challengeManagementPort = 0;
    quint16 m_unusedPort = 0;
    QString m_dnsServer;
    int m_authzReusePercent = -1;
    ChallengeHttpServer m_http;
    QProcess m_pebble;
    QProcess m_challtestsrv;
    QByteArray m_pebbleLog;
    QByteArray m_challLog;
    QNetworkAccessManager m_network;
};
