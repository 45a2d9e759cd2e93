#pragma once

#include <QByteArray>
#include <QElapsedTimer>
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
        qint64 atMs = 0; // since the server started
    };

    bool listen(const QString &certificatePem, const QString &keyPem);
    QUrl directoryUrl() const;

    bool hugeDirectory = false; // a directory answer larger than any ACME answer
    int rejectNonces = 0;       // the next N signed POSTs get badNonce
    int orderRetryAfterS = 120; // newOrder answers rateLimited with this Retry-After
    // Instead of the rate limit, a whole order whose one authorization is
    // already valid; after finalize the order stays "processing" for
    // processingPolls polls, each answer carrying processingRetryAfterS.
    bool issueOrders = false;
    int processingPolls = 1;
    int processingRetryAfterS = 1;
    QByteArray chainPem;
    int renewalRetryAfterS = 3600;
    // The suggestedWindow renewalInfo answers with (RFC 9773 4.2).
    QString renewalStart = QStringLiteral("2026-01-01T00:00:00Z");
    QString renewalEnd = QStringLiteral("2026-01-02T12:00:00Z");
    QList<Request> requests;
    QList<Request> requestsTo(const QString &path) const;

private:
    void serve(QSslSocket *socket);
    QByteArray answer(const QByteArray &method, const QString &path, const QByteArray &body);
    QByteArray response(int status, const QByteArray &body, const QList<QByteArray> &headers = {},
                        const QByteArray &contentType = "application/json");
    QByteArray problem(int status, const QString &type, const QString &detail,
                       const QList<QByteArray> &headers = {});

    QByteArray order(const QString &base, const QString &status);

    QSslServer m_server;
    QElapsedTimer m_clock;
    int m_nonce = 0;
};
