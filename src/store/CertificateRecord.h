#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QStringList>

namespace kokoa {

// One certificate lineage the control plane holds: named by its first
// hostname, the chain in the database, the private key a secret.
struct CertificateRecord
{
    QString name;      // the lineage: the first of names
    QStringList names; // every dNSName it covers
    QString issuer;    // the issuer's common name (or organisation)
    QString profile;   // the ACME profile it was ordered with; "" = the CA's default
    QDateTime notBefore;
    QDateTime notAfter;
    QString serial; // lowercase hex
    // RFC 9773: the certificate's ARI identifier and the window the CA last
    // suggested (invalid dates: not known).
    QString ariId;
    QDateTime ariWindowStart;
    QDateTime ariWindowEnd;
    QString directoryUrl;  // the CA that issued it; "" = placed by hand
    QByteArray chainPem;   // end-entity first
    QString keySecret;     // SecretStore name of the private key ("" for a file)
    bool fromFile = false; // read from <data dir>/certificates/<name>/ (placed by hand)
};

// The certificate and key one host receives for a lineage.
struct CertificateMaterial
{
    QString name;
    QString serial; // "" for a certificate placed by hand
    QByteArray chainPem;
    QByteArray keyPem;
};

// The ACME account certificates are ordered with.
struct AcmeAccountRecord
{
    QString directoryUrl;
    QString caBundle; // PEM file trusted for the directory's TLS; "" = the system's
    QString email;
    QString accountUrl; // "" until registered
    QString keySecret;  // SecretStore name of the account key
};

} // namespace kokoa
