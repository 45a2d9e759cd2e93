#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace kokoa {

struct AcmeAccountRequest
{
    QStringList contacts; // "mailto:me@example.com"
    bool termsOfServiceAgreed = false;
};

struct AcmeOrderRequest
{
    QStringList names;                                 // dNSName identifiers, "*.x" for wildcards
    QString challengeType = QStringLiteral("http-01"); // or dns-01 (required for wildcards)
    QString profile;                                   // empty: the CA's default
    QString replaces;                                  // ARI certificate identifier being renewed
    QByteArray certificateKeyPem;                      // empty: a new P-256 key
};

// One challenge the caller places before the CA checks it: for http-01 the
// key authorization served at httpPath, for dns-01 the TXT value at dnsName.
struct AcmeChallengeTask
{
    QString identifier; // the name being validated, without "*."
    bool wildcard = false;
    QString type;
    QString token;
    QString keyAuthorization;
    QString httpPath() const { return QStringLiteral("/.well-known/acme-challenge/") + token; }
    QString dnsName() const { return QStringLiteral("_acme-challenge.") + identifier; }
    QString dnsTxtValue; // base64url(SHA-256(keyAuthorization))
};

struct AcmeCertificate
{
    QByteArray chainPem; // end-entity first, then the intermediates
    QByteArray keyPem;   // the certificate's private key (a secret)
    QUrl url;
    QUrl orderUrl;
};

// RFC 9773 4.2: when the CA suggests renewing.
struct AcmeRenewalInfo
{
    QDateTime windowStart;
    QDateTime windowEnd;
    QUrl explanation;
    qint64 retryAfterMs = 0; // when to ask again
};

} // namespace kokoa

Q_DECLARE_METATYPE(kokoa::AcmeChallengeTask)
