#pragma once

#include "acme/AcmeClient.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTest>

#include <functional>
#include <optional>

// Helpers shared by the ACME tests.

constexpr int kOperationWaitMs = 90000;

// Runs one client operation to its finished() signal, bounded.
inline std::optional<kokoa::Status> runToEnd(kokoa::AcmeClient &client,
                                             const std::function<void()> &operation,
                                             int timeoutMs = kOperationWaitMs)
{
    std::optional<kokoa::Status> result;
    const QMetaObject::Connection connection =
        QObject::connect(&client, &kokoa::AcmeClient::finished, &client,
                         [&result](const kokoa::Status &status) { result = status; });
    operation();
    const QDeadlineTimer deadline(timeoutMs);
    while (!result && !deadline.hasExpired())
        QTest::qWait(10);
    QObject::disconnect(connection);
    return result;
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

// Runs the openssl command line in directory; true when it exits 0.
bool runOpenSsl(const QStringList &arguments, const QString &directory, QString *output = nullptr);

// A test TLS CA (tls-ca.pem), a server certificate for 127.0.0.1 it signed
// (tls.pem, tls.key) and an unrelated CA (other-ca.pem) in directory.
bool makeTlsFiles(const QString &directory);
