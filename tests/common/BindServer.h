#pragma once

#include <QByteArray>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace kokoa::test {

// A real BIND9 name server (named) for zone example.test, listening on
// 127.0.0.1 and a free port, with a private configuration in a directory the
// caller owns. Stopped (by its pid) when destroyed.
class BindServer
{
public:
    static inline const QString zone = QStringLiteral("example.test");

    explicit BindServer(QString directory);
    ~BindServer();
    BindServer(const BindServer &) = delete;
    BindServer &operator=(const BindServer &) = delete;

    // Makes one hmac-sha256 TSIG key per name with tsig-keygen (the first may
    // update the zone, the others are only known to the server), writes the
    // zone (SOA, NS, ns1 at 127.0.0.1, then records) and starts named. Empty
    // once named answers for the zone (bounded wait), else why not; a missing
    // program names installer/install-deps.sh, which installs it.
    QString start(const QByteArray &records,
                  const QStringList &keyNames = {QStringLiteral("kokoa-key")});

    quint16 port() const { return m_port; }
    bool running() const { return m_named.state() == QProcess::Running; }
    // tsig-keygen's output for a key: a key statement, what nsupdate -k reads.
    QString keyStatement(const QString &keyName) const { return m_keys.value(keyName); }
    // The key's base64 secret.
    QByteArray secret(const QString &keyName) const;
    // `dig +short` over TCP against this server, lines sorted.
    QStringList dig(const QString &name, const QString &type) const;

private:
    QString writeFiles(const QByteArray &records) const;
    bool waitUntilAnswering();

    QString m_directory;
    QString m_dig;
    quint16 m_port = 0;
    QMap<QString, QString> m_keys; // name -> key statement
    QStringList m_keyOrder;
    QProcess m_named;
};

} // namespace kokoa::test
