#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSslServer>
#include <QString>
#include <QUrl>

class QSslSocket;

// A small HTTPS ACME server on 127.0.0.1 for what Pebble 2.4.0 cannot show:
// a directory listing profiles and renewalInfo (RFC 9773), a rate limit with
// Retry-After, and a badNonce on demand. It records what clients sent.
class FakeAcmeServer final : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method;
        QString path;
        QJsonObject protectedHeader; // for JWS POSTs
        QJsonObject payload;
    };

    bool listen(const QString &certificatePem, const QString &keyPem);
    QUrl directoryUrl() const;

    bool hugeDirectory = false; // a directory answer larger than any ACME answer
    int rejectNonces = 0;       // the next N signed POSTs get badNonce
    int orderRetryAfterS = 120; // newOrder answers rateLimited with this Retry-After
    int renewalRetryAfterS = 3600;
    QList<Request> requests;
    QList<Request> requestsTo(const QString &path) const;

private:
    void serve(QSslSocket *socket);
    QByteArray answer(const QByteArray &method, const QString &path, const QByteArray &body);
    QByteArray response(int status, const QByteArray &body, const QList<QByteArray> &headers = {},
                        const QByteArray &contentType = "application/json");
    QByteArray problem(int status, const QString &type, const QString &detail,
                       const QList<QByteArray> &headers = {});

    QSslServer m_server;
    int m_nonce = 0;
};
